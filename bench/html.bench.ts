// htmlToText throughput on the three largest corpus .htm documents (inline XBRL, 2-3 MB each): MB/s, median of 7.
// When a Python with pandas (and lxml) is on the machine, pandas.read_html is timed on the same files for comparison
// only; without it that part is skipped (CI does not need pandas).
import { spawnSync } from "node:child_process";
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

/** A python interpreter that can import pandas, or null. */
function pandasPython(): string | null {
  for (const py of ["python3", "/usr/bin/python3", "python"]) {
    const r = spawnSync(py, ["-c", "import pandas, lxml"], { stdio: "ignore", timeout: 20000 });
    if (r.status === 0) return py;
  }
  return null;
}

const PANDAS_SCRIPT = `
import sys, time, io, statistics, pandas
path, runs = sys.argv[1], int(sys.argv[2])
html = open(path, encoding="utf-8").read()
ts = []
for _ in range(runs):
    t0 = time.perf_counter()
    tables = pandas.read_html(io.StringIO(html))
    ts.append(time.perf_counter() - t0)
print(statistics.median(ts), len(tables))
`;

export async function run(): Promise<void> {
  const files = largestHtml(3);
  const py = pandasPython();
  const pandasRuns = 3;
  console.log(`htmlToText, median of ${RUNS} runs${py ? `; pandas.read_html (${py}), median of ${pandasRuns}` : "; pandas not available: skipped"}`);
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
    let line = `${f.padEnd(22)} ${mb.toFixed(2)} MB  ${ms.toFixed(1).padStart(6)} ms  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s  (${lines} lines)`;
    if (py) {
      const r = spawnSync(py, ["-c", PANDAS_SCRIPT, join(CORPUS, f), String(pandasRuns)], { encoding: "utf8", timeout: 600000 });
      const out = (r.stdout ?? "").trim().split(/\s+/);
      if (r.status === 0 && out.length === 2) {
        const s = Number(out[0]);
        line += `   pandas.read_html ${(s * 1000).toFixed(0)} ms, ${(mb / s).toFixed(1)} MB/s (${out[1]} tables)`;
      } else line += "   pandas.read_html failed";
    }
    console.log(line);
  }
}
