// The Office.js adapter and the Excel WorkbookHost, driven against office-addin-mock objects (tests/excel/fakeExcel.ts).
import { createExcelHost } from "../../src/excel/host";
import { historyLayout } from "../../src/excel/history";
import { filingLayouts } from "../../src/excel/layout";
import { deserializeState, STATE_SETTING_KEY, type WorkbookState } from "../../src/excel/persistence";
import type { ParsedFiling } from "../../src/filing/types";
import type { WorkbookHost } from "../../src/host/types";
import { FilingStore } from "../../src/store/filingStore";
import { parsedCorpusFiling } from "./corpus";
import { FakeExcel } from "./fakeExcel";
import { layoutRows } from "./render";

const AMOUNT = '#,##0;(#,##0);"–"';

interface Harness {
  excel: FakeExcel;
  store: FilingStore;
  host: WorkbookHost;
  /** Store notifications received (filing counts). */
  notified: number[];
}

function harness(excel = new FakeExcel()): Harness {
  const store = new FilingStore();
  const notified: number[] = [];
  store.subscribe((filings) => notified.push(filings.length));
  let clock = 0;
  const host = createExcelHost({
    run: (batch) => batch(excel.context()),
    store,
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString(),
  });
  return { excel, store, host, notified };
}

/** Sync round trips one operation costs. */
async function syncsOf<T>(excel: FakeExcel, op: () => Promise<T>): Promise<{ result: T; syncs: number }> {
  const before = excel.syncCount;
  const result = await op();
  return { result, syncs: excel.syncCount - before };
}

function savedState(excel: FakeExcel): WorkbookState {
  const text = excel.settings.get(STATE_SETTING_KEY);
  if (typeof text !== "string") throw new Error("no saved state");
  const read = deserializeState(text);
  if (!read.ok) throw new Error(read.error);
  return read.state;
}

