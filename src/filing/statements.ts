// Statement finder: locates the GAAP statement of operations, balance sheet and cash-flow statement among
// all the tables of a document (tables of contents, summary tables, non-GAAP reconciliations, segment tables
// are passed over) and turns the chosen table into a Statement with columns, rows, sections and concepts.
import type { LexLine, LexOptions, ValueCell } from "./lexer";
import { lexLine } from "./lexer";
import { planColumns } from "./columns";
import { classifyRow, rowWords, tagConcepts } from "./concepts";
import { DIGEST_TITLE, NOT_GAAP_TITLE, TITLE } from "./rules";
import { readScaleCaption } from "./scale";
import { CLOSES_BALANCE_SHEET, readTable, type RawRow, type RawTable } from "./table";
import type { Row, ScaleInfo, SourceRef, Statement, StatementKind } from "./types";

export interface TitleCandidate {
  kind: StatementKind;
  line: number;
  title: string;
  /** The rest of the title line ("For the three months ended September 30, 2004 and 2003"). */
  context: string;
  /** A digest ("Selected balance sheet data"): taken only when no full statement of the kind is found. */
  digest?: boolean;
}

/** A title line is short and names a statement; lines of prose that mention one are not titles. */
const MAX_TITLE_LINE = 220;
const TITLE_PREFILTER = /statement|balance|financial\s+position|financial\s+condition|consolidated\s+income|earnings|operations/i;

/** Tabs and NBSP runs to one space, markdown escapes and bold marks dropped; each replace only when needed. */
function tidyTitleLine(raw: string): string {
  let text = raw.includes("\t") || raw.includes("\u00a0") ? raw.replace(/[\t\u00a0]+/g, " ") : raw;
  if (text.includes("\\")) text = text.replace(/\\/g, "");
  if (text.includes("**")) text = text.replace(/\*\*/g, "");
  return text.trim();
}

/** A line too long to be a title once tidied, told without tidying it: most long lines have nothing to tidy. */
function tooLongAsIs(raw: string): boolean {
  return raw.length > MAX_TITLE_LINE && !raw.includes("\t") && !raw.includes("\u00a0") && !raw.includes("\\") && !raw.includes("*") && raw.trim().length > MAX_TITLE_LINE;
}

export function findTitles(lines: string[]): TitleCandidate[] {
  const out: TitleCandidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    // The shortest title ("Balance Sheet") has 13 characters; most lines of a paste are shorter or blank.
    // (tooLongAsIs is asked only about long lines: a call per line cost more than its own length test saved.)
    if (raw.length < 12 || raw.length > MAX_TITLE_LINE * 3 || (raw.length > MAX_TITLE_LINE && tooLongAsIs(raw)) || !TITLE_PREFILTER.test(raw)) continue;
    const text = tidyTitleLine(raw);
    if (text.length > MAX_TITLE_LINE) continue;
    for (const kind of ["cashFlows", "balanceSheet", "operations"] as const) {
      const m = TITLE[kind].exec(text);
      if (!m) continue;
      const before = text.slice(0, m.index);
      // A title starts the line (bar a few words like "Condensed Consolidated" or "Exhibit 99.04"); prose does not.
      // (A company name ending "Inc." may stand before the title on the same line.)
      if (before.split(/\s+/).filter(Boolean).length > 6 || (/[.;]\s*$/.test(before) && !/\b(inc|corp|co|ltd|plc|l\.p|n\.v|s\.a)\.\s*$/i.test(before))) break;
      if (NOT_GAAP_TITLE.test(text) && !/comprehensive/i.test(text)) break;
      // "Change in accounting principle" style prose and references ("see the Statements of Operations") are not titles.
      if (/^(see|refer|as\s+shown|included|the\s+accompanying)\b/i.test(text)) break;
      const end = m.index + m[0].length;
      const tail = text.slice(end);
      const paren = /^\s*\((unaudited|audited|continued|in [^)]*)\)/i.exec(tail);
      const title = (text.slice(0, end) + (paren && /unaudited|audited/i.test(paren[1]) ? paren[0] : "")).trim();
      out.push({ kind, line: i, title, context: tail.trim(), digest: DIGEST_TITLE.test(text) });
      break;
    }
  }
  return out;
}

