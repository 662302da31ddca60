// Pure: the filings of the store → the history sheet, one row per concept, one column per imported period,
// so successive filings build a time series. Rebuilt whole from the store on every import (one write).
//
// Decisions (see docs/workbook.md):
// - A column is one filing's current period: the first operations column and the first balance-sheet date
//   (cash flows are left out: their first column is usually year-to-date, not the quarter).
//   Columns are sorted by period end, then company; the same company and period imported twice
//   (a corrected filing) keeps the later import.
// - Rows are concepts (with the latest filing's label). Rows without a concept are left out: a label alone
//   cannot be matched across filings reliably.
// - Filings may state amounts in different scales (thousands one year, millions the next): each row is
//   brought to the latest filing's scale, exactly (decimal.js: 375023 thousands → 375.023 millions), and its
//   Unit column says which.
// - A loss printed without parentheses (negateForConcept) is written as the concept's signed value.
import Decimal from "decimal.js";
import type { ParsedFiling, Row, RowKind, Scale, Statement } from "../filing/types";
import type { StoredFiling } from "../store/filingStore";
import { COLUMN_WIDTH, LayoutGrid, numberCell, numberFormatFor, fractionDigits, textSpec, type LayoutCell, type SheetLayout } from "./layout";

const SCALE_POWER: Readonly<Record<Scale, number>> = { units: 0, thousands: 3, millions: 6, billions: 9 };
const SCALE_WORD: Readonly<Record<Scale, string>> = { units: "", thousands: " thousands", millions: " millions", billions: " billions" };

export interface HistoryPeriod {
  company: string;
  /** ISO period end (or balance-sheet date). */
  periodEnd: string;
  months: number | null;
  label: string;
  filing: ParsedFiling;
}

interface ConceptValue {
  value: string;
  scale: Scale;
}

interface ConceptRow {
  concept: string;
  label: string;
  kind: RowKind;
  currency: string;
  /** Keyed by period index. */
  values: Map<number, ConceptValue>;
  /** Scale of the value from the latest period that has one; every value of the row is brought to it. */
  latestScale: Scale;
}

const companyKey = (f: ParsedFiling): string => f.company.ticker ?? f.company.name ?? "Unknown company";

function periodOf(filing: ParsedFiling): HistoryPeriod | null {
  const ops = filing.statements.operations;
  const bs = filing.statements.balanceSheet;
  const periodEnd = ops?.columns[0]?.periodEnd ?? bs?.columns[0]?.date ?? filing.document.periodEnd;
  if (!periodEnd) return null;
  const months = ops?.columns[0]?.months ?? null;
  const label = filing.document.fiscalPeriod?.label ?? (months !== null ? `${months} months` : "");
  return { company: companyKey(filing), periodEnd, months, label, filing };
}

/**
 * The periods the history shows, sorted by date then company. `filings` come latest period first
 * with ties broken by the later import (the store's order), so the first filing seen for a key wins.
 */
export function historyPeriods(filings: readonly StoredFiling[]): HistoryPeriod[] {
  const byKey = new Map<string, HistoryPeriod>();
  const byImport = [...filings].sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : 0));
  for (const stored of byImport) {
    const period = periodOf(stored.filing);
    if (!period) continue;
    const key = `${period.company}|${period.periodEnd}|${period.months ?? ""}`;
    if (!byKey.has(key)) byKey.set(key, period);
  }
  return [...byKey.values()].sort((a, b) =>
    a.periodEnd !== b.periodEnd ? (a.periodEnd < b.periodEnd ? -1 : 1) : a.company < b.company ? -1 : a.company > b.company ? 1 : 0,
  );
}

/** Scale a row's numbers are stated in; per-share and percent figures have none. */
function rowScale(statement: Statement, row: Row): Scale {
  if (row.kind === "perShare" || row.kind === "percent") return "units";
  return row.kind === "shares" ? statement.scale.shares : statement.scale.money;
}

/** The concept's signed value in the current column: as printed, negated when the filing prints a loss unsigned. */
function conceptValue(row: Row): string | null {
  const v = row.values[0] ?? null;
  if (v === null) return null;
  return row.negateForConcept ? new Decimal(v).negated().toFixed() : v;
}