describe("importing the sample (ImmunoGen Q1 FY2005) into an empty workbook", () => {
  const filing = parsedCorpusFiling("imgn-2004q3");
  let h: Harness;
  let report: Awaited<ReturnType<WorkbookHost["importFiling"]>>;
  let syncs: number;

  beforeAll(async () => {
    h = harness();
    ({ result: report, syncs } = await syncsOf(h.excel, () => h.host.importFiling(filing)));
  });

  test("takes two context.sync() round trips: read, then write everything", () => {
    expect(syncs).toBe(2);
    expect(report.syncs).toBe(2);
    // Every write is queued between the two syncs; before the first only the reads of sheets the add-in may own.
    const calls = h.excel.calls;
    expect(calls.filter((c) => c === "sync")).toHaveLength(2);
    expect(calls.slice(0, calls.indexOf("sync"))).toEqual(["IMGN Operations", "IMGN Balance Sheet", "IMGN Cash Flows", "IMGN History"].map((n) => `inspect ${n}`));
    expect(calls[calls.length - 1]).toBe("sync");
  });

  test("number formats go in before values, so text headers such as dates stay text", () => {
    const calls = h.excel.calls;
    for (const where of ["IMGN Operations!A1:F23", "IMGN Balance Sheet!A1:F14", "IMGN History!A1:D21"]) {
      const format = calls.indexOf(`range.numberFormat ${where}`);
      expect(format).toBeGreaterThan(0);
      expect(format).toBeLessThan(calls.indexOf(`range.values ${where}`));
      expect(calls.indexOf(`range.values ${where}`)).toBeLessThan(calls.indexOf(`range.formulas ${where}`));
    }
    // A new sheet is created, not cleared: nothing of the user's could be there.
    expect(calls.filter((c) => c.startsWith("range.clear"))).toEqual([]);
  });

  test("reports the sheets and ranges written", () => {
    expect(report).toEqual({
      filingId: report.filingId,
      alreadyImported: false,
      sheets: ["IMGN Operations", "IMGN Balance Sheet", "IMGN History"],
      ranges: ["'IMGN Operations'!A1:F23", "'IMGN Balance Sheet'!A1:F14", "'IMGN History'!A1:D21"],
      syncs: 2,
      warnings: [],
    });
    expect(report.filingId).toMatch(/^IMGN-2004-09-30-[0-9a-f]{8}$/);
  });

  test("the operations sheet holds exactly the layout: values, formulas and formats", () => {
    const [ops, bs] = filingLayouts(filing);
    expect(h.excel.rows("IMGN Operations", "A1:F23")).toEqual(layoutRows(ops));
    expect(h.excel.formats("IMGN Operations", "A1:F23")).toEqual(ops.numberFormats);
    expect(h.excel.rows("IMGN Balance Sheet", "A1:F14")).toEqual(layoutRows(bs));
    expect(h.excel.formats("IMGN Balance Sheet", "A1:F14")).toEqual(bs.numberFormats);
  });

  test("sample cells, asserted one by one", () => {
    const cell = (a: string) => h.excel.cell("IMGN Operations", a);
    expect(cell("A1")).toMatchObject({ value: "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS", numberFormat: "@", bold: true });
    expect(cell("B5")).toMatchObject({ value: "Three Months Ended September 30, 2004", numberFormat: "@", bold: true, bottomBorder: true, wrapText: true });
    expect(cell("A7")).toMatchObject({ value: "Research and development support", indentLevel: 1, bold: false });
    expect(cell("B7")).toMatchObject({ value: 4089, formula: null, numberFormat: AMOUNT });
    expect(cell("B21")).toMatchObject({ value: -2471, numberFormat: AMOUNT, bold: true, topBorder: true });
    expect(cell("D21")).toMatchObject({ value: null, formula: '=IF(OR(B21="",C21="",C21=0),"",(B21-C21)/ABS(C21))', numberFormat: "0.0%", bold: true, topBorder: true });
    expect(cell("E21")).toMatchObject({ value: "NetIncomeLoss", bold: false, topBorder: false });
    expect(cell("B22")).toMatchObject({ value: -0.06, numberFormat: "0.00;(0.00)" });
    expect(cell("B23")).toMatchObject({ value: 40789, numberFormat: "#,##0" });
    expect(h.excel.cell("IMGN Balance Sheet", "D9")).toMatchObject({ formula: '=IF(OR(B9="",C9=""),"",B9-C9)', numberFormat: AMOUNT });
  });

  test("frozen header and column widths", () => {
    const ops = h.excel.sheet("IMGN Operations");
    expect(ops.frozenRows).toBe(5);
    expect([...ops.columnWidths.entries()]).toEqual([["A", 312], ["B", 95], ["C", 95], ["D", 80], ["E", 190], ["F", 240]]);
    expect(h.excel.sheet("IMGN History").frozenRows).toBe(6);
  });

  test("workbook names for the key concepts point at the current-period cells", () => {
    expect(h.excel.names.get("IMGN_NetIncomeLoss")).toEqual({
      formula: "='IMGN Operations'!$B$21",
      comment: "Net Loss — Three Months Ended September 30, 2004 — ImmunoGen, Inc. (IMGN) — 8-K — Q1 FY2005 — period ended 2004-09-30",
    });
    expect(h.excel.names.get("IMGN_Revenues")?.formula).toBe("='IMGN Operations'!$B$11");
    expect(h.excel.names.get("IMGN_EarningsPerShareBasicAndDiluted")?.formula).toBe("='IMGN Operations'!$B$22");
    expect(h.excel.names.get("IMGN_Assets")?.formula).toBe("='IMGN Balance Sheet'!$B$9");
    expect(h.excel.names.get("IMGN_StockholdersEquity")?.formula).toBe("='IMGN Balance Sheet'!$B$13");
    expect(h.excel.names.size).toBe(15);
  });

  test("the history sheet has the filing's period as its one column", () => {
    expect(h.excel.rows("IMGN History", "A4:D6")).toEqual([
      [null, null, "Company", "IMGN"],
      [null, null, "Period end", "2004-09-30"],
      ["Concept", "Label", "Unit", "Q1 FY2005"],
    ]);
    const rows = h.excel.rows("IMGN History", "A7:D21");
    expect(rows.find((r) => r[0] === "NetIncomeLoss")).toEqual(["NetIncomeLoss", "Net Loss", "USD thousands", -2471]);
    expect(rows.find((r) => r[0] === "Assets")).toEqual(["Assets", "Total assets", "USD thousands", 118250]);
  });

  test("the parsed filing and the add-in's sheets and names are saved inside the workbook", () => {
    const state = savedState(h.excel);
    expect(state.filings.map((f) => f.filing)).toEqual([filing]);
    expect(state.sheets).toEqual([
      { role: "operations", name: "IMGN Operations", id: null, address: "A1:F23" },
      { role: "balanceSheet", name: "IMGN Balance Sheet", id: null, address: "A1:F14" },
      { role: "history", name: "IMGN History", id: null, address: "A1:D21" },
    ]);
    expect(state.names).toHaveLength(15);
  });

  test("the functions' store is notified once, with the filing", () => {
    expect(h.notified).toEqual([1]);
    expect(h.store.list().map((f) => f.filing)).toEqual([filing]);
  });

  test("importing the same filing again changes nothing and costs one sync", async () => {
    const before = h.excel.snapshot();
    const { result, syncs: again } = await syncsOf(h.excel, () => h.host.importFiling(parsedCorpusFiling("imgn-2004q3")));
    expect(again).toBe(1);
    expect(result).toEqual({ filingId: report.filingId, alreadyImported: true, sheets: [], ranges: [], syncs: 1, warnings: [] });
    expect(h.excel.snapshot()).toEqual(before);
    expect(h.notified).toEqual([1]);
  });
});

