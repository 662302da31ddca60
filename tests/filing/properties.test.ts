// Property tests of parseFiling on mutated real pastes: whatever a user's clipboard does to a filing (lines lost,
// doubled or swapped, stray control or unicode characters, CRLF, tabs flattened to spaces, lines glued, a cut-off
// copy), the engine must not throw, must answer the same way twice, and must never show a number that is not
// printed in what was pasted.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import fc from "fast-check";
import { parseFiling } from "../../src/filing/parseFiling";
import type { ParseResult, ParsedFiling } from "../../src/filing/types";
import { CORPUS_DIR } from "../helpers/truthFiling";

// The small pastes, so that a few hundred parses stay well under a minute on two cores.
const NAMES = ["imgn-2004q3", "bke-2024q3", "aapl-2011q1", "aapl-2024q1", "sears-2004q2"] as const;
const PASTES: Record<string, string> = Object.fromEntries(NAMES.map((n) => [n, readFileSync(join(CORPUS_DIR, `${n}.paste.txt`), "utf8")]));

// ---- mutations -------------------------------------------------------------------------------------------

type Mutation =
  | { kind: "deleteLine"; at: number }
  | { kind: "duplicateLine"; at: number }
  | { kind: "swapLines"; a: number; b: number }
  | { kind: "insertChars"; at: number; chars: string }
  | { kind: "replaceDigit"; at: number; digit: string }
  | { kind: "truncate"; at: number }
  | { kind: "crlf" }
  | { kind: "tabsToSpaces"; width: number }
  | { kind: "glueLines"; at: number; joiner: string };

