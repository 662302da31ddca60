import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  conceptName,
  filingLayouts,
  missingStatementLayout,
  numberFormatFor,
  numberCell,
  priorYearPairs,
  scaleNote,
  statementLayout,
  textCell,
} from "../../src/excel/layout";
import type { ParsedFiling, Statement } from "../../src/filing/types";
import { CORPUS_DIR } from "../helpers/truthFiling";
import { parsedCorpusFiling } from "./corpus";
import { formatColumn, layoutRows } from "./render";

const AMOUNT = '#,##0;(#,##0);"–"';
const PER_SHARE = "0.00;(0.00)";
const SHARES = "#,##0";
const yoy = (r: number, cur = "B", pri = "C"): string => `=IF(OR(${cur}${r}="",${pri}${r}="",${pri}${r}=0),"",(${cur}${r}-${pri}${r})/ABS(${pri}${r}))`;
const change = (r: number): string => `=IF(OR(B${r}="",C${r}=""),"",B${r}-C${r})`;

function statementOf(filing: ParsedFiling, kind: "operations" | "balanceSheet"): Statement {
  const s = filing.statements[kind];
  if (!s) throw new Error(`no ${kind}`);
  return s;
}

describe("statement layout — ImmunoGen Q1 FY2005 (the sample, parsed)", () => {
  const filing = parsedCorpusFiling("imgn-2004q3");
  const ops = statementLayout(filing, statementOf(filing, "operations"));
  const bs = statementLayout(filing, statementOf(filing, "balanceSheet"));

  test("operations: every cell, as printed, with YoY formulas beside the values", () => {
    expect(ops.role).toBe("operations");
    expect(ops.baseName).toBe("IMGN Operations");
    expect(ops.address).toBe("A1:F23");
    expect(layoutRows(ops)).toEqual([
      ["CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS", null, null, null, null, null],
      ["ImmunoGen, Inc. (IMGN) — 8-K — Q1 FY2005 — period ended 2004-09-30", null, null, null, null, null],
      ["Amounts in thousands of USD; per-share amounts in USD; shares in thousands", null, null, null, null, null],
      [null, null, null, null, null, null],
      [null, "Three Months Ended September 30, 2004", "Three Months Ended September 30, 2003", "YoY % — Three Months Ended September 30, 2004", "Concept", "Note"],
      ["Revenues", null, null, null, null, null],
      ["Research and development support", 4089, 1208, yoy(7), null, null],
      ["Clinical materials reimbursement", 2865, 1949, yoy(8), null, null],
      ["License fees and milestone payments", 1542, 646, yoy(9), null, null],
      ["Development fees", 510, 87, yoy(10), null, null],
      ["Total revenues", 9006, 3890, yoy(11), "Revenues", null],
      ["Expenses", null, null, null, null, null],
      ["Cost of clinical materials reimbursed", 2494, 1759, yoy(13), null, null],
      ["Research and development", 7855, 4771, yoy(14), "ResearchAndDevelopmentExpense", null],
      ["General and administrative", 1493, 1834, yoy(15), "GeneralAndAdministrativeExpense", null],
      ["Total operating expenses", 11842, 8364, yoy(16), "OperatingExpenses", null],
      ["Loss from operations", -2836, -4474, yoy(17), "OperatingIncomeLoss", null],
      ["Other income, net", 368, 358, yoy(18), null, null],
      ["Loss before taxes", -2468, -4116, yoy(19), "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest", null],
      ["Income tax expense", 3, 10, yoy(20), "IncomeTaxExpenseBenefit", null],
      ["Net Loss", -2471, -4126, yoy(21), "NetIncomeLoss", null],
      ["Net loss per common share, basic and diluted", -0.06, -0.1, yoy(22), "EarningsPerShareBasicAndDiluted", null],
      ["Average common shares outstanding, basic and diluted", 40789, 40589, yoy(23), "WeightedAverageNumberOfShareOutstandingBasicAndDiluted", null],
    ]);
  });

  test("operations: number formats by row kind; text cells are text so headers never become dates", () => {
    const blockTop = ["@", "@", "@", "General", "General"];
    expect(formatColumn(ops, 0)).toEqual([...blockTop, ...Array(18).fill("@")]);
    expect(formatColumn(ops, 1)).toEqual([
      "General", "General", "General", "General", "@", "General",
      AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, "General", AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT,
      PER_SHARE, SHARES,
    ]);
    expect(formatColumn(ops, 3).slice(6)).toEqual(["0.0%", "0.0%", "0.0%", "0.0%", "0.0%", "General", ...Array(11).fill("0.0%")]);
  });

  test("operations: bold totals with a top border, indented section items, frozen header, widths", () => {
    expect(ops.styles).toEqual([
      { address: "A1", bold: true },
      { address: "A3", italic: true },
      { address: "A5:F5", bold: true, bottomBorder: true, wrapText: true },
      { address: "A6", italic: true },
      { address: "A7:A10", indentLevel: 1 },
      { address: "A11:D11", bold: true, topBorder: true },
      { address: "A12", italic: true },
      { address: "A13:A15", indentLevel: 1 },
      { address: "A16:D17", bold: true, topBorder: true },
      { address: "A18", indentLevel: 1 },
      { address: "A19:D19", bold: true, topBorder: true },
      { address: "A20", indentLevel: 1 },
      { address: "A21:D21", bold: true, topBorder: true },
      { address: "A22:A23", indentLevel: 1 },
    ]);
    expect(ops.freezeRows).toBe(5);
    expect(ops.columnWidths).toEqual([312, 95, 95, 80, 190, 240]);
  });

  test("operations: one IMGN_ name per concept, on the current-period cell", () => {
    expect(ops.names.map((n) => [n.name, n.row, n.col, n.negate])).toEqual([
      ["IMGN_Revenues", 10, 1, false],
      ["IMGN_ResearchAndDevelopmentExpense", 13, 1, false],
      ["IMGN_GeneralAndAdministrativeExpense", 14, 1, false],
      ["IMGN_OperatingExpenses", 15, 1, false],
      ["IMGN_OperatingIncomeLoss", 16, 1, false],
      ["IMGN_IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest", 18, 1, false],
      ["IMGN_IncomeTaxExpenseBenefit", 19, 1, false],
      ["IMGN_NetIncomeLoss", 20, 1, false],
      ["IMGN_EarningsPerShareBasicAndDiluted", 21, 1, false],
      ["IMGN_WeightedAverageNumberOfShareOutstandingBasicAndDiluted", 22, 1, false],
    ]);
    expect(ops.names[7].comment).toBe("Net Loss — Three Months Ended September 30, 2004 — ImmunoGen, Inc. (IMGN) — 8-K — Q1 FY2005 — period ended 2004-09-30");
  });

  test("balance sheet: change against the comparative column as current − comparative", () => {
    expect(bs.baseName).toBe("IMGN Balance Sheet");
    expect(bs.address).toBe("A1:F14");
    expect(layoutRows(bs)).toEqual([
      ["CONDENSED CONSOLIDATED BALANCE SHEETS", null, null, null, null, null],
      ["ImmunoGen, Inc. (IMGN) — 8-K — Q1 FY2005 — period ended 2004-09-30", null, null, null, null, null],
      ["Amounts in thousands of USD", null, null, null, null, null],
      [null, null, null, null, null, null],
      [null, "September 30, 2004", "June 30, 2004", "Change vs June 30, 2004", "Concept", "Note"],
      ["ASSETS", null, null, null, null, null],
      ["Cash and marketable securities", 95020, 94610, change(7), "CashCashEquivalentsAndShortTermInvestments", null],
      ["Other assets", 23230, 28020, change(8), null, null],
      ["Total assets", 118250, 122630, change(9), "Assets", null],
      ["LIABILITIES AND STOCKHOLDERS' EQUITY", null, null, null, null, null],
      ["Current liabilities", 10381, 11285, change(11), "LiabilitiesCurrent", null],
      ["Long term portion of deferred revenue and other long term liabilities", 13223, 14208, change(12), null, null],
      ["Stockholders' equity", 94646, 97137, change(13), "StockholdersEquity", null],
      ["Total liabilities and stockholders' equity", 118250, 122630, change(14), "LiabilitiesAndStockholdersEquity", null],
    ]);
    // The change column carries the amount format of its row, not a percentage.
    expect(formatColumn(bs, 3).slice(6)).toEqual([AMOUNT, AMOUNT, AMOUNT, "General", AMOUNT, AMOUNT, AMOUNT, AMOUNT]);
  });
});

