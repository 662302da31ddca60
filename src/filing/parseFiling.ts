// parseFiling: text → parsed, checked filing. The pipeline reads top-down:
//   guard the input → readable text (HTML / EDGAR submission → browser-like text) → find statement titles →
//   read each table (lexer → rows → columns) → concepts → metadata, facts → checks.
// Never throws: every failure is a ParseResult with a message the user can act on.
import { buildStatement, lazyLexer, locateStatements } from "./statements";
import { readScaleCaption } from "./scale";
import type { ParseOptions, ParseResult, ParsedFiling, ScaleInfo, Statement, Warning } from "./types";
import { readInput, sniffTextFormat } from "./input";
import { reflowRunOnLines } from "./reflow";
import { describeDocument } from "./document";

const DEFAULT_MAX_CHARS = 64 * 1024 * 1024;

/** Finds the first scale caption anywhere near the statements, for tables that state none. */
function documentScale(lines: string[], from: number): ScaleInfo | null {
  for (let i = Math.max(0, from - 15); i < Math.min(lines.length, from + 40); i++) {
    if (lines[i].length > 400) continue;
    const s = readScaleCaption(lines[i]);
    if (s) return s;
  }
  return null;
}

export function parseFiling(input: string, options: ParseOptions = {}): ParseResult {
  try {
    return parseUnsafe(input, options);
  } catch (e) {
    return { ok: false, error: { code: "internal", message: `The filing could not be read (${(e as Error).message}). Nothing was imported.` }, warnings: [] };
  }
}

function parseUnsafe(input: string, options: ParseOptions): ParseResult {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const read = readInput(input, { maxChars, contentType: options.contentType });
  if (!read.ok) return { ok: false, error: read.error, warnings: [] };
  // readInput's text breaks its lines with "\n" only (lone CRs too), so every reader splits it alike.
  const { format, header, text: unified } = read;
  // A copy that lost its line breaks has whole tables on one line: rows are rebuilt, and line numbers then refer
  // to the rebuilt text (said in a warning).
  const reflowed = reflowRunOnLines(unified, unified.split("\n"));
  const { text, lines } = reflowed;
  // A tabbed paste keeps its amounts in cells of their own: text lines there are labels, numbers and all.
  const layout = format === "html" || format === "submission" || reflowed.changed ? sniffTextFormat(text) : format;
  const lexed = lazyLexer(lines, { peel: layout !== "tabbed" });
  const located = locateStatements(lines, lexed);
  const warnings: Warning[] = [];
  if (reflowed.changed) warnings.push({ code: "reflow", message: "The text had lost its line breaks; table rows were rebuilt from the numbers, so line numbers refer to the rebuilt text. Check the statements against the filing." });
  const pushWarning = (message: string, line?: number): void => void warnings.push({ code: "table", message, ...(line ? { line } : {}) });

  const firstLine = Math.min(...Object.values(located).map((l) => l.candidate.line));
  const docScale = Number.isFinite(firstLine) ? documentScale(lines, firstLine) : null;
  const build = (kind: "operations" | "balanceSheet" | "cashFlows"): Statement | null => {
    const l = located[kind];
    if (!l) return null;
    const msgs: string[] = [];
    const st = buildStatement(l, { documentScale: docScale }, msgs);
    msgs.forEach((m) => pushWarning(m, l.candidate.line + 1));
    return st;
  };
  const operations = build("operations");
  const balanceSheet = build("balanceSheet");
  const cashFlows = build("cashFlows");
  if (!operations && !balanceSheet) {
    return {
      ok: false,
      error: {
        code: "no-statements",
        message: "No statement of operations or balance sheet was found in this text. Paste the whole press release or filing, including its financial tables.",
      },
      warnings,
    };
  }
  // The exhibit the statements came from (a submission's EX-99.1, say), when the input held several documents.
  const first = operations ?? balanceSheet;
  const exhibit = first && read.documentAt && !reflowed.changed ? read.documentAt(first.line - 1) : null;
  const filing: ParsedFiling = describeDocument({ text, lines, format, exhibit, header, statements: { operations, balanceSheet, ...(cashFlows ? { cashFlows } : {}) }, warnings });
  return { ok: true, filing };
}