/** The first title at or after index `from` that starts below line `below` (titles are in line order). */
function titleAfter(titles: TitleCandidate[], from: number, below: number): TitleCandidate | undefined {
  for (let k = from; k < titles.length; k++) if (titles[k].line > below) return titles[k];
  return undefined;
}

export interface LocatedStatement {
  table: RawTable;
  candidate: TitleCandidate;
}

/** Scores a candidate table: rows with numbers, plus the rows that make the statement what it is. */
function quality(kind: StatementKind, table: RawTable): number {
  // Case-blind patterns on the labels as printed, not on lower-cased copies: the patterns' letters are ASCII
  // (without the u flag no other letter matches them either way) and have no "k" (the Kelvin sign lower-cases to
  // "k"); the "İ" that lower-cases to "i" + a combining dot is not followed by one in any pattern.
  const has = (re: RegExp): boolean => table.rows.some((r) => re.test(r.label));
  let score = Math.min(table.rows.length, 30);
  if (kind === "operations") {
    if (has(/^net\s+(income|earnings|loss|profit)|^profit|net\s+income\s*\/?\s*\(loss\)/i)) score += 20;
    if (has(/revenue|sales/i)) score += 5;
    if (has(/per\s+(common\s+)?share|^basic|^diluted/i)) score += 5;
  } else if (kind === "balanceSheet") {
    if (has(/^total\s+assets/i)) score += 20;
    if (has(/^total\s+liabilities/i)) score += 10;
  } else if (has(/operating\s+activities/i)) score += 20;
  return score;
}

const GOOD = 25;
const MAX_CANDIDATES = 400;

/** Finds the first good statement of each kind (the truth rule: the first GAAP statement). */
export function locateStatements(lines: string[], lexed: (i: number) => LexLine | null): Partial<Record<StatementKind, LocatedStatement>> {
  const titles = findTitles(lines);
  const found: Partial<Record<StatementKind, LocatedStatement & { score: number; digest: boolean }>> = {};
  const tried: Record<StatementKind, number> = { operations: 0, balanceSheet: 0, cashFlows: 0 };
  for (let t = 0; t < titles.length; t++) {
    const cand = titles[t];
    const prev = found[cand.kind];
    if (prev && prev.score >= GOOD && !prev.digest) continue;
    // A pathological paste (a title repeated thousands of times) must not cost a table read per repetition.
    if (++tried[cand.kind] > MAX_CANDIDATES) continue;
    const next = titleAfter(titles, t + 1, cand.line + 1);
    const stop = next ? next.line : lines.length;
    const table = readTable({ kind: cand.kind, titleLine: cand.line, line: lexed, stop });
    if (!table) continue;
    // A balance sheet printed over two pages repeats its title ("(continued)"): read on into the next part.
    if (cand.kind === "balanceSheet" && next && next.kind === "balanceSheet" && !table.rows.some((r) => CLOSES_BALANCE_SHEET.test(r.label)) && next.line - table.end < 30) {
      const after = titleAfter(titles, t + 1, next.line + 1);
      const rest = readTable({ kind: next.kind, titleLine: next.line, line: lexed, stop: after ? after.line : lines.length });
      if (rest && rest.width === table.width && rest.rows.some((r) => CLOSES_BALANCE_SHEET.test(r.label))) {
        const lastSection = table.rows[table.rows.length - 1]?.section ?? null;
        table.rows.push(...rest.rows.map((r) => ({ ...r, section: r.section ?? lastSection })));
        table.end = rest.end;
        table.warnings.push(...rest.warnings);
      }
    }
    let score = quality(cand.kind, table);
    // A statement of comprehensive income alone is a weaker match for "operations" than a real one.
    if (cand.kind === "operations" && /comprehensive/i.test(cand.title) && !/operations|income\s+and|earnings\s+and/i.test(cand.title)) score -= 15;
    const digest = Boolean(cand.digest);
    // A full statement beats a digest whatever their sizes; among equals the better table wins.
    const better = !prev || (prev.digest && !digest && score >= 10) || (prev.digest === digest && score > prev.score);
    if (better) found[cand.kind] = { table, candidate: cand, score, digest };
  }
  const out: Partial<Record<StatementKind, LocatedStatement>> = {};
  for (const kind of ["operations", "balanceSheet", "cashFlows"] as const) {
    const f = found[kind];
    if (f && f.score >= 10) out[kind] = { table: f.table, candidate: f.candidate };
  }
  for (const kind of ["balanceSheet", "operations"] as const) {
    if (out[kind]) continue;
    const untitled = findUntitled(kind, lines, lexed, Object.values(out).map((l) => [l.candidate.line, l.table.end] as const), titles);
    if (untitled) out[kind] = untitled;
  }
  return out;
}

