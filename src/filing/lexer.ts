// Lexer: text → lines of cells. Each line becomes a label (the text cells) and the value cells after it,
// whatever the paste looked like: tab-separated cells, `|` pipes, space-aligned columns, or one run of
// single-spaced text. Normalisation keeps every character in place so offsets stay true to the source.

export type CellKind = "value" | "percent" | "dollar" | "close" | "text";

export interface ValueCell {
  /** Exact decimal string, signed as printed ("-2471", "0.85", "0" for a dash). */
  value: string;
  /** The cell as printed ("4,009.2"). */
  text: string;
  /** Offsets in the line (0-based, end exclusive). */
  start: number;
  end: number;
  /** Where the cell sits across the line, for aligning short rows: the cell's ordinal for tabbed lines, else its right edge. */
  pos: number;
  /** Printed as a year-like bare integer ("2004"): header material, not an amount. */
  yearLike: boolean;
}

export interface LexLine {
  /** 0-based index; the user sees index + 1. */
  index: number;
  /** The normalised line. */
  text: string;
  /** Joined text cells before the values; "" when the line has none. */
  label: string;
  labelStart: number;
  values: ValueCell[];
  /** Percent cells seen on the line (excluded from values). */
  percents: number;
  /** Cells after the label that look numeric but could not be read (reported as warnings). */
  unreadable: string[];
  /** Text cells that came after a value cell (unusual: header lines, notes). */
  trailingText: string[];
  /** Every cell's text in order, for header reading. */
  cells: string[];
  /** Start offset of each cell in `cells` (stacked headers of space-aligned tables are matched by position). */
  cellStarts: number[];
  tabbed: boolean;
}

const SPACE_LIKE = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g;
const SPACE_LIKE_TEST = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/;
/** SPACE_LIKE, full-width parentheses and the minus sign. */
const WIDE_TEST = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\uff08\uff09\u2212]/;
const DASH_ONLY = /^\$?\s*[-\u2010-\u2015\u2212]{1,3}\s*$/;
const AMOUNT =
  /^\$?\s*(\()?\s*\$?\s*([-\u2212\u2013])?\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*(\))?\s*(%)?\s*(\))?$/;

/**
 * Normalises one line without moving characters: NBSP and friends → space, full-width parentheses → `(` `)`, the
 * minus sign → `-`, `\$` → ` $`, `**` → two spaces, dot leaders → spaces.
 */
