// The front door: refuses what cannot be a filing (empty, binary, too large) with a clear message, and turns
// HTML and EDGAR complete submissions into the browser-like text the table reader expects.
import { toReadableText, unifyLineBreaks, type SubmissionDocument, type SubmissionHeader } from "./submission";
import type { DocumentInfo, ParseError } from "./types";

/** The submission header facts the document description uses. */
export type SubmissionHeaderInfo = Pick<SubmissionHeader, "form" | "companyName" | "periodOfReport" | "filedAsOf">;

export type ReadInput =
  | {
      ok: true;
      /** The readable text, its lines broken by "\n" only (CR LF and a lone CR become "\n"). */
      text: string;
      format: DocumentInfo["format"];
      /** For a submission: the type of the document ("EX-99.1") a 0-based line of `text` came from. */
      documentAt?: ((line: number) => string | null) | null;
      header: SubmissionHeaderInfo | null;
    }
  | { ok: false; error: ParseError };

/** Share of control characters (bar tab/newline/CR/form feed) above which the input is binary, not text. */
const BINARY_RATIO = 0.01;

/** Control characters other than tab, newline, form feed and CR, and U+FFFD (what a decoder makes of bad bytes). */
const NOT_TEXT = /[\x00-\x08\x0b\x0e-\x1f\ufffd]/g;

function looksBinary(input: string): boolean {
  const sample = input.length > 16384 ? input.slice(0, 16384) : input;
  // Text has none of them: one regex scan settles most inputs without a loop over every character.
  NOT_TEXT.lastIndex = 0;
  if (!NOT_TEXT.test(sample)) return false;
  if (sample.includes("\0")) return true;
  const bad = sample.match(NOT_TEXT)?.length ?? 0;
  return bad / Math.max(1, sample.length) > BINARY_RATIO;
}

export function readInput(input: unknown, opts: { maxChars: number; contentType?: "text/plain" | "text/html" }): ReadInput {
  if (typeof input !== "string" || input.trim() === "") {
    return { ok: false, error: { code: "empty", message: "The paste is empty. Copy the filing's text (or its HTML) and paste it here." } };
  }
  if (input.length > opts.maxChars) {
    const size = (chars: number): string => (chars >= 1048576 ? `${(chars / 1048576).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`);
    return { ok: false, error: { code: "too-large", message: `The paste is ${size(input.length)}, more than the ${size(opts.maxChars)} this add-in reads. Paste only the press release or the filing's financial statements.` } };
  }
  if (looksBinary(input)) {
    return { ok: false, error: { code: "binary", message: "This looks like a binary file (a PDF, image or spreadsheet), not text. Open the filing in a browser, copy its text and paste that." } };
  }
  // The clipboard's HTML flavour is trusted only when it holds markup; otherwise it is read as the text it is.
  const contentType = opts.contentType === "text/html" && !/<[a-z!\/]/i.test(input) ? "text/plain" : opts.contentType;
  // Submissions and HTML are read inertly by scanners over the string: nothing is rendered, run or fetched.
  // Without a single "<" a text can be neither HTML nor an EDGAR submission: no need to scan it for either.
  if (!input.includes("<")) {
    const text = unifyLineBreaks(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
    return { ok: true, text, format: sniffTextFormat(text), header: null };
  }
  // toReadableText already gives "\n" breaks; unifyLineBreaks only makes sure (a scan for "\r" costs little).
  const readable = toReadableText(input, contentType);
  const text = unifyLineBreaks(readable.text);
  if (readable.format === "text") return { ok: true, text, format: sniffTextFormat(text), header: null };
  return { ok: true, text, format: readable.format, documentAt: documentLocator(readable.documents, readable.sourceLines), header: readable.header };
}

/** Which document of a submission a line of the readable text came from (by the documents' source lines). */
function documentLocator(docs: readonly SubmissionDocument[] | null, sourceLines: ArrayLike<number>): ((line: number) => string | null) | null {
  if (!docs || docs.length === 0) return null;
  const starts = [...docs].sort((a, b) => a.bodyLine - b.bodyLine);
  return (line) => {
    const src = sourceLines[line];
    if (src === undefined) return null;
    let hit: SubmissionDocument | null = null;
    for (const d of starts) if (d.bodyLine <= src) hit = d;
    return hit?.type ?? null;
  };
}

/** How a plain-text paste lays out its tables, judged on a sample of lines. */
export function sniffTextFormat(text: string): DocumentInfo["format"] {
  const sample = text.slice(0, 200000);
  let tabs = 0;
  for (let at = sample.indexOf("\t"); at >= 0 && tabs <= 20; at = sample.indexOf("\t", at + 1)) tabs++;
  if (tabs > 20) return "tabbed";
  const aligned = (sample.match(/\S {3,}[$(]?\d/g) ?? []).length;
  if (aligned > 20) return "fixed-width";
  return "cell-per-line";
}
