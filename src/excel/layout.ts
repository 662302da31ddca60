// Pure layout: a parsed filing's statements → sheets of cells, number formats, styles, formulas
// and workbook names. No Office here; src/excel/adapter.ts applies the result in one batch.
//
// Decisions (see docs/workbook.md):
// - Values are written as numbers in the reported scale ("2471" in thousands stays 2471). Excel stores
//   IEEE doubles, so Number() is applied only here, when writing; the exact decimal strings stay in the
//   filing saved inside the workbook and in the filing store the IMGN.* functions read.
// - Number formats follow Row.kind: analyst format for amounts, 0.00 for per-share, #,##0 for shares;
//   extra decimals only when the filing prints them (GameStop's one-decimal millions).
// - Beside operations / cash-flow columns: a real Excel formula for the year-over-year change, paired with
//   the column of the same length one year earlier; beside the balance sheet: current − comparative.
//   The workbook stays meaningful without the add-in loaded.
// - Text cells get the "@" (text) format so Excel never turns a header such as "September 30, 2004"
//   into a date, and a label that starts with "=" is written with a leading apostrophe.
import type { Column, ParsedFiling, Row, RowKind, Scale, Statement, StatementKind } from "../filing/types";
import { cellAddress, rangeAddress } from "./cells";

export type SheetRole = StatementKind | "history";

/** Names the add-in gives its sheets; a user sheet already holding the name gets " (2)", " (3)", ... */
export const SHEET_BASE_NAMES: Readonly<Record<SheetRole, string>> = {
  operations: "IMGN Operations",
  balanceSheet: "IMGN Balance Sheet",
  cashFlows: "IMGN Cash Flows",
  history: "IMGN History",
};

/** A constant cell: text or a number; null = leave the cell as it is (empty after the clear). */
export type ConstantCell = string | number | null;

/** Formatting applied to one rectangle of a sheet. */
export interface StyleRun {
  address: string;
  bold?: boolean;
  italic?: boolean;
  topBorder?: boolean;
  bottomBorder?: boolean;
  indentLevel?: number;
  wrapText?: boolean;
}

/** A workbook name the layout asks for: `IMGN_<Concept>` → one cell of this sheet. */
export interface NameRequest {
  name: string;
  /** 0-based cell position on the sheet. */
  row: number;
  col: number;
  /** True for a loss printed without parentheses: the name then refers to the negated cell. */
  negate: boolean;
  comment: string;
}

export interface SheetLayout {
  role: SheetRole;
  baseName: string;
  /** The rectangle written, always from A1 ("A1:F24"). */
  address: string;
  rowCount: number;
  columnCount: number;
  /** Constants; null where the cell holds a formula or stays empty. */
  values: ConstantCell[][];
  /** Formulas ("=IF(...)"); null where the cell holds a constant or stays empty. */
  formulas: (string | null)[][];
  numberFormats: string[][];
  styles: StyleRun[];
  /** Width of each column of the rectangle, in points. */
  columnWidths: number[];
  /** Rows kept in view when scrolling (title block + header row). */
  freezeRows: number;
  names: NameRequest[];
}

export const TEXT_FORMAT = "@";
export const GENERAL_FORMAT = "General";
export const CHANGE_PERCENT_FORMAT = "0.0%";

/** Largest number of fraction digits kept in a format; more would be noise on a statement. */
const MAX_FORMAT_DECIMALS = 4;

/** Fraction digits of an exact decimal string: "-0.06" → 2, "2471" → 0. */
export function fractionDigits(value: string): number {
  const dot = value.indexOf(".");
  return dot < 0 ? 0 : value.length - dot - 1;
}

function maxFractionDigits(values: readonly (string | null)[]): number {
  let most = 0;
  for (const v of values) if (v !== null) most = Math.max(most, fractionDigits(v));
  return Math.min(most, MAX_FORMAT_DECIMALS);
}

const zeros = (n: number): string => (n > 0 ? "." + "0".repeat(n) : "");

/**
 * Number format for a row kind. `decimals` is the most fraction digits the filing prints for it.
 * amount: analyst format, negatives in parentheses, zero as an en dash; perShare: at least 2 decimals.
 */
export function numberFormatFor(kind: RowKind, decimals: number): string {
  switch (kind) {
    case "amount":
      return `#,##0${zeros(decimals)};(#,##0${zeros(decimals)});"–"`;
    case "perShare": {
      const d = zeros(Math.max(2, decimals));
      return `0${d};(0${d})`;
    }
    case "shares":
      return `#,##0${zeros(decimals)}`;
    case "percent":
      return `0${zeros(Math.max(1, decimals))}"%"`;
  }
}

