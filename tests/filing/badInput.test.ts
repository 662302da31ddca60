// parseFiling on input that is not a clean filing: nothing, binary files, huge pastes, pages without statements,
// hostile HTML, filings whose own numbers disagree, partial pastes and the size limit. Each answer must be a
// result value with a message the user can act on, never a throw.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFiling } from "../../src/filing/parseFiling";
import type { Check, ParseResult, ParsedFiling, Statement } from "../../src/filing/types";
import { CORPUS_DIR } from "../helpers/truthFiling";
import { filingOf } from "../helpers/parsed";

const IMGN = readFileSync(join(CORPUS_DIR, "imgn-2004q3.paste.txt"), "utf8");

const parsed = (result: ParseResult): ParsedFiling => filingOf(result);

function failure(result: ParseResult): { code: string; message: string } {
  if (result.ok) throw new Error("expected an error, got a filing");
  return result.error;
}

const value = (statement: Statement | null | undefined, label: string, column = 0): string | null =>
  statement?.rows.find((r) => r.label === label)?.values[column] ?? null;

/** Replaces exactly one occurrence, so a fixture edit that stops matching fails loudly instead of testing nothing. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" does not occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const failedChecks = (filing: ParsedFiling): Check[] => filing.checks.filter((c) => !c.passed);

describe("nothing to read", () => {
  test.each([
    ["an empty string", ""],
    ["spaces, tabs and line breaks", " \t\n\r\n   \u00a0\n"],
  ])("%s is 'empty' with a message that says so", (_, input) => {
    const error = failure(parseFiling(input));
    expect(error.code).toBe("empty");
    expect(error.message).toMatch(/empty/i);
    expect(error.message).toMatch(/paste/i);
  });
});

describe("binary files", () => {
  /** Deterministic pseudo-random bytes (a linear congruential generator), so a failure reproduces. */
  function randomBytes(n: number, seed: number): Buffer {
    const out = Buffer.alloc(n);
    let x = seed >>> 0;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      out[i] = x >>> 24;
    }
    return out;
  }
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from("IHDR"), randomBytes(4000, 1)]);
  const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 4000 /Filter /FlateDecode >>\nstream\n", "latin1"), randomBytes(4000, 2), Buffer.from("\nendstream\nendobj\n")]);

  test.each([
    ["a PNG read as latin1", png.toString("latin1")],
    ["a PNG read as UTF-8", png.toString("utf8")],
    ["a PDF read as latin1", pdf.toString("latin1")],
    ["a PDF read as UTF-8", pdf.toString("utf8")],
    ["random bytes read as latin1", randomBytes(20000, 3).toString("latin1")],
    ["random bytes read as UTF-8", randomBytes(20000, 4).toString("utf8")],
  ])("%s is 'binary' with a message that says to paste the text", (_, input) => {
    const error = failure(parseFiling(input));
    expect(error.code).toBe("binary");
    expect(error.message).toMatch(/binary/i);
    expect(error.message).toMatch(/copy its text/i);
  });

  test("a real filing with a few stray control characters is still read (binary means binary, not any NUL-free oddity)", () => {
    const filing = parsed(parseFiling(IMGN.replace("Total revenues", "Total revenues\u0007").replace("Other assets", "\u001bOther assets")));
    expect(filing.statements.balanceSheet?.rows.length).toBeGreaterThan(5);
  });
});

describe("a 50 MB paste", () => {
  // The time is logged for the record only; targets are measured by bench/parse.bench.ts.
  test("prose for 50 MB, then the statements: a clear result, never a throw", () => {
    const sentence = "The Company continued to advance its product candidates during the quarter and remains focused on execution. ";
    const input = sentence.repeat(Math.ceil((50 * 1024 * 1024) / sentence.length)) + "\n" + IMGN;
    const started = Date.now();
    let result: ParseResult | undefined;
    expect(() => (result = parseFiling(input))).not.toThrow();
    console.log(`parseFiling on a ${(input.length / 1048576).toFixed(1)} MB paste took ${Date.now() - started} ms`);
    if (!result) throw new Error("no result");
    if (result.ok) {
      // Read, then it must be read right: the statements at the end are ImmunoGen's.
      expect(value(result.filing.statements.operations, "Total revenues")).toBe("9006");
      expect(value(result.filing.statements.balanceSheet, "Total assets")).toBe("118250");
    } else {
      expect(result.error.code).not.toBe("internal");
      expect(result.error.message.length).toBeGreaterThan(20);
    }
  }, 180_000);
});

