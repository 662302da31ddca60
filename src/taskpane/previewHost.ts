// The workbook host outside Excel (a plain browser): imported filings live in the shared
// filing store only, for this session. Lets the task pane run as a preview with no Office.
import type { ParsedFiling } from "../filing/types";
import type { ImportReport, WorkbookHost } from "../host/types";
import { filingStore, type FilingStore, type StoredFiling } from "../store/filingStore";

export function createPreviewHost(store: FilingStore = filingStore): WorkbookHost {
  return {
    kind: "preview",
    async importFiling(filing: ParsedFiling): Promise<ImportReport> {
      const { id, added } = store.add(filing);
      return {
        filingId: id,
        alreadyImported: !added,
        sheets: [],
        ranges: [],
        syncs: 0,
        warnings: ["Not running in Excel: the filing is kept in this page only, no sheet was written."],
      };
    },
    async removeFiling(id: string): Promise<void> {
      store.remove(id);
    },
    async restore(): Promise<readonly StoredFiling[]> {
      return store.list();
    },
  };
}
