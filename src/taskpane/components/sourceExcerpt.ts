// The source line of a value, from the text the pane gave the parser. The parser's line numbers
// refer to the text it read, which is the pasted text itself for plain pastes but not for HTML or
// EDGAR submissions (converted first); so an excerpt is shown only when the cited characters really
// print the value, never a wrong line.
import Decimal from "decimal.js";
import type { SourceRef } from "../../filing/types";

export interface SourceExcerpt {
  line: number;
  text: string;
  /** Character range of the value within `text` (0-based, end exclusive). */
  start: number;
  end: number;
}

/** True when `printed` ("(2,471)", "$ 9,006", "—") is the number `exact` ("-2471"), ignoring sign marks. */
export function printsValue(printed: string, exact: string): boolean {
  const digits = printed.replace(/[^0-9.]/g, "");
  try {
    const value = new Decimal(exact).abs();
    if (digits === "" || digits === ".") return value.isZero() && /[-–—]/.test(printed);
    return new Decimal(digits).eq(value);
  } catch {
    return false;
  }
}

export function sourceExcerpt(sourceLines: readonly string[] | null, source: SourceRef | null, exact: string): SourceExcerpt | null {
  if (!sourceLines || !source) return null;
  const text = sourceLines[source.line - 1];
  if (text === undefined || source.start < 0 || source.end <= source.start || source.end > text.length) return null;
  if (!printsValue(text.slice(source.start, source.end), exact)) return null;
  return { line: source.line, text, start: source.start, end: source.end };
}
