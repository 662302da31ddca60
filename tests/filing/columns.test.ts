// Header pieces → period columns, for header shapes the corpus does not show.
import { durationMonths, planColumns } from "../../src/filing/columns";

test("quarter and half-year shorthands give the period length; year to date stays unknown", () => {
  expect(["Q3 2024", "Q4 FY26", "H1 2025", "Second Quarter", "YTD 2024", "Nine Months Ended"].map(durationMonths)).toEqual([3, 3, 6, 3, null, 9]);
});

test("stacked duration and date pieces, one year per column", () => {
  const plan = planColumns("operations", [{ cells: ["Three Months Ended", "Nine Months Ended"] }, { cells: ["June 30,", "June 30,"] }, { cells: ["2025", "2024", "2025", "2024"] }], 4, "");
  expect(plan.columns.map((c) => [c.periodEnd, c.months])).toEqual([["2025-06-30", 3], ["2024-06-30", 3], ["2025-06-30", 9], ["2024-06-30", 9]]);
  expect(plan.keep).toEqual([0, 1, 2, 3]);
});

test("variance columns named in the header are dropped, the periods kept", () => {
  const plan = planColumns("operations", [{ cells: ["Year Ended December"] }, { cells: ["2004", "2003", "Change"] }], 3, "");
  expect(plan.keep).toEqual([0, 1]);
  expect(plan.columns.map((c) => [c.periodEnd, c.months])).toEqual([["2004-12-31", 12], ["2003-12-31", 12]]);
});

test("a balance-sheet date on the title line completes a header that prints only the comparative date", () => {
  const plan = planColumns("balanceSheet", [{ cells: ["June 30, 2004"] }], 2, "BALANCE SHEETS September 30, 2004");
  expect(plan.columns.map((c) => c.date)).toEqual(["2004-09-30", "2004-06-30"]);
});