describe("statement layout — Apple Q1 FY2011 (millions, shares in thousands, cash flows)", () => {
  const filing = parsedCorpusFiling("aapl-2011q1");
  const layouts = filingLayouts(filing);

  test("one sheet per statement the filing has", () => {
    expect(layouts.map((l) => [l.role, l.baseName, l.address])).toEqual([
      ["operations", "IMGN Operations", "A1:F23"],
      ["balanceSheet", "IMGN Balance Sheet", "A1:F34"],
      ["cashFlows", "IMGN Cash Flows", "A1:F38"],
    ]);
  });

  test("operations rows, scale note with shares in thousands, EPS and share formats", () => {
    const ops = layouts[0];
    const rows = layoutRows(ops);
    expect(rows[1][0]).toBe("Apple Inc. — 8-K — Q1 FY2011 — period ended 2010-12-25");
    expect(rows[2][0]).toBe("Amounts in millions of USD; per-share amounts in USD; shares in thousands");
    expect(rows[4]).toEqual([null, "Three Months Ended 2010", "Three Months Ended 2009", "YoY % — Three Months Ended 2010", "Concept", "Note"]);
    expect(rows[5]).toEqual(["Net sales", 26741, 15683, yoy(6), "Revenues", null]);
    expect(rows[16]).toEqual(["Net income", 6004, 3378, yoy(17), "NetIncomeLoss", null]);
    expect(rows.slice(17)).toEqual([
      ["Earnings per common share", null, null, null, null, null],
      ["Basic", 6.53, 3.74, yoy(19), "EarningsPerShareBasic", null],
      ["Diluted", 6.43, 3.67, yoy(20), "EarningsPerShareDiluted", null],
      ["Shares used in computing earnings per share", null, null, null, null, null],
      ["Basic", 919294, 903542, yoy(22), "WeightedAverageNumberOfSharesOutstandingBasic", null],
      ["Diluted", 933154, 919783, yoy(23), "WeightedAverageNumberOfDilutedSharesOutstanding", null],
    ]);
    expect(formatColumn(ops, 1).slice(17)).toEqual(["General", PER_SHARE, PER_SHARE, "General", SHARES, SHARES]);
    expect(ops.names.find((n) => n.name === "IMGN_NetIncomeLoss")).toMatchObject({ row: 16, col: 1, negate: false });
  });

  test("balance sheet: a negative comparative stays negative; the long label widens column A to its cap", () => {
    const bs = layouts[1];
    const rows = layoutRows(bs);
    const aoci = rows.find((r) => r[0] === "Accumulated other comprehensive income/(loss)");
    expect(aoci).toEqual(["Accumulated other comprehensive income/(loss)", 114, -46, change(rows.indexOf(aoci!) + 1), null, null]);
    expect(bs.columnWidths[0]).toBe(360);
  });
});

