// The rougher copies people really paste, built from the reference filing: the same numbers must come out of a
// table with dot leaders, a `|` pipe table, a copy that lost its line breaks, and tables pasted without titles.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParsedFiling } from "../../src/filing/types";
import { CORPUS_DIR, readTruth } from "../helpers/truthFiling";
import { parseOrFail } from "../helpers/parsed";

const truth = readTruth("imgn-2004q3");
const ops = truth.statements.operations!;
const bs = truth.statements.balance_sheet!;
const paste = readFileSync(join(CORPUS_DIR, "imgn-2004q3.paste.txt"), "utf8");

/** A number as a filing prints it: thousands separators, parentheses for negatives, two decimals per share. */
const printed = (v: number | null): string => {
  if (v === null) return "";
  const abs = Number.isInteger(v) ? Math.abs(v).toLocaleString("en-US") : Math.abs(v).toFixed(2);
  return v < 0 ? `(${abs})` : abs;
};

function dotLeaders(): string {
  const row = (label: string, values: (number | null)[]): string => `${label} ${".".repeat(Math.max(3, 48 - label.length))} ${values.map(printed).join("   ")}`;
  return [
    "IMMUNOGEN, INC.", "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS", "(in thousands, except per share amounts)",
    "                                  Three Months Ended September 30,", "                                         2004        2003",
    ...ops.rows.map((r) => row(r.label, r.values)),
    "", "CONDENSED CONSOLIDATED BALANCE SHEETS", "(in thousands)", "                                  September 30, 2004   June 30, 2004",
    ...bs.rows.map((r) => row(r.label, r.values)),
  ].join("\n");
}

function pipeTable(): string {
  const row = (label: string, values: (number | null)[]): string => `| ${label} | ${values.map(printed).join(" | ")} |`;
  return [
    "**CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS** (in thousands, except per share amounts)", "",
    "| | Three Months Ended September 30, 2004 | Three Months Ended September 30, 2003 |", "|---|---:|---:|",
    ...ops.rows.map((r) => row(r.label, r.values)),
    "", "CONDENSED CONSOLIDATED BALANCE SHEETS (in thousands)", "", "| | September 30, 2004 | June 30, 2004 |", "|---|---:|---:|",
    ...bs.rows.map((r) => row(r.label, r.values)),
  ].join("\n");
}

/** The browser paste with every line break and tab after the prose turned into single spaces. */
function lostLineBreaks(): string {
  const start = paste.indexOf("IMMUNOGEN, INC.\n\nSELECTED");
  return paste.slice(0, start) + paste.slice(start).replace(/[\s\\]+/g, " ").replace(/\$ /g, "$") + "\n";
}

/** Only the two tables, as a user who selected just them would copy them: no titles, no scale caption. */
function tablesOnly(): string {
  const bsStart = paste.indexOf("\t September 30, 2004");
  const opsTitle = paste.indexOf("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS For");
  const opsStart = paste.indexOf("\t\tThree Months Ended");
  return `${paste.slice(opsStart)}\n\n${paste.slice(bsStart, opsTitle)}`;
}

function expectReferenceNumbers(filing: ParsedFiling): void {
  const values = (rows: { values: (string | null)[] }[]): number[][] => rows.map((r) => r.values.map(Number));
  expect(values(filing.statements.operations?.rows ?? [])).toEqual(ops.rows.map((r) => r.values));
  expect(values(filing.statements.balanceSheet?.rows ?? [])).toEqual(bs.rows.map((r) => r.values));
  expect(filing.statements.operations?.columns.map((c) => [c.periodEnd, c.months])).toEqual([["2004-09-30", 3], ["2003-09-30", 3]]);
  expect(filing.statements.balanceSheet?.columns.map((c) => c.date)).toEqual(["2004-09-30", "2004-06-30"]);
  expect(filing.statements.operations?.rows.find((r) => r.concept === "NetIncomeLoss")?.values).toEqual(["-2471", "-4126"]);
  expect(filing.checks.filter((c) => !c.passed)).toEqual([]);
}

const parsed = (text: string): ParsedFiling => parseOrFail(text);

test("PDF-style text with dot leaders", () => {
  const f = parsed(dotLeaders());
  expectReferenceNumbers(f);
  expect(f.statements.operations?.rows[0].label).toBe("Research and development support");
  expect(f.scale.money).toBe("thousands");
});

