// The front door: refuses what cannot be a filing (empty, binary, too large) with a clear message, and turns
// HTML and EDGAR complete submissions into the browser-like text the table reader expects.
import { isSubmission, submissionText } from "./edgar";
import { htmlToText } from "./html";
import type { DocumentInfo, ParseError } from "./types";

export interface SubmissionHeaderInfo {
  form: string | null;
  companyName: string | null;
  periodOfReport: string | null;
  filedAsOf: string | null;
}

export type ReadInput =
  | { ok: true; text: string; format: DocumentInfo["format"]; exhibit: string | null; header: SubmissionHeaderInfo | null }
  | { ok: false; error: ParseError };

/** Share of control characters (bar tab/newline/CR/form feed) above which the input is binary, not text. */
const BINARY_RATIO = 0.01;

function looksBinary(input: string): boolean {
  const n = Math.min(input.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / Math.max(1, n) > BINARY_RATIO;
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
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (isSubmission(text)) {
    const sub = submissionText(text);
    return { ok: true, text: sub.text, format: "submission", exhibit: sub.exhibit, header: sub.header };
  }
  // The clipboard's HTML flavour is trusted only when it holds markup; otherwise it is read as the text it is.
  if ((opts.contentType === "text/html" && /<[a-z!\/]/i.test(text)) || looksLikeHtml(text)) {
    // Parsed inertly by a scanner over the string: nothing is rendered, no script runs, nothing is fetched.
    return { ok: true, text: htmlToText(text).text, format: "html", exhibit: null, header: null };
  }
  return { ok: true, text, format: sniffTextFormat(text), exhibit: null, header: null };
}

/**
 * Real HTML has markup of its own: an <html>/<body> element, or table rows and cells, or many closed blocks.
 * A plain-text EDGAR filing shows <TABLE>, <S>, <C> and <PAGE> tags but never <tr>/<td> or closing </p>.
 */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 200000);
  if (!head.includes("<")) return false;
  if (/<html[\s>]|<body[\s>]|<!doctype\s+html/i.test(head)) return true;
  const cells = (head.match(/<t[dh][\s>]/gi) ?? []).length;
  const closes = (head.match(/<\/(p|div|td|tr|span|font|b|i)>/gi) ?? []).length;
  return cells >= 4 || closes >= 10;
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