describe("statement layout — Buckle Q3 FY2024 (13 and 39 weeks, three balance-sheet dates)", () => {
  const filing = parsedCorpusFiling("bke-2024q3");
  const [ops, bs] = filingLayouts(filing);

  test("each operations column is paired with the same-length column one fiscal year earlier", () => {
    expect(priorYearPairs(statementOf(filing, "operations").columns)).toEqual([
      { current: 0, prior: 1 },
      { current: 2, prior: 3 },
    ]);
    const rows = layoutRows(ops);
    expect(rows[4]).toEqual([
      null, "Thirteen Weeks Ended 2024", "Thirteen Weeks Ended 2023", "Thirty-Nine Weeks Ended 2024", "Thirty-Nine Weeks Ended 2023",
      "YoY % — Thirteen Weeks Ended 2024", "YoY % — Thirty-Nine Weeks Ended 2024", "Concept", "Note",
    ]);
    expect(rows[5]).toEqual(["SALES, Net of returns and allowances", 293618, 303457, 838490, 878719, yoy(6), yoy(6, "D", "E"), "Revenues", null]);
    // The unlabelled subtotal keeps an empty label and is still a bold total.
    expect(rows[11]).toEqual([null, 85588, 83150, 248163, 244328, yoy(12), yoy(12, "D", "E"), null, null]);
    expect(ops.styles).toContainEqual({ address: "A12:G13", bold: true, topBorder: true });
    expect(rows[16]).toEqual(["NET INCOME", 44172, 51762, 118270, 140338, yoy(17), yoy(17, "D", "E"), "NetIncomeLoss", null]);
    expect(rows[18]).toEqual(["Basic", 0.89, 1.05, 2.37, 2.83, yoy(19), yoy(19, "D", "E"), "EarningsPerShareBasic", null]);
  });

  test("balance sheet: change against the comparative (second) date, all three dates written", () => {
    const rows = layoutRows(bs);
    expect(rows[4]).toEqual([null, "November 2, 2024", "February 3, 2024", "October 28, 2023", "Change vs February 3, 2024", "Concept", "Note"]);
    expect(rows[6]).toEqual(["Cash and cash equivalents", 301958, 268213, 311657, change(7), "CashAndCashEquivalentsAtCarryingValue", null]);
    expect(rows[13]).toEqual(["Less accumulated depreciation and amortization", -365241, -360200, -359367, change(14), null, null]);
    expect(rows[35]).toEqual(["Total liabilities and stockholders’ equity", 976270, 889810, 921207, change(36), "LiabilitiesAndStockholdersEquity", null]);
  });

  test("every value cell equals the hand-checked truth", () => {
    const truth = JSON.parse(readFileSync(join(CORPUS_DIR, "bke-2024q3.truth.json"), "utf8")) as {
      statements: Record<"operations" | "balance_sheet", { rows: { values: (number | null)[] }[] }>;
    };
    const written = (layout: typeof ops, width: number): (number | null)[][] =>
      layout.values.slice(5).filter((r) => typeof r[1] === "number").map((r) => r.slice(1, 1 + width) as (number | null)[]);
    expect(written(ops, 4)).toEqual(truth.statements.operations.rows.map((r) => r.values));
    expect(written(bs, 3)).toEqual(truth.statements.balance_sheet.rows.map((r) => r.values));
  });
});

