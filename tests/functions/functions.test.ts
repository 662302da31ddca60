// IMGN.* function logic on the sample (ImmunoGen Q1 FY2005, in thousands) and on corpus filings,
// with every expected value worked out by hand from the printed statements.
import Decimal from "decimal.js";
import { NO_FILING_MESSAGE } from "../../src/functions/errors";
import { evaluateFunction, FUNCTIONS } from "../../src/functions/functions";
import { truthFiling } from "../helpers/truthFiling";
import { copyOf, evalIn, parsedCorpus, ratio, sampleFiling, storeOf } from "./helpers";

const sample = storeOf(sampleFiling());

describe("no filing imported", () => {
  it.each(Object.keys(FUNCTIONS))("IMGN.%s gives #N/A asking for an import", (name) => {
    const args = name === "VALUE" || name === "YOY" || name === "CHANGE" || name === "PERSHARE" ? ["Revenues"] : name === "STATEMENT" ? ["operations"] : [];
    expect(evaluateFunction(name, [], args)).toEqual({ error: "#N/A", message: NO_FILING_MESSAGE });
    expect(NO_FILING_MESSAGE).toMatch(/Import a filing in the IMGN task pane/i);
  });
});

describe("IMGN.VALUE on the sample", () => {
  it.each([
    ['VALUE("Revenues")', 9006], // concept
    ['VALUE("Total revenues")', 9006], // label as printed
    ['VALUE("TOTAL-REVENUES")', 9006], // case and punctuation do not matter
    ['VALUE("revenue")', 9006], // alias
    ['VALUE("Research and development support")', 4089],
    ['VALUE("Stockholders equity")', 94646],
    ['VALUE("Income tax expense", "prior")', 10],
    ['VALUE("Total revenues", "prior")', 3890],
    ['VALUE("Revenues", "2003-09-30")', 3890],
    ['VALUE("Revenues", "Q1 FY2005")', 9006],
    ['VALUE("Revenues", "Q1 FY2004")', 3890],
    ['VALUE("Revenues", 38260)', 9006], // a date cell: Excel serial 38260 = 2004-09-30
    ['VALUE("Revenues", 37894)', 3890], // 2003-09-30
    ['VALUE("Cash and marketable securities", "FY2004")', 94610], // balance sheet at the fiscal year end 2004-06-30
    ['VALUE("cash", "2004-06-30")', 94610],
    ['VALUE("NetIncomeLoss")', -2471],
  ])("%s = %d", (formula, expected) => {
    expect(evalIn(sample, formula)).toBe(expected);
  });

  it("scales money with the money scale, shares with the share scale, and never per-share amounts", () => {
    expect(evalIn(sample, 'VALUE("Revenues",,"units")')).toBe(9006000);
    expect(evalIn(sample, 'VALUE("Revenues",,"millions")')).toBe(9.006);
    expect(evalIn(sample, 'VALUE("Revenues",,"thousands")')).toBe(9006);
    expect(evalIn(sample, 'VALUE("shares",,"units")')).toBe(40789000);
    expect(evalIn(sample, 'VALUE("eps",,"units")')).toBe(-0.06);
    expect(evalIn(sample, 'VALUE("eps",,"millions")')).toBe(-0.06);
  });

  it("an unknown item is #VALUE! with the closest rows suggested", () => {
    const result = evalIn(sample, 'VALUE("Revnue")');
    expect(result).toMatchObject({ error: "#VALUE!" });
    expect((result as { message: string }).message).toMatch(/Unknown item "Revnue".*Closest rows: "Total revenues"/);
    const equity = evalIn(sample, 'VALUE("stockholder equty")') as { message: string };
    expect(equity.message).toContain(`"Stockholders' equity"`);
  });

  it("names that are also JavaScript object properties are just unknown names", () => {
    expect(evalIn(sample, 'VALUE("constructor")')).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^Unknown item "constructor"/) });
    expect(evalIn(sample, 'VALUE("__proto__")')).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^Unknown item/) });
    expect(evaluateFunction("constructor", sample.list(), [])).toMatchObject({ error: "#NAME?" });
    expect(evalIn(sample, 'VALUE("Revenues",,"constructor")')).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/Unknown units/) });
  });

  it("bad arguments are #VALUE! with a message; a missing period is #N/A", () => {
    expect(evalIn(sample, "VALUE()")).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/needs an item/) });
    expect(evalIn(sample, 'VALUE("Revenues",,"dozens")')).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/Unknown units "dozens"/) });
    expect(evalIn(sample, 'VALUE("Revenues","last spring")')).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/not understood/) });
    expect(evalIn(sample, 'VALUE("Revenues","2004-02-30")')).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/not a valid date/) });
    expect(evalIn(sample, 'VALUE("Revenues","2001-03-31")')).toMatchObject({ error: "#N/A", message: expect.stringMatching(/No imported filing has a column for 2001-03-31 with "Total revenues"/) });
    expect(evalIn(sample, 'VALUE("Revenues","Q3 FY2005")')).toMatchObject({ error: "#N/A", message: expect.stringMatching(/Q3 FY2005 \(3 months to 2005-03-31\)/) });
    expect(evalIn(sample, 'VALUE("Revenues",,,"extra")')).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/takes 3 argument/) });
  });
});

