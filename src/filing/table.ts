// Table reader: the lines after a statement title → header pieces, rows and period columns.
// Works on lexed lines, so the same rules serve tabbed, cell-per-line and space-aligned pastes.
import { collapseRuns, type LexLine, type ValueCell } from "./lexer";
import { CONTINUES, NON_PERIOD_COLUMN, PAGE_REF, PROSE_MIN_CHARS, SCALE_HINT, STATEMENT_END } from "./rules";
import type { StatementKind } from "./types";

/** A row before concepts and columns are settled. */
export interface RawRow {
  label: string;
  section: string | null;
  values: ValueCell[];
  /** Line index of each value. */
  valueLines: number[];
  /** Line where the label starts (or the first value, for an unlabelled row). */
  line: number;
  /** How many lines contributed values: 2+ means values arrived split over lines. */
  valueLineCount: number;
}

export interface RawTable {
  kind: StatementKind;
  titleLine: number;
  /** Header material: each header line's cells (text and year cells), top to bottom. */
  header: { line: number; cells: string[]; positions: number[]; tabbed: boolean }[];
  /** Scale caption lines seen between the title and the first row. */
  scaleText: string | null;
  rows: RawRow[];
  /** Index of the first line after the table. */
  end: number;
  /** Number of value columns the rows carry before non-period columns are dropped. */
  width: number;
  warnings: string[];
}

