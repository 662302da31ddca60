// Real corpus filings, parsed by the filing engine, for the workbook tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFiling } from "../../src/filing/parseFiling";
import type { ParsedFiling } from "../../src/filing/types";
import { CORPUS_DIR } from "../helpers/truthFiling";

const cache = new Map<string, ParsedFiling>();

/** The parsed corpus filing; fails the test with the parser's message when it does not parse. */
export function parsedCorpusFiling(name: string): ParsedFiling {
  const cached = cache.get(name);
  if (cached) return structuredClone(cached);
  const result = parseFiling(readFileSync(join(CORPUS_DIR, `${name}.paste.txt`), "utf8"));
  if (!result.ok) throw new Error(`${name} did not parse: ${result.error.message}`);
  cache.set(name, result.filing);
  return structuredClone(result.filing);
}