describe("pages without statements", () => {
  test.each([
    ["prose only", IMGN.split("\n").slice(0, 130).join("\n").replace(/\t/g, " ")],
    [
      "a table of contents only",
      [
        "TABLE OF CONTENTS",
        "PART I. FINANCIAL INFORMATION",
        "Item 1. Financial Statements",
        "Condensed Consolidated Balance Sheets 3",
        "Condensed Consolidated Statements of Operations 4",
        "Condensed Consolidated Statements of Comprehensive Loss 5",
        "Condensed Consolidated Statements of Cash Flows 6",
        "Notes to Condensed Consolidated Financial Statements 7",
        "Item 2. Management's Discussion and Analysis of Financial Condition and Results of Operations 18",
      ].join("\n"),
    ],
    ["a tabbed table of contents", "Condensed Consolidated Balance Sheets\t3\nCondensed Consolidated Statements of Operations\t4\nCondensed Consolidated Statements of Cash Flows\t5\n"],
  ])("%s is 'no-statements' with a message that says what to paste", (_, input) => {
    const error = failure(parseFiling(input));
    expect(error.code).toBe("no-statements");
    expect(error.message).toMatch(/statement/i);
    expect(error.message).toMatch(/paste/i);
  });

  test("the prose-only page really is ImmunoGen's prose (its facts would be found if statements were there)", () => {
    const prose = IMGN.split("\n").slice(0, 130).join("\n");
    expect(prose).toMatch(/net loss of \\\$2\.5 million/);
    expect(prose).not.toMatch(/CONDENSED CONSOLIDATED BALANCE SHEETS/);
  });
});

describe("hostile HTML around a statement table", () => {
  const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  /** ImmunoGen's statements as an HTML table, with script and event handlers around and inside it. */
  function hostileHtml(): string {
    const statementLines = IMGN.split("\n").slice(139, 175);
    const rows = statementLines.map((line) =>
      line.includes("\t")
        ? `<tr>${line.split("\t").map((cell, i) => `<td${i === 0 ? ' onmouseover="alert(2)"' : ""}>${escapeHtml(cell.replace(/\\\$/g, "$"))}</td>`).join("")}</tr>`
        : `</table><p>${escapeHtml(line)}</p><script>alert("between")</script><table>`,
    );
    return [
      "<html><head><script>alert(1)</script><script>document.write('<img src=x onerror=alert(9)>')</script></head>",
      '<body onload="alert(3)"><img src="x" onerror="alert(1)">',
      "<p>ImmunoGen, Inc. (Nasdaq: IMGN) (in thousands, except per share amounts)</p>",
      `<table>${rows.join("\n")}</table>`,
      '<svg onload="alert(4)"></svg><iframe src="javascript:alert(5)"></iframe><script type="text/javascript">fetch("https://example.com")</script>',
      "</body></html>",
    ].join("\n");
  }

  test.each([
    ["sniffed", {}],
    ["declared text/html", { contentType: "text/html" as const }],
  ])("%s: the statements are read, and the result carries no script or event handler", (_, options) => {
    const result = parseFiling(hostileHtml(), options);
    const filing = parsed(result);
    expect(filing.document.format).toBe("html");
    expect(value(filing.statements.operations, "Total revenues")).toBe("9006");
    expect(value(filing.statements.operations, "Net Loss")).toBe("-2471");
    expect(value(filing.statements.balanceSheet, "Total assets", 1)).toBe("122630");
    expect(failedChecks(filing)).toEqual([]);
    const json = JSON.stringify(result);
    expect(json).not.toMatch(/<script/i);
    expect(json).not.toMatch(/onerror/i);
    expect(json).not.toMatch(/alert\(/);
  });
});

describe("a filing that contradicts itself", () => {
  test("Total revenues 9,006 → 9,106: the revenue total fails (and the prose '$9.0 million' with it), everything else passes", () => {
    const filing = parsed(parseFiling(replaceOnce(IMGN, "Total revenues\t\t9,006", "Total revenues\t\t9,106")));
    const failed = failedChecks(filing);
    expect(failed.map((c) => [c.kind, c.statement, c.column])).toEqual(
      expect.arrayContaining([["total", "operations", 0]]),
    );
    const total = failed.find((c) => c.kind === "total");
    expect(total).toMatchObject({ reported: "9106", computed: "9006", line: expect.any(Number) });
    expect(total?.description).toMatch(/Total revenues/);
    // The only other failure allowed is the prose restating revenue, which no longer rounds to $9.0 million.
    for (const c of failed.filter((c) => c !== total)) expect(c).toMatchObject({ kind: "prose", column: 0 });
    expect(filing.checks.filter((c) => c.passed).length).toBeGreaterThan(15);
    expect(filing.checks.some((c) => c.kind === "balance" && c.passed)).toBe(true);
  });

  test("equity 94,646 → 94,746 and its total with it: the balance sheet no longer balances, the totals still add up", () => {
    let text = replaceOnce(IMGN, "Stockholders' equity\t94,646", "Stockholders' equity\t94,746");
    text = replaceOnce(text, "Total liabilities and stockholders' equity\t\\$ 118,250", "Total liabilities and stockholders' equity\t\\$ 118,350");
    const filing = parsed(parseFiling(text));
    const failed = failedChecks(filing);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ kind: "balance", statement: "balanceSheet", column: 0, passed: false });
    expect([failed[0].reported, failed[0].computed].sort()).toEqual(["118250", "118350"]);
    expect(filing.checks.filter((c) => c.kind === "balance" && c.column === 1 && c.passed)).toHaveLength(1);
    expect(filing.checks.filter((c) => c.kind === "total" && c.statement === "balanceSheet").every((c) => c.passed)).toBe(true);
  });
});

