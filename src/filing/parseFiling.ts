import type { ParseOptions, ParseResult } from "./types";

/** Placeholder until the pipeline lands: never throws, reports no statements. */
export function parseFiling(input: string, _options: ParseOptions = {}): ParseResult {
  void input;
  return { ok: false, error: { code: "no-statements", message: "No financial statements were found in this text." }, warnings: [] };
}
