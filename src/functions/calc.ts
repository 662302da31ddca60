// Decimal arithmetic of the IMGN.* functions. Every figure stays an exact decimal.js value until
// the boundary (toExcelValue in functions.ts) turns it into a JS number for Excel.
import Decimal from "decimal.js";
import { type FunctionError, invalidValue } from "./errors";

/**
 * Year-over-year change as a fraction: (current − prior) / |prior|.
 * Dividing by the absolute prior keeps the sign meaning "went up": a loss that narrows
 * (−4,126 → −2,471) gives +0.40, a loss that widens gives a negative number, and a loss turning
 * into a profit (−100 → 50) gives +1.5. A zero prior has no percentage change.
 */
export function yoyFraction(current: Decimal, prior: Decimal): Decimal | FunctionError {
  if (prior.isZero()) return invalidValue("The prior value is zero, so the change has no percentage; use IMGN.CHANGE for the absolute change.");
  return current.minus(prior).dividedBy(prior.abs());
}

export function absoluteChange(current: Decimal, prior: Decimal): Decimal {
  return current.minus(prior);
}

export type RunwayUnit = "months" | "quarters" | "years";

export const MONTHS_PER: Record<RunwayUnit, number> = { months: 1, quarters: 3, years: 12 };

/**
 * How long `cash` lasts at a burn of `outflow` (a positive amount) over `months` months, in `unit`.
 * Returns null when nothing is being burnt (outflow ≤ 0): the caller says so in words.
 */
export function runwayLength(cash: Decimal, outflow: Decimal, months: number, unit: RunwayUnit): Decimal | null {
  if (outflow.lte(0)) return null;
  const perMonth = outflow.dividedBy(months);
  return cash.dividedBy(perMonth).dividedBy(MONTHS_PER[unit]);
}

/** Whole months between two ISO dates (30.4375 days a month), at least 1. */
export function monthsBetween(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000;
  return Math.max(1, Math.round(days / 30.4375));
}

/** Half a unit of the last printed decimal place: the rounding a reported figure may carry ("-0.06" → 0.005). */
const HALF_UNITS: Decimal[] = [];

export function printedRounding(text: string): Decimal {
  const dot = text.indexOf(".");
  const places = dot < 0 ? 0 : text.length - dot - 1;
  return (HALF_UNITS[places] ??= new Decimal(10).pow(-places).dividedBy(2));
}
