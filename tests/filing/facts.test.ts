import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { factRounding, readFacts } from "../../src/filing/facts";
import { CORPUS_DIR } from "../helpers/truthFiling";

const paste = (name: string): string => readFileSync(join(CORPUS_DIR, `${name}.paste.txt`), "utf8");

describe("readFacts on the ImmunoGen reference paste", () => {
  const facts = readFacts(paste("imgn-2004q3"));

  test("reads exactly the figures the prose states, in whole dollars, with phrase, line and period", () => {
    expect(facts.map(({ concept, value, period }) => ({ concept, value, period }))).toEqual([
      { concept: "NetIncomeLoss", value: "-2500000", period: "2004-09-30" },
      { concept: "Revenues", value: "9000000", period: "2004-09-30" },
      { concept: "CashCashEquivalentsAndShortTermInvestments", value: "95000000", period: "2004-09-30" },
      { concept: "NetCashProvidedByUsedInOperatingActivities", value: "857000", period: "2004-09-30" },
      { concept: "Assets", value: "118300000", period: "2004-09-30" },
      { concept: "Liabilities", value: "23600000", period: "2004-09-30" },
    ]);
  });

  test("each fact points at its line and phrase", () => {
    const lines = paste("imgn-2004q3").split(/\r?\n/);
    for (const f of facts) {
      expect(lines[f.line - 1].replace(/\\\$/g, "$")).toContain(f.text);
    }
    expect(facts.find((f) => f.concept === "NetCashProvidedByUsedInOperatingActivities")?.text).toBe("cash flow from operations was $857,000");
    expect(facts.find((f) => f.concept === "NetIncomeLoss")?.text).toBe("net loss of $2.5 million");
  });

  test("the prose rounding of each fact", () => {
    const byConcept = (c: string) => facts.find((f) => f.concept === c)!;
    expect(factRounding(byConcept("NetIncomeLoss")).toFixed()).toBe("50000");
    expect(factRounding(byConcept("NetCashProvidedByUsedInOperatingActivities")).toFixed()).toBe("500");
  });
});

describe("readFacts on sentences", () => {
  const one = (text: string) => readFacts(text);
  test.each([
    ["The Company reported cash used in operations of $3.2 million for the quarter ended March 31, 2005.", "NetCashProvidedByUsedInOperatingActivities", "-3200000", "2005-03-31"],
    ["For the year ended December 31, 2024, net cash provided by operating activities was $1.1 billion.", "NetCashProvidedByUsedInOperatingActivities", "1100000000", "2024-12-31"],
    ["For the quarter ended July 29, 2023, cash flows from operating activities were an outflow of $211.8 million.", "NetCashProvidedByUsedInOperatingActivities", "-211800000", "2023-07-29"],
    ["As of June 30, 2025, the Company had cash and cash equivalents of $1.25 billion on hand.", "CashAndCashEquivalentsAtCarryingValue", "1250000000", "2025-06-30"],
    ["Net income for the quarter ended June 30, 2025 was $44.2 million, or $0.89 per share.", "NetIncomeLoss", "44200000", "2025-06-30"],
    ["Total sales and revenues for the first quarter of 2022 were $13.589 billion, an increase of 14 percent.", "Revenues", "13589000000", null],
  ])("%s", (text, concept, value, period) => {
    expect(one(text).map((f) => ({ concept: f.concept, value: f.value, period: f.period }))).toEqual([{ concept, value, period }]);
  });

  test.each([
    ["a change, not a figure", "Net income for the three months ended June 30, 2025 increased $978 million compared to the prior year."],
    ["a per-share amount", "The Company reported a net loss per share of $0.06 for the period."],
    ["amounts paired by 'respectively'", "As of July 31, 2023 and April 30, 2023, we had $206.4 million and $284.8 million of cash and cash equivalents, respectively, for working capital."],
    ["a segment's revenue", "Record quarterly Data Center revenue of $62.3 billion, up 22% from the prior quarter and up 75% from a year ago."],
    ["revenue from deferred balances", "Revenue expected to be recognized from remaining performance obligations was approximately $334.6 million as of July 31, 2023."],
    ["an amount too small to be dollars in a 10-Q written in millions", "Cash used for operations was $375 in the six months ended June 30, 2018, mostly working capital."],
    ["table rows", "Net loss\t(2,471)\t\t(4,126)\t"],
  ])("no fact from %s", (_, text) => {
    expect(one(text)).toEqual([]);
  });

  test("empty and non-text input", () => {
    expect(readFacts("")).toEqual([]);
    expect(readFacts(null as unknown as string)).toEqual([]);
  });

  test("every corpus paste gives whole-dollar decimal strings with a line and an ISO period or null", () => {
    for (const f of readdirSync(CORPUS_DIR).filter((n) => n.endsWith(".paste.txt"))) {
      for (const fact of readFacts(readFileSync(join(CORPUS_DIR, f), "utf8"))) {
        expect(fact.value).toMatch(/^-?\d+(\.\d+)?$/);
        expect(fact.line).toBeGreaterThan(0);
        expect(fact.period === null || /^\d{4}-\d{2}-\d{2}$/.test(fact.period)).toBe(true);
      }
    }
  });
});
