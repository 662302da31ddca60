// WorkbookHost over Excel: every operation is one Excel.run batch of at most two context.sync() round trips
// (sync 1 reads what exists, sync 2 writes everything), then the shared filing store is brought in step
// so every IMGN.* formula re-evaluates. The workbook's saved state is the truth; the store mirrors it.
import type { ParsedFiling } from "../filing/types";
import type { ImportReport, WorkbookHost } from "../host/types";
import { FilingStore, filingId, filingStore, type StoredFiling } from "../store/filingStore";
import { applyPlan, readWorkbook, type ReadResult } from "./adapter";
import { SHEET_BASE_NAMES } from "./layout";
import { planWrites, type WorkbookSnapshot } from "./plan";

/** Runs one batch against the workbook; Excel.run in the add-in, a mock context in tests. */
export type ExcelBatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  run?: ExcelBatchRunner;
  /** The store the IMGN.* functions read; the shared one by default. */
  store?: FilingStore;
  /** ISO timestamp of an import (fixed in tests). */
  now?: () => string;
}

/** The store's order (latest period first, ties by later import), reused rather than restated. */
function inStoreOrder(filings: readonly StoredFiling[]): StoredFiling[] {
  const sorter = new FilingStore();
  sorter.replaceAll(filings);
  return [...sorter.list()];
}

function sameFilings(a: readonly StoredFiling[], b: readonly StoredFiling[]): boolean {
  return a.length === b.length && a.every((f, i) => f.id === b[i].id);
}

function snapshotOrThrow(read: ReadResult): WorkbookSnapshot {
  if (!read.ok) throw new Error(read.error);
  return read.snapshot;
}

export function createExcelHost(options: ExcelHostOptions = {}): WorkbookHost {
  const run: ExcelBatchRunner = options.run ?? ((batch) => Excel.run(batch));
  const store = options.store ?? filingStore;
  const now = options.now ?? (() => new Date().toISOString());

  // One operation at a time: each reads the saved state in sync 1 and rewrites it in sync 2, so two
  // overlapping imports (a double click, restore racing the first import) would otherwise both read the
  // old state and the second save would drop the first filing.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = tail.then(operation, operation);
    tail = result.catch(() => undefined);
    return result;
  };

  // Sheets sync 1 inspects for user cells. Which sheets the add-in owns is only known once sync 1 has read the
  // saved state, so the host remembers them (ids and names) from its previous operation — restore() runs when
  // the task pane opens; before any, it inspects the default names. Only owned sheets are rewritten (a new sheet
  // needs no inspection), so a default-named sheet the add-in does not own is not read. A sheet missed this way
  // counts as full in the plan. Each sheet once: by id when known (a rename does not lose it), else by name.
  const remembered = new Map<string, string>(); // id or name → name
  const toInspect = (): string[] => (remembered.size > 0 ? [...remembered.keys()] : Object.values(SHEET_BASE_NAMES));
  const remember = (snapshot: WorkbookSnapshot, sheets: readonly { name: string; id: string | null }[]): void => {
    remembered.clear();
    for (const entry of sheets) {
      const live = snapshot.sheets.find((s) => (entry.id !== null ? s.id === entry.id : s.name.toLocaleUpperCase() === entry.name.toLocaleUpperCase()));
      if (live) remembered.set(live.id, live.name);
      else if (entry.id === null) remembered.set(entry.name, entry.name); // made by this operation: its id is learnt next time
    }
  };

  /** Mirrors the workbook's filings into the store, notifying only on a real change. */
  const mirror = (filings: readonly StoredFiling[]): void => {
    if (!sameFilings(store.list(), inStoreOrder(filings))) store.replaceAll(filings);
  };

  return {
    kind: "excel",

    async importFiling(filing: ParsedFiling): Promise<ImportReport> {
      return serial(() => run(async (context) => {
        const snapshot = snapshotOrThrow(await readWorkbook(context, toInspect()));
        remember(snapshot, snapshot.state?.sheets ?? []);
        const saved = snapshot.state?.filings ?? [];
        const id = filingId(filing);
        if (saved.some((f) => f.id === id)) {
          // Same filing again: nothing is written, so nothing in the workbook changes.
          mirror(saved);
          return { filingId: id, alreadyImported: true, sheets: [], ranges: [], syncs: 1, warnings: [] };
        }
        const filings = inStoreOrder([...saved, { id, importedAt: now(), filing }]);
        const plan = planWrites(snapshot, filings, { statements: true });
        const ranges = await applyPlan(context, plan);
        remember(snapshot, plan.state.sheets);
        store.replaceAll(filings);
        return { filingId: id, alreadyImported: false, sheets: plan.sheets.map((s) => s.name), ranges, syncs: 2, warnings: plan.warnings };
      }));
    },

    async removeFiling(id: string): Promise<void> {
      await serial(() => run(async (context) => {
        const snapshot = snapshotOrThrow(await readWorkbook(context, toInspect()));
        remember(snapshot, snapshot.state?.sheets ?? []);
        const saved = snapshot.state?.filings ?? [];
        if (!saved.some((f) => f.id === id)) {
          mirror(saved);
          return;
        }
        const filings = saved.filter((f) => f.id !== id);
        const plan = planWrites(snapshot, filings, { statements: false });
        await applyPlan(context, plan);
        remember(snapshot, plan.state.sheets);
        store.replaceAll(filings);
      }));
    },

    async restore(): Promise<readonly StoredFiling[]> {
      return serial(() => run(async (context) => {
        // Restore reads no cells (it writes nothing); it only learns which sheets to inspect next time.
        const snapshot = snapshotOrThrow(await readWorkbook(context));
        remember(snapshot, snapshot.state?.sheets ?? []);
        mirror(snapshot.state?.filings ?? []);
        return store.list();
      }));
    },
  };
}