describe("shortcuts on the sample", () => {
  it.each([
    ["NETLOSS()", -2471], // a loss is negative
    ["NETINCOME()", -2471],
    ['NETLOSS("prior")', -4126],
    ["REVENUE()", 9006],
    ["OPERATINGINCOME()", -2836],
    ["CASH()", 95020],
    ['CASH("prior")', 94610],
    ["TOTALASSETS()", 118250],
    ['TOTALASSETS(,"millions")', 118.25],
    ["EQUITY()", 94646],
    ["SHARES()", 40789],
    ["EPS()", -0.06],
    ['EPS("prior")', -0.1],
  ])("%s = %d", (formula, expected) => {
    expect(evalIn(sample, formula)).toBe(expected);
  });
});

describe("IMGN.YOY and IMGN.CHANGE", () => {
  it("revenue: 9,006 / 3,890 − 1", () => {
    expect(evalIn(sample, 'YOY("Revenues")')).toBe(ratio(9006 - 3890, 3890));
    expect(evalIn(sample, 'YOY("Revenues")')).toBeCloseTo(9006 / 3890 - 1, 14);
    expect(evalIn(sample, 'CHANGE("Revenues")')).toBe(5116);
    expect(evalIn(sample, 'CHANGE("Revenues",,"millions")')).toBe(5.116);
  });

  it("a narrowing loss is a positive change: (−2,471 − −4,126) / |−4,126|", () => {
    expect(evalIn(sample, 'YOY("Net loss")')).toBe(ratio(1655, 4126));
    expect(evalIn(sample, 'CHANGE("Net loss")')).toBe(1655);
    // Operating loss narrowed from 4,474 to 2,836.
    expect(evalIn(sample, 'YOY("OperatingIncomeLoss")')).toBe(ratio(-2836 + 4474, 4474));
  });

  it("balance-sheet rows compare with the comparative date (2004-06-30)", () => {
    expect(evalIn(sample, 'YOY("Total assets")')).toBe(ratio(118250 - 122630, 122630));
    expect(evalIn(sample, 'CHANGE("cash")')).toBe(410);
    expect(evalIn(sample, 'CHANGE("cash",,"units")')).toBe(410000);
  });

  it("a loss turning into a profit is positive: (1,500 − −4,126) / 4,126", () => {
    const filing = copyOf(sampleFiling());
    const netLoss = filing.statements.operations!.rows.find((r) => r.label === "Net Loss")!;
    netLoss.values[0] = "1500";
    const store = storeOf(filing);
    expect(evalIn(store, 'YOY("NetIncomeLoss")')).toBe(ratio(1500 + 4126, 4126));
    expect(evalIn(store, 'CHANGE("net income")')).toBe(5626);
  });

  it("a loss to profit over nine months (Apple 2004: operating loss 32 → income 198) is +7.1875", () => {
    const store = storeOf(truthFiling("aapl-2004q3"));
    expect(evalIn(store, 'YOY("OperatingIncomeLoss","9M 2004-06-26")')).toBe(7.1875); // (198 + 32) / 32
  });

  it("a zero prior value is #VALUE! with a message, not a division by zero", () => {
    const filing = copyOf(sampleFiling());
    filing.statements.operations!.rows.find((r) => r.label === "Development fees")!.values[1] = "0";
    const result = evalIn(storeOf(filing), 'YOY("Development fees")');
    expect(result).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/prior value is zero/) });
    expect(evalIn(storeOf(filing), 'CHANGE("Development fees")')).toBe(510);
  });

  it("a missing prior period is #N/A saying which period", () => {
    const filing = copyOf(sampleFiling());
    const ops = filing.statements.operations!;
    ops.columns = [ops.columns[0]];
    for (const row of ops.rows) row.values = [row.values[0]];
    const result = evalIn(storeOf(filing), 'YOY("Revenues")');
    expect(result).toMatchObject({ error: "#N/A", message: expect.stringMatching(/for 3 months to 2003-09-30 is not in the imported filings/) });
  });

  it("takes the year-earlier period from an earlier imported filing", () => {
    // Q1 FY2006 printed alone (current column only), with Q1 FY2005 imported after it.
    const next = copyOf(sampleFiling());
    const ops = next.statements.operations!;
    ops.columns = [{ label: "Three Months Ended September 30, 2005", periodEnd: "2005-09-30", months: 3 }];
    for (const row of ops.rows) row.values = [row.values[0]];
    ops.rows.find((r) => r.concept === "Revenues")!.values = ["12000"];
    next.statements.balanceSheet = null;
    next.document.periodEnd = "2005-09-30";
    next.document.fiscalPeriod = { label: "Q1 FY2006", quarter: 1, fiscalYear: 2006, fiscalYearEnd: "06-30", text: null };
    const store = storeOf(next, sampleFiling());
    expect(evalIn(store, "REVENUE()")).toBe(12000);
    expect(evalIn(store, 'YOY("Revenues")')).toBe(ratio(12000 - 9006, 9006));
    expect(evalIn(store, 'CHANGE("Revenues")')).toBe(2994);
    // The balance sheet only exists in the older filing: the latest has none, so "current" falls back to its period end, which no balance sheet has.
    expect(evalIn(store, "CASH()")).toMatchObject({ error: "#N/A" });
    expect(evalIn(store, 'CASH("2004-09-30")')).toBe(95020);
  });
});