const FULL_DATE_HEADER = /^(as\s+of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(19|20)\d\d\b.*\b(19|20)\d\d$/i;
export const CLOSES_BALANCE_SHEET = /^total\s+liabilities\b.*\b(equity|deficit|capital|deficiency|net\s+assets)\b/i;
const RULE_CELL = /^[-=_][-=_\s]+$/;
const SGML_TAG_LINE = /^\s*(<\/?(table|caption|s|c|page|fn)>\s*)+$/i;

/** A line that carries nothing: blank, NBSP/tab padding, `----` rules, SGML layout tags, a lone page number. */
export function isFiller(line: LexLine): boolean {
  if (line.cells.length === 0) return true;
  if (SGML_TAG_LINE.test(line.text)) return true;
  if (line.values.length === 0 && line.cells.every((c) => RULE_CELL.test(c) || c === "$")) return true;
  return false;
}

/** Page furniture between a title and its table or inside a long statement (`t`: the line's text, trimmed). A bare
 * number counts only before the rows start: in a cell-per-line paste a lone number is a value. */
function isPageMarker(t: string, started: boolean): boolean {
  if (!started && PAGE_REF.test(t)) return true;
  return /^(f-\s?\d{1,3}|page\s+\d+|table\s+of\s+contents|-\s*\d+\s*-|\(continued\))$/i.test(t);
}

/** True when every value on the line is a bare year: a header line, not data. */
function isYearLine(line: LexLine): boolean {
  if (line.values.length === 0) return false;
  // Only years and pieces of up to three digits ("2" + "004": a year split across cells by the copy) can make a
  // year line: this settles most data lines at their first amount, before the label is looked at.
  let allYears = true;
  for (const v of line.values) {
    if (v.yearLike) continue;
    allYears = false;
    if (!/^\d{1,3}$/.test(v.text)) return false;
  }
  if (/\btotal\b/i.test(line.label)) return false;
  if (allYears) return true;
  return joinSplitYears(line.values.map((v) => v.text)).every((t) => /^(19|20)\d\d$/.test(t));
}

/** "2" + "004" split across cells is one year. */
function joinSplitYears(cells: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const a = cells[i];
    const b = cells[i + 1];
    if (b !== undefined && /^\d{1,3}$/.test(a) && /^\d{1,3}$/.test(b) && /^(19|20)\d\d$/.test(a + b)) {
      out.push(a + b);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Running text: long, and written in sentences (long row labels, such as a bank's, have no full stop). `t`: the line's text, trimmed. */
function isProse(line: LexLine, t: string): boolean {
  if (line.tabbed || line.values.length > 0) return false;
  return t.length >= PROSE_MIN_CHARS && (/[.!?]["')]?$/.test(t) || /[a-z]{2}\.\s+[A-Z]/.test(t) || t.length > PROSE_MIN_CHARS * 3);
}

/** Label of a row with its footnote markers kept (the truth keeps them) but whitespace tidied. */
function tidyLabel(label: string): string {
  const spaced = collapseRuns(label);
  // Collapsed, the only white space before a final colon is one space.
  return (spaced.endsWith(" :") ? `${spaced.slice(0, -2)}:` : spaced).trim();
}

function looksLikeSection(label: string): boolean {
  return /:\s*$/.test(label) || (/^[A-Z][A-Z\s,'&()/-]+$/.test(label) && label.length > 3);
}

/** Whether a label-only line is continued by the next label (a wrapped label) rather than being a section header. */
function continuesInto(prev: string, next: string): boolean {
  if (/^[a-z(\d]/.test(next) && !/^\(?[a-z]\)/.test(next) && !/^\d+\s*$/.test(next)) return true;
  if (/:\s*$/.test(prev)) return false;
  if (CONTINUES.test(prev)) return true;
  const open = (prev.match(/\(/g) ?? []).length - (prev.match(/\)/g) ?? []).length;
  return open > 0;
}

export interface ReadOptions {
  kind: StatementKind;
  titleLine: number;
  /** Lexes line i on demand (cached by the caller). */
  line: (i: number) => LexLine | null;
  /** Where the next statement title starts (the table stops before it). */
  stop: number;
}

/** Reads the table that follows a title. Returns null when no rows with numbers follow. */
export function readTable(opts: ReadOptions): RawTable | null {
  const { kind, titleLine, line, stop } = opts;
  const header: RawTable["header"] = [];
  let scaleText: string | null = null;
  const rows: RawRow[] = [];
  const warnings: string[] = [];
  let section: string | null = null;
  let pending: RawRow | null = null;
  let i = titleLine + 1;
  let started = false;
  let textRun = 0; // consecutive label-only lines once rows started
  let fillerRun = 0;
  let lastRowLine = titleLine;

  // Width votes of the rows read so far, kept as they come so "is this row complete?" costs nothing.
  const votes = new Map<number, number>();
  const widthSoFar = (): number => (rows.length < 2 ? 0 : modeOf(votes));
  const flush = (): void => {
    if (!pending) return;
    if (pending.values.length > 0) {
      rows.push(pending);
      const vote = widthVote(pending);
      votes.set(vote, (votes.get(vote) ?? 0) + 1);
    } else if (pending.label) section = tidyLabel(pending.label).replace(/:$/, "");
    pending = null;
  };

  for (; i < stop; i++) {
    const l = line(i);
    if (!l) break;
    if (isFiller(l)) {
      fillerRun++;
      // A long stretch of nothing after the rows ends the table (fragmented pastes have short ones).
      if (started && fillerRun > 150) break;
      continue;
    }
    fillerRun = 0;
    // The tests below read the line trimmed: one copy serves them all.
    const trimmed = l.text.trim();
    if (isPageMarker(trimmed, started)) continue;

    if (!started) {
      // Header zone: titles' continuation, scale captions, period headers, years.
      const isData = l.values.length > 0 && !isYearLine(l) && (l.label !== "" || rows.length > 0);
      if (!isData) {
        if (SCALE_HINT.test(l.text) && !scaleText) scaleText = trimmed;
        if (isProse(l, trimmed)) {
          if (header.length > 6) return null;
          continue;
        }
        if (l.label && l.values.length === 0 && header.length > 0 && !looksLikeHeaderText(l.label)) {
          // A label with no numbers after the header: a section header or a label whose numbers follow.
          pending = { label: l.label, section, values: [], valueLines: [], line: i, valueLineCount: 0 };
          started = true;
          continue;
        }
        const cells = joinSplitYears(l.cells);
        header.push({ line: i, cells, positions: cells.length === l.cells.length ? l.cellStarts : [], tabbed: l.tabbed });
        if (header.length > 40) return null;
        continue;
      }
      started = true;
    }

    // Body.
    if (isProse(l, trimmed) || STATEMENT_END.test(trimmed)) break;
    for (const cell of l.unreadable) warnings.push(`Line ${i + 1}: "${cell}" could not be read as a number; that value is left blank.`);
    if (kind !== "balanceSheet" && rows.length > 0 && isYearLine(l)) break; // a second header: another table
    if (l.values.length === 0) {
      if (!l.label) continue;
      // A header of full dates after the rows ("September 30, 2004 | June 30, 2004") starts another table.
      if (kind !== "balanceSheet" && rows.length > 2 && FULL_DATE_HEADER.test(l.label)) break;
      textRun++;
      if (textRun > 6) break;
      if (pending && pending.values.length === 0 && continuesInto(pending.label, l.label)) {
        pending.label = `${pending.label} ${l.label}`;
        continue;
      }
      flush();
      pending = { label: l.label, section, values: [], valueLines: [], line: i, valueLineCount: 0 };
      continue;
    }
    textRun = 0;
    if (kind === "balanceSheet" && isYearLine(l)) {
      // A repeated header inside a balance sheet split over two tables: keep reading.
      continue;
    }
    lastRowLine = i;
    if (l.label) {
      if (pending && pending.values.length === 0 && continuesInto(pending.label, l.label)) {
        pending.label = `${pending.label} ${l.label}`;
      } else {
        flush();
        pending = { label: l.label, section, values: [], valueLines: [], line: i, valueLineCount: 0 };
      }
      addValues(pending, l.values, i);
      // The balance sheet closes with total liabilities and equity: what follows is another table.
      if (kind === "balanceSheet" && CLOSES_BALANCE_SHEET.test(pending.label)) {
        i++;
        break;
      }
    } else if (l.values.length === 1 && l.trailingText.length > 0 && /^\d{1,2}$|^[a-z]$/i.test(l.cells[0])) {
      break; // a footnote: "1<tab>Profit attributable to common shareholders."
    } else if (pending && widthSoFar() > 0 && pending.values.length >= widthSoFar()) {
      // The row is complete: a lone small number is a page number; anything else is an unlabelled subtotal.
      if (l.values.length === 1 && /^\d{1,3}$/.test(l.cells[0]) && l.cells.length === 1) continue;
      if (kind === "balanceSheet" && CLOSES_BALANCE_SHEET.test(pending.label)) break;
      flush();
      pending = { label: "", section, values: [], valueLines: [], line: i, valueLineCount: 0 };
      addValues(pending, l.values, i);
    } else if (pending) {
      addValues(pending, l.values, i);
    } else {
      pending = { label: "", section, values: [], valueLines: [], line: i, valueLineCount: 0 };
      addValues(pending, l.values, i);
    }
  }
  flush();
  if (rows.length === 0) return null;
  // Every row was counted in `votes` as it was flushed, and none changes after.
  const width = modeOf(votes);
  const settled = joinOverflowingRows(splitRows(rows, width), width);
  for (const r of settled) r.label = tidyLabel(r.label);
  return { kind, titleLine, header, scaleText, rows: settled, end: Math.max(lastRowLine + 1, i), width, warnings };
}

/** Appends one line's values to a row (plain loops: these lists are short, and spread + map copies cost more). */
function addValues(row: RawRow, values: readonly ValueCell[], line: number): void {
  for (const v of values) {
    row.values.push(v);
    row.valueLines.push(line);
  }
  row.valueLineCount++;
}

function looksLikeHeaderText(label: string): boolean {
  return /\b(months?|weeks?|quarters?|years?|ended|ending|as of|fiscal|predecessor|successor|unaudited|audited|restated|in (thousands|millions))\b/i.test(label) ||
    /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i.test(label) || NON_PERIOD_COLUMN.test(label) ||
    SCALE_HINT.test(label) || /^(19|20)\d\d\b/.test(label);
}

/** The value count a row votes for when settling the table's width. */
function widthVote(r: RawRow): number {
  // Rows whose values came one line each (fragmented) count as their own total; others per line.
  return r.valueLineCount > 1 && r.values.length % r.valueLineCount === 0 && r.label === "" ? r.values.length / r.valueLineCount : r.values.length;
}

/** The number of value columns: the most common value count among rows (ties: the larger). */
function modeOf(counts: Map<number, number>): number {
  let best = 0;
  let bestCount = -1;
  for (const [n, c] of counts) {
    if (n === 0) continue;
    if (c > bestCount || (c === bestCount && n > best)) {
      best = n;
      bestCount = c;
    }
  }
  return best;
}

/** Splits rows that absorbed an unlabelled subtotal (2N values from separate lines) and trims overlong ones. */
function splitRows(rows: RawRow[], width: number): RawRow[] {
  const out: RawRow[] = [];
  for (const r of rows) {
    if (width > 0 && r.values.length > width && r.values.length % width === 0 && r.valueLineCount > 1) {
      for (let k = 0; k < r.values.length; k += width) {
        out.push({
          label: k === 0 ? r.label : "",
          section: r.section,
          values: r.values.slice(k, k + width),
          valueLines: r.valueLines.slice(k, k + width),
          line: k === 0 ? r.line : r.valueLines[k],
          valueLineCount: 1,
        });
      }
    } else out.push(r);
  }
  return out;
}

/**
 * A label that itself holds numbers and spans two table rows ("Common stock – shares issued – | March 2025 | 4,009.2"
 * then "June 2024 | 4,009.2 | 4,009 | 4,009"): a short row followed by one with more numbers than columns is one
 * row whose label keeps the extra numbers as printed and whose values are the last `width` numbers.
 */
function joinOverflowingRows(rows: RawRow[], width: number): RawRow[] {
  const out: RawRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i];
    const b = rows[i + 1];
    if (b && width > 0 && a.values.length < width && b.values.length > width && a.values.length + b.values.length - width > 0 && b.label && !/^total\b/i.test(b.label)) {
      const extra = b.values.length - width;
      const label = [a.label, ...a.values.map((v) => v.text), b.label, ...b.values.slice(0, extra).map((v) => v.text)].join(" ");
      out.push({ ...b, label, section: a.section, line: a.line, values: b.values.slice(extra), valueLines: b.valueLines.slice(extra) });
      i++;
    } else out.push(a);
  }
  return out;
}