/** The row that makes a table a statement when it has no title: total assets, or the bottom line. */
const ANCHOR: Record<"operations" | "balanceSheet", RegExp> = {
  balanceSheet: /^total\s+assets\b/i,
  operations: /^(net\s+(income|earnings|loss|profit)\b|net\s+\(?loss\)?\s*(\/|and)?\s*income\b)(?!.*\bper\b)/i,
};
const CLOSES_OTHER: Record<"operations" | "balanceSheet", RegExp> = {
  balanceSheet: /^(net\s+(income|earnings|loss|profit)|.*\bper\s+(common\s+)?share|.*\b(weighted|average)\b.*\bshares)|cash\s+equivalents.*\bend\s+of\b/i,
  operations: /^total\s+liabilities\b.*\b(equity|deficit|capital)|cash\s+equivalents.*\bend\s+of\b/i,
};
const UNTITLED: Record<"operations" | "balanceSheet", string> = { operations: "Statement of operations (untitled)", balanceSheet: "Balance sheet (untitled)" };

/**
 * A statement pasted without its title (the user copied just the table): found by its anchor row, its top is the
 * first line of the run of table lines above it (prose, a title or another statement ends the run).
 */
function findUntitled(kind: "operations" | "balanceSheet", lines: string[], lexed: (i: number) => LexLine | null, taken: (readonly [number, number])[], titles: TitleCandidate[]): LocatedStatement | null {
  const inTaken = (i: number): boolean => taken.some(([a, b]) => i >= a && i < b);
  const titleLines = new Set(titles.map((t) => t.line));
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length > 300 || inTaken(i) || !ANCHOR[kind].test(lines[i].replace(/^[\s\u00a0]+/, ""))) continue;
    const anchor = lexed(i);
    if (!anchor || !ANCHOR[kind].test(anchor.label) || (anchor.values.length === 0 && (lexed(i + 2)?.values.length ?? 0) === 0 && (lexed(i + 1)?.values.length ?? 0) === 0)) continue;
    let top = i;
    for (let j = i - 1; j >= 0 && i - j < 400 && !inTaken(j); j--) {
      const l = lexed(j);
      if (!l) break;
      const t = l.text.trim();
      if (t.length >= 160 && l.values.length === 0 && !l.tabbed) break; // prose
      if (titleLines.has(j)) break;
      // The closing row of another statement ends the run: the table above is not this one.
      if (l.values.length > 0 && CLOSES_OTHER[kind].test(l.label)) break;
      if (t !== "") top = j;
    }
    const nextTitle = titleAfter(titles, 0, i);
    const table = readTable({ kind, titleLine: top - 1, line: lexed, stop: nextTitle ? nextTitle.line : lines.length });
    if (!table || !table.rows.some((r) => ANCHOR[kind].test(r.label)) || quality(kind, table) < 25) continue;
    table.warnings.push(`No title was found for the ${kind === "operations" ? "statement of operations" : "balance sheet"}; it was recognised by its rows (from line ${top + 1}).`);
    return { table, candidate: { kind, line: top - 1, title: UNTITLED[kind], context: "" } };
  }
  return null;
}

