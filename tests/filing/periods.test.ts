import { readdirSync } from "node:fs";
import { fiscalPeriodFrom, readPeriodHeader } from "../../src/filing/periods";
import { CORPUS_DIR, readTruth } from "../helpers/truthFiling";

describe("readPeriodHeader", () => {
  const cases: [string, { year?: number } | undefined, { months: number | null; periodEnd: string | null; date: string | null; periodStart?: string | null }][] = [
    ["Three Months Ended September 30, 2004", undefined, { months: 3, periodEnd: "2004-09-30", date: null }],
    ["Three Months Ended September 30, 2\t004", undefined, { months: 3, periodEnd: null, date: null }],
    ["13 Weeks Ended November 2, 2024", undefined, { months: 3, periodEnd: "2024-11-02", date: null }],
    ["Thirty-nine weeks ended", undefined, { months: 9, periodEnd: null, date: null }],
    ["Twenty-Six Weeks Ended July 29, 2023", undefined, { months: 6, periodEnd: "2023-07-29", date: null }],
    ["52 Weeks Ended February 1, 2025", undefined, { months: 12, periodEnd: "2025-02-01", date: null }],
    ["53 weeks ended February 3, 2024", undefined, { months: 12, periodEnd: "2024-02-03", date: null }],
    ["Six months ended June 30,", { year: 2025 }, { months: 6, periodEnd: "2025-06-30", date: null }],
    ["Six months ended June 30, 2025", undefined, { months: 6, periodEnd: "2025-06-30", date: null }],
    ["Second quarter ended June 30,", { year: 2025 }, { months: 3, periodEnd: "2025-06-30", date: null }],
    ["Quarter Ended", undefined, { months: 3, periodEnd: null, date: null }],
    ["Year Ended December 31,", { year: 2009 }, { months: 12, periodEnd: "2009-12-31", date: null }],
    ["Years ended December 31, 2015", undefined, { months: 12, periodEnd: "2015-12-31", date: null }],
    ["Fiscal 2015", undefined, { months: 12, periodEnd: null, date: null }],
    ["September 30, 2004", undefined, { months: null, periodEnd: null, date: "2004-09-30" }],
    ["Jun. 30, 2025", undefined, { months: null, periodEnd: null, date: "2025-06-30" }],
    ["Dec. 31, 2024", undefined, { months: null, periodEnd: null, date: "2024-12-31" }],
    ["January 25, 2026", undefined, { months: null, periodEnd: null, date: "2026-01-25" }],
    ["SEPT 30, 2004", undefined, { months: null, periodEnd: null, date: "2004-09-30" }],
    ["3 Months Ended December 2004", undefined, { months: 3, periodEnd: "2004-12-31", date: null }],
    ["July 22 to September 30", { year: 2023 }, { months: null, periodEnd: "2023-09-30", periodStart: "2023-07-22", date: null }],
    ["From inception (June 3, 1996) through December 31, 1996", undefined, { months: null, periodEnd: "1996-12-31", periodStart: "1996-06-03", date: null }],
    ["Nine Months Ended September 30, 2022 Predecessor January 1 to September 30", undefined, { months: 9, periodEnd: "2022-09-30", periodStart: "2022-01-01", date: null }],
    ["For the 13 Weeks Ended July 3, 2004 and June 28, 2003 2003", undefined, { months: 3, periodEnd: "2003-06-28", date: null }],
  ];
  test.each(cases)("%j", (label, context, want) => {
    const got = readPeriodHeader(label, context);
    expect({ months: got.months, periodEnd: got.periodEnd, date: got.date, ...(want.periodStart !== undefined ? { periodStart: got.periodStart } : {}) }).toEqual(want);
  });

  test("a header that names no period gives nulls, and bad input never throws", () => {
    expect(readPeriodHeader("Total revenues")).toEqual({ months: null, periodEnd: null, date: null });
    expect(readPeriodHeader(null as unknown as string)).toEqual({ months: null, periodEnd: null, date: null });
    expect(readPeriodHeader("February 30, 2024").date).toBeNull();
  });

  // Every column label in the corpus truth files, as the headers print them.
  const names = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".truth.json")).map((f) => f.replace(".truth.json", ""));
  test.each(names)("%s: every truth column label parses to the truth period", (name) => {
    const truth = readTruth(name);
    const ops = truth.statements.operations?.columns ?? [];
    const bs = truth.statements.balance_sheet?.columns ?? [];
    for (const c of ops) {
      const p = readPeriodHeader(c.label);
      expect({ label: c.label, end: p.periodEnd, months: p.months, start: p.periodStart ?? null }).toEqual({ label: c.label, end: c.period_end, months: c.months ?? null, start: c.period_start ?? null });
    }
    for (const c of bs) {
      const p = readPeriodHeader(c.label);
      expect({ label: c.label, date: p.date ?? p.periodEnd }).toEqual({ label: c.label, date: c.date });
    }
  });
});