/** Characters a clipboard, an editor or a mail client slips into text. */
const strayChar = fc.oneof(
  fc.constantFrom("\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u007f", "\u0085", "\u00a0", "\u00ad", "\u200b", "\u200e", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ud800", "\udc00", "\t", "\r", "\n", "$", "(", ")", ",", ".", "-", "—", "<", ">", "&"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("deleteLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swapLines" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant("insertChars" as const), at: fc.nat(), chars: fc.array(strayChar, { minLength: 1, maxLength: 4 }).map((cs) => cs.join("")) }),
  fc.record({ kind: fc.constant("replaceDigit" as const), at: fc.nat(), digit: fc.constantFrom(..."0123456789") }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.constant({ kind: "crlf" as const }),
  fc.record({ kind: fc.constant("tabsToSpaces" as const), width: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("glueLines" as const), at: fc.nat(), joiner: fc.constantFrom("", " ", "\t") }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  const line = (n: number): number => n % Math.max(1, lines.length);
  switch (m.kind) {
    case "deleteLine":
      lines.splice(line(m.at), 1);
      return lines.join("\n");
    case "duplicateLine": {
      const i = line(m.at);
      lines.splice(i, 0, lines[i]);
      return lines.join("\n");
    }
    case "swapLines": {
      const [a, b] = [line(m.a), line(m.b)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join("\n");
    }
    case "insertChars": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.chars + text.slice(at);
    }
    case "replaceDigit": {
      const digits = [...text.matchAll(/\d/g)];
      if (digits.length === 0) return text;
      const at = digits[m.at % digits.length].index;
      return text.slice(0, at) + m.digit + text.slice(at + 1);
    }
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
    case "crlf":
      return text.replace(/\r?\n/g, "\r\n");
    case "tabsToSpaces":
      return text.replace(/\t/g, " ".repeat(m.width));
    case "glueLines": {
      const i = line(m.at);
      if (i + 1 >= lines.length) return text;
      lines.splice(i, 2, lines[i] + m.joiner + lines[i + 1]);
      return lines.join("\n");
    }
  }
}

/** A real paste with one to six mutations applied in turn. */
const mutatedPaste: fc.Arbitrary<string> = fc
  .record({ name: fc.constantFrom(...NAMES), mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }) })
  .map(({ name, mutations }) => mutations.reduce(mutate, PASTES[name]));

// HTML documents cut and spliced the way a partial copy or a broken editor leaves them: stray and unclosed tags,
// raw-text elements left open, entities cut short, pieces lost or doubled.
const HTML_NAMES = ["bke-2024q3", "aapl-2011q1"] as const;
const HTML_DOCUMENTS: Record<string, string> = Object.fromEntries(HTML_NAMES.map((n) => [n, readFileSync(join(CORPUS_DIR, `${n}.orig.htm`), "utf8")]));
const HTML_PIECES = ["<", ">", "</td>", "<td>", "<tr>", "</tr>", "<table>", "</table>", "<table><table><table>", "<script>", "</script>", "<style>", "<textarea>", "<plaintext>", "<template>", "<svg>", "<math>", "<select>", "<!--", "-->", "<![CDATA[", "<?xml ", "&", "&#", "&#x;", "&nbsp", "&#99999999;", '<td colspan="99999999">', '<td rowspan="0">', '<div style="display:none">', "<p>", "<br>", '"', "'"];

type HtmlMutation = { kind: "insert"; at: number; piece: string } | { kind: "delete" | "duplicate"; at: number; length: number } | { kind: "truncate"; at: number };

const htmlMutation: fc.Arbitrary<HtmlMutation> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), piece: fc.constantFrom(...HTML_PIECES) }),
  fc.record({ kind: fc.constantFrom("delete" as const, "duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutateHtml(html: string, m: HtmlMutation): string {
  const at = m.at % (html.length + 1);
  switch (m.kind) {
    case "insert":
      return html.slice(0, at) + m.piece + html.slice(at);
    case "delete":
      return html.slice(0, at) + html.slice(at + m.length);
    case "duplicate":
      return html.slice(0, at + m.length) + html.slice(at);
    case "truncate":
      return html.slice(0, at);
  }
}

const mutatedHtml: fc.Arbitrary<string> = fc
  .record({ name: fc.constantFrom(...HTML_NAMES), mutations: fc.array(htmlMutation, { minLength: 1, maxLength: 8 }) })
  .map(({ name, mutations }) => mutations.reduce(mutateHtml, HTML_DOCUMENTS[name]));

// ---- what "printed in the input" means --------------------------------------------------------------------

/** A number's magnitude as a canonical decimal string: "(2,471)" → "2471", "0.85" and ".85" → "0.85", "0.10" → "0.1". */
const magnitude = (digits: string): string => new Decimal(digits).abs().toFixed();

/** Every number printed in a text, thousands separators removed, as canonical magnitudes. */
function printedNumbers(text: string): Set<string> {
  const plain = text.replace(/(?<=\d),(?=\d{3}(?!\d))/g, "");
  return new Set([...plain.matchAll(/\d+(?:\.\d+)?|\.\d+/g)].map((m) => magnitude(m[0])));
}

/** Prose as a reader sees it: any run of whitespace is one space, escaped dollars and curly quotes plain. */
const asProse = (text: string): string => text.replace(/\\\$/g, "$").replace(/[\u2018\u2019]/g, "'").replace(/[\s\u00a0]+/g, " ");

const SCALES = ["1", "1e3", "1e6", "1e9"];

/** Everything in a parsed filing that shows a number the input does not print; [] when all is well. */
function inventedNumbers(input: string, filing: ParsedFiling): string[] {
  const printed = printedNumbers(input);
  const problems: string[] = [];
  // Source refs point into the text the engine read, which is the paste itself for plain-text input.
  const lines = filing.document.format === "html" || filing.document.format === "submission" ? null : input.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  const { operations, balanceSheet, cashFlows } = filing.statements;
  for (const statement of [operations, balanceSheet, cashFlows]) {
    if (!statement) continue;
    for (const row of statement.rows) {
      row.values.forEach((value, i) => {
        if (value === null) return;
        const m = magnitude(value);
        if (m === "0") return; // a dash or em dash stands for zero
        if (!printed.has(m)) problems.push(`${statement.kind} "${row.label}" [${i}] = ${value} is not printed in the input`);
        const source = row.sources[i];
        if (lines && source) {
          const cell = (lines[source.line - 1] ?? "").slice(source.start, source.end);
          if (!printedNumbers(cell).has(m)) problems.push(`${statement.kind} "${row.label}" [${i}] = ${value} has source "${cell}" (line ${source.line})`);
        }
      });
    }
  }
  const prose = asProse(input);
  for (const fact of filing.facts) {
    if (!prose.includes(asProse(fact.text))) problems.push(`fact ${fact.concept} phrase "${fact.text}" is not in the input`);
    // "$2.5 million" → 2500000: the value is a number of the phrase times a scale word.
    const phraseNumbers = printedNumbers(fact.text);
    const fits = SCALES.some((s) => phraseNumbers.has(new Decimal(fact.value).abs().div(s).toFixed()));
    if (!fits) problems.push(`fact ${fact.concept} = ${fact.value} is no number of its phrase "${fact.text}"`);
  }
  return problems;
}

// ---- properties -------------------------------------------------------------------------------------------

// FILING_PROPERTY_RUNS=5000 for a long search; the default keeps the suite fast.
const RUNS = Number(process.env.FILING_PROPERTY_RUNS ?? 120);

/** parseFiling, with a throw turned into a value so a property can report it with the input that caused it. */
function parseOrThrown(input: string): ParseResult | { thrown: string } {
  try {
    return parseFiling(input);
  } catch (e) {
    return { thrown: String((e as Error)?.stack ?? e) };
  }
}

describe("the unmutated small pastes satisfy the properties (so the properties can hold at all)", () => {
  test.each(NAMES)("%s parses and prints every number it shows", (name) => {
    const result = parseFiling(PASTES[name]);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    expect(result.filing.statements.operations?.rows.length).toBeGreaterThan(5);
    expect(inventedNumbers(PASTES[name], result.filing)).toEqual([]);
  });

  test("the number check catches a number the input does not print", () => {
    const result = parseFiling(PASTES["imgn-2004q3"]);
    if (!result.ok) throw new Error(result.error.message);
    const tampered = structuredClone(result.filing);
    tampered.statements.operations!.rows[0].values[0] = "4090"; // printed 4,089
    tampered.facts[0] = { ...tampered.facts[0], value: "-2600000" }; // phrase says $2.5 million
    const problems = inventedNumbers(PASTES["imgn-2004q3"], tampered);
    expect(problems.some((p) => p.includes("= 4090 is not printed"))).toBe(true);
    expect(problems.some((p) => p.includes("= -2600000 is no number of its phrase"))).toBe(true);
  });
});

describe("parseFiling on mutated corpus pastes", () => {
  test("never throws, and always answers with a filing or an error the user can read", () => {
    fc.assert(
      fc.property(mutatedPaste, (input) => {
        const result = parseOrThrown(input);
        if ("thrown" in result) throw new Error(`parseFiling threw: ${result.thrown}`);
        if (result.ok) {
          const { operations, balanceSheet } = result.filing.statements;
          expect(operations !== null || balanceSheet !== null).toBe(true);
        } else {
          expect(result.error.code).not.toBe("internal"); // "internal" is a caught crash
          expect(result.error.message.length).toBeGreaterThan(20);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("is deterministic: the same input gives a deep-equal result, also after parsing something else", () => {
    fc.assert(
      fc.property(mutatedPaste, fc.constantFrom(...NAMES), (input, other) => {
        const first = parseFiling(input);
        parseFiling(PASTES[other]);
        const second = parseFiling(input);
        expect(second).toEqual(first);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  test("edits to the prose well above the tables (lines lost, doubled or extended) leave every statement as it was", () => {
    const statementsOf = (filing: ParsedFiling): unknown => {
      const { operations, balanceSheet, cashFlows } = filing.statements;
      // Everything but line numbers, which move with the edit.
      return [operations, balanceSheet, cashFlows].map((s) => s && { title: s.title, columns: s.columns, scale: s.scale, rows: s.rows.map((r) => [r.label, r.concept, r.section, r.kind, r.isTotal, r.values]) });
    };
    const originals = Object.fromEntries(
      NAMES.map((name) => {
        const result = parseFiling(PASTES[name]);
        if (!result.ok) throw new Error(name);
        const { operations, balanceSheet, cashFlows } = result.filing.statements;
        const firstTable = Math.min(...[operations, balanceSheet, cashFlows].flatMap((s) => (s ? [s.line] : [])));
        return [name, { statements: statementsOf(result.filing), proseLines: firstTable - 25 }];
      }),
    );
    const proseEdit = fc.record({ kind: fc.constantFrom("delete", "duplicate", "extend"), at: fc.nat(), words: fc.constantFrom("Revenue grew 12%.", "$5 million", "The Company (Nasdaq: XYZ)", "\u200b", "in millions") });
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.array(proseEdit, { minLength: 1, maxLength: 5 }), (name, edits) => {
        const lines = PASTES[name].split("\n");
        let proseLines = originals[name].proseLines;
        for (const edit of edits) {
          const at = edit.at % proseLines;
          if (edit.kind === "delete" && proseLines > 2) {
            lines.splice(at, 1);
            proseLines--;
          } else if (edit.kind === "duplicate") {
            lines.splice(at, 0, lines[at]);
            proseLines++;
          } else lines[at] += " " + edit.words;
        }
        const result = parseFiling(lines.join("\n"));
        if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
        expect(statementsOf(result.filing)).toEqual(originals[name].statements);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  test("mutated HTML documents: never throws, never an internal error, the same answer twice", () => {
    fc.assert(
      fc.property(mutatedHtml, (input) => {
        const first = parseOrThrown(input);
        if ("thrown" in first) throw new Error(`parseFiling threw: ${first.thrown}`);
        if (!first.ok) expect(first.error.code).not.toBe("internal");
        expect(parseFiling(input)).toEqual(first);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  test("never shows a number that is not printed in the input", () => {
    let parsed = 0;
    fc.assert(
      fc.property(mutatedPaste, (input) => {
        const result = parseFiling(input);
        if (!result.ok) return;
        parsed++;
        expect(inventedNumbers(input, result.filing)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    // Most mutations leave a readable filing; if few parsed, this property would be checking nothing.
    expect(parsed).toBeGreaterThan(RUNS / 2);
  });
});
