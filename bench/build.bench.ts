// Production build size: runs `webpack --mode production` (unless BENCH_BUILD=reuse and dist/ exists),
// then prints every emitted JavaScript file raw and gzipped, and the JavaScript the task pane page loads,
// gzipped, against the 300 KB target. Run: npm run bench build
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const root = join(__dirname, "..");
const dist = join(root, "dist");
const TARGET_GZIP_KB = 300;

interface JsFile {
  file: string;
  raw: number;
  gzip: number;
}

function listJs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJs(path);
    return name.endsWith(".js") ? [path] : [];
  });
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Script files the built taskpane.html loads at start, in order (office.js from the CDN excluded). */
function pageScripts(): string[] {
  const html = readFileSync(join(dist, "taskpane.html"), "utf8");
  return [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
}

export async function run(): Promise<void> {
  if (!(process.env.BENCH_BUILD === "reuse" && existsSync(join(dist, "taskpane.html")))) {
    const started = Date.now();
    execFileSync(process.execPath, [join(root, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production", "--no-color"], { cwd: root, stdio: "pipe" });
    console.log(`webpack --mode production: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const files: JsFile[] = listJs(dist)
    .map((path) => {
      const bytes = readFileSync(path);
      return { file: relative(dist, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);

  console.log("");
  console.log(`${"file".padEnd(32)} ${"raw".padStart(10)} ${"gzip".padStart(10)}`);
  for (const f of files) console.log(`${f.file.padEnd(32)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)}`);

  const initial = new Set(pageScripts());
  const atStart = files.filter((f) => initial.has(f.file));
  const later = files.filter((f) => !initial.has(f.file));
  const sum = (list: JsFile[], key: "raw" | "gzip"): number => list.reduce((n, f) => n + f[key], 0);
  const startGzip = sum(atStart, "gzip");

  console.log("");
  console.log(`task pane JavaScript at start (${[...initial].join(", ")}): ${kb(sum(atStart, "raw"))} raw, ${kb(startGzip)} gzipped`);
  console.log(`loaded on demand (parse worker, lazy chunks: ${later.map((f) => f.file).join(", ") || "none"}): ${kb(sum(later, "gzip"))} gzipped`);
  console.log(`all task pane JavaScript: ${kb(sum(files, "gzip"))} gzipped`);
  console.log(`target: <= ${TARGET_GZIP_KB} KB gzipped at start -> ${startGzip <= TARGET_GZIP_KB * 1024 ? "met" : "MISSED"}`);
}