/** Writes exact text as a constant; "=..." would otherwise become a formula. */
export function textCell(text: string): string {
  return text.startsWith("=") ? `'${text}` : text;
}

/** Exact decimal string → the double Excel stores. The only place amounts become binary floats. */
export function numberCell(exact: string): number {
  const n = Number(exact);
  if (!Number.isFinite(n)) throw new Error(`Cannot write "${exact}" as a number: it is not a decimal amount.`);
  return n;
}

const SCALE_WORDS: Readonly<Record<Scale, string>> = { units: "units", thousands: "thousands", millions: "millions", billions: "billions" };

/** One line stating what the numbers mean, e.g. "Amounts in thousands of USD; per-share amounts in USD; shares in thousands". */
export function scaleNote(statement: Statement, currency: string): string {
  const kinds = new Set(statement.rows.map((r) => r.kind));
  const money = statement.scale.money === "units" ? `Amounts in ${currency}` : `Amounts in ${SCALE_WORDS[statement.scale.money]} of ${currency}`;
  const parts = [money];
  if (kinds.has("perShare")) parts.push(`per-share amounts in ${currency}`);
  if (kinds.has("shares")) parts.push(statement.scale.shares === "units" ? "shares as counted" : `shares in ${SCALE_WORDS[statement.scale.shares]}`);
  let note = parts.join("; ");
  if (statement.scale.inferred) note += " (scale inferred: the filing does not state it)";
  return note;
}

/** "ImmunoGen, Inc. (IMGN) — 8-K — Q1 FY2005 — period ended 2004-09-30" (parts the filing lacks are left out). */
export function companyLine(filing: ParsedFiling): string {
  const who = filing.company.name ?? filing.company.ticker ?? "Unknown company";
  const parts = [filing.company.name && filing.company.ticker ? `${who} (${filing.company.ticker})` : who];
  if (filing.document.form) parts.push(filing.document.form);
  if (filing.document.fiscalPeriod) parts.push(filing.document.fiscalPeriod.label);
  if (filing.document.periodEnd) parts.push(`period ended ${filing.document.periodEnd}`);
  return parts.join(" — ");
}

/** Days since 1970-01-01 of an ISO date, or null when it is not one. Integer arithmetic only. */
function dayNumber(iso: string | null | undefined): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!m) return null;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

/** A 52/53-week fiscal year ends 364 or 371 days after the last one; a calendar year 365 or 366. */
const YEAR_MIN_DAYS = 357;
const YEAR_MAX_DAYS = 375;

export interface ColumnPair {
  current: number;
  prior: number;
}

/**
 * Pairs each period column with the column of the same length that ends about one year earlier
 * (ImmunoGen: Q 2004 ↔ Q 2003; Buckle: 13 weeks ↔ 13 weeks, 39 ↔ 39). Stub periods (months null) are never paired.
 */
export function priorYearPairs(columns: readonly Column[]): ColumnPair[] {
  const pairs: ColumnPair[] = [];
  columns.forEach((col, current) => {
    const end = dayNumber(col.periodEnd);
    if (end === null || col.months === null || col.months === undefined) return;
    const prior = columns.findIndex((other, j) => {
      if (j === current || other.months !== col.months) return false;
      const otherEnd = dayNumber(other.periodEnd);
      return otherEnd !== null && end - otherEnd >= YEAR_MIN_DAYS && end - otherEnd <= YEAR_MAX_DAYS;
    });
    if (prior >= 0) pairs.push({ current, prior });
  });
  return pairs;
}

/** Excel name for a concept: "IMGN_NetIncomeLoss". Characters Excel refuses in names become "_". */
export function conceptName(concept: string): string {
  return `IMGN_${concept.replace(/[^A-Za-z0-9_.]/g, "_")}`;
}

export interface LayoutCell {
  value?: string | number;
  formula?: string;
  format?: string;
}

export type StyleProps = Omit<StyleRun, "address">;

interface StyleRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
  props: StyleProps;
}

/**
 * Merges vertically adjacent runs with the same columns and the same formatting (A7:A10 indented once rather
 * than four times), so a long statement costs few range objects in the write batch.
 */
function mergeStyles(rects: readonly StyleRect[]): StyleRun[] {
  const merged: StyleRect[] = [];
  const sameProps = (a: StyleProps, b: StyleProps): boolean => JSON.stringify(a) === JSON.stringify(b);
  for (const rect of rects) {
    const into = merged.find((m) => m.left === rect.left && m.right === rect.right && m.bottom + 1 === rect.top && sameProps(m.props, rect.props));
    if (into) into.bottom = rect.bottom;
    else merged.push({ ...rect });
  }
  return merged.map((m) => ({ address: rangeAddress(m.top, m.left, m.bottom, m.right), ...m.props }));
}