describe("sync budget", () => {
  test("a very large filing still takes two round trips", async () => {
    const filing = parsedCorpusFiling("bke-2024q3");
    const ops = filing.statements.operations!;
    const rows = ops.rows;
    ops.rows = Array.from({ length: 200 }, (_, i) => rows.map((r) => ({ ...r, label: `${r.label} ${i}`, concept: r.concept ? `${r.concept}${i}` : null }))).flat();
    expect(ops.rows.length).toBe(3000);
    const h = harness();
    const { result, syncs } = await syncsOf(h.excel, () => h.host.importFiling(filing));
    expect(syncs).toBe(2);
    // 3,000 rows + 5 title/header rows + 2 section headings per copy.
    expect(result.ranges[0]).toBe("'IMGN Operations'!A1:I3405");
    expect(h.excel.cell("IMGN Operations", "A3405")).toMatchObject({ value: "Diluted weighted average shares 199" });
    expect(h.excel.cell("IMGN Operations", "B3405")).toMatchObject({ value: 50297 });
  });

  test("restore takes one round trip", async () => {
    const h = harness();
    await h.host.importFiling(parsedCorpusFiling("imgn-2004q3"));
    const { syncs } = await syncsOf(h.excel, () => harness(h.excel).host.restore());
    expect(syncs).toBe(1);
  });
});

describe("overlapping operations", () => {
  test("two imports started together run one after the other: both filings are saved", async () => {
    const h = harness();
    const [a, b, again] = await Promise.all([
      h.host.importFiling(parsedCorpusFiling("imgn-2004q3")),
      h.host.importFiling(parsedCorpusFiling("bke-2024q3")),
      h.host.importFiling(parsedCorpusFiling("imgn-2004q3")),
    ]);
    expect([a.alreadyImported, b.alreadyImported, again.alreadyImported]).toEqual([false, false, true]);
    expect(savedState(h.excel).filings.map((f) => f.id).sort()).toEqual([a.filingId, b.filingId].sort());
    expect(h.excel.syncCount).toBe(5);
  });

  test("a failed operation does not block the next one", async () => {
    const excel = new FakeExcel();
    excel.settings.set(STATE_SETTING_KEY, "{broken");
    const h = harness(excel);
    await expect(h.host.restore()).rejects.toThrow("could not be read");
    excel.settings.delete(STATE_SETTING_KEY);
    expect((await h.host.importFiling(parsedCorpusFiling("imgn-2004q3"))).alreadyImported).toBe(false);
  });
});

