// Display formatting of exact decimal strings as an analyst reads them: thousands separators,
// parentheses for negatives. String work only (no Number()), so no digit is ever rounded away.
import type { RowKind } from "../../filing/types";

const EXACT_DECIMAL = /^(-?)(\d*)(?:\.(\d+))?$/;

/** "-2471" → "(2,471)", "1234567.5" → "1,234,567.5", "-0.06" → "(0.06)"; text that is not a decimal is returned as is. */
export function formatAmount(exact: string, kind: RowKind = "amount"): string {
  const match = EXACT_DECIMAL.exec(exact.trim());
  if (!match || (match[2] === "" && match[3] === undefined)) return exact;
  const [, sign, intDigits, fraction] = match;
  const grouped = (intDigits === "" ? "0" : intDigits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const body = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  const withUnit = kind === "percent" ? `${body}%` : body;
  const isZero = /^0*$/.test(intDigits) && (fraction === undefined || /^0*$/.test(fraction));
  return sign === "-" && !isZero ? `(${withUnit})` : withUnit;
}

/** Words for a scale, as a caption prints it. */
export function scaleWords(scale: string): string {
  return scale === "units" ? "whole units" : `in ${scale}`;
}
