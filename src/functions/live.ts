// Live results: a streaming IMGN.* invocation computes once, then again on every store change
// (import, removal, workbook load), until it is cancelled. No Office here: `push` is whatever
// delivers a result (invocation.setResult in Excel, a callback in tests).
import type { StoredFiling, StoreListener } from "../store/filingStore";

/** The part of FilingStore a live result needs. */
export interface WatchableStore {
  list(): readonly StoredFiling[];
  subscribe(listener: StoreListener): () => void;
}

/**
 * Pushes `compute(filings)` now and after every change of `store`; returns the cancel function.
 * After cancel nothing more is pushed, even from a change already being delivered.
 */
export function watchStore<T>(store: WatchableStore, compute: (filings: readonly StoredFiling[]) => T, push: (result: T) => void): () => void {
  let live = true;
  const deliver = (filings: readonly StoredFiling[]): void => {
    if (live) push(compute(filings));
  };
  const unsubscribe = store.subscribe(deliver);
  deliver(store.list());
  return () => {
    if (!live) return;
    live = false;
    unsubscribe();
  };
}
