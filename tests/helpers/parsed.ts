// Parses that a test needs to succeed: the filing, or a failed test naming the parser's error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFiling } from "../../src/filing/parseFiling";
import type { ParsedFiling, ParseResult } from "../../src/filing/types";
import { CORPUS_DIR } from "./truthFiling";

/** The filing a parse gave; throws (failing the test) with the parser's error when it gave none. */
export function filingOf(result: ParseResult, what = "the input"): ParsedFiling {
  if (!result.ok) throw new Error(`${what}: expected a filing, got ${result.error.code}: ${result.error.message}`);
  return result.filing;
}

/** parseFiling(text), which must give a filing. */
export function parseOrFail(text: string, what?: string): ParsedFiling {
  return filingOf(parseFiling(text), what);
}

/** A corpus file ("imgn-2004q3.paste.txt") parsed; it must give a filing. */
export function parsedCorpusFile(file: string): ParsedFiling {
  return parseOrFail(readFileSync(join(CORPUS_DIR, file), "utf8"), file);
}
