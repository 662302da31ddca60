// htmlToText throughput on the three largest corpus .htm documents (inline XBRL, 2-3 MB each): MB/s, median of 7.
// The comparison with pandas.read_html is made end to end by `npm run bench parse`, section (c).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { htmlToText } from "../src/filing/html";

const CORPUS = join(__dirname, "..", "tests", "fixtures", "corpus");
const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function largestHtml(n: number): string[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith(".htm"))
    .map((f) => ({ f, size: statSync(join(CORPUS, f)).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, n)
    .map((x) => x.f);
}

export async function run(): Promise<void> {
  const files = largestHtml(3);
  console.log(`htmlToText, median of ${RUNS} runs`);
  for (const f of files) {
    const html = readFileSync(join(CORPUS, f), "utf8");
    const mb = Buffer.byteLength(html, "utf8") / 1e6;
    htmlToText(html); // warm-up
    const times: number[] = [];
    let lines = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = htmlToText(html);
      times.push(performance.now() - t0);
      lines = r.sourceLines.length;
    }
    const ms = median(times);
    console.log(`${f.padEnd(22)} ${mb.toFixed(2)} MB  ${ms.toFixed(1).padStart(6)} ms  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s  (${lines} lines)`);
  }
}