describe("user content is never written over", () => {
  test("a user sheet with the add-in's name is left alone and a new name chosen", async () => {
    const excel = new FakeExcel();
    excel.addSheet("IMGN Operations", { A1: "my notes", B2: 42 });
    excel.addSheet("imgn history", { A1: "mine too" }); // sheet names compare without case
    excel.names.set("IMGN_Revenues", { formula: "=Sheet1!$A$1", comment: "user's" });
    const before = excel.snapshot() as { sheets: unknown[] };
    const h = harness(excel);
    const report = await h.host.importFiling(parsedCorpusFiling("imgn-2004q3"));

    expect(report.sheets).toEqual(["IMGN Operations (2)", "IMGN Balance Sheet", "IMGN History (2)"]);
    expect(report.warnings).toEqual([
      'A sheet named "IMGN Operations" already exists and is not the add-in\'s; the statement was written to "IMGN Operations (2)" instead.',
      'A sheet named "IMGN History" already exists and is not the add-in\'s; the statement was written to "IMGN History (2)" instead.',
      "The workbook already has a name IMGN_Revenues that the add-in did not make; it was left alone.",
    ]);
    const after = excel.snapshot() as { sheets: unknown[] };
    expect(after.sheets.slice(0, 2)).toEqual(before.sheets.slice(0, 2));
    expect(excel.names.get("IMGN_Revenues")).toEqual({ formula: "=Sheet1!$A$1", comment: "user's" });
    expect(excel.names.get("IMGN_NetIncomeLoss")?.formula).toBe("='IMGN Operations (2)'!$B$21");
    expect(excel.cell("IMGN Operations (2)", "B21").value).toBe(-2471);

    // A newer filing goes to the same add-in sheets; the user's stay untouched.
    await h.host.importFiling(parsedCorpusFiling("bke-2024q3"));
    expect((excel.snapshot() as { sheets: unknown[] }).sheets.slice(0, 2)).toEqual(before.sheets.slice(0, 2));
    expect(excel.sheets.map((s) => s.name)).toEqual(["IMGN Operations", "imgn history", "IMGN Operations (2)", "IMGN Balance Sheet", "IMGN History (2)"]);
    expect(excel.names.get("IMGN_Revenues")).toEqual({ formula: "=Sheet1!$A$1", comment: "user's" });
  });

  test("cells the user typed beside the add-in's range on its sheet survive a refresh", async () => {
    const h = harness();
    await h.host.importFiling(parsedCorpusFiling("aapl-2011q1"));
    const ops = h.excel.sheet("IMGN Operations");
    ops.cells.set("H2", { ...h.excel.cell("IMGN Operations", "H2"), value: "analyst note" });
    ops.cells.set("A40", { ...h.excel.cell("IMGN Operations", "A40"), value: 123 });
    await h.host.importFiling(parsedCorpusFiling("aapl-2024q1"));
    expect(h.excel.cell("IMGN Operations", "H2").value).toBe("analyst note");
    expect(h.excel.cell("IMGN Operations", "A40").value).toBe(123);
  });

  test("a renamed add-in sheet is still found by its id; a deleted one is made again", async () => {
    const h = harness();
    await h.host.importFiling(parsedCorpusFiling("aapl-2004q3"));
    await h.host.importFiling(parsedCorpusFiling("aapl-2011q1")); // learns the sheets' ids
    // Sheets that existed before this import now have their ids saved; the cash-flow sheet is new (2004 had none).
    expect(savedState(h.excel).sheets.map((s) => [s.role, s.id !== null])).toEqual([
      ["operations", true], ["balanceSheet", true], ["cashFlows", false], ["history", true],
    ]);
    h.excel.sheet("IMGN Operations").name = "Apple P&L";
    h.excel.addSheet("IMGN Operations", { A1: "user's new sheet" });
    const bs = h.excel.sheet("IMGN Balance Sheet");
    h.excel.sheets.splice(h.excel.sheets.indexOf(bs), 1);

    const report = await h.host.importFiling(parsedCorpusFiling("aapl-2024q1"));
    expect(report.sheets).toEqual(["Apple P&L", "IMGN Balance Sheet", "IMGN Cash Flows", "IMGN History"]);
    expect(h.excel.cell("IMGN Operations", "A1").value).toBe("user's new sheet");
    expect(h.excel.cell("Apple P&L", "A2").value).toBe("Apple Inc. — 8-K — Q1 FY2024 — period ended 2023-12-30");
    expect(h.excel.names.get("IMGN_NetIncomeLoss")?.formula).toMatch(/^='Apple P&L'!\$B\$\d+$/);
  });
});

