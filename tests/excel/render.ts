// Test helpers: a layout or a fake sheet as plain rows, so whole statements can be asserted exactly.
import type { SheetLayout } from "../../src/excel/layout";

/** Each row as [cell, ...]: the formula where there is one, else the constant, else null. */
export function layoutRows(layout: SheetLayout): (string | number | null)[][] {
  return layout.values.map((row, r) => row.map((v, c) => layout.formulas[r][c] ?? v));
}

/** The number format of every cell of one column (0-based), top to bottom. */
export function formatColumn(layout: SheetLayout, col: number): string[] {
  return layout.numberFormats.map((row) => row[col]);
}
