// EDGAR complete-submission text (.txt with <SEC-HEADER> and <DOCUMENT> blocks), HTML sniffing, and the one entry
// point that turns any pasted input into the browser-like text the statement parser reads.
//
// Pure and inert like html.ts: string scanning only; nothing is decoded from binaries, run or loaded.

import { htmlToText } from "./html";
import { isoDate } from "./periods";

export interface SubmissionDocument {
  /** <TYPE>: "10-Q", "8-K", "EX-99.1"... */
  type: string;
  /** <SEQUENCE>, or null when absent. */
  sequence: number | null;
  /** <FILENAME>, or null when absent. */
  filename: string | null;
  /** <DESCRIPTION>, or null when absent. */
  description: string | null;
  /** The text inside <TEXT>…</TEXT>: the line break right after <TEXT> is dropped, nothing else is changed. */
  body: string;
  /** 1-based line of the submission where `body` starts. */
  bodyLine: number;
  /** How the body is read: HTML markup or plain (fixed-width) text. */
  format: "html" | "text";
}

export interface SubmissionHeader {
  /** CONFORMED SUBMISSION TYPE, e.g. "10-Q". */
  form: string | null;
  /** The first COMPANY CONFORMED NAME (the first filer). */
  companyName: string | null;
  /** Every COMPANY CONFORMED NAME, in order (co-registrant filings list several). */
  companies: string[];
  /** CONFORMED PERIOD OF REPORT as YYYY-MM-DD. */
  periodOfReport: string | null;
  /** FILED AS OF DATE as YYYY-MM-DD. */
  filedAsOf: string | null;
  /** ACCESSION NUMBER, e.g. "0000891020-98-001352". */
  accessionNumber: string | null;
}

export interface ConvertedText {
  text: string;
  /** sourceLines[i] is the 1-based line of the input where output line i+1 starts. */
  sourceLines: Int32Array;
}

export interface ReadableText extends ConvertedText {
  format: "html" | "submission" | "text";
  /** The SEC header of a complete submission, else null. */
  header: SubmissionHeader | null;
  /** The documents a submission was read from (skipped binaries excluded), else null. */
  documents: SubmissionDocument[] | null;
}

export interface SplitOptions {
  /** Also return the documents that are normally skipped (binaries, XBRL, XML, JSON...). Default false. */
  includeSkipped?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Complete submissions

const DOCUMENT_RE = /^[ \t]*<DOCUMENT>[ \t]*\r?$/gm;
const SKIPPED_TYPES = /^(?:GRAPHIC|ZIP|XML|JSON|EXCEL|PDF|XBRL|COVER|EX-101(?:\..*)?|EX-100(?:\..*)?)$/;
const SKIPPED_FILES = /\.(?:jpe?g|gif|png|bmp|tiff?|pdf|zip|xml|xsd|json|xlsx?|js|css)$/i;

function tagValue(block: string, tag: string): string | null {
  const m = new RegExp(`^[ \\t]*<${tag}>([^\\r\\n]*)`, "m").exec(block);
  if (!m) return null;
  const v = m[1].trim();
  return v === "" ? null : v;
}

/** 1-based line number of `pos` in `text`. */
function lineAt(text: string, pos: number, from = 0, fromLine = 1): number {
  let line = fromLine;
  for (let i = text.indexOf("\n", from); i >= 0 && i < pos; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** True when the start of a body is a uuencoded or base64 binary, or an XML/JSON/PDF data document. */
function isBinaryBody(body: string): boolean {
  const head = body.slice(0, 2000).replace(/^\s+/, "");
  if (/^begin [0-7]{3,4} \S/.test(head)) return true;
  if (/^<(?:PDF|XML|JSON|XBRL|ZIP)>/i.test(head)) return true;
  if (/^<\?xml/i.test(head) && !/<html[\s>]/i.test(body.slice(0, 20000))) return true;
  if (/^%PDF-/.test(head)) return true;
  return false;
}

/**
 * Splits an EDGAR complete submission into its documents, in order. Returns null when the text is not a submission
 * (no <DOCUMENT> block with a <TEXT> body) or no document is left to read. Binary and data documents (GRAPHIC, ZIP, PDF, XML, JSON, EX-101 XBRL,
 * uuencoded "begin 644" bodies) are left out unless `includeSkipped` is set.
 */
export function splitSubmission(text: string, options: SplitOptions = {}): SubmissionDocument[] | null {
  if (typeof text !== "string" || text.indexOf("<DOCUMENT>") < 0 || text.indexOf("<TEXT>") < 0) return null;
  const starts: number[] = [];
  DOCUMENT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DOCUMENT_RE.exec(text)) !== null) starts.push(m.index + m[0].length);
  if (starts.length === 0) return null;
  const docs: SubmissionDocument[] = [];
  let lineFrom = 0;
  let lineNo = 1;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k];
    const next = k + 1 < starts.length ? starts[k + 1] : text.length;
    const endDoc = text.indexOf("</DOCUMENT>", start);
    const blockEnd = endDoc >= 0 && endDoc < next ? endDoc : next;
    const textTag = text.indexOf("<TEXT>", start);
    if (textTag < 0 || textTag >= blockEnd) continue;
    const meta = text.slice(start, textTag);
    let bodyStart = textTag + 6;
    if (text.charCodeAt(bodyStart) === 13 && text.charCodeAt(bodyStart + 1) === 10) bodyStart += 2;
    else if (text.charCodeAt(bodyStart) === 10 || text.charCodeAt(bodyStart) === 13) bodyStart += 1;
    const close = text.indexOf("</TEXT>", bodyStart);
    const bodyEnd = close >= 0 && close <= blockEnd ? close : blockEnd;
    const body = text.slice(bodyStart, bodyEnd);
    const type = (tagValue(meta, "TYPE") ?? "").toUpperCase();
    const filename = tagValue(meta, "FILENAME");
    const seq = tagValue(meta, "SEQUENCE");
    lineNo = lineAt(text, bodyStart, lineFrom, lineNo);
    lineFrom = bodyStart;
    const skipped =
      SKIPPED_TYPES.test(type) ||
      /\.(?:INS|SCH|CAL|DEF|LAB|PRE)$/.test(type) ||
      (filename !== null && SKIPPED_FILES.test(filename)) ||
      isBinaryBody(body);
    if (skipped && !options.includeSkipped) continue;
    docs.push({
      type,
      sequence: seq !== null && /^\d+$/.test(seq) ? Number(seq) : null,
      filename,
      description: tagValue(meta, "DESCRIPTION"),
      body,
      bodyLine: lineNo,
      format: looksLikeHtml(body) ? "html" : "text",
    });
  }
  return docs.length > 0 ? docs : null;
}