describe("refresh on a new filing", () => {
  test("a newer filing rewrites the statements, adds its period to the history, re-points names and notifies the store", async () => {
    const older = parsedCorpusFiling("aapl-2011q1");
    const newer = parsedCorpusFiling("aapl-2024q1");
    const h = harness();
    await h.host.importFiling(older);
    const { result, syncs } = await syncsOf(h.excel, () => h.host.importFiling(newer));
    expect(syncs).toBe(2);

    const [ops, bs, cf] = filingLayouts(newer);
    const history = historyLayout(h.store.list());
    expect(result.ranges).toEqual([ops, bs, cf, history].map((l) => `'${l.baseName}'!${l.address}`));
    expect(h.excel.rows("IMGN Operations", ops.address)).toEqual(layoutRows(ops));
    expect(h.excel.rows("IMGN Balance Sheet", bs.address)).toEqual(layoutRows(bs));
    expect(h.excel.rows("IMGN Cash Flows", cf.address)).toEqual(layoutRows(cf));
    expect(h.excel.rows("IMGN History", history.address)).toEqual(layoutRows(history));
    expect(h.excel.rows("IMGN History", "C5:E5")).toEqual([["Period end", "2010-12-25", "2023-12-30"]]);

    const netIncomeRow = layoutRows(ops).findIndex((r) => r[4] === "NetIncomeLoss") + 1;
    expect(h.excel.names.get("IMGN_NetIncomeLoss")?.formula).toBe(`='IMGN Operations'!$B$${netIncomeRow}`);
    expect(h.excel.cell("IMGN Operations", `B${netIncomeRow}`).value).toBe(33916);
    expect(h.notified).toEqual([1, 2]);
    expect(h.store.latest()?.filing).toEqual(newer);
  });

  test("a newer, shorter statement leaves none of the older rows behind", async () => {
    const h = harness();
    await h.host.importFiling(parsedCorpusFiling("imgn-2004q3"));
    const next = parsedCorpusFiling("imgn-2004q3");
    next.document.periodEnd = "2004-12-31";
    const ops = next.statements.operations!;
    ops.columns = [
      { label: "Three Months Ended December 31, 2004", periodEnd: "2004-12-31", months: 3 },
      { label: "Three Months Ended December 31, 2003", periodEnd: "2003-12-31", months: 3 },
    ];
    ops.rows = ops.rows.slice(0, 5);
    await h.host.importFiling(next);
    expect(h.excel.rows("IMGN Operations", "A10:F12")).toEqual([
      ["Development fees", 510, 87, '=IF(OR(B10="",C10="",C10=0),"",(B10-C10)/ABS(C10))', null, null],
      ["Total revenues", 9006, 3890, '=IF(OR(B11="",C11="",C11=0),"",(B11-C11)/ABS(C11))', "Revenues", null],
      [null, null, null, null, null, null],
    ]);
    // Rows 12-23 of the first import: values, formulas, formats and borders all gone.
    for (let r = 12; r <= 23; r++) for (const c of "ABCDEF") expect(h.excel.cell("IMGN Operations", `${c}${r}`)).toEqual(h.excel.cell("IMGN Operations", "Z99"));
    expect(h.excel.rows("IMGN Operations", "B5:C5")).toEqual([["Three Months Ended December 31, 2004", "Three Months Ended December 31, 2003"]]);
    // Names of concepts the latest statement no longer has are removed; the kept ones point at the new cells.
    expect(h.excel.names.has("IMGN_NetIncomeLoss")).toBe(false);
    expect(h.excel.names.get("IMGN_Revenues")?.formula).toBe("='IMGN Operations'!$B$11");
    expect(h.excel.names.get("IMGN_Assets")?.formula).toBe("='IMGN Balance Sheet'!$B$9");
  });

  test("an older filing only adds a history column: the statements keep showing the latest", async () => {
    const h = harness();
    await h.host.importFiling(parsedCorpusFiling("aapl-2024q1"));
    const before = h.excel.rows("IMGN Operations", "A1:F30");
    await h.host.importFiling(parsedCorpusFiling("aapl-2011q1"));
    expect(h.excel.rows("IMGN Operations", "A1:F30")).toEqual(before);
    expect(h.excel.rows("IMGN History", "C5:E5")).toEqual([["Period end", "2010-12-25", "2023-12-30"]]);
  });

  test("a statement the latest filing lacks is replaced by a notice", async () => {
    const h = harness();
    await h.host.importFiling(parsedCorpusFiling("aapl-2011q1")); // has cash flows
    await h.host.importFiling(parsedCorpusFiling("bke-2024q3")); // has none
    expect(h.excel.rows("IMGN Cash Flows", "A1:B4")).toEqual([
      ["Statement of cash flows", null],
      ["The Buckle, Inc. (BKE) — 8-K — Q3 FY2024 — period ended 2024-11-02", null],
      ["The latest imported filing has no such statement.", null],
      [null, null],
    ]);
  });
});

