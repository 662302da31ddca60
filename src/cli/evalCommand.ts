// imgn eval 'FORMULA' --filing FILE [--filing FILE ...]: evaluates one IMGN.* formula over the
// given filings with the same code the Excel functions run, and prints the raw result Excel would
// receive: a number at full precision (JS shortest round-trip form of the double), spilled rows
// tab-separated, or the error code and its message on stderr with exit code 1.
import { parseFiling } from "../filing";
import type { ParsedFiling } from "../filing/types";
import { type ExcelScalar, evaluateFunction } from "../functions/functions";
import { isFunctionError } from "../functions/errors";
import { parseFormula } from "../functions/formula";
import { FilingStore } from "../store/filingStore";

export interface EvalOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const USAGE = "usage: imgn eval 'FORMULA' --filing FILE [--filing FILE ...]   e.g. imgn eval 'YOY(\"Revenues\")' --filing q1.txt";

function formatScalar(value: ExcelScalar): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** A filing file is filing text (parsed with parseFiling) or the JSON that `imgn parse` prints. */
function loadFiling(path: string, text: string): ParsedFiling | string {
  if (text.trimStart().startsWith("{")) {
    try {
      const json = JSON.parse(text) as Partial<ParsedFiling>;
      if (json && typeof json === "object" && json.statements && json.document) return json as ParsedFiling;
    } catch {
      // Not JSON after all: parse it as filing text.
    }
  }
  const result = parseFiling(text);
  return result.ok ? result.filing : `${path}: ${result.error.message}`;
}

export function runEval(args: string[], read: (path: string) => string): EvalOutput {
  const files: string[] = [];
  let formula: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--filing" || arg === "-f") {
      const file = args[++i];
      if (!file) return { stdout: "", stderr: `--filing needs a file\n${USAGE}\n`, exitCode: 2 };
      files.push(file);
    } else if (arg.startsWith("--filing=")) {
      files.push(arg.slice("--filing=".length));
    } else if (formula === null) {
      formula = arg;
    } else {
      return { stdout: "", stderr: `unexpected argument ${arg}\n${USAGE}\n`, exitCode: 2 };
    }
  }
  if (formula === null) return { stdout: "", stderr: `${USAGE}\n`, exitCode: 2 };
  const parsed = parseFormula(formula);
  if (!parsed.ok) return { stdout: "", stderr: `#VALUE! ${parsed.message}\n`, exitCode: 2 };

  const store = new FilingStore();
  // Import in the order given; one second apart so "latest import" ties break as on the command line.
  const start = Date.UTC(2000, 0, 1);
  for (const [n, file] of files.entries()) {
    let text: string;
    try {
      text = read(file);
    } catch (e) {
      return { stdout: "", stderr: `cannot read ${file}: ${(e as Error).message}\n`, exitCode: 2 };
    }
    const filing = loadFiling(file, text);
    if (typeof filing === "string") return { stdout: "", stderr: `${filing}\n`, exitCode: 2 };
    store.add(filing, new Date(start + n * 1000).toISOString());
  }

  const result = evaluateFunction(parsed.call.name, store.list(), parsed.call.args);
  if (isFunctionError(result)) return { stdout: "", stderr: `${result.error} ${result.message}\n`, exitCode: 1 };
  if (Array.isArray(result)) return { stdout: result.map((row) => row.map(formatScalar).join("\t")).join("\n") + "\n", stderr: "", exitCode: 0 };
  return { stdout: formatScalar(result) + "\n", stderr: "", exitCode: 0 };
}
