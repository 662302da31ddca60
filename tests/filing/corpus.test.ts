// The filing engine against the hand-checked ground truth of every corpus filing: every cell, every key
// concept, every period column. Rows are matched as the shared scorer matches them: by label, then by values.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import type { ParsedFiling, Row } from "../../src/filing/types";
import { CORPUS_DIR, readTruth } from "../helpers/truthFiling";
import { parsedCorpusFile } from "../helpers/parsed";

const KEY_CONCEPTS: Record<string, string[]> = {
  Revenues: ["Revenues", "RevenuesNetOfInterestExpense"],
  OperatingIncomeLoss: ["OperatingIncomeLoss"],
  NetIncomeLoss: ["NetIncomeLoss"],
  EarningsPerShareBasic: ["EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted"],
  EarningsPerShareDiluted: ["EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted"],
  WeightedAverageSharesBasic: ["WeightedAverageNumberOfSharesOutstandingBasic", "WeightedAverageNumberOfShareOutstandingBasicAndDiluted"],
  WeightedAverageSharesDiluted: ["WeightedAverageNumberOfDilutedSharesOutstanding", "WeightedAverageNumberOfShareOutstandingBasicAndDiluted"],
  Cash: ["CashAndCashEquivalentsAtCarryingValue", "CashCashEquivalentsAndShortTermInvestments"],
  Assets: ["Assets"],
  Liabilities: ["Liabilities"],
  StockholdersEquity: ["StockholdersEquity"],
  LiabilitiesAndStockholdersEquity: ["LiabilitiesAndStockholdersEquity"],
};
const BALANCE_KEYS = new Set(["Cash", "Assets", "Liabilities", "StockholdersEquity", "LiabilitiesAndStockholdersEquity"]);

const norm = (s: string): string => s.toLowerCase().replace(/\([a-z0-9]\)|\*/g, "").replace(/[^a-z0-9]+/g, " ").trim();
const same = (got: string | null | undefined, want: number | null): boolean =>
  want === null ? got === null || got === undefined : got !== null && got !== undefined && new Decimal(got).equals(new Decimal(String(want)));

const names = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".truth.json")).map((f) => f.replace(".truth.json", "")).sort();

const parsed = parsedCorpusFile;

/** Differences between a parsed filing and its truth, as readable lines (empty when they agree). */
function differences(name: string, filing: ParsedFiling): string[] {
  const truth = readTruth(name);
  const out: string[] = [];
  for (const [kind, tkind] of [["operations", "operations"], ["balanceSheet", "balance_sheet"]] as const) {
    const ts = truth.statements[tkind];
    const st = filing.statements[kind];
    if (!ts) continue;
    if (!st) {
      out.push(`${kind}: not found`);
      continue;
    }
    const rows = st.rows.filter((r) => r.values.some((v) => v !== null));
    const used = new Set<number>();
    for (const tr of ts.rows) {
      let i = rows.findIndex((r, k) => !used.has(k) && norm(r.label) === norm(tr.label));
      if (i < 0) i = rows.findIndex((r, k) => !used.has(k) && r.values.length === tr.values.length && r.values.every((v, j) => same(v, tr.values[j])));
      if (i < 0) {
        out.push(`${kind}: missing row "${tr.label}"`);
        continue;
      }
      used.add(i);
      if (!tr.values.every((v, j) => same(rows[i].values[j], v))) out.push(`${kind}: "${tr.label}" want ${JSON.stringify(tr.values)} got ${JSON.stringify(rows[i].values)}`);
    }
    rows.forEach((r, k) => {
      if (!used.has(k)) out.push(`${kind}: extra row "${r.label}" ${JSON.stringify(r.values)}`);
    });
    ts.columns.forEach((c, j) => {
      const g = st.columns[j];
      const ok = kind === "balanceSheet" ? g?.date === c.date : g?.periodEnd === c.period_end && (g?.months ?? null) === (c.months ?? null);
      if (!ok) out.push(`${kind}: column ${j} want ${JSON.stringify(c)} got ${JSON.stringify(g)}`);
    });
  }
  for (const [key, want] of Object.entries(truth.key)) {
    const st = BALANCE_KEYS.has(key) ? filing.statements.balanceSheet : filing.statements.operations;
    const row: Row | undefined = st?.rows.find((r) => r.concept !== null && KEY_CONCEPTS[key].includes(r.concept));
    if (!row || !want.every((v, j) => v === null || same(row.values[j], v))) out.push(`key ${key}: want ${JSON.stringify(want)} got ${row ? JSON.stringify(row.values) : "no row"}`);
  }
  return out;
}

