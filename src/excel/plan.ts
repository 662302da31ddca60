// Pure: what exists in the workbook (read in sync 1) + the filings → everything sync 2 writes.
// Decides sheet ownership and names, so the adapter only executes.
//
// Ownership (see docs/workbook.md): a sheet is the add-in's only when the saved state lists it — by
// worksheet id once known (a rename by the user does not lose it), by name for a sheet created by the
// previous import (its id is learnt now and saved). Any other sheet, whatever its name, is the user's:
// when one holds "IMGN Operations", the add-in writes to "IMGN Operations (2)" (then "(3)", ...).
// The same rule holds for workbook names: only names listed in the saved state are replaced or deleted.
//
// Cells: on its own sheet the add-in rewrites only the rectangle it wrote last time plus free cells. When a
// larger statement would reach a non-empty cell outside that rectangle (a note the user typed below or beside
// it), the statement goes to a fresh sheet ("IMGN Operations (2)") instead, the old sheet keeps the user's
// cells, gets a one-cell notice in place of the old statement and stops being the add-in's. Sync 1 reads the
// non-empty cells of the owned sheets for this (WorkbookSnapshot.occupied); a sheet it could not read counts
// as full, so a larger statement then moves too.
import type { ParsedFiling, StatementKind } from "../filing/types";
import type { StoredFiling } from "../store/filingStore";
import {
  absoluteAddress,
  parseAreasAddress,
  parseRangeAddress,
  quoteSheetName,
  rectAddress,
  rectContains,
  rectIntersection,
  rectSubtract,
  type CellRect,
} from "./cells";
import { historyLayout } from "./history";
import { filingLayouts, missingStatementLayout, movedNoticeLayout, type SheetLayout, type SheetRole } from "./layout";
import { EMPTY_STATE, SAVED_STATE_LIMIT, serializeState, type OwnedSheet, type WorkbookState } from "./persistence";

export interface ExistingSheet {
  id: string;
  name: string;
}

/** What sync 1 reads. */
export interface WorkbookSnapshot {
  sheets: ExistingSheet[];
  names: string[];
  /** The saved state, or null when the workbook has none yet. */
  state: WorkbookState | null;
  /**
   * Non-empty cells (constants and formulas) of the sheets sync 1 inspected, by worksheet id: RangeAreas
   * addresses ("'IMGN Operations'!A1:C23, 'IMGN Operations'!A25"); [] for an empty sheet. A sheet missing
   * here was not inspected, so nothing is known about its cells.
   */
  occupied: Readonly<Record<string, readonly string[]>>;
}

export interface SheetWrite {
  role: SheetRole;
  /** Name to write to (created when `create`). */
  name: string;
  create: boolean;
  /** The add-in's previous rectangle on this sheet, cleared first; null for a new sheet. */
  clearAddress: string | null;
  layout: SheetLayout;
}

export interface NameWrite {
  name: string;
  /** "='IMGN Operations'!$B$19", or "=-'...'!$B$19" for a loss printed unsigned. */
  formula: string;
  comment: string;
}

export interface WritePlan {
  sheets: SheetWrite[];
  /** Add-in names to delete (replaced ones are deleted, then added again). */
  deleteNames: string[];
  addNames: NameWrite[];
  /** State saved by sync 2, and its text. */
  state: WorkbookState;
  stateText: string;
  warnings: string[];
}

/** Excel compares sheet and workbook names without regard to case. */
const key = (name: string): string => name.toLocaleUpperCase();

/** Sheet names Excel accepts are at most 31 characters. */
const MAX_SHEET_NAME = 31;

/** "IMGN Operations" if free, else "IMGN Operations (2)", "(3)", ... */
export function freeSheetName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(key(base))) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!taken.has(key(candidate))) return candidate;
  }
}

/** Most cells named one by one in a warning; the rest are counted. */
const MAX_LISTED_CELLS = 5;

