// EDGAR complete-submission files (`<SEC-DOCUMENT>` … `<DOCUMENT><TYPE>EX-99.1 … <TEXT> … </TEXT></DOCUMENT>`):
// the header's facts, and the documents' text in order — HTML bodies through the inert HTML reader, plain bodies
// as they are (a browser shows their <TABLE>/<S>/<C> tags too), binaries and XBRL data left out.
import { htmlToText } from "./html";

export interface SubmissionHeader {
  form: string | null;
  companyName: string | null;
  periodOfReport: string | null;
  filedAsOf: string | null;
}

export interface SubmissionDocument {
  type: string;
  description: string | null;
  filename: string | null;
  body: string;
}

const DOCUMENT = /<DOCUMENT>([\s\S]*?)(?:<\/DOCUMENT>|$)/gi;
const TEXT = /<TEXT>\r?\n?([\s\S]*?)(?:<\/TEXT>|$)/i;
/** Documents that carry no statements a reader can use: images, archives, XBRL instance and schema files. */
const SKIP_TYPE = /^(GRAPHIC|ZIP|EXCEL|PDF|XML|JSON|EX-101|EX-?10[0-9]\.(INS|SCH|CAL|DEF|LAB|PRE)|COVER|XBRL)/i;

export function isSubmission(text: string): boolean {
  const head = text.slice(0, 5000);
  return /<SEC-DOCUMENT>|<SEC-HEADER>|<IMS-HEADER>/i.test(head) || (/<DOCUMENT>/i.test(head) && /<TYPE>/i.test(head));
}

const isoFromCompact = (v: string | undefined): string | null => (v && /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : null);

export function readSubmissionHeader(text: string): SubmissionHeader {
  const head = text.slice(0, 20000);
  const field = (name: string): string | undefined => new RegExp(`^\\s*${name}:\\s*(.+?)\\s*$`, "im").exec(head)?.[1];
  return {
    form: field("CONFORMED SUBMISSION TYPE") ?? null,
    companyName: field("COMPANY CONFORMED NAME") ?? null,
    periodOfReport: isoFromCompact(field("CONFORMED PERIOD OF REPORT")),
    filedAsOf: isoFromCompact(field("FILED AS OF DATE")),
  };
}

export function splitSubmission(text: string): SubmissionDocument[] {
  const docs: SubmissionDocument[] = [];
  DOCUMENT.lastIndex = 0;
  for (let m = DOCUMENT.exec(text); m; m = DOCUMENT.exec(text)) {
    const block = m[1];
    const tag = (name: string): string | null => new RegExp(`<${name}>([^\\r\\n<]*)`, "i").exec(block)?.[1].trim() ?? null;
    const body = TEXT.exec(block)?.[1] ?? "";
    docs.push({ type: tag("TYPE") ?? "", description: tag("DESCRIPTION"), filename: tag("FILENAME"), body });
  }
  return docs;
}

// Plain-text filings show SGML layout tags (<TABLE>, <CAPTION>, <S>, <C>, <PAGE>) but no rows, cells or paragraphs.
const looksHtml = (body: string): boolean => /<(html|body|tr|td|div|p|font|br)[\s>/]/i.test(body.slice(0, 50000)) && /<\/(p|div|td|tr|font)>/i.test(body);
const isUuencoded = (body: string): boolean => /^\s*begin \d{3} /m.test(body.slice(0, 2000));

/** The readable text of a submission: kept documents in order, separated by a blank line. */
export function submissionText(text: string): { text: string; exhibit: string | null; header: SubmissionHeader } {
  const header = readSubmissionHeader(text);
  const docs = splitSubmission(text).filter((d) => !SKIP_TYPE.test(d.type) && !isUuencoded(d.body));
  const parts = docs.map((d) => (looksHtml(d.body) ? htmlToText(d.body).text : d.body.replace(/\r\n?/g, "\n")));
  // The exhibit that holds the statements is the first EX-99 whose text has a statement title.
  const exhibit = docs.find((d, i) => /^EX-99/i.test(d.type) && /balance\s+sheets?|statements?\s+of\s+(consolidated\s+)?(operations|income|earnings)/i.test(parts[i]))?.type ?? null;
  return { text: parts.join("\n\n"), exhibit, header };
}