describe("two filings imported out of order", () => {
  it("the latest period wins whatever the import order", () => {
    const newerFirst = storeOf(truthFiling("aapl-2024q1"), truthFiling("aapl-2011q1"));
    const olderFirst = storeOf(truthFiling("aapl-2011q1"), truthFiling("aapl-2024q1"));
    for (const store of [newerFirst, olderFirst]) {
      expect(evalIn(store, "REVENUE()")).toBe(119575);
      expect(evalIn(store, 'REVENUE("2010-12-25")')).toBe(26741);
      expect(evalIn(store, 'REVENUE("Q1 FY2011")')).toMatchObject({ error: "#N/A" }); // no fiscal period known: calendar Q1 2011 is not there
      const table = evalIn(store, "FILINGS()") as unknown[][];
      expect(table.map((r) => r[3])).toEqual(["Period end", "2023-12-30", "2010-12-25"]);
    }
  });
});

describe("the same concept in three- and nine-month columns (Apple Q3 FY2004)", () => {
  const store = storeOf(truthFiling("aapl-2004q3"));
  it.each([
    ["REVENUE()", 2014], // the quarter, not the year to date
    ['REVENUE("2004-06-26")', 2014],
    ['REVENUE("2004-06-30")', 2014], // 52/53-week quarter end found within a week
    ['REVENUE("9M 2004-06-26")', 5929],
    ['REVENUE("prior")', 1545],
    ['NETINCOME("9 months 2003-06-28")', 25],
  ])("%s = %d", (formula, expected) => {
    expect(evalIn(store, formula)).toBe(expected);
  });
  it("YOY of each length compares like with like", () => {
    expect(evalIn(store, 'YOY("Revenues")')).toBe(ratio(2014 - 1545, 1545));
    expect(evalIn(store, 'YOY("Revenues","9M 2004-06-26")')).toBe(ratio(5929 - 4492, 4492));
  });
  it("fiscal labels use the filing's fiscal year end when known", () => {
    const filing = truthFiling("aapl-2004q3");
    filing.document.fiscalPeriod = { label: "Q3 FY2004", quarter: 3, fiscalYear: 2004, fiscalYearEnd: null, text: null };
    const fiscal = storeOf(filing);
    expect(evalIn(fiscal, 'REVENUE("Q3 FY2004")')).toBe(2014);
    expect(evalIn(fiscal, 'REVENUE("9M FY2004")')).toBe(5929);
    expect(evalIn(fiscal, 'REVENUE("Q3 FY2003")')).toBe(1545);
  });
});

