// Command line over the filing engine and the function logic:
//   imgn parse FILE|-            → parsed filing as JSON on stdout
//   imgn eval 'FORMULA' --filing FILE [--filing FILE ...] → the raw result Excel would receive
import { readFileSync } from "node:fs";
import { parseFiling } from "../filing";

function readInput(path: string): string {
  const bytes = path === "-" ? readFileSync(0) : readFileSync(path);
  return bytes.toString("utf8");
}

function fail(message: string): never {
  process.stderr.write(message.replace(/\s+/g, " ").trim() + "\n");
  process.exit(1);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "parse") {
    const file = rest[0];
    if (!file) fail("usage: imgn parse FILE (or - for standard input)");
    let text: string;
    try {
      text = readInput(file);
    } catch (e) {
      fail(`cannot read ${file}: ${(e as Error).message}`);
    }
    const result = parseFiling(text);
    if (!result.ok) fail(result.error.message);
    process.stdout.write(JSON.stringify(result.filing, null, 1) + "\n");
    return;
  }
  if (command === "eval") {
    const { runEval } = await import("./evalCommand");
    const { stdout, stderr, exitCode } = runEval(rest, readInput);
    if (stdout) process.stdout.write(stdout);
    if (stderr) process.stderr.write(stderr);
    process.exit(exitCode);
  }
  fail("usage: imgn parse FILE|-   or   imgn eval 'FORMULA' --filing FILE [--filing FILE ...]");
}

main(process.argv.slice(2)).catch((e: unknown) => fail(`internal error: ${(e as Error).message}`));
