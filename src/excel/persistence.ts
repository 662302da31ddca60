// Pure: the add-in's saved state ⇄ the text stored inside the workbook, with a version tag.
//
// Where it is stored (see docs/workbook.md): one workbook setting, key STATE_SETTING_KEY, through the
// Excel API's `workbook.settings` (ExcelApi 1.4). It is the same per-add-in document store as the
// Common API's Office.context.document.settings, but it is read and written inside the Excel.run
// batch, so loading it joins sync 1 and saving it joins sync 2 (document.settings.saveAsync would be
// a third round trip). Custom XML parts (ExcelApi 1.5) hold more, but reading one takes a second
// round trip after finding it (getByNamespace → getXml), which the 2-sync budget cannot afford.
// Settings hold about 2 MB per add-in; an import that would pass SAVED_STATE_LIMIT is refused with
// a message rather than saved partly. A parsed filing is typically 10-60 KB.
import type { ParsedFiling } from "../filing/types";
import type { StoredFiling } from "../store/filingStore";
import type { SheetRole } from "./layout";

export const STATE_SETTING_KEY = "imgn.workbook";
export const STATE_FORMAT = "imgn-workbook-state";
export const STATE_VERSION = 1;
/** Characters of saved state accepted; leaves headroom under the ~2 MB settings quota. */
export const SAVED_STATE_LIMIT = 1_800_000;

/** A sheet the add-in created and may rewrite. */
export interface OwnedSheet {
  role: SheetRole;
  /** Name when last written (the user may rename it since; the id still finds it). */
  name: string;
  /** Worksheet id; null until a later import has seen the sheet (an id is only known after the sync that creates it). */
  id: string | null;
  /** The rectangle last written, A1 notation; cleared before the next write so no stale row stays behind. */
  address: string;
}

export interface WorkbookState {
  filings: StoredFiling[];
  sheets: OwnedSheet[];
  /** Workbook names the add-in created (only these are ever deleted or replaced). */
  names: string[];
}

export const EMPTY_STATE: Readonly<WorkbookState> = { filings: [], sheets: [], names: [] };

interface SavedStateV1 extends WorkbookState {
  format: typeof STATE_FORMAT;
  version: 1;
}

export function serializeState(state: WorkbookState): string {
  const saved: SavedStateV1 = { format: STATE_FORMAT, version: STATE_VERSION, filings: state.filings, sheets: state.sheets, names: state.names };
  return JSON.stringify(saved);
}

export type DeserializeResult = { ok: true; state: WorkbookState } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const ROLES: readonly string[] = ["operations", "balanceSheet", "cashFlows", "history"];

function isParsedFiling(v: unknown): v is ParsedFiling {
  return isObject(v) && isObject(v.company) && isObject(v.document) && isObject(v.statements) && isObject(v.scale) && Array.isArray(v.checks);
}

function isStoredFiling(v: unknown): v is StoredFiling {
  return isObject(v) && typeof v.id === "string" && typeof v.importedAt === "string" && isParsedFiling(v.filing);
}

function isOwnedSheet(v: unknown): v is OwnedSheet {
  return isObject(v) && typeof v.role === "string" && ROLES.includes(v.role) && typeof v.name === "string" && (v.id === null || typeof v.id === "string") && typeof v.address === "string";
}

/** Reads saved text back; anything unexpected is an error value naming what is wrong, never a half-read state. */
export function deserializeState(text: string): DeserializeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: "The filings saved in this workbook could not be read (the saved text is not valid JSON)." };
  }
  if (!isObject(parsed) || parsed.format !== STATE_FORMAT) return { ok: false, error: "The workbook setting holding the saved filings has an unknown format." };
  if (parsed.version !== STATE_VERSION) {
    return { ok: false, error: `The filings in this workbook were saved by a different version of the add-in (format version ${String(parsed.version)}; this one reads ${STATE_VERSION}).` };
  }
  const { filings, sheets, names } = parsed;
  if (!Array.isArray(filings) || !filings.every(isStoredFiling)) return { ok: false, error: "The saved filings in this workbook are damaged (a filing entry is incomplete)." };
  if (!Array.isArray(sheets) || !sheets.every(isOwnedSheet)) return { ok: false, error: "The saved list of add-in sheets in this workbook is damaged." };
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) return { ok: false, error: "The saved list of add-in names in this workbook is damaged." };
  return { ok: true, state: { filings, sheets, names } };
}
