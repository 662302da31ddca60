// Where parse time goes: each stage of parseFiling timed on its own over all corpus pastes (one pass = 22 files).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFiling } from "../src/filing";
import { readFacts } from "../src/filing/facts";
import { readInput, sniffTextFormat } from "../src/filing/input";
import { readMeta } from "../src/filing/meta";
import { findTitles, lazyLexer, locateStatements } from "../src/filing/statements";

const CORPUS = join(__dirname, "..", "tests", "fixtures", "corpus");

export async function run(): Promise<void> {
  // Each stage gets what parseFiling hands it (the lines, the lexer's peel option), made outside the timing.
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith(".paste.txt"))
    .map((f) => {
      const text = readFileSync(join(CORPUS, f), "utf8");
      return { text, lines: text.split("\n"), peel: sniffTextFormat(text) !== "tabbed" };
    });
  type Paste = (typeof files)[number];
  const mb = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1e6;
  const time = (fn: (paste: Paste) => unknown): number => {
    for (let k = 0; k < 10; k++) for (const t of files) fn(t);
    const runs: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      for (let k = 0; k < 10; k++) for (const t of files) fn(t);
      runs.push((performance.now() - t0) / 10);
    }
    return runs.sort((a, b) => a - b)[3];
  };
  const stages: [string, (paste: Paste) => unknown][] = [
    ["parseFiling (whole)", (p) => parseFiling(p.text)],
    ["input guards + text", (p) => readInput(p.text, { maxChars: 1e9 })],
    ["split into lines", (p) => p.text.split("\n")],
    ["find titles", (p) => findTitles(p.lines)],
    ["find + read tables", (p) => locateStatements(p.lines, lazyLexer(p.lines, { peel: p.peel }))],
    ["metadata", (p) => readMeta(p.text)],
    ["prose facts", (p) => readFacts(p.text)],
  ];
  console.log(`corpus pastes: ${files.length} files, ${mb.toFixed(2)} MB; ms per pass (median of 7, after warm-up)`);
  for (const [name, fn] of stages) {
    const ms = time(fn);
    console.log(`  ${name.padEnd(22)} ${ms.toFixed(1).padStart(6)} ms  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s`);
  }
}