/** Collects cells row by row, then turns them into the rectangular grids Excel takes. */
export class LayoutGrid {
  readonly rows: LayoutCell[][] = [];
  private readonly styleRects: StyleRect[] = [];

  addRow(cells: LayoutCell[]): number {
    this.rows.push(cells);
    return this.rows.length - 1;
  }

  /** Formats cells of rows top..bottom, columns left..right (0-based, inclusive). */
  style(top: number, left: number, bottom: number, right: number, props: StyleProps): void {
    this.styleRects.push({ top, left, bottom, right, props });
  }

  get columnCount(): number {
    return Math.max(1, ...this.rows.map((r) => r.length));
  }

  finish(role: SheetRole, columnWidths: number[], freezeRows: number, names: NameRequest[]): SheetLayout {
    const width = Math.max(this.columnCount, columnWidths.length);
    const pad = <T>(row: LayoutCell[], pick: (c: LayoutCell | undefined) => T): T[] => Array.from({ length: width }, (_, i) => pick(row[i]));
    return {
      role,
      baseName: SHEET_BASE_NAMES[role],
      address: rangeAddress(0, 0, this.rows.length - 1, width - 1),
      rowCount: this.rows.length,
      columnCount: width,
      values: this.rows.map((r) => pad(r, (c) => (c?.value === undefined ? null : c.value))),
      formulas: this.rows.map((r) => pad(r, (c) => c?.formula ?? null)),
      numberFormats: this.rows.map((r) => pad(r, (c) => c?.format ?? (typeof c?.value === "string" ? TEXT_FORMAT : GENERAL_FORMAT))),
      styles: mergeStyles(this.styleRects),
      columnWidths: Array.from({ length: width }, (_, i) => columnWidths[i] ?? COLUMN_WIDTH.value),
      freezeRows,
      names,
    };
  }
}

export const textSpec = (s: string): LayoutCell => ({ value: textCell(s), format: TEXT_FORMAT });
const blank: LayoutCell = {};

/** Column widths in points: wide enough for the longest label, capped so a 150-character label wraps instead. */
export const COLUMN_WIDTH = { labelMin: 160, labelMax: 360, perChar: 6, value: 95, change: 80, concept: 190, note: 240 } as const;

function labelWidth(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(COLUMN_WIDTH.labelMax, Math.max(COLUMN_WIDTH.labelMin, longest * COLUMN_WIDTH.perChar));
}

export const NEGATED_NOTE = "Loss printed without parentheses: written as printed; the concept's value (and its IMGN_ name) is the negation.";

/**
 * One statement as a labelled block from A1:
 *   row 1 title · row 2 company, form, period · row 3 scale note · row 5 headers · rows 6.. data
 * Columns: A label · B.. values as printed · change columns (formulas) · Concept · Note.
 */
