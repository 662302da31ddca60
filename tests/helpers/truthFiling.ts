// Builds a ParsedFiling from a corpus ground-truth file, so that code downstream of the parser
// (checks, layout, functions) can be tested on hand-checked numbers independently of the parser.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Column, ParsedFiling, Row, Scale, Statement } from "../../src/filing/types";

export const CORPUS_DIR = join(__dirname, "..", "fixtures", "corpus");

interface TruthColumn { label: string; period_end?: string; months?: number | null; period_start?: string; date?: string }
interface TruthStatement { title: string; columns: TruthColumn[]; rows: { label: string; values: (number | null)[] }[] }
interface Truth {
  id: string; company: string; ticker: string | null; form: string; filed: string | null; scale: Scale; currency: string;
  statements: { operations?: TruthStatement; balance_sheet?: TruthStatement };
  key: Record<string, (number | null)[]>;
}

const KEY_TO_CONCEPT: Record<string, string> = {
  Revenues: "Revenues",
  OperatingIncomeLoss: "OperatingIncomeLoss",
  NetIncomeLoss: "NetIncomeLoss",
  EarningsPerShareBasic: "EarningsPerShareBasic",
  EarningsPerShareDiluted: "EarningsPerShareDiluted",
  WeightedAverageSharesBasic: "WeightedAverageNumberOfSharesOutstandingBasic",
  WeightedAverageSharesDiluted: "WeightedAverageNumberOfDilutedSharesOutstanding",
  Cash: "CashAndCashEquivalentsAtCarryingValue",
  Assets: "Assets",
  Liabilities: "Liabilities",
  StockholdersEquity: "StockholdersEquity",
  LiabilitiesAndStockholdersEquity: "LiabilitiesAndStockholdersEquity",
};

/** Exact decimal text of a JSON number as the truth file prints it. */
const decimalText = (v: number | null): string | null => (v === null ? null : String(v));

export function readTruth(name: string): Truth {
  return JSON.parse(readFileSync(join(CORPUS_DIR, `${name}.truth.json`), "utf8")) as Truth;
}

export function truthFiling(name: string): ParsedFiling {
  const truth = readTruth(name);
  const scale = { money: truth.scale, shares: truth.scale, text: null, inferred: false };
  const build = (kind: "operations" | "balanceSheet", ts: TruthStatement | undefined, keys: string[]): Statement | null => {
    if (!ts) return null;
    const used = new Set<number>();
    const rows: Row[] = ts.rows.map((r, i) => ({
      label: r.label, concept: null, section: null, isTotal: /^total\b/i.test(r.label),
      kind: /per (common )?share|per unit/i.test(r.label) ? "perShare" : /shares|units outstanding/i.test(r.label) ? "shares" : "amount",
      values: r.values.map(decimalText), line: i + 1, sources: r.values.map(() => null),
    }));
    for (const key of keys) {
      const want = truth.key[key];
      if (!want) continue;
      const idx = rows.findIndex((r, i) => !used.has(i) && r.values.every((v, j) => want[j] === null || v === decimalText(want[j])));
      if (idx >= 0 && rows[idx].concept === null) { rows[idx].concept = KEY_TO_CONCEPT[key]; used.add(idx); }
    }
    const columns: Column[] = ts.columns.map((c) =>
      kind === "balanceSheet" ? { label: c.label, date: c.date ?? null } : { label: c.label, periodEnd: c.period_end ?? null, months: c.months ?? null, ...(c.period_start ? { periodStart: c.period_start } : {}) });
    return { kind, title: ts.title, columns, rows, line: 1, scale };
  };
  const ops = build("operations", truth.statements.operations, ["Revenues", "OperatingIncomeLoss", "NetIncomeLoss", "EarningsPerShareBasic", "EarningsPerShareDiluted", "WeightedAverageSharesBasic", "WeightedAverageSharesDiluted"]);
  const bs = build("balanceSheet", truth.statements.balance_sheet, ["Cash", "Assets", "Liabilities", "StockholdersEquity", "LiabilitiesAndStockholdersEquity"]);
  return {
    company: { name: truth.company, ticker: truth.ticker, exchange: null },
    document: { form: truth.form, reportDate: truth.filed, periodEnd: ops?.columns[0]?.periodEnd ?? bs?.columns[0]?.date ?? null, fiscalPeriod: null, format: "tabbed", exhibit: null },
    scale, currency: truth.currency,
    statements: { operations: ops, balanceSheet: bs },
    checks: [], facts: [], warnings: [],
  };
}