describe("layout rules", () => {
  test("formats follow row kind and the decimals the filing prints", () => {
    expect(numberFormatFor("amount", 0)).toBe(AMOUNT);
    expect(numberFormatFor("amount", 1)).toBe('#,##0.0;(#,##0.0);"–"');
    expect(numberFormatFor("perShare", 0)).toBe(PER_SHARE);
    expect(numberFormatFor("perShare", 3)).toBe("0.000;(0.000)");
    expect(numberFormatFor("shares", 0)).toBe(SHARES);
    expect(numberFormatFor("shares", 1)).toBe("#,##0.0");
    expect(numberFormatFor("percent", 0)).toBe('0.0"%"');
  });

  test("GameStop's one-decimal millions keep their decimal in the format", () => {
    const filing = parsedCorpusFiling("gme-2023q2");
    const ops = statementLayout(filing, statementOf(filing, "operations"));
    const salesRow = ops.values.findIndex((r) => typeof r[1] === "number");
    expect(ops.numberFormats[salesRow][1]).toBe('#,##0.0;(#,##0.0);"–"');
  });

  test("stub periods (AEON's predecessor/successor columns) get no YoY pairing", () => {
    const filing = parsedCorpusFiling("aeon-2023q3");
    const columns = statementOf(filing, "operations").columns;
    expect(columns.some((c) => c.months === null)).toBe(true);
    for (const pair of priorYearPairs(columns)) {
      expect(columns[pair.current].months).not.toBeNull();
      expect(columns[pair.current].months).toBe(columns[pair.prior].months);
    }
  });

  test("a loss printed without parentheses: written as printed, noted, and its name negates the cell", () => {
    const filing = parsedCorpusFiling("imgn-2004q3");
    const ops = statementOf(filing, "operations");
    const netLoss = ops.rows.find((r) => r.concept === "NetIncomeLoss")!;
    netLoss.values = ["4200103", "1000"];
    netLoss.negateForConcept = true;
    const layout = statementLayout(filing, ops);
    const r = layout.values.findIndex((row) => row[0] === "Net Loss");
    expect(layoutRows(layout)[r]).toEqual([
      "Net Loss", 4200103, 1000, yoy(r + 1), "NetIncomeLoss",
      "Loss printed without parentheses: written as printed; the concept's value (and its IMGN_ name) is the negation.",
    ]);
    expect(layout.names.find((n) => n.name === "IMGN_NetIncomeLoss")).toMatchObject({ row: r, col: 1, negate: true });
  });

  test("a label that starts with = stays text; a value that is not a decimal is refused with a message", () => {
    expect(textCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(textCell("Net sales")).toBe("Net sales");
    expect(() => numberCell("1,234")).toThrow('Cannot write "1,234" as a number');
    expect(numberCell("-0.06")).toBe(-0.06);
  });

  test("names keep only the characters Excel accepts", () => {
    expect(conceptName("NetIncomeLoss")).toBe("IMGN_NetIncomeLoss");
    expect(conceptName("us-gaap:Revenues")).toBe("IMGN_us_gaap_Revenues");
  });

  test("scale note says when the scale was inferred", () => {
    const filing = parsedCorpusFiling("imgn-2004q3");
    const bs = statementOf(filing, "balanceSheet");
    bs.scale = { ...bs.scale, inferred: true };
    expect(scaleNote(bs, "USD")).toBe("Amounts in thousands of USD (scale inferred: the filing does not state it)");
  });

  test("a statement missing from the latest filing becomes a notice, not stale numbers", () => {
    const layout = missingStatementLayout("cashFlows", parsedCorpusFiling("imgn-2004q3"));
    expect(layoutRows(layout)).toEqual([
      ["Statement of cash flows"],
      ["ImmunoGen, Inc. (IMGN) — 8-K — Q1 FY2005 — period ended 2004-09-30"],
      ["The latest imported filing has no such statement."],
    ]);
    expect(layout.address).toBe("A1:A3");
  });
});