describe("persistence through the workbook", () => {
  test("a reopened workbook restores the filings into the functions' store", async () => {
    const first = harness();
    await first.host.importFiling(parsedCorpusFiling("imgn-2004q3"));
    await first.host.importFiling(parsedCorpusFiling("bke-2024q3"));

    const reopened = harness(first.excel); // same workbook, fresh runtime
    const restored = await reopened.host.restore();
    expect(restored).toEqual(first.store.list());
    expect(reopened.store.list()).toEqual(first.store.list());
    expect(reopened.notified).toEqual([2]);
    // The restored runtime recognises the saved filings: re-importing one writes nothing.
    const before = first.excel.snapshot();
    expect((await reopened.host.importFiling(parsedCorpusFiling("imgn-2004q3"))).alreadyImported).toBe(true);
    expect(first.excel.snapshot()).toEqual(before);
  });

  test("a workbook with nothing saved restores an empty store", async () => {
    const h = harness();
    expect(await h.host.restore()).toEqual([]);
    expect(h.notified).toEqual([]);
  });

  test("removing a filing drops it from the store, the saved copy and the history; its sheets stay", async () => {
    const h = harness();
    const a = await h.host.importFiling(parsedCorpusFiling("aapl-2011q1"));
    await h.host.importFiling(parsedCorpusFiling("aapl-2024q1"));
    const opsBefore = h.excel.rows("IMGN Operations", "A1:F30");
    const { syncs } = await syncsOf(h.excel, () => h.host.removeFiling(a.filingId));
    expect(syncs).toBe(2);
    expect(h.store.list()).toHaveLength(1);
    expect(savedState(h.excel).filings.map((f) => f.id)).toEqual(h.store.list().map((f) => f.id));
    expect(h.excel.rows("IMGN History", "C5:E5")).toEqual([["Period end", "2023-12-30", null]]);
    expect(h.excel.rows("IMGN Operations", "A1:F30")).toEqual(opsBefore);
  });

  test("damaged saved state stops the import with a message, before anything is written", async () => {
    const excel = new FakeExcel();
    excel.settings.set(STATE_SETTING_KEY, "{broken");
    const before = excel.snapshot();
    const h = harness(excel);
    await expect(h.host.importFiling(parsedCorpusFiling("imgn-2004q3"))).rejects.toThrow(
      "The filings saved in this workbook could not be read (the saved text is not valid JSON).",
    );
    expect(excel.snapshot()).toEqual(before);
    expect(excel.syncCount).toBe(1);
  });
});

describe("a loss printed without parentheses (Junglee FY1997, parsed)", () => {
  test("written as printed with a note; the name and the history carry the signed concept value", async () => {
    const filing = parsedCorpusFiling("junglee-1997fy");
    const h = harness();
    await h.host.importFiling(filing);
    const rows = h.excel.rows("IMGN Operations", filingLayouts(filing)[0].address);
    const r = rows.findIndex((row) => row[0] === "NET LOSS");
    expect(r).toBeGreaterThan(0);
    expect(rows[r][1]).toBe(4200103);
    expect(rows[r][rows[r].length - 1]).toBe(
      "Loss printed without parentheses: written as printed; the concept's value (and its IMGN_ name) is the negation.",
    );
    expect(h.excel.names.get("IMGN_NetIncomeLoss")?.formula).toBe(`=-'IMGN Operations'!$B$${r + 1}`);
    expect(h.excel.rows("IMGN Operations", "A3")).toEqual([["Amounts in USD (scale inferred: the filing does not state it)"]]);
    const history = h.excel.rows("IMGN History", "A7:D40");
    expect(history.find((row) => row[0] === "NetIncomeLoss")).toEqual(["NetIncomeLoss", "NET LOSS", "USD", -4200103]);
  });
});