export function normalizeLine(line: string): string {
  let out = line;
  // One scan tells whether any of the wide characters is there at all (most lines have none).
  if (WIDE_TEST.test(out)) {
    if (SPACE_LIKE_TEST.test(out)) out = out.replace(SPACE_LIKE, " ");
    if (/[\uff08\uff09\u2212]/.test(out)) out = out.replace(/\uff08/g, "(").replace(/\uff09/g, ")").replace(/\u2212/g, "-");
  }
  if (out.includes("\\")) out = out.replace(/\\([$%&*_#\-.()[\]])/g, " $1");
  if (out.includes("**")) out = out.replace(/\*\*/g, "  ");
  // Dot leaders of PDF text ("Total revenues ........ 9,006") separate a label from its values like a tab.
  if (out.includes("...") || out.includes(". . .")) out = out.replace(/(?:\.\s?){3,}/g, (m) => " ".repeat(m.length));
  return out;
}

export interface ParsedAmount {
  value: string;
  percent: boolean;
}

/** Reads a cell as an amount; null when it is not one. Parentheses (even a lone "(" of a split cell) make it negative. */
export function readAmount(text: string): ParsedAmount | null {
  // A cell that starts with a letter is no amount in any printed form (every form starts with a digit, a sign, a
  // "$", a parenthesis or white space): most label cells are settled here.
  if (startsWithLetter(text)) return null;
  const direct = readPlainAmount(text);
  if (direct || !/\d/.test(text)) return direct;
  // Printed variants of the same number: a footnote marker after it ("(2,471)(1)", "2,471¹", "2,471*"), a trailing
  // minus ("2,471-"), spaces as thousands separators ("2 471"). Anything else stays unread, never guessed.
  const t = text.trim();
  const unmarked = t.replace(/(\(\d{1,2}\)|\([a-z]\)|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\*+)$/i, "").trim();
  if (unmarked !== t) return readAmount(unmarked);
  const trailingMinus = /^(\$?\s*[\d,.]+)\s*-$/.exec(t);
  if (trailingMinus) return readPlainAmount(`(${trailingMinus[1]})`);
  if (/^\(?\$?\s*\d{1,3}( \d{3})+(\.\d+)?\)?$/.test(t)) return readPlainAmount(t.replace(/(\d) (?=\d{3})/g, "$1,"));
  return null;
}

function startsWithLetter(text: string): boolean {
  const c = text.charCodeAt(0) | 32;
  return c >= 97 && c <= 122;
}

function readPlainAmount(text: string): ParsedAmount | null {
  const t = text.trim();
  if (t === "") return null;
  const simple = readSimpleAmount(t);
  if (simple) return simple;
  if (DASH_ONLY.test(t)) return { value: "0", percent: false };
  const m = AMOUNT.exec(t);
  if (!m) return null;
  const [, open, minus, whole, frac, close1, pct, close2] = m;
  if (whole === undefined && frac === undefined) return null;
  return toAmount(whole ?? "0", frac ?? "", Boolean(open || minus || close1 || close2), Boolean(pct));
}

/**
 * The forms most cells take ("2,471", "(2,471)", "-0.85", "$1,163.8", "4,126)"), read without running AMOUNT: an
 * optional "$", "(", "-", then digits (grouped by commas exactly as AMOUNT's whole part), an optional fraction and
 * an optional ")". Anything else, even a form AMOUNT reads, returns null and is left to AMOUNT; what this reads,
 * AMOUNT reads the same way.
 */
function readSimpleAmount(t: string): ParsedAmount | null {
  const n = t.length;
  let i = 0;
  let signed = false;
  if (t.charCodeAt(i) === 36) i++; // $
  if (t.charCodeAt(i) === 40) (signed = true), i++; // (
  if (t.charCodeAt(i) === 45) (signed = true), i++; // -
  // The whole part's digits without their commas and leading zeros, built as the scan goes.
  let digits = "";
  let from = i; // start of the digits not yet copied into `digits`
  let group = 0; // digits since the last comma (or the start)
  let grouped = false;
  let nonZero = false;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 49 && c <= 57) {
      group++;
      nonZero = true;
    } else if (c === 48) {
      group++;
      // A leading zero is dropped, unless it is the last digit of the whole part (checked after the loop).
      if (!nonZero && digits === "") from = i + 1;
    } else if (c === 44) {
      // Groups of 1–3 digits, then of exactly 3.
      if (grouped ? group !== 3 : group === 0 || group > 3) return null;
      grouped = true;
      group = 0;
      digits += t.slice(from, i);
      from = i + 1;
    } else break;
  }
  if (group === 0 || (grouped && group !== 3)) return null;
  digits += t.slice(from, i);
  if (digits === "") digits = "0"; // the whole part was all zeros
  const fracStart = i;
  if (t.charCodeAt(i) === 46) {
    for (i++; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (c !== 48) nonZero = true;
    }
    if (i === fracStart + 1) return null;
  }
  const magnitude = i > fracStart ? digits + t.slice(fracStart, i) : digits;
  if (t.charCodeAt(i) === 41) (signed = true), i++; // )
  if (i !== n) return null;
  return { value: signed && nonZero ? `-${magnitude}` : magnitude, percent: false };
}

/** The exact decimal string of a read amount: commas and leading zeros dropped, "-" when signed and not zero. */
function toAmount(whole: string, frac: string, signed: boolean, percent: boolean): ParsedAmount {
  // Most amounts have no comma to drop or leading zero to strip: skip the regex replaces then.
  let digits = whole;
  if (digits.includes(",")) digits = digits.replace(/,/g, "");
  if (digits.length > 1 && digits.charCodeAt(0) === 48) digits = digits.replace(/^0+(?=\d)/, "");
  const magnitude = frac ? `${digits}${frac}` : digits;
  const negative = signed && /[1-9]/.test(magnitude);
  return { value: negative ? `-${magnitude}` : magnitude, percent };
}

interface RawCell {
  text: string;
  start: number;
  end: number;
}

function splitBy(line: string, re: RegExp): RawCell[] {
  const cells: RawCell[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    cells.push(trimCell(line, last, m.index));
    last = m.index + m[0].length;
  }
  cells.push(trimCell(line, last, line.length));
  return cells;
}

/** splitBy for a one-character separator, without a regex. */
function splitAt(line: string, separator: string): RawCell[] {
  const cells: RawCell[] = [];
  let last = 0;
  for (let at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, last)) {
    cells.push(trimCell(line, last, at));
    last = at + 1;
  }
  cells.push(trimCell(line, last, line.length));
  return cells;
}