describe("IMGN.RUNWAY", () => {
  it("net loss basis: 95,020 of cash and marketable securities at 2,471 a quarter", () => {
    expect(evalIn(sample, "RUNWAY()")).toBe(ratio(95020 * 3, 2471));
    expect(evalIn(sample, 'RUNWAY("netloss",,"quarters")')).toBe(ratio(95020, 2471));
    expect(evalIn(sample, 'RUNWAY("netloss",,"years")')).toBe(ratio(95020, 2471 * 4));
    expect(evalIn(sample, 'RUNWAY(,"prior")')).toBe(ratio(94610 * 3, 4126)); // June 30 cash at the prior-year quarter's loss
  });

  it("a company that is not burning cash gets a sentence", () => {
    expect(evalIn(sample, 'RUNWAY("cashchange")')).toBe("Not burning cash: cash and marketable securities did not fall");
    expect(evalIn(storeOf(truthFiling("nvda-2026q4")), "RUNWAY()")).toBe("Not burning cash: net income is not a loss");
  });

  it("cash-change basis: the fall in cash between balance-sheet dates, per month between them", () => {
    const filing = copyOf(sampleFiling());
    filing.statements.balanceSheet!.rows[0].values = ["90000", "96000"]; // fell 6,000 over 3 months
    expect(evalIn(storeOf(filing), 'RUNWAY("cashchange")')).toBe(45); // 90,000 / 2,000 a month
  });

  it("operating-cash basis: from the filing's prose", () => {
    const filing = copyOf(sampleFiling());
    filing.facts = [{ concept: "NetCashProvidedByUsedInOperatingActivities", value: "857000", text: "cash flow from operations was $857,000", line: 1, period: "2004-09-30" }];
    expect(evalIn(storeOf(filing), 'RUNWAY("operatingcash")')).toBe("Not burning cash: operating cash flow is positive");
    filing.facts[0].value = "-857000";
    expect(evalIn(storeOf(filing), 'RUNWAY("operatingcash",,"quarters")')).toBe(ratio(95020000, 857000));
    expect(evalIn(sample, 'RUNWAY("operatingcash")')).toMatchObject({ error: "#N/A", message: expect.stringMatching(/no operating cash flow/) });
  });

  it("adds short-term investments to cash when no line holds both (C3.ai: 206,442 + 544,433)", () => {
    const store = storeOf(truthFiling("ai-2024q1"));
    const shortTerm = truthFiling("ai-2024q1").statements.balanceSheet!.rows.find((r) => r.label === "Short-term investments")!.values[0];
    expect(shortTerm).toBe("544433");
    expect(evalIn(store, "RUNWAY()")).toBe(ratio((206442 + 544433) * 3, 64358));
  });

  it("rejects an unknown basis or unit", () => {
    expect(evalIn(sample, 'RUNWAY("vibes")')).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/Unknown basis/) });
    expect(evalIn(sample, 'RUNWAY(,,"weeks")')).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/Unknown unit/) });
  });
});