describe("partial pastes", () => {
  test("only the balance sheet: a filing with operations null", () => {
    const lines = IMGN.split("\n");
    const balanceSheetOnly = lines.slice(lines.findIndex((l) => l.startsWith("CONDENSED CONSOLIDATED BALANCE SHEETS")), lines.findIndex((l) => l.startsWith("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS"))).join("\n");
    const filing = parsed(parseFiling(balanceSheetOnly));
    expect(filing.statements.operations).toBeNull();
    expect(filing.statements.balanceSheet?.columns.map((c) => c.date)).toEqual(["2004-09-30", "2004-06-30"]);
    expect(value(filing.statements.balanceSheet, "Total assets")).toBe("118250");
    expect(failedChecks(filing)).toEqual([]);
  });
});

describe("line endings", () => {
  test.each([
    ["CRLF (Windows)", "\r\n"],
    ["lone CR (old Mac text, some clipboards)", "\r"],
  ])("%s: the same filing as LF, prose facts and their checks included", (_, lineBreak) => {
    const lf = parsed(parseFiling(IMGN));
    const other = parsed(parseFiling(IMGN.replace(/\n/g, lineBreak)));
    expect(lf.facts.length).toBeGreaterThanOrEqual(5);
    expect(lf.checks.filter((c) => c.kind === "prose").length).toBeGreaterThanOrEqual(4);
    expect(other).toEqual(lf);
  });
});

describe("the size limit", () => {
  test("maxChars is respected: one character over is 'too-large' with the size in MB", () => {
    const limit = 1024 * 1024;
    const input = IMGN.repeat(Math.ceil((1.5 * limit) / IMGN.length));
    const error = failure(parseFiling(input, { maxChars: limit }));
    expect(error.code).toBe("too-large");
    expect(error.message).toMatch(/\b1\.\d MB\b/);
    expect(error.message).toMatch(/more than the 1\.0 MB/);
    expect(failure(parseFiling(IMGN + "x".repeat(limit - IMGN.length + 1), { maxChars: limit })).code).toBe("too-large");
    // Small limits are stated in KB, never as "0.0 MB".
    expect(failure(parseFiling(IMGN, { maxChars: 10000 })).message).toMatch(/is 15 KB, more than the 10 KB/);
  });

  test("an input of exactly maxChars characters is read", () => {
    const filing = parsed(parseFiling(IMGN, { maxChars: IMGN.length }));
    expect(value(filing.statements.operations, "Total revenues")).toBe("9006");
  });
});