function trimCell(line: string, start: number, end: number): RawCell {
  let s = start;
  let e = end;
  while (s < e && line.charCodeAt(s) <= 32) s++;
  while (e > s && line.charCodeAt(e - 1) <= 32) e--;
  return { text: line.slice(s, e), start: s, end: e };
}

const MONTH_WORD = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;

/** Splits a single-spaced cell's trailing amounts off its label: "Net loss (2,471) (4,126)". */
function peelTrailingAmounts(cell: RawCell): RawCell[] {
  const parts: RawCell[] = [];
  const re = /\S+/g;
  for (let m = re.exec(cell.text); m; m = re.exec(cell.text)) {
    parts.push({ text: m[0], start: cell.start + m.index, end: cell.start + m.index + m[0].length });
  }
  let k = parts.length;
  while (k > 0 && (parts[k - 1].text === "$" || readAmount(parts[k - 1].text) !== null)) {
    const t = parts[k - 1].text;
    // "2022, $5)" closes a parenthesis the label opened; "December 31, 2022" is a date: both stay in the label.
    if (t.includes(")") && !t.includes("(")) break;
    // "shares outstanding: 1997, 1,943,666; 1996, 1,191,666": an amount inside a list belongs to the label.
    const dayOfDate = k >= 3 && /^\d{1,2},$/.test(parts[k - 2].text) && MONTH_WORD.test(parts[k - 3].text);
    if (k >= 2 && /[,;:]$/.test(parts[k - 2].text) && readAmount(parts[k - 2].text) === null && !dayOfDate) break;
    if (k === parts.length && /^(19|20)\d\d$/.test(t) && k >= 3 && /^\d{1,2},?$/.test(parts[k - 2].text) && MONTH_WORD.test(parts[k - 3].text)) break;
    k--;
  }
  // Keep it whole unless a real label remains and at least one amount was peeled, and one of them looks like
  // an amount rather than a word's number ("For the 13" in a stacked header): a comma, a decimal point,
  // parentheses, a $ or three digits.
  if (k === parts.length || k === 0) return [cell];
  if (!parts.slice(k).some((p) => /[,.()$]|\d{3}/.test(p.text)) && parts.length - k < 2) return [cell];
  // A lone "(1)" after a label is a footnote marker, not minus one.
  if (parts.length - k === 1 && /^\(\d\)$/.test(parts[k].text)) return [cell];
  const labelEnd = parts[k - 1].end;
  const label = { text: cell.text.slice(0, labelEnd - cell.start), start: cell.start, end: labelEnd };
  // A label ending in a footnote-ish word like "Note" or "Series" owns the number: leave it.
  if (/\b(note|series|class|item|level|tier|phase|section|rule)$/i.test(label.text)) return [cell];
  return [label, ...parts.slice(k)];
}

/** Each cell with its trailing amounts peeled off; the same list when no cell has a space to peel at. */
function peelCells(cells: RawCell[]): RawCell[] {
  let out: RawCell[] | null = null;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const parts = c.text.includes(" ") ? peelTrailingAmounts(c) : null;
    if (parts && parts.length > 1) {
      out ??= cells.slice(0, i);
      out.push(...parts);
    } else if (out) out.push(c);
  }
  return out ?? cells;
}