describe("a larger statement never reaches cells the user typed", () => {
  /** ImmunoGen's next quarter, three rows longer: its operations need A1:F27 where the first import wrote A1:F23. */
  function longerQuarter(periodEnd = "2004-12-31"): ParsedFiling {
    const next = parsedCorpusFiling("imgn-2004q3");
    next.document.periodEnd = periodEnd;
    const year = Number(periodEnd.slice(0, 4));
    const ops = next.statements.operations!;
    ops.columns = [
      { label: `Three Months Ended ${periodEnd}`, periodEnd, months: 3 },
      { label: `Three Months Ended ${year - 1}${periodEnd.slice(4)}`, periodEnd: `${year - 1}${periodEnd.slice(4)}`, months: 3 },
    ];
    ops.rows = [...ops.rows, ...ops.rows.slice(0, 3).map((r) => ({ ...r, label: `${r.label} (restated)`, concept: null }))];
    return next;
  }

  async function withNoteAt(address: string, value: string | number): Promise<Harness> {
    const h = harness();
    await h.host.importFiling(parsedCorpusFiling("imgn-2004q3")); // operations in A1:F23
    h.excel.sheet("IMGN Operations").cells.set(address, { ...h.excel.cell("IMGN Operations", address), value, bold: true });
    return h;
  }

  test("a value typed just below the old statement stays; the statement goes to a fresh sheet, with a warning, in two syncs", async () => {
    const h = await withNoteAt("A24", "my note");
    const noteBefore = { ...h.excel.cell("IMGN Operations", "A24") };
    const next = longerQuarter();
    const [ops] = filingLayouts(next);
    expect(ops.address).toBe("A1:F27");

    const { result, syncs } = await syncsOf(h.excel, () => h.host.importFiling(next));
    expect(syncs).toBe(2);
    expect(result.syncs).toBe(2);
    expect(h.excel.cell("IMGN Operations", "A24")).toEqual(noteBefore);
    expect(h.excel.calls.filter((c) => c.includes("IMGN Operations!") && c.includes("A24"))).toEqual([]);

    expect(result.warnings).toEqual([
      '"IMGN Operations" has cells the add-in did not write where the new statement of operations would go (A24); they were left as they are, the statement of operations was written to "IMGN Operations (2)" instead, and "IMGN Operations" is no longer updated by the add-in.',
    ]);
    expect(result.sheets).toEqual(["IMGN Operations (2)", "IMGN Balance Sheet", "IMGN History", "IMGN Operations"]);
    expect(h.excel.rows("IMGN Operations (2)", "A1:F27")).toEqual(layoutRows(ops));
    expect(h.excel.names.get("IMGN_Revenues")?.formula).toBe("='IMGN Operations (2)'!$B$11");

    // The old sheet: the add-in's old rectangle holds only a notice; it is no longer the add-in's.
    expect(h.excel.rows("IMGN Operations", "A1:A2")).toEqual([
      ['Statement of operations is now on the sheet "IMGN Operations (2)": the add-in no longer updates this sheet, because cells typed here were where its new version would go.'],
      [null],
    ]);
    for (let r = 2; r <= 23; r++) for (const c of "ABCDEF") expect(h.excel.cell("IMGN Operations", `${c}${r}`)).toEqual(h.excel.cell("IMGN Operations", "Z99"));
    expect(savedState(h.excel).sheets.map((s) => [s.role, s.name, s.address])).toEqual([
      ["operations", "IMGN Operations (2)", "A1:F27"],
      ["balanceSheet", "IMGN Balance Sheet", "A1:F14"],
      ["history", "IMGN History", "A1:E21"],
    ]);

    // Importing the same filing again changes nothing.
    const before = h.excel.snapshot();
    const again = await syncsOf(h.excel, () => h.host.importFiling(longerQuarter()));
    expect(again.syncs).toBe(1);
    expect(again.result.alreadyImported).toBe(true);
    expect(h.excel.snapshot()).toEqual(before);

    // The next filing goes to the new sheet; the old one, now the user's, is left exactly as it is.
    const oldSheet = JSON.stringify((h.excel.snapshot() as { sheets: unknown[] }).sheets[0]);
    const later = await syncsOf(h.excel, () => h.host.importFiling(longerQuarter("2005-03-31")));
    expect(later.syncs).toBe(2);
    expect(later.result.warnings).toEqual([]);
    expect(later.result.sheets).toEqual(["IMGN Operations (2)", "IMGN Balance Sheet", "IMGN History"]);
    expect(JSON.stringify((h.excel.snapshot() as { sheets: unknown[] }).sheets[0])).toBe(oldSheet);
  });

  test("cells typed away from the new statement's area do not move it", async () => {
    const h = await withNoteAt("H3", "beside");
    h.excel.sheet("IMGN Operations").cells.set("A200", { ...h.excel.cell("IMGN Operations", "A200"), formula: "=SUM(B7:B9)" });
    h.excel.sheet("IMGN Operations").cells.set("XFD1048576", { ...h.excel.cell("IMGN Operations", "XFD1048576"), value: "far" });
    const next = longerQuarter();
    const { result, syncs } = await syncsOf(h.excel, () => h.host.importFiling(next));
    expect(syncs).toBe(2);
    expect(result.warnings).toEqual([]);
    expect(result.sheets).toEqual(["IMGN Operations", "IMGN Balance Sheet", "IMGN History"]);
    expect(h.excel.rows("IMGN Operations", "A1:F27")).toEqual(layoutRows(filingLayouts(next)[0]));
    expect(h.excel.cell("IMGN Operations", "H3")).toMatchObject({ value: "beside", bold: true });
    expect(h.excel.cell("IMGN Operations", "A200").formula).toBe("=SUM(B7:B9)");
    expect(h.excel.cell("IMGN Operations", "XFD1048576").value).toBe("far");

    const before = h.excel.snapshot();
    expect((await h.host.importFiling(longerQuarter())).alreadyImported).toBe(true);
    expect(h.excel.snapshot()).toEqual(before);
  });

  test("a cell the user changed inside the add-in's own rectangle is the add-in's: the statement stays put", async () => {
    const h = await withNoteAt("F23", "edited");
    const result = await h.host.importFiling(longerQuarter());
    expect(result.warnings).toEqual([]);
    expect(result.sheets[0]).toBe("IMGN Operations");
  });

  test("a note to the right of the history moves the history when a new period column would reach it", async () => {
    const h = harness();
    await h.host.importFiling(parsedCorpusFiling("imgn-2004q3")); // history A1:D21
    h.excel.sheet("IMGN History").cells.set("E9", { ...h.excel.cell("IMGN History", "E9"), value: 1 });
    h.excel.sheet("IMGN History").cells.set("E12", { ...h.excel.cell("IMGN History", "E12"), value: 2 });
    const { result, syncs } = await syncsOf(h.excel, () => h.host.importFiling(longerQuarter()));
    expect(syncs).toBe(2);
    expect(result.warnings).toEqual([
      '"IMGN History" has cells the add-in did not write where the new history would go (E9, E12); they were left as they are, the history was written to "IMGN History (2)" instead, and "IMGN History" is no longer updated by the add-in.',
    ]);
    expect([h.excel.cell("IMGN History", "E9").value, h.excel.cell("IMGN History", "E12").value]).toEqual([1, 2]);
    expect(h.excel.rows("IMGN History (2)", "C5:E5")).toEqual([["Period end", "2004-09-30", "2004-12-31"]]);

    // From then on "IMGN History" is the user's: the next import does not read its cells, only the add-in's sheets.
    const from = h.excel.calls.length;
    await h.host.importFiling(parsedCorpusFiling("aapl-2004q3"));
    const sync1 = h.excel.calls.slice(from, h.excel.calls.indexOf("sync", from));
    const userSheet = h.excel.sheet("IMGN History");
    expect(sync1.filter((c) => c === `inspect ${userSheet.id}` || c === `inspect ${userSheet.name}`)).toEqual([]);
    expect(sync1).toContain(`inspect ${h.excel.sheet("IMGN History (2)").name}`);
  });

  test("a renamed sheet is inspected through the id the host learnt on open; unseen, a larger statement moves rather than risk a note", async () => {
    /** A workbook whose operations sheet the user renamed, after an import that saved the sheets' ids. */
    const renamedWorkbook = async (): Promise<FakeExcel> => {
      const h = harness();
      await h.host.importFiling(parsedCorpusFiling("imgn-2004q3"));
      await h.host.importFiling(parsedCorpusFiling("aapl-2004q3")); // an older period: learns and saves the ids
      expect(savedState(h.excel).sheets.every((s) => s.id !== null)).toBe(true);
      h.excel.sheet("IMGN Operations").name = "My P&L";
      return h.excel;
    };

    // Opened again, restore() first (as the task pane does): the renamed sheet is read and rewritten in place.
    const warm = harness(await renamedWorkbook());
    await warm.host.restore();
    const inPlace = await syncsOf(warm.excel, () => warm.host.importFiling(longerQuarter()));
    expect(inPlace.syncs).toBe(2);
    expect(inPlace.result.warnings).toEqual([]);
    expect(inPlace.result.sheets[0]).toBe("My P&L");

    // A runtime that has read nothing yet cannot see that sheet's cells in sync 1: the larger statement moves.
    const cold = harness(await renamedWorkbook());
    const moved = await syncsOf(cold.excel, () => cold.host.importFiling(longerQuarter()));
    expect(moved.syncs).toBe(2);
    expect(moved.result.warnings).toEqual([
      'The cells around the add-in\'s statement of operations on "My P&L" could not be checked, and the new one is larger, so it was written to "IMGN Operations" instead; "My P&L" is no longer updated by the add-in.',
    ]);
    expect(moved.result.sheets[0]).toBe("IMGN Operations");
  });
});