/**
 * The user's cells the new layout would write over on an owned sheet: non-empty cells inside `target` and
 * outside `previous` (the add-in's own rectangle). [] when none; null when the sheet's cells are unknown and
 * the target reaches beyond the previous rectangle (then nothing outside it can be assumed free).
 */
export function userCellsInTheWay(target: string, previous: string, occupied: readonly string[] | undefined): CellRect[] | null {
  const t = parseRangeAddress(target);
  const p = parseRangeAddress(previous);
  if (!t) throw new Error(`Cannot read the layout address ${target}`);
  if (p && rectContains(p, t)) return [];
  if (occupied === undefined) return null;
  const blocking: CellRect[] = [];
  for (const address of occupied) {
    const areas = parseAreasAddress(address);
    if (areas === null) return null;
    for (const area of areas) {
      const inside = rectIntersection(area, t);
      if (inside) blocking.push(...(p ? rectSubtract(inside, p) : [inside]));
    }
  }
  return blocking.sort((a, b) => a.top - b.top || a.left - b.left);
}

function describeCells(cells: readonly CellRect[]): string {
  const listed = cells.slice(0, MAX_LISTED_CELLS).map(rectAddress).join(", ");
  return cells.length > MAX_LISTED_CELLS ? `${listed} and ${cells.length - MAX_LISTED_CELLS} more` : listed;
}

const ROLE_WORDS: Readonly<Record<SheetRole, string>> = {
  operations: "statement of operations",
  balanceSheet: "balance sheet",
  cashFlows: "cash-flow statement",
  history: "history",
};

/** The live sheet an owned entry points at, or null when the user deleted it. */
function findOwned(entry: OwnedSheet, sheets: readonly ExistingSheet[]): ExistingSheet | null {
  if (entry.id !== null) return sheets.find((s) => s.id === entry.id) ?? null;
  return sheets.find((s) => key(s.name) === key(entry.name)) ?? null;
}

export interface PlanOptions {
  /** Rewrite the latest-statement sheets (import); false rewrites only the history (removal). */
  statements: boolean;
}

/**
 * Plans sync 2 for the given filings (latest period first, as the store keeps them).
 * Throws with a user-facing message when the saved state would not fit in the workbook.
 */