describe("corpus browser pastes: every cell, key concept and column as hand-checked", () => {
  test.each(names)("%s", (name) => {
    expect(differences(name, parsed(`${name}.paste.txt`))).toEqual([]);
  });
});

describe("corpus original EDGAR documents (.htm exhibits, complete .txt submissions)", () => {
  const originals = names.filter((n) => existsSync(join(CORPUS_DIR, `${n}.orig.htm`)) || existsSync(join(CORPUS_DIR, `${n}.orig.txt`)));
  test.each(originals)("%s", (name) => {
    const file = existsSync(join(CORPUS_DIR, `${name}.orig.htm`)) ? `${name}.orig.htm` : `${name}.orig.txt`;
    expect(differences(name, parsed(file))).toEqual([]);
  });
});

describe("the checks and the metadata on the reference filing", () => {
  const filing = parsed("imgn-2004q3.paste.txt");
  test("company, period and scale", () => {
    expect(filing.company).toEqual({ name: "ImmunoGen, Inc.", ticker: "IMGN", exchange: "Nasdaq" });
    expect(filing.document).toMatchObject({ form: "8-K", reportDate: "2004-11-04", periodEnd: "2004-09-30" });
    expect(filing.document.fiscalPeriod).toMatchObject({ label: "Q1 FY2005", quarter: 1, fiscalYear: 2005, fiscalYearEnd: "06-30" });
    expect(filing.scale).toMatchObject({ money: "thousands", inferred: false });
  });
  test("every check passes, and there are checks of each kind", () => {
    expect(filing.checks.filter((c) => !c.passed)).toEqual([]);
    expect(new Set(filing.checks.map((c) => c.kind))).toEqual(new Set(["total", "balance", "eps", "prose"]));
  });
  test("each value points at the line and characters it came from", () => {
    const text = readFileSync(join(CORPUS_DIR, "imgn-2004q3.paste.txt"), "utf8").split("\n");
    const netLoss = filing.statements.operations?.rows.find((r) => r.concept === "NetIncomeLoss");
    expect(netLoss?.values).toEqual(["-2471", "-4126"]);
    const src = netLoss?.sources[0];
    expect(src).toBeTruthy();
    if (src) expect(text[src.line - 1].slice(src.start, src.end)).toBe("(2,471)");
  });
  test("expense concepts go to expense lines, not to revenue lines that share their words", () => {
    const concept = (label: string): string | null | undefined => filing.statements.operations?.rows.find((r) => r.label === label)?.concept;
    expect(concept("Research and development support")).toBeNull();
    expect(concept("Research and development")).toBe("ResearchAndDevelopmentExpense");
    expect(concept("General and administrative")).toBe("GeneralAndAdministrativeExpense");
  });
  test("the prose facts a model needs: operating cash flow and cash", () => {
    const byConcept = Object.fromEntries(filing.facts.map((f) => [f.concept, f.value]));
    expect(byConcept.NetCashProvidedByUsedInOperatingActivities).toBe("857000");
  });
});

describe("a cost heading is not a revenue heading", () => {
  // "Cost of sales:" names sales, but the total under it is the cost of revenue, not a revenue line.
  test.each([
    ["aapl-2024q1.paste.txt", "Total cost of sales"],
    ["ai-2024q1.paste.txt", "Total cost of revenue"],
  ])("%s: %s is CostOfRevenue", (file, label) => {
    const row = parsed(file).statements.operations?.rows.find((r) => r.label === label);
    expect(row?.section).toMatch(/^Cost of/);
    expect(row?.concept).toBe("CostOfRevenue");
  });
});