describe("fiscalPeriodFrom", () => {
  test("ImmunoGen: prose names Q1 of fiscal 2005; the June 30 balance-sheet comparative gives the year end", () => {
    expect(fiscalPeriodFrom({ prose: "the first quarter of the Company's 2005 fiscal year", latest: { months: 3, periodEnd: "2004-09-30" }, comparativeDate: "2004-06-30" }))
      .toEqual({ label: "Q1 FY2005", quarter: 1, fiscalYear: 2005, fiscalYearEnd: "06-30", text: "first quarter of the Company's 2005 fiscal year" });
  });

  test("ImmunoGen without prose: derived from the columns, text null", () => {
    expect(fiscalPeriodFrom({ latest: { months: 3, periodEnd: "2004-09-30" }, comparativeDate: "2004-06-30" }))
      .toEqual({ label: "Q1 FY2005", quarter: 1, fiscalYear: 2005, fiscalYearEnd: "06-30", text: null });
  });

  test.each([
    ["Q4 FISCAL 2014 FINANCIAL RESULTS", { months: 3, periodEnd: "2014-05-31" }, null, "Q4 FY2014", "05-31"],
    ["results for the third quarter of fiscal 2024", { months: 3, periodEnd: "2024-11-02" }, "2024-02-03", "Q3 FY2024", "02-03"],
    ["first quarter of fiscal 2005. Annual Report on Form 10-K for the fiscal year ended June 30, 2004", { months: 3, periodEnd: "2004-09-30" }, null, "Q1 FY2005", "06-30"],
    ["financial results for its fiscal 2011 first quarter ended December 25, 2010", { months: 3, periodEnd: "2010-12-25" }, "2010-09-25", "Q1 FY2011", "09-25"],
    ["NVIDIA Announces Financial Results for Fourth Quarter and Fiscal 2026", { months: 3, periodEnd: "2026-01-25" }, "2025-01-26", "Q4 FY2026", "01-25"],
  ])("%s", (prose, latest, comparativeDate, label, yearEnd) => {
    const fp = fiscalPeriodFrom({ prose, latest, comparativeDate });
    expect(fp?.label).toBe(label);
    expect(fp?.fiscalYearEnd).toBe(yearEnd);
    expect(fp?.text).not.toBeNull();
  });

  test("retail 52/53-week year (GameStop): three balance-sheet dates, January year end, named for its start year", () => {
    const fp = fiscalPeriodFrom({ latest: { months: 3, periodEnd: "2023-07-29" }, comparativeDate: "2022-07-30", balanceDates: ["2023-07-29", "2022-07-30", "2023-01-28"] });
    expect(fp).toEqual({ label: "Q2 FY2023", quarter: 2, fiscalYear: 2023, fiscalYearEnd: "01-28", text: null });
  });

  test("Pacific: March 31 quarter against a June 30 year end is Q3 of the fiscal year ending next June", () => {
    expect(fiscalPeriodFrom({ latest: { months: 3, periodEnd: "2025-03-31" }, comparativeDate: "2024-06-30" })?.label).toBe("Q3 FY2025");
  });

  test("annual columns give FYyyyy", () => {
    expect(fiscalPeriodFrom({ latest: { months: 12, periodEnd: "2009-12-31" } })).toEqual({ label: "FY2009", quarter: null, fiscalYear: 2009, fiscalYearEnd: "12-31", text: null });
  });

  test("nothing says: calendar quarters, year end unknown, text null", () => {
    expect(fiscalPeriodFrom({ latest: { months: 3, periodEnd: "2023-09-30" } })).toEqual({ label: "Q3 FY2023", quarter: 3, fiscalYear: 2023, fiscalYearEnd: null, text: null });
  });

  test("no period at all gives null", () => {
    expect(fiscalPeriodFrom({})).toBeNull();
    expect(fiscalPeriodFrom({ latest: { months: 3, periodEnd: "garbage" } })).toBeNull();
  });
});
