// The only Office.js file of src/excel: reads what the import needs (one context.sync) and applies a
// WritePlan (one context.sync). Everything it writes was decided by the pure steps (layout, history, plan).
//
// Requirement sets: ExcelApi 1.4 (workbook.settings, names.add, getUsedRangeOrNullObject), 1.7 (freezePanes),
// 1.9 (format.indentLevel, getSpecialCellsOrNullObject).
// Ranges are written whole: number formats first (so "@" keeps header text such as "September 30, 2004" from
// becoming a date), then constants, then formulas; null entries leave a cell as it is.
import { deserializeState, STATE_SETTING_KEY } from "./persistence";
import type { StyleRun } from "./layout";
import type { WorkbookSnapshot, WritePlan } from "./plan";
import { columnLetter, quoteSheetName } from "./cells";

export type ReadResult = { ok: true; snapshot: WorkbookSnapshot } | { ok: false; error: string };

interface SheetInspection {
  sheet: Excel.Worksheet;
  constants: Excel.RangeAreas;
  formulas: Excel.RangeAreas;
}

/**
 * Queues, for one sheet (by name or id), what tells which of its cells are non-empty: the areas of constants
 * and of formulas in its values-only used range. Only the area addresses come back, never the values, so a
 * note typed far away (XFD1048576) costs one short address rather than a huge grid.
 */
function inspectSheet(worksheets: Excel.WorksheetCollection, nameOrId: string): SheetInspection {
  const sheet = worksheets.getItemOrNullObject(nameOrId).load("id");
  const used = sheet.getUsedRangeOrNullObject(true);
  return {
    sheet,
    constants: used.getSpecialCellsOrNullObject("Constants").load("address"),
    formulas: used.getSpecialCellsOrNullObject("Formulas").load("address"),
  };
}

/**
 * Sync 1: worksheet names and ids, workbook names, the saved state, and the non-empty cells of the sheets named
 * in `inspect` (names or ids of the sheets the add-in may rewrite: which sheets it owns is only known after this
 * sync, so the caller passes its best knowledge; a sheet not inspected counts as unknown in the plan).
 */
export async function readWorkbook(context: Excel.RequestContext, inspect: readonly string[] = []): Promise<ReadResult> {
  const workbook = context.workbook;
  const worksheets = workbook.worksheets.load("items/name,items/id");
  const names = workbook.names.load("items/name");
  const saved = workbook.settings.getItemOrNullObject(STATE_SETTING_KEY).load("value");
  const inspections = [...new Set(inspect)].map((key) => inspectSheet(workbook.worksheets, key));
  await context.sync();

  const occupied: Record<string, string[]> = {};
  for (const { sheet, constants, formulas } of inspections) {
    if (sheet.isNullObject) continue;
    occupied[sheet.id] = [constants, formulas].filter((areas) => !areas.isNullObject).map((areas) => areas.address);
  }
  const snapshot: WorkbookSnapshot = {
    sheets: worksheets.items.map((s) => ({ id: s.id, name: s.name })),
    names: names.items.map((n) => n.name),
    state: null,
    occupied,
  };
  if (saved.isNullObject) return { ok: true, snapshot };
  const value: unknown = saved.value;
  if (typeof value !== "string") return { ok: false, error: "The workbook setting holding the saved filings is not text; it was left untouched." };
  const read = deserializeState(value);
  if (!read.ok) return { ok: false, error: read.error };
  return { ok: true, snapshot: { ...snapshot, state: read.state } };
}

function applyStyle(sheet: Excel.Worksheet, style: StyleRun): void {
  const format = sheet.getRange(style.address).format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.wrapText !== undefined) format.wrapText = style.wrapText;
  if (style.indentLevel !== undefined) format.indentLevel = style.indentLevel;
  if (style.topBorder) format.borders.getItem("EdgeTop").style = "Continuous";
  if (style.bottomBorder) format.borders.getItem("EdgeBottom").style = "Continuous";
}

/** Sync 2: statements, history, names and saved state in one batch. Returns the ranges written ("'IMGN Operations'!A1:F24"). */
export async function applyPlan(context: Excel.RequestContext, plan: WritePlan): Promise<string[]> {
  const workbook = context.workbook;
  const written: string[] = [];
  for (const write of plan.sheets) {
    const sheet = write.create ? workbook.worksheets.add(write.name) : workbook.worksheets.getItem(write.name);
    if (write.clearAddress) sheet.getRange(write.clearAddress).clear("All");
    const { layout } = write;
    const range = sheet.getRange(layout.address);
    range.numberFormat = layout.numberFormats;
    range.values = layout.values;
    range.formulas = layout.formulas;
    for (const style of layout.styles) applyStyle(sheet, style);
    layout.columnWidths.forEach((width, i) => {
      const column = columnLetter(i);
      sheet.getRange(`${column}:${column}`).format.columnWidth = width;
    });
    if (layout.freezeRows > 0) sheet.freezePanes.freezeRows(layout.freezeRows);
    written.push(`${quoteSheetName(write.name)}!${layout.address}`);
  }
  for (const name of plan.deleteNames) workbook.names.getItem(name).delete();
  for (const name of plan.addNames) workbook.names.add(name.name, name.formula, name.comment);
  workbook.settings.add(STATE_SETTING_KEY, plan.stateText);
  await context.sync();
  return written;
}
