// Where parse time goes: each stage of parseFiling timed on its own over all corpus pastes (one pass = 22 files).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFiling } from "../src/filing";
import { readFacts } from "../src/filing/facts";
import { readInput } from "../src/filing/input";
import { readMeta } from "../src/filing/meta";
import { findTitles, lazyLexer, locateStatements } from "../src/filing/statements";

const CORPUS = join(__dirname, "..", "tests", "fixtures", "corpus");

export async function run(): Promise<void> {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith(".paste.txt")).map((f) => readFileSync(join(CORPUS, f), "utf8"));
  const mb = files.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  const time = (fn: (text: string) => unknown): number => {
    for (let k = 0; k < 10; k++) for (const t of files) fn(t);
    const runs: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      for (let k = 0; k < 10; k++) for (const t of files) fn(t);
      runs.push((performance.now() - t0) / 10);
    }
    return runs.sort((a, b) => a - b)[3];
  };
  const stages: [string, (t: string) => unknown][] = [
    ["parseFiling (whole)", (t) => parseFiling(t)],
    ["input guards + text", (t) => readInput(t, { maxChars: 1e9 })],
    ["split into lines", (t) => t.split("\n")],
    ["find titles", (t) => findTitles(t.split("\n"))],
    ["find + read tables", (t) => {
      const lines = t.split("\n");
      return locateStatements(lines, lazyLexer(lines, { peel: false }));
    }],
    ["metadata", (t) => readMeta(t)],
    ["prose facts", (t) => readFacts(t)],
  ];
  console.log(`corpus pastes: ${files.length} files, ${mb.toFixed(2)} MB; ms per pass (median of 7, after warm-up)`);
  for (const [name, fn] of stages) {
    const ms = time(fn);
    console.log(`  ${name.padEnd(22)} ${ms.toFixed(1).padStart(6)} ms  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s`);
  }
}