export function planWrites(snapshot: WorkbookSnapshot, filings: readonly StoredFiling[], options: PlanOptions): WritePlan {
  const previous = snapshot.state ?? EMPTY_STATE;
  const warnings: string[] = [];
  const latest: ParsedFiling | null = filings[0]?.filing ?? null;

  const layouts: SheetLayout[] = [];
  if (options.statements && latest) {
    const fresh = filingLayouts(latest);
    layouts.push(...fresh);
    // A sheet of the add-in whose statement the latest filing lacks is overwritten with a notice, so an older filing's numbers never pass for current.
    for (const entry of previous.sheets) {
      if (entry.role !== "history" && !fresh.some((l) => l.role === entry.role) && findOwned(entry, snapshot.sheets)) {
        layouts.push(missingStatementLayout(entry.role as StatementKind, latest));
      }
    }
  }
  layouts.push(historyLayout(filings));

  const taken = new Set(snapshot.sheets.map((s) => key(s.name)));
  const sheets: SheetWrite[] = [];
  const owned: OwnedSheet[] = [];
  const moved: SheetWrite[] = [];
  /** Writes a layout to a new sheet under the first free name of its base name; returns that name. */
  const toNewSheet = (layout: SheetLayout): string => {
    const name = freeSheetName(layout.baseName, taken);
    taken.add(key(name));
    sheets.push({ role: layout.role, name, create: true, clearAddress: null, layout });
    owned.push({ role: layout.role, name, id: null, address: layout.address });
    return name;
  };
  for (const layout of layouts) {
    const entry = previous.sheets.find((s) => s.role === layout.role) ?? null;
    const live = entry ? findOwned(entry, snapshot.sheets) : null;
    if (entry && live) {
      const inTheWay = userCellsInTheWay(layout.address, entry.address, snapshot.occupied[live.id]);
      if (inTheWay !== null && inTheWay.length === 0) {
        sheets.push({ role: layout.role, name: live.name, create: false, clearAddress: entry.address, layout });
        owned.push({ role: layout.role, name: live.name, id: live.id, address: layout.address });
        continue;
      }
      // Cells the user typed (or cells sync 1 could not see) are where the new layout goes: write it to a fresh
      // sheet, leave a notice in the add-in's old rectangle and give the old sheet up.
      const name = toNewSheet(layout);
      const what = ROLE_WORDS[layout.role];
      warnings.push(
        inTheWay === null
          ? `The cells around the add-in's ${what} on "${live.name}" could not be checked, and the new one is larger, so it was written to "${name}" instead; "${live.name}" is no longer updated by the add-in.`
          : `"${live.name}" has cells the add-in did not write where the new ${what} would go (${describeCells(inTheWay)}); they were left as they are, the ${what} was written to "${name}" instead, and "${live.name}" is no longer updated by the add-in.`,
      );
      moved.push({ role: layout.role, name: live.name, create: false, clearAddress: entry.address, layout: movedNoticeLayout(layout.role, name) });
    } else {
      const name = toNewSheet(layout);
      if (name !== layout.baseName) warnings.push(`A sheet named "${layout.baseName}" already exists and is not the add-in's; the statement was written to "${name}" instead.`);
    }
  }
  sheets.push(...moved);
  // Sheets not rewritten this time (a removal touches only the history) stay owned as they were.
  for (const entry of previous.sheets) {
    if (!owned.some((o) => o.role === entry.role)) {
      const live = findOwned(entry, snapshot.sheets);
      if (live) owned.push({ ...entry, name: live.name, id: live.id });
    }
  }

  const { deleteNames, addNames, ownedNames } = options.statements
    ? planNames(sheets, snapshot.names, previous.names, warnings)
    : { deleteNames: [], addNames: [], ownedNames: previous.names.filter((n) => snapshot.names.some((e) => key(e) === key(n))) };

  const state: WorkbookState = { filings: [...filings], sheets: owned, names: ownedNames };
  const stateText = serializeState(state);
  if (stateText.length > SAVED_STATE_LIMIT) {
    throw new Error(
      `The imported filings would take ${(stateText.length / 1_000_000).toFixed(1)} MB inside the workbook, more than the ${(SAVED_STATE_LIMIT / 1_000_000).toFixed(1)} MB it can hold. Remove older filings first.`,
    );
  }
  return { sheets, deleteNames, addNames, state, stateText, warnings };
}

function planNames(
  sheets: readonly SheetWrite[],
  existing: readonly string[],
  previouslyOwned: readonly string[],
  warnings: string[],
): { deleteNames: string[]; addNames: NameWrite[]; ownedNames: string[] } {
  const exists = new Set(existing.map(key));
  const ours = new Set(previouslyOwned.map(key));
  const addNames: NameWrite[] = [];
  const seen = new Set<string>();
  // Statement order (operations, balance sheet, cash flows): the first statement naming a concept wins.
  for (const sheet of sheets) {
    for (const req of sheet.layout.names) {
      if (seen.has(key(req.name))) continue;
      seen.add(key(req.name));
      if (exists.has(key(req.name)) && !ours.has(key(req.name))) {
        warnings.push(`The workbook already has a name ${req.name} that the add-in did not make; it was left alone.`);
        continue;
      }
      const ref = `${quoteSheetName(sheet.name)}!${absoluteAddress(req.row, req.col)}`;
      addNames.push({ name: req.name, formula: req.negate ? `=-${ref}` : `=${ref}`, comment: req.comment });
    }
  }
  // Delete every add-in name still in the workbook: the ones re-added point at the new cells, the rest (concepts the latest filing lacks) go.
  const deleteNames = previouslyOwned.filter((n) => exists.has(key(n)));
  return { deleteNames, addNames, ownedNames: addNames.map((n) => n.name) };
}
