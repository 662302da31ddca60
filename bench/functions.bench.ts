// Cost of IMGN.* evaluations: 10,000 function calls against a store of 40 filings (target: under
// 50 ms in total). The store is built from the corpus (parsed with parseFiling, ground truth where
// the parser finds nothing) and copies with period ends moved back by whole years, to make 40.
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseFiling } from "../src/filing";
import type { ParsedFiling } from "../src/filing/types";
import { type CellArg, evaluateFunction, findRow } from "../src/functions/functions";
import { isFunctionError } from "../src/functions/errors";
import { FilingStore } from "../src/store/filingStore";
import { CORPUS_DIR, truthFiling } from "../tests/helpers/truthFiling";

const STORE_SIZE = 40;
const EVALUATIONS = 10_000;

function corpusFilings(): ParsedFiling[] {
  const names = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".paste.txt")).map((f) => f.replace(".paste.txt", "")).sort();
  return names.map((name) => {
    const parsed = parseFiling(readFileSync(join(CORPUS_DIR, `${name}.paste.txt`), "utf8"));
    return parsed.ok && parsed.filing.statements.operations ? parsed.filing : truthFiling(name);
  });
}

/** The same filing with every ISO date moved back `years` years (a different period end, so a different store entry). */
function movedBack(filing: ParsedFiling, years: number): ParsedFiling {
  const text = JSON.stringify(filing).replace(/"(\d{4})-(\d{2})-(\d{2})"/g, (_, y: string, m: string, d: string) => `"${Number(y) - years}-${m}-${m === "02" && d === "29" ? "28" : d}"`);
  return JSON.parse(text) as ParsedFiling;
}

function buildStore(): FilingStore {
  const base = corpusFilings();
  const store = new FilingStore();
  for (let i = 0; store.list().length < STORE_SIZE; i++) {
    const filing = i < base.length ? base[i] : movedBack(base[i % base.length], 3 * Math.ceil((i + 1) / base.length));
    store.add(filing, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
  }
  return store;
}

export async function run(): Promise<void> {
  const store = buildStore();
  const filings = store.list();
  // A realistic mix: plain values, comparisons, derived figures, tables, and periods that live deep in the store.
  const periodEnds = filings.map((f) => f.filing.document.periodEnd).filter((d): d is string => !!d);
  const oldest = periodEnds[periodEnds.length - 1];
  const calls: [string, CellArg[]][] = [
    ["VALUE", ["Revenues", null, null]],
    ["VALUE", ["Total assets", "prior", "millions"]],
    ["NETLOSS", [null, null]],
    ["REVENUE", [oldest, "units"]],
    ["YOY", ["Revenues", null]],
    ["YOY", ["net income", oldest]],
    ["CHANGE", ["cash", null, null]],
    ["RUNWAY", ["netloss", null, "quarters"]],
    ["RUNWAY", ["cashchange", null, null]],
    ["PERSHARE", ["equity", null]],
    ["EPSCHECK", [null]],
    ["EPS", ["prior", null]],
    ["VALUE", ["no such row", null, null]],
    ["STATEMENT", ["balance sheet", null, null]],
    ["FILINGS", []],
  ];
  // Wall time and this process's CPU time: other processes on a busy machine inflate the first, not the second.
  const pass = (): { ms: number; cpuMs: number; errors: number } => {
    let errors = 0;
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < EVALUATIONS; i++) {
      const [name, args] = calls[i % calls.length];
      if (isFunctionError(evaluateFunction(name, filings, args))) errors++;
    }
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, errors };
  };
  const indexStart = performance.now();
  for (const stored of filings) findRow(stored.filing, "Revenues");
  const indexMs = performance.now() - indexStart;
  if (process.env.BENCH_DETAIL) {
    for (const [name, args] of calls) console.log(`  ${name}(${args.map((a) => JSON.stringify(a)).join(",")}) = ${JSON.stringify(evaluateFunction(name, filings, args)).slice(0, 120)}`);
  }
  const cold = pass(); // first run of every code path (JIT) and of every per-statement cache
  // Best of five warm passes: on a shared machine the minimum is the least disturbed measurement.
  const warmPasses = Array.from({ length: 5 }, pass);
  const warm = warmPasses.reduce((a, b) => (b.ms < a.ms ? b : a));
  const fmt = (p: { ms: number; cpuMs: number }): string => `${p.ms.toFixed(1)} ms wall (${p.cpuMs.toFixed(1)} ms CPU), ${((p.ms * 1000) / EVALUATIONS).toFixed(2)} µs per evaluation`;
  console.log(`store: ${filings.length} filings (latest ${filings[0].filing.document.periodEnd}, oldest ${oldest}); ${calls.length} formulas in rotation`);
  console.log(`row indexes of ${filings.length} filings built in ${indexMs.toFixed(1)} ms (once per filing, on first use)`);
  console.log(`${EVALUATIONS} evaluations, first pass: ${fmt(cold)} (${cold.errors} error results)`);
  console.log(`${EVALUATIONS} evaluations, warm (best of ${warmPasses.length} passes; all: ${warmPasses.map((p) => p.ms.toFixed(0)).join(", ")} ms): ${fmt(warm)} (${warm.errors} error results)`);
  const verdict = (ms: number): string => (ms < 50 ? "met" : "NOT met");
  console.log(
    `target < 50 ms for ${EVALUATIONS} evaluations, warm: ${verdict(warm.ms)} by wall time, ${verdict(warm.cpuMs)} by CPU time; first pass: ${verdict(cold.ms)} / ${verdict(cold.cpuMs)}` +
      ` (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs: wall time counts other processes' turns)`,
  );
}