export function statementLayout(filing: ParsedFiling, statement: Statement): SheetLayout {
  const grid = new LayoutGrid();
  const valueCols = statement.columns.length;
  const firstValueCol = 1;
  const isBalance = statement.kind === "balanceSheet";
  // Balance sheet: one change column, current (first) minus comparative (second) date.
  const pairs: ColumnPair[] = isBalance ? (valueCols >= 2 ? [{ current: 0, prior: 1 }] : []) : priorYearPairs(statement.columns);
  const firstChangeCol = firstValueCol + valueCols;
  const conceptCol = firstChangeCol + pairs.length;
  const noteCol = conceptCol + 1;

  grid.addRow([textSpec(statement.title || defaultTitle(statement.kind))]);
  grid.style(0, 0, 0, 0, { bold: true });
  grid.addRow([textSpec(companyLine(filing))]);
  grid.addRow([textSpec(scaleNote(statement, filing.currency))]);
  grid.style(2, 0, 2, 0, { italic: true });
  grid.addRow([]);

  const header: LayoutCell[] = [blank];
  statement.columns.forEach((c) => header.push(textSpec(c.label)));
  for (const p of pairs) {
    header.push(textSpec(isBalance ? `Change vs ${statement.columns[p.prior].label}` : `YoY % — ${statement.columns[p.current].label}`));
  }
  header.push(textSpec("Concept"), textSpec("Note"));
  const headerRow = grid.addRow(header);
  grid.style(headerRow, 0, headerRow, noteCol, { bold: true, bottomBorder: true, wrapText: true });

  // Amounts share one decimal count across the statement so the columns line up.
  const amountDecimals = maxFractionDigits(statement.rows.filter((r) => r.kind === "amount").flatMap((r) => r.values));
  const names: NameRequest[] = [];
  const named = new Set<string>();
  let section: string | null = null;

  for (const row of statement.rows) {
    if (row.section !== null && row.section !== section) {
      const r = grid.addRow([textSpec(row.section)]);
      grid.style(r, 0, r, 0, { italic: true });
    }
    section = row.section;
    const format = numberFormatFor(row.kind, row.kind === "amount" ? amountDecimals : maxFractionDigits(row.values));
    const r = grid.rows.length;
    const cells: LayoutCell[] = [row.label === "" ? blank : textSpec(row.label)];
    row.values.forEach((v) => cells.push(v === null ? { format } : { value: numberCell(v), format }));
    for (let i = row.values.length; i < valueCols; i++) cells.push({ format });
    for (const p of pairs) {
      const cur = cellAddress(r, firstValueCol + p.current);
      const pri = cellAddress(r, firstValueCol + p.prior);
      cells.push(
        isBalance
          ? { formula: `=IF(OR(${cur}="",${pri}=""),"",${cur}-${pri})`, format }
          : { formula: `=IF(OR(${cur}="",${pri}="",${pri}=0),"",(${cur}-${pri})/ABS(${pri}))`, format: CHANGE_PERCENT_FORMAT },
      );
    }
    cells.push(row.concept ? textSpec(row.concept) : blank, row.negateForConcept ? textSpec(NEGATED_NOTE) : blank);
    grid.addRow(cells);

    const indent = row.section !== null && !row.isTotal ? 1 : 0;
    if (indent > 0) grid.style(r, 0, r, 0, { indentLevel: indent });
    if (row.isTotal) grid.style(r, 0, r, conceptCol - 1, { bold: true, topBorder: true });

    if (row.concept && !named.has(row.concept) && valueCols > 0) {
      named.add(row.concept);
      names.push({
        name: conceptName(row.concept),
        row: r,
        col: firstValueCol,
        negate: row.negateForConcept === true,
        comment: `${row.label || row.concept} — ${statement.columns[0].label} — ${companyLine(filing)}`.slice(0, 255),
      });
    }
  }

  const widths = [
    labelWidth([...statement.rows.map((r) => r.label), ...statement.rows.map((r) => r.section ?? "")]),
    ...statement.columns.map(() => COLUMN_WIDTH.value),
    ...pairs.map(() => (isBalance ? COLUMN_WIDTH.value : COLUMN_WIDTH.change)),
    COLUMN_WIDTH.concept,
    COLUMN_WIDTH.note,
  ];
  return grid.finish(statement.kind, widths, headerRow + 1, names);
}

function defaultTitle(kind: StatementKind): string {
  return kind === "operations" ? "Statement of operations" : kind === "balanceSheet" ? "Balance sheet" : "Statement of cash flows";
}

const STATEMENT_ORDER: readonly StatementKind[] = ["operations", "balanceSheet", "cashFlows"];

/** The statements a filing has, in sheet order. */
export function presentStatements(filing: ParsedFiling): Statement[] {
  return STATEMENT_ORDER.map((k) => filing.statements[k] ?? null).filter((s): s is Statement => s !== null);
}

/** Layouts of every statement the filing has (operations, balance sheet, cash flows). */
export function filingLayouts(filing: ParsedFiling): SheetLayout[] {
  return presentStatements(filing).map((s) => statementLayout(filing, s));
}

/**
 * What an add-in sheet shows when the latest filing lacks its statement, so an older filing's
 * numbers are never left looking current.
 */
export function missingStatementLayout(role: StatementKind, filing: ParsedFiling): SheetLayout {
  const grid = new LayoutGrid();
  grid.addRow([textSpec(defaultTitle(role))]);
  grid.style(0, 0, 0, 0, { bold: true });
  grid.addRow([textSpec(companyLine(filing))]);
  grid.addRow([textSpec("The latest imported filing has no such statement.")]);
  return grid.finish(role, [COLUMN_WIDTH.labelMax], 0, []);
}


/**
 * What is left in the add-in's old rectangle when a statement had to move to a fresh sheet because cells the
 * user typed were in its way: one cell (A1, always inside the old rectangle), no column widths or frozen rows,
 * so nothing of the user's sheet around it changes.
 */
export function movedNoticeLayout(role: SheetRole, movedTo: string): SheetLayout {
  const grid = new LayoutGrid();
  const what = role === "history" ? "The history" : defaultTitle(role);
  grid.addRow([textSpec(`${what} is now on the sheet "${movedTo}": the add-in no longer updates this sheet, because cells typed here were where its new version would go.`)]);
  return { ...grid.finish(role, [], 0, []), columnWidths: [] };
}