function classify(text: string): { kind: CellKind; amount: ParsedAmount | null } {
  if (text === "$") return { kind: "dollar", amount: null };
  if (text === ")" || text === ")%" || text === "%)" || text === "%") return { kind: "close", amount: null };
  const amount = readAmount(text);
  if (amount) return { kind: amount.percent ? "percent" : "value", amount };
  return { kind: "text", amount: null };
}

export interface LexOptions {
  /** Split trailing amounts off single-spaced text ("Net loss (2,471) (4,126)"): for pastes without tabs. */
  peel: boolean;
}

/** A line of nothing but white space: spaces, tabs, CR, NBSP and other wide spaces (fragmented pastes are full of them). */
function isBlank(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 13 && !(c >= 0x2000 && c <= 0x200b) && c !== 0x202f && c !== 0x3000 && c !== 0xfeff) return false;
  }
  return true;
}

const NONE: never[] = Object.freeze([]) as never[];

export function lexLine(raw: string, index: number, options: LexOptions = { peel: true }): LexLine {
  if (isBlank(raw)) {
    // Most lexed lines of a fragmented paste are blank: they share one set of empty (frozen) lists.
    return { index, text: "", label: "", labelStart: 0, values: NONE, percents: 0, unreadable: NONE, trailingText: NONE, cells: NONE, cellStarts: NONE, tabbed: raw.includes("\t") };
  }
  const text = normalizeLine(raw);
  const tabbed = text.includes("\t");
  let cells: RawCell[];
  if (tabbed) cells = splitAt(text, "\t");
  else if (hasTwo(text, "|")) cells = splitAt(text, "|");
  else cells = splitBy(text, / {2,}/g);
  if (!tabbed && options.peel) cells = peelCells(cells);

  const line: LexLine = { index, text, label: "", labelStart: 0, values: [], percents: 0, unreadable: [], trailingText: [], cells: [], cellStarts: [], tabbed };
  const labelParts: string[] = [];
  let ordinal = 0;
  for (const cell of cells) {
    if (cell.text === "") {
      ordinal++;
      continue;
    }
    line.cells.push(cell.text);
    line.cellStarts.push(cell.start);
    const { kind, amount } = classify(cell.text);
    if (kind === "text") {
      // In a tabbed row, a cell after the label that holds digits but is no number we can read is reported,
      // not glued to the label: its value is left blank with a warning rather than guessed or lost silently.
      if (tabbed && labelParts.length > 0 && /\d/.test(cell.text) && /^[\s$(\-\d]/.test(cell.text) && cell.text.length <= 24) {
        line.unreadable.push(cell.text);
        ordinal++;
        continue;
      }
      if (line.values.length === 0 && line.percents === 0) {
        if (labelParts.length === 0) line.labelStart = cell.start;
        labelParts.push(cell.text);
      } else line.trailingText.push(cell.text);
    } else if (kind === "value" && amount) {
      const yearLike = cell.text.length === 4 && /^(19|20)\d\d$/.test(cell.text);
      line.values.push({ value: amount.value, text: cell.text, start: cell.start, end: cell.end, pos: tabbed ? ordinal : cell.end, yearLike });
    } else if (kind === "percent") line.percents++;
    ordinal++;
  }
  line.label = collapseRuns(labelParts.length === 1 ? labelParts[0] : labelParts.join(" ")).trim();
  return line;
}

function hasTwo(text: string, ch: string): boolean {
  const first = text.indexOf(ch);
  return first >= 0 && text.indexOf(ch, first + 1) >= 0;
}

/** Whitespace other than lone plain spaces: only such text needs its runs collapsed. */
const UNTIDY_SPACE = /\s\s|[^\S ]/;

/** text.replace(/\s+/g, " "), without the replace when every gap is already one plain space (most labels). */
export function collapseRuns(text: string): string {
  return UNTIDY_SPACE.test(text) ? text.replace(/\s+/g, " ") : text;
}
