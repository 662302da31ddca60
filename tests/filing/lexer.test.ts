// The lexer's reading of number cells: printed variants of a number are read, anything else is reported.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFiling } from "../../src/filing";
import { lexLine, readAmount } from "../../src/filing/lexer";
import { CORPUS_DIR } from "../helpers/truthFiling";

describe("readAmount", () => {
  test.each([
    ["(2,471)", "-2471"], ["$ 95,020", "95020"], [".85", "0.85"], ["(0.06)", "-0.06"], ["—", "0"], ["--", "0"],
    ["(32", "-32"], ["1,163.8", "1163.8"], ["(2,471)(1)", "-2471"], ["2,471\u00b9", "2471"], ["2,471-", "-2471"],
    ["(2 471)", "-2471"], ["−2,471", "-2471"],
  ])("%s → %s", (cell, value) => {
    expect(readAmount(cell)?.value).toBe(value);
  });
  test.each(["Note 3", "2,471x", "abc", "", "$", "(a)"])("%s is not a number", (cell) => {
    expect(readAmount(cell)).toBeNull();
  });
});

describe("lexLine", () => {
  test("tab cells: label, $ cells skipped, values with their offsets", () => {
    const line = lexLine("Net Loss\t$\t(2,471)\t$\t(4,126)", 0);
    expect(line.label).toBe("Net Loss");
    expect(line.values.map((v) => [v.value, line.text.slice(v.start, v.end)])).toEqual([["-2471", "(2,471)"], ["-4126", "(4,126)"]]);
  });
  test("space-aligned columns and single-spaced trailing amounts", () => {
    expect(lexLine("  Total revenues             8,781   10,196", 0).values.map((v) => v.value)).toEqual(["8781", "10196"]);
    expect(lexLine("Net loss (2,471) (4,126)", 0).values.map((v) => v.value)).toEqual(["-2471", "-4126"]);
    // A number inside a label's list or a date stays in the label.
    expect(lexLine("shares outstanding: 1997, 1,943,666; 1996, 1,191,666", 0).values).toEqual([]);
    expect(lexLine("For the 13", 0).values).toEqual([]);
  });
  test("a numeric-looking cell that cannot be read is reported, not glued to the label", () => {
    const line = lexLine("Net Loss\t$\t(2,471)x7\t$\t(4,126)", 0);
    expect(line.label).toBe("Net Loss");
    expect(line.unreadable).toEqual(["(2,471)x7"]);
    expect(line.values.map((v) => v.value)).toEqual(["-4126"]);
  });
});

describe("through parseFiling: the sample with a damaged Net Loss cell", () => {
  const sample = readFileSync(join(CORPUS_DIR, "imgn-2004q3.paste.txt"), "utf8");
  test("a footnote marker after the number still reads -2471", () => {
    const r = parseFiling(sample.replace("(2,471)", "(2,471)(1)"));
    expect(r.ok && r.filing.statements.operations?.rows.find((x) => x.concept === "NetIncomeLoss")?.values).toEqual(["-2471", "-4126"]);
  });
  test("an unreadable cell leaves that value blank, in its own column, with a warning naming the line", () => {
    const r = parseFiling(sample.replace("(2,471)", "(2,471)x7"));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.filing.statements.operations?.rows.find((x) => x.concept === "NetIncomeLoss")?.values).toEqual([null, "-4126"]);
    expect(r.filing.warnings.map((w) => w.message)).toContain('Line 173: "(2,471)x7" could not be read as a number; that value is left blank.');
  });
});
