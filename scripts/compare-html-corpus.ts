// Compares htmlToText with the Chromium innerText oracle for every corpus NAME.orig.htm / NAME.paste.txt pair.
//   npx tsx scripts/compare-html-corpus.ts [name-filter] [--write DIR]
// Prints, per file: exact equality, % of the paste's non-blank lines (trimmed) found in our output (multiset),
// the same for the lines that contain a digit, and the raw line-by-line agreement (diff-based, untrimmed).
// With --write DIR, our text is written to DIR/NAME.ours.txt for `diff DIR/NAME.ours.txt corpus/NAME.paste.txt`.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { htmlToText } from "../src/filing/html";

const dir = join(__dirname, "..", "tests", "fixtures", "corpus");
const args = process.argv.slice(2);
const writeIdx = args.indexOf("--write");
const outDir = writeIdx >= 0 ? args[writeIdx + 1] : null;
const filter = args.find((a, i) => !a.startsWith("--") && (writeIdx < 0 || i !== writeIdx + 1));
if (outDir) mkdirSync(outDir, { recursive: true });

function multiset(lines: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

function found(expected: string[], ours: Map<string, number>): number {
  const left = new Map(ours);
  let hit = 0;
  for (const l of expected) {
    const k = left.get(l) ?? 0;
    if (k > 0) {
      hit++;
      left.set(l, k - 1);
    }
  }
  return hit;
}

/** Lines of `a` that are matched in order by lines of `b` (LCS length), via a simple O(ND) diff. */
function lcs(a: string[], b: string[]): number {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[max + k - 1] < v[max + k + 1])) x = v[max + k + 1];
      else x = v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) return (n + m - d) / 2;
    }
    if (d > 4000) return -1; // too different to bother
  }
  return 0;
}

const pct = (a: number, b: number) => (b === 0 ? "  -  " : ((100 * a) / b).toFixed(1).padStart(5));
let tot = { lines: 0, hit: 0, dl: 0, dhit: 0, raw: 0, rawHit: 0, exact: 0, files: 0 };
console.log("file                 exact  lines%  digit%  raw-lcs%  (paste lines)");
for (const f of readdirSync(dir).filter((x) => x.endsWith(".orig.htm")).sort()) {
  const name = f.replace(/\.orig\.htm$/, "");
  if (filter && !name.includes(filter)) continue;
  const html = readFileSync(join(dir, f), "utf8");
  const paste = readFileSync(join(dir, `${name}.paste.txt`), "utf8");
  const ours = htmlToText(html).text;
  if (outDir) writeFileSync(join(outDir, `${name}.ours.txt`), ours);
  const norm = (t: string) => t.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const exp = norm(paste);
  const got = multiset(norm(ours));
  const hit = found(exp, got);
  const dexp = exp.filter((l) => /\d/.test(l));
  const dhit = found(dexp, got);
  const rawA = paste.split("\n");
  const rawB = ours.split("\n");
  const common = lcs(rawA, rawB);
  tot = {
    lines: tot.lines + exp.length,
    hit: tot.hit + hit,
    dl: tot.dl + dexp.length,
    dhit: tot.dhit + dhit,
    raw: tot.raw + rawA.length,
    rawHit: tot.rawHit + Math.max(0, common),
    exact: tot.exact + (ours === paste ? 1 : 0),
    files: tot.files + 1,
  };
  console.log(
    `${name.padEnd(20)} ${ours === paste ? " yes " : "  no "}  ${pct(hit, exp.length)}   ${pct(dhit, dexp.length)}    ${common < 0 ? "  ?  " : pct(common, rawA.length)}   (${exp.length})`,
  );
}
console.log(
  `${"ALL".padEnd(20)} ${String(tot.exact).padStart(2)}/${tot.files}  ${pct(tot.hit, tot.lines)}   ${pct(tot.dhit, tot.dl)}    ${pct(tot.rawHit, tot.raw)}   (${tot.lines})`,
);