function collectRows(periods: readonly HistoryPeriod[]): ConceptRow[] {
  const rows = new Map<string, ConceptRow>();
  // Latest period first, so row order and labels follow the latest filing.
  const latestFirst = periods.map((p, i) => ({ p, i })).reverse();
  for (const { p, i } of latestFirst) {
    for (const statement of [p.filing.statements.operations, p.filing.statements.balanceSheet]) {
      if (!statement) continue;
      for (const row of statement.rows) {
        if (!row.concept) continue;
        let entry = rows.get(row.concept);
        if (!entry) {
          entry = { concept: row.concept, label: row.label, kind: row.kind, currency: p.filing.currency, values: new Map(), latestScale: rowScale(statement, row) };
          rows.set(row.concept, entry);
        }
        const value = conceptValue(row);
        if (value !== null && !entry.values.has(i)) entry.values.set(i, { value, scale: rowScale(statement, row) });
      }
    }
  }
  return [...rows.values()];
}

function unitText(row: ConceptRow, scale: Scale): string {
  switch (row.kind) {
    case "perShare":
      return `${row.currency} per share`;
    case "percent":
      return "percent";
    case "shares":
      return `shares${SCALE_WORD[scale]}`;
    case "amount":
      return `${row.currency}${SCALE_WORD[scale]}`;
  }
}

/**
 * The history sheet:
 *   row 1 title · row 2 note · row 4 company · row 5 period end · row 6 titles and period label · rows 7.. one per concept
 * Columns: A concept · B label · C unit · D.. one per period, oldest first.
 */
export function historyLayout(filings: readonly StoredFiling[]): SheetLayout {
  const periods = historyPeriods(filings);
  const rows = collectRows(periods);
  const grid = new LayoutGrid();
  const firstPeriodCol = 3;
  const lastCol = firstPeriodCol + periods.length - 1;

  grid.addRow([textSpec("IMGN History")]);
  grid.style(0, 0, 0, 0, { bold: true });
  grid.addRow([textSpec("One row per concept, one column per imported period (oldest first); rebuilt from the saved filings on every import.")]);
  grid.style(1, 0, 1, 0, { italic: true });
  grid.addRow([]);
  const headerTop = grid.rows.length;
  // Rows 4-5 name each column's company and period end; row 6 carries the column titles and the period label.
  grid.addRow([{}, {}, textSpec("Company"), ...periods.map((p) => textSpec(p.company))]);
  grid.addRow([{}, {}, textSpec("Period end"), ...periods.map((p) => textSpec(p.periodEnd))]);
  grid.addRow([textSpec("Concept"), textSpec("Label"), textSpec("Unit"), ...periods.map((p) => textSpec(p.label))]);
  const headerBottom = grid.rows.length - 1;
  grid.style(headerTop, 0, headerBottom, lastCol, { bold: true });
  grid.style(headerBottom, 0, headerBottom, lastCol, { bottomBorder: true });

  for (const row of rows) {
    const scale = row.latestScale;
    const decimals = Math.min(4, Math.max(0, ...[...row.values.values()].map((v) => fractionDigits(toScale(v, scale)))));
    const format = numberFormatFor(row.kind, decimals);
    const cells: LayoutCell[] = [textSpec(row.concept), row.label === "" ? {} : textSpec(row.label), textSpec(unitText(row, scale))];
    periods.forEach((_, i) => {
      const v = row.values.get(i);
      cells.push(v ? { value: numberCell(toScale(v, scale)), format } : { format });
    });
    grid.addRow(cells);
  }

  const widths = [COLUMN_WIDTH.concept, COLUMN_WIDTH.labelMin * 1.5, 110, ...periods.map(() => COLUMN_WIDTH.value)];
  return grid.finish("history", widths, headerBottom + 1, []);
}

/** Exact rescale: 2.5 (millions) → "2500" (thousands). Never through a binary float. */
function toScale(v: ConceptValue, target: Scale): string {
  const shift = SCALE_POWER[v.scale] - SCALE_POWER[target];
  return shift === 0 ? v.value : new Decimal(v.value).times(new Decimal(10).pow(shift)).toFixed();
}