/** Column anchors from the rows that have every value: where each column sits, for aligning short rows. */
function anchors(rows: RawRow[], width: number): number[] | null {
  // Plain loops: no filtered copy of the rows and no closure per row or column.
  const cols: number[][] = [];
  for (let c = 0; c < width; c++) cols.push([]);
  let full = 0;
  for (const r of rows) {
    if (r.values.length !== width || r.valueLineCount !== 1) continue;
    full++;
    for (let c = 0; c < width; c++) cols[c].push(r.values[c].pos);
  }
  if (full === 0) return null;
  const out: number[] = [];
  for (const c of cols) out.push(c.sort((a, b) => a - b)[Math.floor(c.length / 2)]);
  return out;
}

function align(row: RawRow, width: number, anchor: number[] | null, warn: (m: string) => void): (ValueCell | null)[] {
  const vals = row.values;
  if (vals.length === width) return vals;
  if (vals.length > width) {
    warn(`Row "${row.label}" has ${vals.length} numbers for ${width} columns; the last ${width} were kept.`);
    return vals.slice(vals.length - width);
  }
  const out: (ValueCell | null)[] = new Array<ValueCell | null>(width).fill(null);
  if (anchor && row.valueLineCount === 1) {
    let col = 0;
    for (const v of vals) {
      let best = col;
      for (let c = col; c < width; c++) if (Math.abs(anchor[c] - v.pos) < Math.abs(anchor[best] - v.pos)) best = c;
      // Leave room for the values still to place.
      best = Math.min(best, width - (vals.length - vals.indexOf(v)));
      out[best] = v;
      col = best + 1;
    }
    return out;
  }
  warn(`Row "${row.label}" has ${vals.length} numbers for ${width} columns; they were placed in the rightmost columns.`);
  vals.forEach((v, i) => (out[width - vals.length + i] = v));
  return out;
}

/** The title line's rest and every header line, as one text (where a scale caption may hide). */
function headerTextOf(candidate: TitleCandidate, table: RawTable): string {
  let text = candidate.context;
  for (const h of table.header) text += ` ${h.cells.join(" ")}`;
  return text;
}

export interface BuildContext {
  /** Scale caption found elsewhere in the document when the table has none. */
  documentScale: ScaleInfo | null;
}

export function buildStatement(located: LocatedStatement, ctx: BuildContext, warnings: string[]): Statement {
  const { table, candidate } = located;
  const kind = table.kind;
  const warn = (m: string): void => void warnings.push(m);
  table.warnings.forEach(warn);
  const plan = planColumns(kind, table.header, table.width, `${candidate.title} ${candidate.context}`);
  plan.warnings.forEach(warn);
  const anchor = anchors(table.rows, table.width);
  // The header's text is joined only when neither the caption nor the title line states the scale.
  const scale =
    readScaleCaption(table.scaleText ?? "") ?? readScaleCaption(candidate.context) ?? readScaleCaption(headerTextOf(candidate, table)) ?? ctx.documentScale ?? {
      money: "units", shares: "units", text: null, inferred: true,
    };
  const words = table.rows.map((raw) => rowWords(raw.label, raw.section));
  const rows: Row[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const raw = table.rows[r];
    const cells = align(raw, table.width, anchor, warn);
    // The kept columns' values and where each was printed, in one loop (no per-row map copies).
    const values: (string | null)[] = [];
    const sources: (SourceRef | null)[] = [];
    for (const k of plan.keep) {
      const c = cells[k] ?? null;
      values.push(c ? c.value : null);
      sources.push(c ? { line: (raw.valueLines[raw.values.indexOf(c)] ?? raw.line) + 1, start: c.start, end: c.end } : null);
    }
    const { kind: rowKind, isTotal } = classifyRow(words[r], raw.label, kind);
    rows.push({ label: raw.label, concept: null, section: raw.section, isTotal, kind: rowKind, values, line: raw.line + 1, sources });
  }
  tagConcepts(kind, rows, words);
  return { kind, title: candidate.title, columns: plan.columns, rows, line: candidate.line + 1, scale };
}

/** Lexes lines on demand and remembers them. */
export function lazyLexer(lines: string[], options?: LexOptions): (i: number) => LexLine | null {
  const cache = new Array<LexLine | undefined>(lines.length);
  return (i) => {
    if (i < 0 || i >= lines.length) return null;
    return (cache[i] ??= lexLine(lines[i], i, options));
  };
}
