// Test doubles for the task pane: a workbook host that records its calls, and an ImmunoGen filing
// built from the hand-checked truth file, located in the real paste text (lines and character ranges)
// the way the parser reports provenance.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Check, ParsedFiling, ParseOptions, ParseResult } from "../../src/filing/types";
import type { ParseRequest, ParseResponse } from "../../src/taskpane/parseClient";
import type { ImportReport, WorkbookHost } from "../../src/host/types";
import type { FilingStore, StoredFiling } from "../../src/store/filingStore";
import { CORPUS_DIR, truthFiling } from "../helpers/truthFiling";

export const IMGN_PASTE = readFileSync(join(CORPUS_DIR, "imgn-2004q3.paste.txt"), "utf8");

/** How the paste prints an exact value: "-2471" → "(2,471)". */
function printed(exact: string): string {
  const negative = exact.startsWith("-");
  const [int, frac] = exact.replace("-", "").split(".");
  const body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? `.${frac.padEnd(2, "0")}` : "");
  return negative ? `(${body})` : body;
}

/** The ImmunoGen filing with each row's line and each value's character range found in `text`. */
export function imgnFiling(text: string = IMGN_PASTE): ParsedFiling {
  const filing = truthFiling("imgn-2004q3");
  const lines = text.split(/\r\n|\r|\n/);
  for (const statement of [filing.statements.operations, filing.statements.balanceSheet]) {
    if (!statement) continue;
    for (const row of statement.rows) {
      const index = lines.findIndex((line) => line.startsWith(`${row.label}\t`));
      if (index < 0) continue;
      row.line = index + 1;
      let from = row.label.length;
      row.sources = row.values.map((value) => {
        if (value === null) return null;
        const start = lines[index].indexOf(printed(value), from);
        if (start < 0) return null;
        from = start + printed(value).length;
        return { line: row.line, start, end: from };
      });
    }
  }
  filing.document.fiscalPeriod = { label: "Q1 FY2005", quarter: 1, fiscalYear: 2005, fiscalYearEnd: "06-30", text: "first quarter of the Company's 2005 fiscal year" };
  filing.scale = { ...filing.scale, text: "(in thousands, except per share amounts)" };
  for (const statement of [filing.statements.operations, filing.statements.balanceSheet]) if (statement) statement.scale = filing.scale;
  const ops = filing.statements.operations!;
  const lineOf = (label: string): number => ops.rows.find((r) => r.label === label)!.line;
  const checks: Check[] = [
    { kind: "total", statement: "operations", column: 0, description: "Total revenues = sum of 4 rows above", reported: "9006", computed: "9006", tolerance: "1", passed: true, line: lineOf("Total revenues") },
    // Deliberately wrong, so the pane has a failed check to show.
    { kind: "total", statement: "operations", column: 0, description: "Total operating expenses = sum of 3 rows above", reported: "11842", computed: "11845", tolerance: "1", passed: false, line: lineOf("Total operating expenses") },
  ];
  filing.checks = checks;
  return filing;
}

export interface ParseCall {
  text: string;
  options: ParseOptions;
}

/** A parse function that records its calls and answers with `answer(text)`. */
export function recordingParse(answer: (text: string, options: ParseOptions) => ParseResult): { parse: (text: string, options: ParseOptions) => ParseResult; calls: ParseCall[] } {
  const calls: ParseCall[] = [];
  return {
    calls,
    parse: (text, options) => {
      calls.push({ text, options });
      return answer(text, options);
    },
  };
}

/** A workbook host that records imports and removals, and keeps the store like the real ones do. */
export class RecordingHost implements WorkbookHost {
  readonly imported: ParsedFiling[] = [];
  readonly removed: string[] = [];
  restoreCalls = 0;
  failImportWith: Error | null = null;

  constructor(
    private readonly store: FilingStore,
    readonly kind: "excel" | "preview" = "excel",
  ) {}

  async importFiling(filing: ParsedFiling): Promise<ImportReport> {
    this.imported.push(filing);
    if (this.failImportWith) throw this.failImportWith;
    const { id, added } = this.store.add(filing, "2026-11-25T10:00:00.000Z");
    return { filingId: id, alreadyImported: !added, sheets: added ? ["IMGN Q1 FY2005"] : [], ranges: [], syncs: added ? 2 : 0, warnings: [] };
  }

  async removeFiling(id: string): Promise<void> {
    this.removed.push(id);
    this.store.remove(id);
  }

  async restore(): Promise<readonly StoredFiling[]> {
    this.restoreCalls++;
    return this.store.list();
  }
}

/** A stand-in for the browser's Worker: records what it is sent; the test answers as the worker script would. */
export class FakeWorker {
  onmessage: ((event: MessageEvent<ParseResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: ParseRequest[] = [];
  terminated = false;

  postMessage(request: ParseRequest): void {
    this.received.push(request);
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(response: ParseResponse): void {
    this.onmessage?.({ data: response } as MessageEvent<ParseResponse>);
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}
