// The production bundle the manifest test and the end-to-end test check: built once per change of its
// inputs (webpack, mode production, into dist/), shared by jest workers through a lock directory, so a
// full `npm test` runs webpack once.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const repoRoot = resolve(__dirname, "..", "..");
export const distDir = join(repoRoot, "dist");

const STAMP = join(distDir, ".production-build.json");
const LOCK = join(repoRoot, "test-output", ".production-build.lock");
const INPUTS = ["src", "assets", "manifest.xml", "webpack.config.js", "package.json", "tsconfig.json"];
const BUILD_TIMEOUT_MS = 5 * 60_000;

function newestMtime(path: string): number {
  const abs = join(repoRoot, path);
  if (!existsSync(abs)) return 0;
  const stat = statSync(abs);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(abs).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

function buildIsCurrent(): boolean {
  if (!existsSync(STAMP)) return false;
  const { builtAt } = JSON.parse(readFileSync(STAMP, "utf8")) as { builtAt: number };
  return INPUTS.every((input) => newestMtime(input) < builtAt);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** mkdir is atomic: whoever creates the lock directory builds; a lock left by a dead process is taken over. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(join(repoRoot, "test-output"), { recursive: true });
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      break;
    } catch {
      const pidFile = join(LOCK, "pid");
      const holder = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8")) : NaN;
      if (Number.isFinite(holder) && !processIsAlive(holder)) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another production build (lock ${LOCK}).`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function runWebpack(): Promise<string> {
  const cli = join(repoRoot, "node_modules", "webpack-cli", "bin", "cli.js");
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [cli, "--mode", "production", "--no-color"], { cwd: repoRoot, timeout: BUILD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`webpack --mode production failed:\n${stdout}\n${stderr}`));
      else resolvePromise(stdout);
    });
  });
}

/** Builds dist/ with `webpack --mode production` unless it is newer than every input; returns dist/. */
export async function ensureProductionBuild(): Promise<string> {
  await withLock(async () => {
    if (buildIsCurrent()) return;
    const startedAt = Date.now();
    await runWebpack();
    // Inputs edited during the build make the next call rebuild.
    writeFileSync(STAMP, JSON.stringify({ builtAt: startedAt }));
  });
  return distDir;
}
