// Parse errors in plain words: a short headline per error code over the parser's own sentence
// (which already says what to do); a fallback sentence when the parser gave none.
import type { ParseError, ParseErrorCode } from "../../filing/types";

const HEADLINES: Record<ParseErrorCode, string> = {
  empty: "There is nothing to parse",
  binary: "This is not a text filing",
  "too-large": "This input is too large",
  "no-statements": "No financial statements were found",
  ambiguous: "The statements could not be told apart",
  truncated: "The filing looks cut off",
  internal: "Something went wrong while parsing",
};

const FALLBACKS: Record<ParseErrorCode, string> = {
  empty: "Paste a filing into the box, open an .htm or .txt file, or load the sample filing.",
  binary: "Open the filing's .htm or .txt document from EDGAR, not a PDF, Word or image file.",
  "too-large": "Paste only the press release or the financial statements.",
  "no-statements": "Paste the whole press release or report, including the statement tables.",
  ambiguous: "Paste only the exhibit that holds the statements you want.",
  truncated: "Copy the whole document again: select all before copying.",
  internal: "Try again; if it keeps failing, report this filing.",
};

export interface ErrorWords {
  headline: string;
  /** What happened and what to do, in the parser's words when it gave some. */
  detail: string;
}

export function errorWords(error: ParseError): ErrorWords {
  const code: ParseErrorCode = error.code in HEADLINES ? error.code : "internal";
  return { headline: HEADLINES[code], detail: error.message.trim() !== "" ? error.message : FALLBACKS[code] };
}
