import { historyLayout, historyPeriods } from "../../src/excel/history";
import { FilingStore } from "../../src/store/filingStore";
import { parsedCorpusFiling } from "./corpus";
import { layoutRows } from "./render";

const AMOUNT = '#,##0;(#,##0);"–"';

/** Three real Apple earnings releases, imported out of date order. */
function appleStore(): FilingStore {
  const store = new FilingStore();
  store.add(parsedCorpusFiling("aapl-2011q1"), "2026-01-01T00:00:00.000Z");
  store.add(parsedCorpusFiling("aapl-2004q3"), "2026-01-02T00:00:00.000Z");
  store.add(parsedCorpusFiling("aapl-2024q1"), "2026-01-03T00:00:00.000Z");
  return store;
}

describe("history sheet", () => {
  test("one column per imported period, oldest first, whatever the import order", () => {
    const layout = historyLayout(appleStore().list());
    const rows = layoutRows(layout);
    expect(layout.role).toBe("history");
    expect(layout.baseName).toBe("IMGN History");
    expect(rows[0][0]).toBe("IMGN History");
    expect(rows.slice(3, 6)).toEqual([
      [null, null, "Company", "Apple", "Apple Inc.", "Apple Inc."],
      [null, null, "Period end", "2004-06-26", "2010-12-25", "2023-12-30"],
      ["Concept", "Label", "Unit", "Q3 FY2004", "Q1 FY2011", "Q1 FY2024"],
    ]);
    expect(layout.freezeRows).toBe(6);
    expect(layout.styles).toEqual([
      { address: "A1", bold: true },
      { address: "A2", italic: true },
      { address: "A4:F6", bold: true },
      { address: "A6:F6", bottomBorder: true },
    ]);
  });

  test("one row per concept with the latest label; values as printed in the reported scale", () => {
    const layout = historyLayout(appleStore().list());
    const rows = layoutRows(layout);
    const row = (concept: string) => rows.find((r) => r[0] === concept);
    // The label is the latest filing's, as the parser reads it (footnote markers kept).
    expect(row("Revenues")?.[1]).toMatch(/^Total net sales/);
    expect(row("Revenues")?.slice(2)).toEqual(["USD millions", 2014, 26741, 119575]);
    expect(row("NetIncomeLoss")).toEqual(["NetIncomeLoss", "Net income", "USD millions", 61, 6004, 33916]);
    expect(row("EarningsPerShareDiluted")).toEqual(["EarningsPerShareDiluted", "Diluted", "USD per share", 0.16, 6.43, 2.18]);
    expect(row("Assets")).toEqual(["Assets", "Total assets", "USD millions", 7223, 86742, 353514]);
    // "Selling, general, and administrative" (2004, Oxford comma) is the same concept as the later label.
    expect(row("SellingGeneralAndAdministrativeExpense")).toEqual(["SellingGeneralAndAdministrativeExpense", "Selling, general and administrative", "USD millions", 354, 1896, 6786]);
    // A concept one filing lacks leaves its cell empty rather than zero (the 2024 balance sheet prints no goodwill line).
    expect(row("Goodwill")).toEqual(["Goodwill", "Goodwill", "USD millions", 80, 741, null]);
    const r = rows.indexOf(row("Revenues")!);
    expect(layout.numberFormats[r].slice(3)).toEqual([AMOUNT, AMOUNT, AMOUNT]);
    // Rows without a concept are not in the history.
    expect(rows.slice(6).every((cells) => typeof cells[0] === "string" && cells[0] !== "")).toBe(true);
  });

  test("scales that differ between filings are brought exactly to the latest filing's scale", () => {
    // The 2011 release restated as a filing that prints whole shares (919,294,000): the history, in the latest
    // filing's thousands, must show the same 919,294 exactly.
    const store = appleStore();
    const whole = parsedCorpusFiling("aapl-2011q1");
    whole.document.periodEnd = "2010-12-24"; // another period, so it gets a column of its own
    whole.statements.operations!.columns[0].periodEnd = "2010-12-24";
    whole.statements.operations!.scale = { ...whole.statements.operations!.scale, shares: "units" };
    const shares = whole.statements.operations!.rows.find((r) => r.concept === "WeightedAverageNumberOfSharesOutstandingBasic")!;
    shares.values = shares.values.map((v) => (v === null ? v : `${v}000`));
    store.add(whole, "2026-01-04T00:00:00.000Z");
    const rows = layoutRows(historyLayout(store.list()));
    expect(rows.find((r) => r[0] === "WeightedAverageNumberOfSharesOutstandingBasic")).toEqual([
      "WeightedAverageNumberOfSharesOutstandingBasic", "Basic", "shares thousands", 375023, 919294, 919294, 15509763,
    ]);
  });

  test("the same company and period imported twice keeps the later import", () => {
    const store = new FilingStore();
    const first = parsedCorpusFiling("imgn-2004q3");
    const corrected = parsedCorpusFiling("imgn-2004q3");
    corrected.statements.operations!.rows.find((r) => r.concept === "NetIncomeLoss")!.values[0] = "-2472";
    store.add(first, "2026-01-01T00:00:00.000Z");
    store.add(corrected, "2026-01-05T00:00:00.000Z");
    expect(store.list()).toHaveLength(2);
    expect(historyPeriods(store.list())).toHaveLength(1);
    const rows = layoutRows(historyLayout(store.list()));
    expect(rows.find((r) => r[0] === "NetIncomeLoss")).toEqual(["NetIncomeLoss", "Net Loss", "USD thousands", -2472]);
  });

  test("a loss printed without parentheses goes in as the concept's signed value", () => {
    const filing = parsedCorpusFiling("imgn-2004q3");
    const netLoss = filing.statements.operations!.rows.find((r) => r.concept === "NetIncomeLoss")!;
    netLoss.values = ["2471", "4126"];
    netLoss.negateForConcept = true;
    const store = new FilingStore();
    store.add(filing, "2026-01-01T00:00:00.000Z");
    const rows = layoutRows(historyLayout(store.list()));
    expect(rows.find((r) => r[0] === "NetIncomeLoss")).toEqual(["NetIncomeLoss", "Net Loss", "USD thousands", -2471]);
  });

  test("an empty store gives the header block only", () => {
    const layout = historyLayout([]);
    expect(layout.address).toBe("A1:C6");
    expect(layoutRows(layout)[5]).toEqual(["Concept", "Label", "Unit"]);
  });
});
