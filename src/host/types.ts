// What the task pane asks of the workbook. Two implementations: the Excel adapter (src/excel/)
// and a preview host for a plain browser (no Office), so the components never touch Office.js.
import type { ParsedFiling } from "../filing/types";
import type { StoredFiling } from "../store/filingStore";

export interface ImportReport {
  filingId: string;
  /** True when this exact filing was already in the workbook: nothing was written. */
  alreadyImported: boolean;
  /** Sheets written (names chosen so that no user sheet is touched). */
  sheets: string[];
  /** Ranges written, in A1 notation with sheet names. */
  ranges: string[];
  /** context.sync() round trips the import took. */
  syncs: number;
  warnings: string[];
}

export interface WorkbookHost {
  readonly kind: "excel" | "preview";
  /** Writes the statements, the history sheet and the names; adds the filing to the store; saves the store in the workbook. */
  importFiling(filing: ParsedFiling): Promise<ImportReport>;
  /** Forgets a filing (store, saved copy, history column); sheets already written stay. */
  removeFiling(id: string): Promise<void>;
  /** Loads the filings saved inside the workbook into the store (on open). */
  restore(): Promise<readonly StoredFiling[]>;
}