describe("IMGN.PERSHARE and IMGN.EPSCHECK", () => {
  it("divides by weighted average shares, both in units", () => {
    expect(evalIn(sample, 'PERSHARE("cash")')).toBe(ratio(95020, 40789));
    expect(evalIn(sample, 'PERSHARE("equity")')).toBe(ratio(94646, 40789));
    expect(evalIn(sample, 'PERSHARE("Total revenues","prior")')).toBe(ratio(3890, 40589));
    expect(evalIn(sample, 'PERSHARE("eps")')).toMatchObject({ error: "#VALUE!" });
  });

  it("per share with money in millions and shares in thousands (Apple Q1 FY2011, parsed)", () => {
    const filing = parsedCorpus("aapl-2011q1");
    expect(filing.scale.money).toBe("millions");
    expect(filing.scale.shares).toBe("thousands");
    const store = storeOf(filing);
    // 6,004 million / 919,294 thousand shares = $6.531...
    expect(evalIn(store, 'PERSHARE("netincome")')).toBe(ratio(6004e6, 919294e3));
  });

  it("EPSCHECK: −2,471 / 40,789 against the reported −0.06", () => {
    const computed = new Decimal(-2471).dividedBy(40789);
    expect(evalIn(sample, "EPSCHECK()")).toEqual([
      ["Net income ÷ weighted shares", computed.toNumber()],
      ["Reported EPS", -0.06],
      ["Difference", computed.plus(0.06).toNumber()],
      ["Within rounding", true],
    ]);
    const off = copyOf(sampleFiling());
    off.statements.operations!.rows.find((r) => r.kind === "perShare")!.values[0] = "-0.07";
    expect((evalIn(storeOf(off), "EPSCHECK()") as unknown[][])[3]).toEqual(["Within rounding", false]);
  });
});

describe("IMGN.STATEMENT and IMGN.FILINGS", () => {
  it("spills the operations statement with a header row", () => {
    const table = evalIn(sample, 'STATEMENT("operations")') as unknown[][];
    expect(table[0]).toEqual(["", "Three Months Ended September 30, 2004", "Three Months Ended September 30, 2003"]);
    expect(table).toHaveLength(17);
    expect(table[5]).toEqual(["Total revenues", 9006, 3890]);
    expect(table[14]).toEqual(["Net Loss", -2471, -4126]);
  });

  it("one column for a period, in the requested units", () => {
    const table = evalIn(sample, 'STATEMENT("balance sheet","prior","millions")') as unknown[][];
    expect(table[0]).toEqual(["", "June 30, 2004"]);
    expect(table[1]).toEqual(["Cash and marketable securities", 94.61]);
    expect(table).toHaveLength(8);
    expect(evalIn(sample, 'STATEMENT("cash flows")')).toMatchObject({ error: "#N/A" });
    expect(evalIn(sample, 'STATEMENT("vibes")')).toMatchObject({ error: "#VALUE!" });
  });

  it("lists the filings", () => {
    const table = evalIn(sample, "FILINGS()") as unknown[][];
    expect(table[0]).toEqual(["Company", "Ticker", "Form", "Period end", "Fiscal period", "Scale", "Imported at", "Id"]);
    expect(table[1].slice(0, 6)).toEqual(["ImmunoGen, Inc.", "IMGN", "8-K", "2004-09-30", "Q1 FY2005", "thousands"]);
  });
});

describe("losses printed without parentheses (negateForConcept)", () => {
  it("count as negative in values and comparisons but stay as printed in STATEMENT", () => {
    const filing = copyOf(sampleFiling());
    const row = filing.statements.operations!.rows.find((r) => r.label === "Net Loss")!;
    row.values = ["2471", "4126"];
    row.negateForConcept = true;
    const store = storeOf(filing);
    expect(evalIn(store, "NETLOSS()")).toBe(-2471);
    expect(evalIn(store, 'YOY("net loss")')).toBe(ratio(1655, 4126));
    expect((evalIn(store, 'STATEMENT("operations")') as unknown[][])[14]).toEqual(["Net Loss", 2471, 4126]);
  });
});