test("a markdown pipe table", () => {
  expectReferenceNumbers(parsed(pipeTable()));
});

test("a copy that lost its line breaks: rows rebuilt from the numbers, with a warning", () => {
  const f = parsed(lostLineBreaks());
  expectReferenceNumbers(f);
  expect(f.warnings.map((w) => w.code)).toContain("reflow");
});

test("tables pasted without titles or scale caption are recognised by their rows, and say so", () => {
  const f = parsed(tablesOnly());
  expectReferenceNumbers(f);
  expect(f.statements.operations?.title).toBe("Statement of operations (untitled)");
  expect(f.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([expect.stringMatching(/No title was found for the balance sheet/), expect.stringMatching(/No scale caption was found/)]));
  expect(f.scale.inferred).toBe(true);
});

test("a release that prints only a balance-sheet digest ('Selected ... balance sheet data') still gives its balance sheet", () => {
  const text = [
    "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS", "(in thousands, except per share amounts)",
    "\tThree Months Ended June 30,", "\t2024\t2023",
    "Collaboration revenue\t$\t1,250\t$\t900", "Research and development\t8,400\t7,100", "General and administrative\t3,100\t2,900",
    "Total operating expenses\t11,500\t10,000", "Loss from operations\t(10,250)\t(9,100)", "Interest income\t450\t300",
    "Net loss\t$\t(9,800)\t$\t(8,800)", "Net loss per share, basic and diluted\t$\t(0.49)\t$\t(0.44)",
    "Weighted-average shares outstanding, basic and diluted\t20,000\t20,000", "",
    "SELECTED CONDENSED CONSOLIDATED BALANCE SHEET DATA", "(in thousands)", "\tJune 30, 2024\tDecember 31, 2023",
    "Cash, cash equivalents and marketable securities\t$\t95,000\t$\t104,500", "Total assets\t101,200\t110,300",
    "Total liabilities\t12,400\t11,900", "Total stockholders' equity\t88,800\t98,400",
  ].join("\n");
  const f = parsed(text);
  expect(f.statements.balanceSheet?.rows.map((r) => [r.concept, r.values])).toEqual([
    ["CashCashEquivalentsAndShortTermInvestments", ["95000", "104500"]], ["Assets", ["101200", "110300"]],
    ["Liabilities", ["12400", "11900"]], ["StockholdersEquity", ["88800", "98400"]],
  ]);
  expect(f.statements.balanceSheet?.columns.map((c) => c.date)).toEqual(["2024-06-30", "2023-12-31"]);
  expect(f.checks.filter((c) => !c.passed)).toEqual([]);
});

test("a long paragraph of prose that quotes many amounts is left as it is (no rows rebuilt)", () => {
  const sentence = "Revenue for the segment was $1,234 thousand compared with $1,100 thousand a year ago, while the costs we incurred in the period were broadly in line with our plans and expectations. ";
  const paragraph = sentence.repeat(20);
  const f = parsed(`${paragraph}\n${paste}`);
  expect(f.warnings.map((w) => w.code)).not.toContain("reflow");
  expectReferenceNumbers(f);
});

test("a balance sheet over two pages keeps the warnings of its second page", () => {
  const text = [
    "CONDENSED CONSOLIDATED BALANCE SHEETS", "(in thousands)", "\tSeptember 30, 2004\tJune 30, 2004",
    "Cash and cash equivalents\t1,000\t900", "Other assets\t1,000\t900", "Total assets\t2,000\t1,800", "",
    "CONDENSED CONSOLIDATED BALANCE SHEETS (continued)", "(in thousands)", "\tSeptember 30, 2004\tJune 30, 2004",
    "Accounts payable\t400x\t300", "Total liabilities\t400\t300", "Stockholders' equity\t1,600\t1,500",
    "Total liabilities and stockholders' equity\t2,000\t1,800",
  ].join("\n");
  const f = parseOrFail(text);
  expect(f.statements.balanceSheet?.rows.find((r) => r.label === "Accounts payable")?.values).toEqual([null, "300"]);
  expect(f.warnings.map((w) => w.message)).toContain('Line 11: "400x" could not be read as a number; that value is left blank.');
});
