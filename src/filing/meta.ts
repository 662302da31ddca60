// Who filed, what form, and for what date, read from the prose of a filing: the 8-K/10-Q cover page,
// an EDGAR submission header, or the opening lines of a press release. Pure: no I/O, never throws.
import { quarterFromProse } from "./periods";
import { CURLY_QUOTES, normaliseProse, straightenProse } from "./scale";
import type { Company } from "./types";

export interface FilingMeta {
  company: Company;
  /** "8-K", "10-Q", "10-K", or null. */
  form: string | null;
  /** ISO: the 8-K "Date of earliest event reported", the 10-Q/10-K period end, or a press release's dateline. */
  reportDate: string | null;
  /** The phrase that names the fiscal period ("first quarter of the Company's 2005 fiscal year"), or null. */
  fiscalText: string | null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const DATE = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2})`;

function isoFrom(month: string, day: string, year: string): string | null {
  const m = MONTHS[month.slice(0, 3).toLowerCase()];
  const d = Number(day);
  if (!m || d < 1 || d > 31) return null;
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Only the head of a long document holds the cover page; searching 3 MB for it would be slow and wrong. */
const HEAD_CHARS = 30_000;

export function readMeta(text: string): FilingMeta {
  const empty: FilingMeta = { company: { name: null, ticker: null, exchange: null }, form: null, reportDate: null, fiscalText: null };
  if (typeof text !== "string" || text.length === 0) return empty;
  try {
    // Normalise only what is searched, and only when needed: the head (see below), and a wider window for the
    // printed case of the name (only when the name is in capitals).
    const window = text.slice(0, HEAD_CHARS * 5);
    let whole: string | null = null;
    const wholeText = (): string => (whole ??= normaliseProse(window));
    // The name comes from the normalised head, so it holds no NBSP, curly quote or "\$". Unless it holds "'", "$"
    // (which normalising creates) or a backslash, it matches the raw window exactly where it matches the normalised
    // one, with the same text up to whitespace (which preferPrintedCase collapses): no need to normalise 150 KB.
    const caseText = (name: string): string => (/['$\\]/.test(name) ? wholeText() : window);
    // The head is searched as printed when no "\$" escape reaches it: normalising would then only turn NBSP into
    // spaces and curly single quotes into "'", one for one, and every pattern below treats those alike (see
    // asNormalised). Two copies of 30 KB saved per document.
    const prefix = window.slice(0, HEAD_CHARS + 1);
    const printedHead = !(prefix.includes("\\") && prefix.includes("\\$"));
    const head = printedHead ? window.slice(0, HEAD_CHARS) : (normalisedHead(window) ?? wholeText().slice(0, HEAD_CHARS));
    const { ticker, exchange, nameBeforeTicker } = readTicker(head);
    const name = readName(head, nameBeforeTicker);
    return {
      company: { name: name ? preferPrintedCase(name, () => caseText(name)) : null, ticker, exchange },
      form: readForm(head),
      reportDate: readReportDate(head),
      // Only the opening of the document names the period reported on; later mentions are about other periods.
      fiscalText: quarterFromProse(fiscalProse(head.slice(0, 15_000)))?.text ?? null,
    };
  } catch {
    return empty;
  }
}

/**
 * The prose quarterFromProse reads for a normalised one. It reads NBSP as a space itself; its only quote is the
 * "'" of "company's" (every other part of its patterns treats "'" and curly quotes alike, and only that quote can
 * enter the phrase it returns), so quotes are straightened only where one follows "company".
 */
const COMPANY_CURLY_QUOTE = /company[\u2018\u2019]/i;
function fiscalProse(text: string): string {
  return COMPANY_CURLY_QUOTE.test(text) ? text.replace(CURLY_QUOTES, "'") : text;
}

/**
 * What normaliseProse makes of a piece of a head that holds no "\$" (NBSP as a space, curly single quotes as "'"):
 * every text read from the head goes through this. A normalised head holds neither, so it is left as it is. The
 * patterns on the head match NBSP wherever they match a space (\s, or "[ \u00a0]" for a space), and the curly
 * quotes wherever they match "'", so they match a printed head where and as they match its normalised copy.
 */
const asNormalised = straightenProse;

/**
 * The first HEAD_CHARS characters of normaliseProse(window), from a slice just longer than that, or null when the
 * window is not much longer. Normalising shortens only "\$" (to "$"), so a slice normalises to the head of the whole
 * when it still yields more than HEAD_CHARS characters (the last one may be half an escape). It is asked only when
 * an escape reaches the head, so the slice takes room for a good many.
 */
const HEAD_ESCAPE_MARGIN = 2000;
function normalisedHead(window: string): string | null {
  if (window.length <= HEAD_CHARS + HEAD_ESCAPE_MARGIN) return null;
  const near = normaliseProse(window.slice(0, HEAD_CHARS + HEAD_ESCAPE_MARGIN));
  return near.length > HEAD_CHARS ? near.slice(0, HEAD_CHARS) : null;
}

/** head.split(/\r?\n/), without a regex: split on "\n", then drop the "\r" of each "\r\n". */
function splitLines(head: string): string[] {
  const lines = head.split("\n");
  if (head.includes("\r")) for (let i = 0; i < lines.length - 1; i++) if (lines[i].endsWith("\r")) lines[i] = lines[i].slice(0, -1);
  return lines;
}

/** The first `count` lines of splitLines(head) (all when it has fewer), splitting only as far as they reach. */
function firstLines(head: string, count: number): string[] {
  let end = -1;
  for (let found = 0; found < count; found++) {
    end = head.indexOf("\n", end + 1);
    if (end < 0) return splitLines(head);
  }
  // Cut after the line's "\n", so each line is split (and loses its "\r") as in the whole; drop the "" after it.
  const lines = splitLines(head.slice(0, end + 1));
  lines.pop();
  return lines;
}

/** The index, in splitLines(head), of the line holding position `at`. */
function lineIndexAt(head: string, at: number): number {
  let index = 0;
  for (let nl = head.indexOf("\n"); nl >= 0 && nl < at; nl = head.indexOf("\n", nl + 1)) index++;
  return index;
}

// --- form ---------------------------------------------------------------------------------

const DOC_LINE = /^\s*(8-K|10-Q|10-K)\s+\d+\s+\S+\.htm/m;
/** DOC_LINE without its line start: every DOC_LINE match holds a match of this. */
const DOC_LINE_TEXT = /(?:8-K|10-Q|10-K)\s+\d+\s+\S+\.htm/;

function readForm(head: string): string | null {
  const sgml = head.match(/CONFORMED[ \u00a0]SUBMISSION[ \u00a0]TYPE:\s*([0-9A-Z/-]+)/);
  if (sgml) return sgml[1];
  // EDGAR document header line kept by some pastes: "10-Q 1 d828236d10q.htm 10-Q". Its line-start pattern is slow
  // to search, so only a head holding the line's text anywhere is searched for it.
  const docLine = head.includes(".htm") && DOC_LINE_TEXT.test(head) ? head.match(DOC_LINE) : null;
  if (docLine) return docLine[1];
  // The cover page prints the form in capitals on its own line near the top ("FORM 8-K", " Form 10-Q").
  const cover = head.slice(0, 8000).match(/^[\s*]*FORM\s+(8-K|10-Q|10-K|20-F|40-F|6-K)\b/im);
  if (cover) return cover[1].toUpperCase();
  // An earnings press release alone is an exhibit furnished on Form 8-K.
  const top = head.slice(0, 8000);
  if (/^\s*(?:EX-99|Exhibit\s+99)/im.test(top) || /\((?:NASDAQ|NYSE)[^)]*:\s*[A-Z]/i.test(top) && /\b(?:today|announced|reported)\b/i.test(top)) return "8-K";
  return null;
}

// --- report date ----------------------------------------------------------------------------

const DATE_RE = new RegExp(DATE, "i");
const REPORT_LABEL = /Date[ \u00a0]of[ \u00a0]Report|Date[ \u00a0]of[ \u00a0]earliest[ \u00a0]event[ \u00a0]reported/i;
const PERIOD_ENDED = new RegExp(String.raw`for\s+the\s+(?:quarterly\s+period|fiscal\s+year|year|period)\s+ended\s+` + DATE, "i");
const RELEASE_DATE = new RegExp(String.raw`(?:For\s+Immediate\s+Release:?\s*)` + DATE, "i");
const DATELINE = new RegExp(DATE + String.raw`[^\n]{0,120}?\btoday\s+(?:announced|reported)`, "i");
const TODAY_ANNOUNCED = /\btoday\s+(?:announced|reported)/i;
const DATE_ALONE = new RegExp(`^${DATE}$`, "i");

function readReportDate(head: string): string | null {
  const dateIn = (s: string): string | null => {
    const m = s.match(DATE_RE);
    return m ? isoFrom(m[1], m[2], m[3]) : null;
  };
  // 8-K: the date sits on the label's line, just after it, or (1998 layouts) just above it. The label holds no
  // line break, so the first line with it is the one holding its first match in the head.
  const labelAt = REPORT_LABEL.exec(head)?.index;
  if (labelAt !== undefined) {
    const label = lineIndexAt(head, labelAt);
    const lines = firstLines(head, label + 4);
    for (const i of [label, label + 1, label + 2, label + 3, label - 1, label - 2, label - 3]) {
      const d = i >= 0 && i < lines.length ? dateIn(lines[i]) : null;
      if (d) return d;
    }
  }
  // 10-Q / 10-K cover: "For the quarterly period ended June 30, 2025" (only on the cover; later mentions are other years).
  const period = head.slice(0, 4000).match(PERIOD_ENDED);
  if (period) return isoFrom(period[1], period[2], period[3]);
  // Press release: "For Immediate Release: November 22, 2024" or the dateline before "today announced".
  const release = /immediate/i.test(head) ? head.match(RELEASE_DATE) : null;
  if (release) return isoFrom(release[1], release[2], release[3]);
  const top = head.slice(0, 20000);
  const dateline = TODAY_ANNOUNCED.test(top) ? top.match(DATELINE) : null;
  if (dateline) return isoFrom(dateline[1], dateline[2], dateline[3]);
  // A release that prints its date alone on a line near the top ("April 28, 2022").
  for (const l of firstLines(head, 15)) {
    const alone = l.trim().match(DATE_ALONE);
    if (alone) return isoFrom(alone[1], alone[2], alone[3]);
  }
  return null;
}

// --- ticker and exchange --------------------------------------------------------------------

const EXCHANGE = String.raw`(Nasdaq(?:\s+Global\s+(?:Select\s+)?Market)?|NASDAQ|NYSE(?:\s+American|\s+Amex)?|AMEX|New[ \u00a0]York[ \u00a0]Stock[ \u00a0]Exchange)`;

const PAREN_TICKER = new RegExp(String.raw`\(\s*` + EXCHANGE + String.raw`\s*:\s*([A-Z][A-Z.]{0,5})\s*\)`);
const BARE_TICKER = new RegExp(`\\b${EXCHANGE}\\s*:\\s*([A-Z][A-Z.]{0,5})\\b`);
/** The last word of each EXCHANGE alternative: one of them ends every exchange name. */
const EXCHANGE_ENDINGS = ["Nasdaq", "Market", "NASDAQ", "NYSE", "American", "Amex", "AMEX", "Exchange"];
const WHITESPACE = /\s/;
// "under the symbol ...": the part every UNDER_SYMBOL match holds, searched first since it is far cheaper.
const SYMBOL_TAIL = String.raw`under\s+the\s+(?:trading\s+|ticker\s+)?symbol\s+["“'\u2018\u2019]?([A-Z][A-Z.]{0,5}?)\.?["”'\u2018\u2019]?(?=[\s.,;)]|$)`;
const UNDER_SYMBOL_TAIL = new RegExp(SYMBOL_TAIL);
const UNDER_SYMBOL = new RegExp(`(?:${EXCHANGE}[^.\\n]{0,40}?)?` + SYMBOL_TAIL);

/**
 * Whether the head holds an exchange name, then a colon (spaces around it allowed), then a capital: every
 * PAREN_TICKER and BARE_TICKER match does. Colons are few, so this is much cheaper than either pattern.
 */
function hasListing(head: string): boolean {
  for (let colon = head.indexOf(":"); colon >= 0; colon = head.indexOf(":", colon + 1)) {
    let before = colon;
    while (before > 0 && WHITESPACE.test(head[before - 1])) before--;
    if (!EXCHANGE_ENDINGS.some((word) => head.endsWith(word, before))) continue;
    let after = colon + 1;
    while (after < head.length && WHITESPACE.test(head[after])) after++;
    if (after < head.length && head[after] >= "A" && head[after] <= "Z") return true;
  }
  return false;
}

function readTicker(head: string): { ticker: string | null; exchange: string | null; nameBeforeTicker: string | null } {
  const listed = hasListing(head);
  // "(Nasdaq: IMGN)", "(NYSE: CAT)", "NVIDIA (NASDAQ: NVDA)".
  const paren = listed ? head.match(PAREN_TICKER) : null;
  if (paren && paren.index !== undefined) {
    return { ticker: paren[2], exchange: asNormalised(paren[1]), nameBeforeTicker: nameEndingAt(head, paren.index) };
  }
  const bare = listed ? head.match(BARE_TICKER) : null;
  if (bare) return { ticker: bare[2], exchange: asNormalised(bare[1]), nameBeforeTicker: null };
  // Cover-page table: "Title of each class | Trading Symbol(s) | Name of each exchange ..." then the first class.
  const table = head.match(/Trading\s+Symbol(?:\(s\))?/i);
  if (table && table.index !== undefined) {
    const after = head.slice(table.index, table.index + 2000);
    const cells = after.split(/[\t\n]/).map((c) => c.trim()).filter((c) => c.length > 0);
    const headerEnd = cells.findIndex((c) => /name\s+of\s+(?:each\s+)?exchange/i.test(c));
    const data = headerEnd >= 0 ? cells.slice(headerEnd + 1, headerEnd + 6) : cells.slice(1, 6);
    const idx = data.findIndex((c) => /^[A-Z][A-Z.]{0,5}$/.test(c));
    if (idx >= 0) {
      const exchangeCell = data[idx + 1] && /exchange|nasdaq|nyse|market|amex/i.test(data[idx + 1]) ? data[idx + 1] : null;
      return { ticker: data[idx], exchange: exchangeCell && asNormalised(exchangeCell), nameBeforeTicker: null };
    }
  }
  // "publicly traded on the NYSE Amex under the symbol “GAN.”", "under the trading symbol AXP".
  const symbol = UNDER_SYMBOL_TAIL.test(head) ? head.match(UNDER_SYMBOL) : null;
  if (symbol) return { ticker: symbol[2], exchange: symbol[1] === undefined ? null : asNormalised(symbol[1]), nameBeforeTicker: null };
  return { ticker: null, exchange: null, nameBeforeTicker: null };
}

// --- company name ---------------------------------------------------------------------------

const CONNECTORS = new Set(["and", "&", "of", "the", "de", "du", "la"]);

/** The run of capitalised words ending at `end` ("... today, ImmunoGen, Inc. (Nasdaq" → "ImmunoGen, Inc."). */
function nameEndingAt(text: string, end: number): string | null {
  const before = asNormalised(text.slice(Math.max(0, end - 120), end)).replace(/[®™]/g, "");
  const line = before.split(/\n|[–—―]|\s--\s/).pop() ?? "";
  const tokens = line.trim().split(/\s+/);
  const kept: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    const bare = t.replace(/[,.]+$/, "");
    if (/^[A-Z0-9][\w.&'-]*$/.test(bare) && !/^[A-Z][a-z]+-based$/.test(bare) && !/^(?:The)$/.test(bare)) kept.unshift(t);
    else if (bare === "The" && kept.length > 0) { kept.unshift(t); break; }
    else if (CONNECTORS.has(bare.toLowerCase()) && kept.length > 0) kept.unshift(t);
    else break;
    // A sentence end ("2004." before the name) stops the run.
    if (i > 0 && /[.!?]$/.test(tokens[i - 1]) && !/^(Inc|Co|Corp|Ltd|S\.A|N\.V|L\.P)\.$/i.test(tokens[i - 1])) break;
  }
  // Leading lowercase connectors are sentence words; a capitalised "The" belongs to names like "The Buckle, Inc.".
  while (kept.length > 0 && CONNECTORS.has(kept[0]) ) kept.shift();
  const name = kept.join(" ").replace(/,$/, "").trim();
  // Datelines in capitals ("CAMBRIDGE, MA, November 4, 2004") are not names.
  return name.length > 1 && !/\d{4}$/.test(name) ? name : null;
}

// "(Exact name of registrant": searched in the whole head, so its spaces may be any but a line break (a line holds
// it exactly when it holds this).
const EXACT_NAME = /Exact[^\S\n]+name[^\S\n]+of[^\S\n]+registrant/i;

function readName(head: string, nameBeforeTicker: string | null): string | null {
  // Cover page: the name is the last non-blank line above "(Exact name of registrant as specified in its charter)".
  const exactAt = EXACT_NAME.exec(head)?.index;
  if (exactAt !== undefined) {
    const exact = lineIndexAt(head, exactAt);
    const lines = firstLines(head, exact);
    for (let i = exact - 1; i >= Math.max(0, exact - 4); i--) {
      const l = asNormalised(lines[i]).replace(/<[^>]+>/g, "").trim();
      if (l.length === 0 || /^[-_=\s]+$/.test(l)) continue;
      if (/^(Commission|\(|Date of|\d)/i.test(l)) break;
      return l.replace(/\s{2,}.*$/, "");
    }
  }
  const sgml = head.match(/COMPANY[ \u00a0]CONFORMED[ \u00a0]NAME:\s*([^\n]+)/);
  if (sgml) return asNormalised(sgml[1].trim());
  if (nameBeforeTicker) return expandShortName(nameBeforeTicker, head);
  // Press-release headline: "ImmunoGen, Inc. Reports First Quarter ...", "NVIDIA Announces Financial Results".
  const headline = head.slice(0, 6000).match(/^[\t \u00a0]*([A-Z][\w.,&'\u2018\u2019 \u00a0-]{1,60}?)\s+(?:[Rr]eports|[Aa]nnounces|[Pp]osts)\b/m);
  if (headline) return expandShortName(asNormalised(headline[1].trim()), head);
  return null;
}

/** "Apple" from a headline → "Apple Inc." when the text prints the full legal name. */
function expandShortName(short: string, text: string): string {
  // The short name is normalised; the text may be the printed head (NBSP for a space, curly quotes for "'").
  const escaped = short.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "[ \\u00a0]").replace(/'/g, "['\\u2018\\u2019]");
  const full = text.match(new RegExp(`\\b${escaped}(?:,)?\\s+(?:Inc\\.|Incorporated|Corporation|Corp\\.|Company|Co\\.|Ltd\\.|plc|N\\.V\\.|S\\.A\\.)`, "i"));
  return full ? asNormalised(full[0]) : short;
}

/** Cover pages print names in capitals; the text usually prints the same name in its own case somewhere. */
function preferPrintedCase(name: string, textOf: () => string): string {
  if (name !== name.toUpperCase()) return name;
  const text = textOf();
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  const counts = new Map<string, number>();
  for (const m of text.matchAll(new RegExp(escaped, "gi"))) {
    // Mixed case and starting with a capital: "nvidia" in a web address is not how the name is printed.
    if (m[0] !== m[0].toUpperCase() && /^[A-Z]/.test(m[0])) {
      const variant = m[0].replace(/\s+/g, " ");
      counts.set(variant, (counts.get(variant) ?? 0) + 1);
    }
    if (counts.size > 20) break;
  }
  let best: string | null = null;
  for (const [variant, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = variant;
  return best ?? name;
}