/** A header date ("20041104") as ISO, or null when it is no calendar date. */
function headerDate(v: string | null): string | null {
  const m = v === null ? null : /^(\d{4})(\d{2})(\d{2})/.exec(v.trim());
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * The SEC header of a complete submission ("CONFORMED SUBMISSION TYPE:", "COMPANY CONFORMED NAME:"...; the SGML
 * form <TYPE>/<PERIOD>/<FILING-DATE>/<CONFORMED-NAME> is read too). Null when none of the fields is present.
 */
export function submissionHeader(text: string): SubmissionHeader | null {
  if (typeof text !== "string") return null;
  // the header ends where the first document starts
  const doc = text.search(/^[ \t]*<DOCUMENT>/m);
  const head = doc >= 0 ? text.slice(0, doc) : text.slice(0, 200000);
  const field = (label: string): string | null => {
    const m = new RegExp(`^[ \\t]*${label}:[ \\t]*([^\\r\\n]*)`, "m").exec(head);
    const v = m ? m[1].trim() : "";
    return v === "" ? null : v;
  };
  const sgml = (tag: string): string | null => {
    const m = new RegExp(`^[ \\t]*<${tag}>([^\\r\\n<]*)`, "m").exec(head);
    const v = m ? m[1].trim() : "";
    return v === "" ? null : v;
  };
  const companies: string[] = [];
  const nameRe = /^[ \t]*COMPANY CONFORMED NAME:[ \t]*([^\r\n]*)/gm;
  let m: RegExpExecArray | null;
  while ((m = nameRe.exec(head)) !== null) if (m[1].trim() !== "") companies.push(m[1].trim());
  if (companies.length === 0) {
    const sg = /^[ \t]*<CONFORMED-NAME>([^\r\n<]*)/gm;
    while ((m = sg.exec(head)) !== null) if (m[1].trim() !== "") companies.push(m[1].trim());
  }
  const header: SubmissionHeader = {
    form: field("CONFORMED SUBMISSION TYPE") ?? sgml("TYPE"),
    companyName: companies.length > 0 ? companies[0] : null,
    companies,
    periodOfReport: headerDate(field("CONFORMED PERIOD OF REPORT") ?? sgml("PERIOD")),
    filedAsOf: headerDate(field("FILED AS OF DATE") ?? sgml("FILING-DATE")),
    accessionNumber: field("ACCESSION NUMBER") ?? sgml("ACCESSION-NUMBER"),
  };
  if (header.form === null && header.companyName === null && header.periodOfReport === null && header.filedAsOf === null)
    return null;
  return header;
}

/**
 * Joins the documents into one text, in order: HTML bodies through htmlToText, plain bodies as they are (with their
 * <PAGE>, <TABLE>, <S>, <C> tags, which a browser shows too), a blank line between documents. Line breaks are
 * normalized to LF. sourceLines maps every output line to its line in the submission.
 */
export function documentsToText(docs: readonly SubmissionDocument[]): ConvertedText {
  const lines: string[] = [];
  const src: number[] = [];
  for (const doc of docs) {
    let docLines: string[];
    let docSrc: ArrayLike<number>;
    if (doc.format === "html") {
      const r = htmlToText(doc.body);
      docLines = r.text.split("\n");
      const shifted = new Int32Array(r.sourceLines.length);
      for (let i = 0; i < shifted.length; i++) shifted[i] = r.sourceLines[i] + doc.bodyLine - 1;
      docSrc = shifted;
    } else {
      docLines = doc.body.replace(/\r\n?/g, "\n").split("\n");
      docSrc = Array.from({ length: docLines.length }, (_, i) => doc.bodyLine + i);
    }
    if (lines.length > 0) {
      // a blank line between documents (bodies usually end with a line break, which already gives one)
      if (lines[lines.length - 1] !== "") {
        lines.push("");
        src.push(doc.bodyLine);
      }
    }
    for (let i = 0; i < docLines.length; i++) {
      lines.push(docLines[i]);
      src.push(i < docSrc.length ? docSrc[i] : doc.bodyLine);
    }
  }
  if (lines.length === 0) return { text: "", sourceLines: Int32Array.from([1]) };
  return { text: lines.join("\n"), sourceLines: Int32Array.from(src) };
}

// ---------------------------------------------------------------------------------------------------------------
// Sniffing

// Tags of real HTML. Plain-text filings use <PAGE>, <TABLE>, <CAPTION>, <S>, <C>, <FN>: none of them is here.
const HTML_TAG_RE = /<\/?(?:html|head|body|div|p|br|span|font|td|tr|th|tbody|thead|b|i|u|a|img|hr|center|h[1-6]|ul|ol|li|sup|sub|strong|em|meta|style|title|ix:[a-z]+)(?=[\s>/])/gi;
const HTML_CLOSE_RE = /<\/(?:html|body|div|p|span|font|td|tr|th|table|b|i|u|a|center|h[1-6]|li|strong|em)\s*>/i;

/**
 * True when the text is HTML markup rather than text that merely contains a '<' or SGML-ish tags (1990s filings
 * with <TABLE>/<S>/<C>/<PAGE>). Looks for real HTML tags with closing tags, at a meaningful density.
 */
export function looksLikeHtml(text: string): boolean {
  if (typeof text !== "string") return false;
  const head = text.length > 100000 ? text.slice(0, 100000) : text;
  const start = head.replace(/^(?:\s|\uFEFF|<\?xml[^>]*>|<!--[\s\S]*?-->)*/i, "");
  if (/^<!doctype\s+html/i.test(start)) return true;
  if (/^<html[\s>]/i.test(start)) return true;
  if (!HTML_CLOSE_RE.test(head)) return false;
  let count = 0;
  HTML_TAG_RE.lastIndex = 0;
  while (HTML_TAG_RE.exec(head) !== null && count < 1000) count++;
  if (count < 3) return false;
  // density: at least one HTML tag per 2,000 characters (a text filing quoting "<p>" once stays text)
  return count * 2000 >= head.length;
}

// ---------------------------------------------------------------------------------------------------------------
// The entry point

/**
 * One line-break convention for every reader: old Mac text and some clipboards break lines with a lone CR, which
 * the prose and metadata readers (split on \n) would see as one line. A regex replace scans the whole text even
 * when it has nothing to replace; most texts have no CR.
 */
export function unifyLineBreaks(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

function plainLines(text: string): Int32Array {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i + 1;
  return out;
}

function fromSubmission(docs: SubmissionDocument[], header: SubmissionHeader | null): ReadableText {
  const r = documentsToText(docs);
  return { text: r.text, sourceLines: r.sourceLines, format: "submission", header, documents: docs };
}

/**
 * Sniffs the input and returns the text the statement parser should read:
 *  - an EDGAR complete submission (or a single <DOCUMENT> with its SGML wrapper): its documents, joined;
 *  - HTML (the text/html clipboard flavour, or a pasted .htm source): what the browser's innerText gives;
 *  - anything else: the text as it is (line breaks normalized to LF).
 * Never throws.
 */
export function toReadableText(input: string, contentType?: "text/plain" | "text/html"): ReadableText {
  let text = typeof input === "string" ? input : String(input ?? "");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    const docs = splitSubmission(text);
    if (docs !== null) return fromSubmission(docs, submissionHeader(text));
    if (contentType === "text/html" || looksLikeHtml(text)) {
      const r = htmlToText(text);
      // a submission shown in a browser and copied as HTML (<pre>&lt;DOCUMENT&gt;...): read the text it shows
      const inner = splitSubmission(r.text);
      if (inner !== null) {
        const sub = fromSubmission(inner, submissionHeader(r.text));
        // Lines of the shown text → lines of the HTML source, for the text's lines and the documents' starts alike.
        const toSource = (l: number): number => r.sourceLines[Math.min(l, r.sourceLines.length) - 1] ?? l;
        const documents = inner.map((d) => ({ ...d, bodyLine: toSource(d.bodyLine) }));
        return { ...sub, sourceLines: sub.sourceLines.map(toSource), documents };
      }
      return { text: r.text, sourceLines: Int32Array.from(r.sourceLines), format: "html", header: null, documents: null };
    }
  } catch {
    // fall through to plain text: conversion problems must never lose the paste
  }
  const plain = unifyLineBreaks(text);
  return { text: plain, sourceLines: plainLines(plain), format: "text", header: null, documents: null };
}
