// The filings imported into this workbook, latest reporting period first. Pure: no Office here.
// The task pane adds to it; the IMGN.* functions read it and re-evaluate when it changes;
// the Excel adapter saves it inside the workbook and reloads it on open.
import type { ParsedFiling } from "../filing/types";

export interface StoredFiling {
  /** Stable identity of a filing: company + period end + statement values digest, so the same filing imported twice is one entry. */
  id: string;
  /** ISO timestamp of the import. */
  importedAt: string;
  filing: ParsedFiling;
}

export type StoreListener = (filings: readonly StoredFiling[]) => void;

/** Latest period end first; ties broken by the later import. */
function byLatestPeriod(a: StoredFiling, b: StoredFiling): number {
  const pa = a.filing.document.periodEnd ?? "";
  const pb = b.filing.document.periodEnd ?? "";
  if (pa !== pb) return pa < pb ? 1 : -1;
  return a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : 0;
}

/** A short, deterministic digest (FNV-1a) of a string; enough to tell two filings apart. */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export function filingId(filing: ParsedFiling): string {
  const who = filing.company.ticker ?? filing.company.name ?? "filing";
  const when = filing.document.periodEnd ?? "undated";
  return `${who}-${when}-${digest(JSON.stringify(filing.statements))}`;
}

export class FilingStore {
  private filings: StoredFiling[] = [];
  private readonly listeners = new Set<StoreListener>();

  /** All filings, latest period first. */
  list(): readonly StoredFiling[] {
    return this.filings;
  }

  latest(): StoredFiling | null {
    return this.filings[0] ?? null;
  }

  get(id: string): StoredFiling | null {
    return this.filings.find((f) => f.id === id) ?? null;
  }

  /** Adds a filing; the same filing twice is kept once (and `added` is false). */
  add(filing: ParsedFiling, importedAt: string = new Date().toISOString()): { id: string; added: boolean } {
    const id = filingId(filing);
    if (this.get(id)) return { id, added: false };
    this.filings = [...this.filings, { id, importedAt, filing }].sort(byLatestPeriod);
    this.emit();
    return { id, added: true };
  }

  remove(id: string): boolean {
    const next = this.filings.filter((f) => f.id !== id);
    if (next.length === this.filings.length) return false;
    this.filings = next;
    this.emit();
    return true;
  }

  /** Replaces everything (workbook load). */
  replaceAll(filings: readonly StoredFiling[]): void {
    this.filings = [...filings].sort(byLatestPeriod);
    this.emit();
  }

  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener(this.filings);
  }
}

/** The one store of the shared runtime: the task pane and the custom functions see the same filings. */
export const filingStore = new FilingStore();
