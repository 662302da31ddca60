/** @jest-environment jsdom */
import type { ParsedFiling } from "../../src/filing/types";
import { csvFileName, statementsToCsv } from "../../src/taskpane/csv";
import { formatAmount } from "../../src/taskpane/components/formatAmount";
import { printsValue, sourceExcerpt } from "../../src/taskpane/components/sourceExcerpt";
import { htmlToDisplayText, isAcceptedFileName, readFilingFile, readTransfer } from "../../src/taskpane/components/inputText";
import { imgnFiling } from "./fakes";

describe("formatAmount", () => {
  it.each([
    ["-2471", "amount", "(2,471)"],
    ["9006", "amount", "9,006"],
    ["-0.06", "perShare", "(0.06)"],
    ["1234567.125", "amount", "1,234,567.125"],
    ["123456789012345678901234567890", "amount", "123,456,789,012,345,678,901,234,567,890"],
    ["0", "amount", "0"],
    ["-0", "amount", "0"],
    [".85", "perShare", "0.85"],
    ["12.5", "percent", "12.5%"],
    ["n/a", "amount", "n/a"],
  ] as const)("%s (%s) → %s", (exact, kind, shown) => {
    expect(formatAmount(exact, kind)).toBe(shown);
  });
});

describe("sourceExcerpt", () => {
  it.each([
    ["(2,471)", "-2471", true],
    ["$ 9,006", "9006", true],
    ["(0.10)", "-0.1", true],
    [".85", "0.85", true],
    ["—", "0", true],
    ["2,471", "2470", false],
    ["Revenues", "9006", false],
    ["", "0", false],
  ] as const)("%j prints %s: %s", (printed, exact, expected) => {
    expect(printsValue(printed, exact)).toBe(expected);
  });

  it("gives the cited line only when the cited characters print the value", () => {
    const lines = ["Net Loss\t\\$\t(2,471)\t\\$\t(4,126)"];
    expect(sourceExcerpt(lines, { line: 1, start: 12, end: 19 }, "-2471")).toEqual({ line: 1, text: lines[0], start: 12, end: 19 });
    // A reference into text the parser made (HTML, submission) does not match the pasted line: nothing shown.
    expect(sourceExcerpt(lines, { line: 1, start: 0, end: 8 }, "-2471")).toBeNull();
    expect(sourceExcerpt(lines, { line: 2, start: 0, end: 3 }, "-2471")).toBeNull();
    expect(sourceExcerpt(lines, { line: 1, start: 12, end: 99 }, "-2471")).toBeNull();
    expect(sourceExcerpt(null, { line: 1, start: 12, end: 19 }, "-2471")).toBeNull();
  });
});

describe("statementsToCsv", () => {
  it("writes each statement as title, header and rows with the exact values", () => {
    const csv = statementsToCsv(imgnFiling());
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS,\"(in thousands, except per share amounts)\"");
    expect(lines[1]).toBe("Line item,\"Three Months Ended September 30, 2004\",\"Three Months Ended September 30, 2003\"");
    expect(lines).toContain('"Net loss per common share, basic and diluted",-0.06,-0.1');
    expect(lines).toContain("Net Loss,-2471,-4126");
    expect(lines).toContain('"Other income, net",368,358');
    // Two blocks, separated by an empty line; the balance sheet after the operations.
    expect(csv.indexOf("Total assets,118250,122630")).toBeGreaterThan(csv.indexOf("\r\n\r\n"));
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("keeps labels from running as formulas and quotes quotes", () => {
    const filing: ParsedFiling = imgnFiling();
    filing.statements.operations!.rows[0].label = '=HYPERLINK("http://x","y")';
    filing.statements.operations!.rows[1].label = "- Diluted";
    filing.statements.operations!.rows[2].values = [null, "-1.5"];
    const lines = statementsToCsv(filing).split("\r\n");
    expect(lines[2]).toBe('"\'=HYPERLINK(""http://x"",""y"")",4089,1208');
    expect(lines[3]).toBe("'- Diluted,2865,1949");
    expect(lines[4]).toBe("License fees and milestone payments,,-1.5");
  });

  it("states the scale in words when no caption gave it", () => {
    const filing = imgnFiling();
    filing.statements.operations!.scale = { money: "millions", shares: "thousands", text: null, inferred: true };
    expect(statementsToCsv(filing).split("\r\n")[0]).toBe("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS,(in millions)");
  });

  it("names the file after the company and period", () => {
    expect(csvFileName(imgnFiling())).toBe("IMGN-Q1-FY2005.csv");
  });
});

describe("input readers", () => {
  it("renders HTML as text by string operations: cells by tabs, rows by lines, entities decoded, scripts dropped", () => {
    const html = "<style>td{}</style><script>alert(1)</script><!-- c --><table><tr><td>Net loss</td><td>$&nbsp;(2,471)</td></tr><tr><td>AT&amp;T</td><td>&#8212;</td></tr></table>";
    expect(htmlToDisplayText(html)).toBe("Net loss\t$\u00a0(2,471)\nAT&T\t\u2014");
  });

  it("reads the HTML clipboard flavour first, then plain text", () => {
    const data = (flavours: Record<string, string>) => ({ getData: (t: string) => flavours[t] ?? "" });
    expect(readTransfer(data({ "text/html": "<b>x</b>", "text/plain": "x" }), "pasted text")).toEqual({ text: "x", html: "<b>x</b>", source: "pasted text (HTML)" });
    expect(readTransfer(data({ "text/plain": "y" }), "pasted text")).toEqual({ text: "y", html: null, source: "pasted text" });
    expect(readTransfer(data({}), "pasted text")).toBeNull();
  });

  it("opens .htm as HTML and .txt as text", async () => {
    expect(isAcceptedFileName("a.HTM")).toBe(true);
    expect(isAcceptedFileName("a.txt")).toBe(true);
    expect(isAcceptedFileName("a.pdf")).toBe(false);
    await expect(readFilingFile(new File(["<p>Revenues</p>"], "x.htm"))).resolves.toEqual({ text: "Revenues", html: "<p>Revenues</p>", source: "x.htm" });
    await expect(readFilingFile(new File(["Revenues\t1"], "x.txt"))).resolves.toEqual({ text: "Revenues\t1", html: null, source: "x.txt" });
  });
});
