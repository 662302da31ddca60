// Real corpus filings, parsed by the filing engine, for the workbook tests.
import type { ParsedFiling } from "../../src/filing/types";
import { parsedCorpusFile } from "../helpers/parsed";

const cache = new Map<string, ParsedFiling>();

/** The parsed corpus filing; fails the test with the parser's message when it does not parse. */
export function parsedCorpusFiling(name: string): ParsedFiling {
  const cached = cache.get(name);
  if (cached) return structuredClone(cached);
  const filing = parsedCorpusFile(`${name}.paste.txt`);
  cache.set(name, filing);
  return structuredClone(filing);
}