describe("on parsed corpus filings", () => {
  it("NVIDIA Q4 FY2026 (3 and 12 months, millions)", () => {
    const store = storeOf(parsedCorpus("nvda-2026q4"));
    expect(evalIn(store, "REVENUE()")).toBe(68127);
    expect(evalIn(store, 'REVENUE("12M 2026-01-25")')).toBe(215938);
    expect(evalIn(store, 'YOY("revenue")')).toBe(ratio(68127 - 39331, 39331));
    expect(evalIn(store, 'YOY("revenue","FY2026")')).toBe(ratio(215938 - 130497, 130497));
    expect(evalIn(store, 'NETINCOME(,"units")')).toBe(42960e6);
    expect(evalIn(store, "EPS()")).toBe(1.76);
  });

  it("NVIDIA Q4 FY2026: EPS check, per share, statement and runway of a profitable company", () => {
    const store = storeOf(parsedCorpus("nvda-2026q4"));
    const check = evalIn(store, "EPSCHECK()") as unknown[][];
    // 42,960 million / 24,304 million shares = 1.7676..., printed 1.77: within half a cent.
    expect(check[0][1]).toBe(ratio(42960, 24304));
    expect(check[1][1]).toBe(1.77);
    expect(check[3]).toEqual(["Within rounding", true]);
    expect(evalIn(store, 'PERSHARE("Total assets")')).toBe(ratio(206803, 24304));
    const table = evalIn(store, 'STATEMENT("operations","FY2026")') as unknown[][];
    expect(table[0][1]).toMatch(/Twelve Months Ended|January 25, 2026/);
    expect(table.find((r) => r[0] === "Revenue")).toEqual(["Revenue", 215938]);
    expect(evalIn(store, 'RUNWAY("cashchange")')).toBe("Not burning cash: cash and marketable securities did not fall");
  });

  it("Alcoa Q2 2018: NETINCOME is the line attributable to the company; the label finds the consolidated line", () => {
    const store = storeOf(parsedCorpus("aa-2018q2"));
    expect(evalIn(store, "NETINCOME()")).toBe(75); // NET INCOME ATTRIBUTABLE TO ALCOA CORPORATION
    expect(evalIn(store, 'VALUE("Net income")')).toBe(230); // the row labelled exactly so
    expect(evalIn(store, "OPERATINGINCOME()")).toMatchObject({ error: "#N/A", message: "The imported filings have no operating income (loss) row." });
  });

  it("Junglee 1997: a loss printed without parentheses is negative", () => {
    const store = storeOf(parsedCorpus("junglee-1997fy"));
    expect(evalIn(store, "NETLOSS()")).toBe(-4200103);
    expect(evalIn(store, 'NETLOSS(,"thousands")')).toBe(-4200.103);
  });

  it("Buckle Q3 FY2024: balance sheet with three dates compares with the fiscal year end", () => {
    const store = storeOf(parsedCorpus("bke-2024q3"));
    expect(evalIn(store, "CASH()")).toBe(301958);
    expect(evalIn(store, 'CASH("prior")')).toBe(268213);
    expect(evalIn(store, 'CHANGE("cash")')).toBe(301958 - 268213);
    expect(evalIn(store, 'YOY("Net income","9M 2024-11-02")')).toBe(ratio(118270 - 140338, 140338));
  });

  it("GameStop Q2 2023: millions with one decimal, a small loss", () => {
    const store = storeOf(parsedCorpus("gme-2023q2"));
    expect(evalIn(store, "NETLOSS()")).toBe(-2.8);
    expect(evalIn(store, 'NETLOSS(,"units")')).toBe(-2800000);
    expect(evalIn(store, "REVENUE()")).toBe(1163.8);
  });

  it("C3.ai Q1 FY2024: net loss per share and its check", () => {
    const store = storeOf(parsedCorpus("ai-2024q1"));
    expect(evalIn(store, "NETLOSS()")).toBe(-64358);
    expect(evalIn(store, "EPS()")).toBe(-0.56);
    expect(evalIn(store, 'YOY("net loss")')).toBe(ratio(-64358 + 71871, 71871));
  });

  it("the parsed sample gives the same answers as its ground truth", () => {
    const parsed = storeOf(parsedCorpus("imgn-2004q3"));
    for (const formula of ['YOY("Revenues")', "NETLOSS()", "RUNWAY()", 'PERSHARE("cash")', 'VALUE("Revenues","Q1 FY2005")', 'CASH("FY2004")']) {
      expect([formula, evalIn(parsed, formula)]).toEqual([formula, evalIn(sample, formula)]);
    }
    // The parsed release states its operating cash flow in prose: +$857,000.
    expect(evalIn(parsed, 'RUNWAY("operatingcash")')).toBe("Not burning cash: operating cash flow is positive");
  });
});
