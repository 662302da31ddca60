import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { runChecks } from "../../src/filing/checks";
import { readFacts } from "../../src/filing/facts";
import { parseFiling } from "../../src/filing/parseFiling";
import type { Check, ParsedFiling, Row, Statement, Statements } from "../../src/filing/types";
import { CORPUS_DIR, truthFiling } from "../helpers/truthFiling";

const paste = (name: string): string => readFileSync(join(CORPUS_DIR, `${name}.paste.txt`), "utf8");

/** The ImmunoGen truth statements with the facts read from its paste. */
function imgn(): { filing: ParsedFiling; statements: Statements } {
  const filing = truthFiling("imgn-2004q3");
  filing.facts = readFacts(paste("imgn-2004q3"));
  return { filing, statements: filing.statements };
}

function setValue(stmt: Statement | null | undefined, label: string, col: number, value: string): void {
  const row = stmt?.rows.find((r) => r.label === label);
  if (!row) throw new Error(`no row ${label}`);
  row.values[col] = value;
}

const failed = (checks: Check[]) => checks.filter((c) => !c.passed).map((c) => ({ kind: c.kind, description: c.description, column: c.column }));

describe("runChecks on the ImmunoGen reference", () => {
  test("every check passes, and each kind of check is made", () => {
    const { filing, statements } = imgn();
    const checks = runChecks(statements, filing.facts);
    expect(failed(checks)).toEqual([]);
    const count = (k: string) => checks.filter((c) => c.kind === k).length;
    // Totals: revenues, operating expenses, loss from operations, loss before taxes, net loss, total assets,
    // total liabilities and equity; two columns each.
    expect(count("total")).toBe(14);
    expect(count("balance")).toBe(2);
    expect(count("eps")).toBe(2);
    expect(count("prose")).toBe(4);
  });

  test("checks are fully filled and say what they compare", () => {
    const { filing, statements } = imgn();
    const checks = runChecks(statements, filing.facts);
    const revenues = checks.find((c) => c.kind === "total" && c.description.startsWith("Total revenues") && c.column === 0)!;
    expect(revenues).toEqual({
      kind: "total", statement: "operations", column: 0,
      description: "Total revenues should equal the sum of the 4 rows above it (Research and development support … Development fees) (Three Months Ended September 30, 2004)",
      reported: "9006", computed: "9006", tolerance: "2", passed: true, line: 5,
    });
    const opLoss = checks.find((c) => c.description.startsWith("Loss from operations") && c.column === 0)!;
    expect(opLoss.description).toContain("Total revenues − Total operating expenses");
    const eps = checks.find((c) => c.kind === "eps" && c.column === 0)!;
    expect(eps.reported).toBe("-0.06");
    expect(eps.computed).toBe("-0.06058");
    const prose = checks.find((c) => c.kind === "prose" && c.description.includes("net loss"))!;
    expect(prose).toMatchObject({ reported: "-2500000", computed: "-2471000", passed: true, statement: "operations", column: 0, line: 100 });
    expect(Number(prose.tolerance)).toBeGreaterThanOrEqual(50000);
  });

  test("through the real parser: every check on the parsed paste passes", () => {
    const r = parseFiling(paste("imgn-2004q3"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const checks = runChecks(r.filing.statements, readFacts(paste("imgn-2004q3")));
    expect(checks.length).toBeGreaterThanOrEqual(16);
    expect(failed(checks)).toEqual([]);
  });
});

describe("an altered number fails exactly the checks it breaks", () => {
  test("a component (Development fees 510 → 610): only Total revenues, current column", () => {
    const { filing, statements } = imgn();
    setValue(statements.operations, "Development fees", 0, "610");
    expect(failed(runChecks(statements, filing.facts))).toEqual([
      { kind: "total", column: 0, description: expect.stringMatching(/^Total revenues should equal the sum of the 4 rows above it/) },
    ]);
  });

  test("the total (Total revenues 9,006 → 9,106): its sum check and the prose's $9.0 million; not the subtotals below it", () => {
    const { filing, statements } = imgn();
    setValue(statements.operations, "Total revenues", 0, "9106");
    const f = failed(runChecks(statements, filing.facts));
    expect(f).toEqual([
      { kind: "total", column: 0, description: expect.stringMatching(/^Total revenues should equal/) },
      { kind: "prose", column: 0, description: expect.stringMatching(/Revenues for the three-month period .* were \$9\.0 million/) },
    ]);
  });

  test("Net loss −2,471 → −2,571: the net-loss line and the prose's $2.5 million", () => {
    const { filing, statements } = imgn();
    setValue(statements.operations, "Net Loss", 0, "-2571");
    expect(failed(runChecks(statements, filing.facts))).toEqual([
      { kind: "total", column: 0, description: expect.stringMatching(/^Net Loss should equal Loss before taxes − Income tax expense/) },
      { kind: "prose", column: 0, description: expect.stringMatching(/net loss of \$2\.5 million/) },
    ]);
  });

  test("EPS (0.06) → (0.16): the EPS check, prior-year column untouched", () => {
    const { filing, statements } = imgn();
    setValue(statements.operations, "Net loss per common share, basic and diluted", 0, "-0.16");
    expect(failed(runChecks(statements, filing.facts))).toEqual([{ kind: "eps", column: 0, description: expect.stringMatching(/^Net loss per common share/) }]);
  });

  test("a balance sheet that does not balance", () => {
    const { filing, statements } = imgn();
    setValue(statements.balanceSheet, "Total liabilities and stockholders' equity", 1, "122730");
    const f = failed(runChecks(statements, filing.facts));
    expect(f).toContainEqual({ kind: "balance", column: 1, description: "Total assets should equal total liabilities and equity (June 30, 2004)" });
    expect(f.every((c) => c.column === 1)).toBe(true);
  });
});

describe("EPS with shares and money in different scales (Apple: millions, shares in thousands)", () => {
  test("truth statements with the caption's scales: basic and diluted pass", () => {
    const filing = truthFiling("aapl-2024q1");
    const ops = filing.statements.operations!;
    ops.scale = { money: "millions", shares: "thousands", text: "(In millions, except number of shares, which are reflected in thousands, and per-share amounts)", inferred: false };
    const eps = runChecks({ operations: ops, balanceSheet: null }, []).filter((c) => c.kind === "eps");
    expect(eps).toHaveLength(4);
    expect(eps.every((c) => c.passed)).toBe(true);
    expect(eps[0].description).toContain("shares in thousands");
    expect(eps[0].reported).toBe("2.19");
  });

  test("through the real parser", () => {
    const r = parseFiling(paste("aapl-2024q1"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const eps = runChecks(r.filing.statements, []).filter((c) => c.kind === "eps");
    expect(eps.length).toBeGreaterThanOrEqual(2);
    expect(eps.every((c) => c.passed)).toBe(true);
  });

  test("shares taken in the wrong scale by a factor other than 1000 fail", () => {
    const filing = truthFiling("aapl-2024q1");
    const ops = filing.statements.operations!;
    const shares = ops.rows.find((r) => r.concept === "WeightedAverageNumberOfSharesOutstandingBasic")!;
    shares.values = shares.values.map((v) => (v === null ? null : String(Number(v) * 2)));
    const eps = runChecks({ operations: ops, balanceSheet: null }, []).filter((c) => c.kind === "eps" && c.description.startsWith("Basic"));
    expect(eps.length).toBeGreaterThan(0);
    expect(eps.every((c) => !c.passed)).toBe(true);
  });
});

describe("no check where the structure is unclear", () => {
  const row = (label: string, values: (string | null)[], extra: Partial<Row> = {}): Row => ({ label, concept: null, section: null, isTotal: /^total/i.test(label), kind: "amount", values, line: 1, sources: values.map(() => null), ...extra });
  const stmt = (rows: Row[]): Statement => ({ kind: "operations", title: "T", columns: [{ label: "A" }, { label: "B" }], rows: rows.map((r, i) => ({ ...r, line: i + 1 })), line: 1, scale: { money: "thousands", shares: "thousands", text: null, inferred: false } });

  test("a total its rows do not add up to in any column gives no check", () => {
    const checks = runChecks({ operations: stmt([row("Alpha", ["10", "20"]), row("Beta", ["5", "6"]), row("Total widgets", ["100", "200"])]), balanceSheet: null }, []);
    expect(checks).toEqual([]);
  });

  test("a total that adds up only with the previous subtotal uses it (Total assets = current + the rest)", () => {
    const checks = runChecks({ operations: stmt([row("Cash", ["10", "20"]), row("Receivables", ["5", "6"]), row("Total current assets", ["15", "26"]), row("Equipment", ["7", "8"]), row("Total assets", ["22", "34"])]), balanceSheet: null }, []);
    expect(checks.filter((c) => c.description.startsWith("Total assets")).map((c) => c.passed)).toEqual([true, true]);
    expect(checks[checks.length - 1].description).toContain("Total current assets and Equipment");
  });

  test("one decimal place: the tolerance follows the printed digits", () => {
    const checks = runChecks({ operations: stmt([row("Alpha", ["1.1", "2.2"]), row("Beta", ["3.3", "4.4"]), row("Total", ["4.5", "6.6"])]), balanceSheet: null }, []);
    expect(checks.map((c) => [c.tolerance, c.passed])).toEqual([["0.1", true], ["0.1", true]]);
  });

  test("mezzanine equity between liabilities and equity: no liabilities + equity check (AEON)", () => {
    const filing = truthFiling("aeon-2023q3");
    const checks = runChecks(filing.statements, []);
    expect(checks.filter((c) => c.kind === "balance" && c.description.includes("plus"))).toEqual([]);
    expect(checks.filter((c) => c.kind === "balance").every((c) => c.passed)).toBe(true);
  });

  test("empty, null and malformed statements never throw", () => {
    expect(runChecks({ operations: null, balanceSheet: null }, [])).toEqual([]);
    expect(runChecks(null as unknown as Statements, null as unknown as [])).toEqual([]);
    const bad = stmt([row("Alpha", ["abc", "1e"]), row("Total", ["x", null])]);
    expect(runChecks({ operations: bad, balanceSheet: bad }, [{ concept: "Revenues", value: "zz", text: "", line: 1, period: "2020-01-01" }])).toEqual([]);
  });
});

describe("every corpus truth filing", () => {
  const names = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".truth.json")).map((f) => f.replace(".truth.json", ""));
  // A failure on a real, correct filing would be a false alarm.
  test.each(names)("%s: no check fails on the hand-checked statements and the paste's prose", (name) => {
    const filing = truthFiling(name);
    const checks = runChecks(filing.statements, readFacts(paste(name)));
    expect(checks.length).toBeGreaterThan(0);
    expect(failed(checks)).toEqual([]);
  });
});

describe("a loss printed without parentheses (negateForConcept)", () => {
  const row = (label: string, values: string[], extra: Partial<Row> = {}): Row => ({ label, concept: null, section: null, isTotal: false, kind: "amount", values, line: 1, sources: values.map(() => null), ...extra });
  test("EPS and prose use the negated net loss", () => {
    const ops: Statement = {
      kind: "operations", title: "STATEMENTS OF OPERATIONS", line: 1,
      columns: [{ label: "1997", periodEnd: "1997-12-31", months: 12 }, { label: "1996", periodEnd: "1996-12-31", months: null }],
      scale: { money: "units", shares: "units", text: null, inferred: true },
      rows: [
        row("NET LOSS", ["4200103", "742411"], { concept: "NetIncomeLoss", negateForConcept: true, line: 10 }),
        row("Net loss per share, basic and diluted", ["-0.42", "-0.07"], { concept: "EarningsPerShareBasicAndDiluted", kind: "perShare", line: 11 }),
        row("Shares used in computing net loss per share", ["10000000", "10000000"], { concept: "WeightedAverageNumberOfShareOutstandingBasicAndDiluted", kind: "shares", line: 12 }),
      ],
    };
    const facts = [{ concept: "NetIncomeLoss", value: "-4200000", text: "a net loss of $4.2 million", line: 3, period: "1997-12-31" }];
    const checks = runChecks({ operations: ops, balanceSheet: null }, facts);
    expect(checks.map((c) => [c.kind, c.column, c.passed])).toEqual([["eps", 0, true], ["eps", 1, true], ["prose", 0, true]]);
    expect(checks[2].computed).toBe("-4200103");
  });
});

describe("every corpus paste through the real parser (parseFiling wires runChecks)", () => {
  const names = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".paste.txt")).map((f) => f.replace(".paste.txt", ""));
  test.each(names)("%s: the parsed filing carries checks and none fails", (name) => {
    const r = parseFiling(paste(name));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.filing.checks.length).toBeGreaterThan(0);
    expect(failed(r.filing.checks)).toEqual([]);
  });
});
