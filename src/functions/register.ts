/// <reference types="custom-functions-runtime" />
// The only Office-aware file of the IMGN.* functions: the JSDoc below is what
// custom-functions-metadata reads to write functions.json (namespace IMGN comes from the
// manifest), and CustomFunctions.associate binds each id to its function in the shared runtime.
// Every function streams: it pushes a result now and again whenever the filing store changes,
// and stops when Excel cancels it. The logic itself lives in functions.ts (pure, no Office).
import { filingStore } from "../store/filingStore";
import type { FunctionError } from "./errors";
import { type CellArg, evaluateFunction, type ExcelScalar, type ExcelValue } from "./functions";
import { watchStore } from "./live";

type Matrix = ExcelScalar[][];

/** Office's error code for each error value; read when an error is returned, since outside Excel (the
 * task pane opened in a browser) office.js defines no CustomFunctions.ErrorCode and this file must still load. */
function officeErrorCode(error: FunctionError["error"]): CustomFunctions.ErrorCode {
  const codes = CustomFunctions.ErrorCode;
  return error === "#N/A" ? codes.notAvailable : error === "#VALUE!" ? codes.invalidValue : codes.invalidName;
}

/** Error values become CustomFunctions.Error (code + message); numbers, text and arrays pass as they are. */
export function toOfficeResult(result: ExcelValue): ExcelScalar | Matrix | CustomFunctions.Error {
  if (typeof result === "object" && !Array.isArray(result)) return new CustomFunctions.Error(officeErrorCode(result.error), result.message);
  return result;
}

function stream<T>(name: string, args: CellArg[], invocation: CustomFunctions.StreamingInvocation<T>): void {
  const cancel = watchStore(
    filingStore,
    (filings) => evaluateFunction(name, filings, args),
    // The declared result type of each function matches what its logic returns.
    (result) => invocation.setResult(toOfficeResult(result) as T | CustomFunctions.Error),
  );
  invocation.onCanceled = cancel;
}

/**
 * Any row of the latest filing (or of the filing holding the period): by US-GAAP concept ("NetIncomeLoss"), by label as printed ("Total revenues") or by alias ("revenue", "net loss", "eps", "cash"). Updates when a filing is imported.
 * @customfunction VALUE VALUE
 * @param item Concept, row label or alias, e.g. "Total revenues"; case and punctuation do not matter.
 * @param [period] Omitted = latest period; "prior" = comparative column; a date ("2004-09-30"), a fiscal label ("Q1 FY2005", "FY2004") or a cell holding one.
 * @param [units] "reported" (default, the filing's scale), "units", "thousands" or "millions"; per-share figures are never scaled.
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The value as a number.
 * @streaming
 */
export function value(item: string, period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("VALUE", [item, period, units], invocation);
}

/**
 * Net income or loss as reported: negative for a loss (a net loss of 2,471 gives -2471). Same as IMGN.NETINCOME.
 * @customfunction NETLOSS NETLOSS
 * @param [period] Omitted = latest period; "prior", a date ("2004-09-30"), a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param [units] "reported" (default), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Net income (negative = loss).
 * @streaming
 */
export function netLoss(period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("NETLOSS", [period, units], invocation);
}

/**
 * Net income (negative for a net loss), the line earnings per share are based on.
 * @customfunction NETINCOME NETINCOME
 * @param [period] Omitted = latest period; "prior", a date, a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param [units] "reported" (default), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Net income.
 * @streaming
 */
export function netIncome(period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("NETINCOME", [period, units], invocation);
}

/**
 * Total revenues (or net sales) of the period.
 * @customfunction REVENUE REVENUE
 * @param [period] Omitted = latest period; "prior", a date, a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param [units] "reported" (default), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Revenue.
 * @streaming
 */
export function revenue(period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("REVENUE", [period, units], invocation);
}

/**
 * Operating income (negative for a loss from operations).
 * @customfunction OPERATINGINCOME OPERATINGINCOME
 * @param [period] Omitted = latest period; "prior", a date, a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param [units] "reported" (default), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Operating income.
 * @streaming
 */
export function operatingIncome(period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("OPERATINGINCOME", [period, units], invocation);
}

/**
 * The first cash line of the balance sheet (e.g. "Cash and cash equivalents").
 * @customfunction CASH CASH
 * @param [period] Omitted = latest balance-sheet date; "prior" = comparative date; a date, a fiscal label or a cell holding one.
 * @param [units] "reported" (default), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Cash.
 * @streaming
 */
export function cash(period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("CASH", [period, units], invocation);
}

/**
 * Total assets from the balance sheet.
 * @customfunction TOTALASSETS TOTALASSETS
 * @param [period] Omitted = latest balance-sheet date; "prior" = comparative date; a date, a fiscal label or a cell holding one.
 * @param [units] "reported" (default), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Total assets.
 * @streaming
 */
export function totalAssets(period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("TOTALASSETS", [period, units], invocation);
}

/**
 * Total stockholders' equity (negative for a deficit).
 * @customfunction EQUITY EQUITY
 * @param [period] Omitted = latest balance-sheet date; "prior" = comparative date; a date, a fiscal label or a cell holding one.
 * @param [units] "reported" (default), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Stockholders' equity.
 * @streaming
 */
export function equity(period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("EQUITY", [period, units], invocation);
}

/**
 * Weighted average shares outstanding (basic) of the period, in the filing's share scale unless units say otherwise.
 * @customfunction SHARES SHARES
 * @param [period] Omitted = latest period; "prior", a date, a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param [units] "reported" (default, the filing's share scale), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Weighted average shares.
 * @streaming
 */
export function shares(period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("SHARES", [period, units], invocation);
}

/**
 * Earnings per share as reported (diluted, or basic when only basic is printed); negative for a loss. Never scaled.
 * @customfunction EPS EPS
 * @param [period] Omitted = latest period; "prior", a date, a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param [units] Accepted for symmetry; per-share amounts are never scaled.
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Earnings per share.
 * @streaming
 */
export function eps(period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("EPS", [period, units], invocation);
}

/**
 * Year-over-year change as a fraction (format as %): (current - prior) / |prior|. Operations rows compare with the same-length period a year earlier; balance-sheet rows with the comparative date. A loss that narrows is positive (-4,126 to -2,471 = +40%); a loss that widens is negative.
 * @customfunction YOY YOY
 * @param item Concept, row label or alias, e.g. "Revenues".
 * @param [period] Omitted = latest period; a date, a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Change as a fraction.
 * @streaming
 */
export function yoy(item: string, period: string | number | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("YOY", [item, period], invocation);
}

/**
 * Absolute change (current - prior) for the same comparison as IMGN.YOY: a year earlier for operations rows, the comparative date for balance-sheet rows.
 * @customfunction CHANGE CHANGE
 * @param item Concept, row label or alias, e.g. "Net loss".
 * @param [period] Omitted = latest period; a date, a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param [units] "reported" (default), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The change.
 * @streaming
 */
export function change(item: string, period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("CHANGE", [item, period, units], invocation);
}

/**
 * How long cash and marketable securities last at the current burn. Gives the text "Not burning cash: ..." when the company is not burning cash.
 * @customfunction RUNWAY RUNWAY
 * @param [basis] "netloss" (default: the period's net loss), "operatingcash" (operating cash flow stated in the filing) or "cashchange" (fall in cash between balance-sheet dates).
 * @param [period] Omitted = latest period; a date, a fiscal label or a cell holding one.
 * @param [unit] "months" (default), "quarters" or "years".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Runway length, or a sentence when there is no burn.
 * @streaming
 */
export function runway(basis: string | null, period: string | number | null, unit: string | null, invocation: CustomFunctions.StreamingInvocation<number | string>): void {
  stream("RUNWAY", [basis, period, unit], invocation);
}

/**
 * Any item divided by the weighted average shares of the period (cash per share, book value per share), in currency units per share.
 * @customfunction PERSHARE PERSHARE
 * @param item Concept, row label or alias, e.g. "cash" or "equity".
 * @param [period] Omitted = latest period; a date, a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Amount per share.
 * @streaming
 */
export function perShare(item: string, period: string | number | null, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream("PERSHARE", [item, period], invocation);
}

/**
 * Checks reported basic EPS against net income / weighted average shares; spills 4 rows: computed, reported, difference, within rounding (TRUE/FALSE).
 * @customfunction EPSCHECK EPSCHECK
 * @param [period] Omitted = latest period; a date, a fiscal label ("Q1 FY2005") or a cell holding one.
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns A 4 x 2 table.
 * @streaming
 */
export function epsCheck(period: string | number | null, invocation: CustomFunctions.StreamingInvocation<Array<Array<string | number | boolean>>>): void {
  stream("EPSCHECK", [period], invocation);
}

/**
 * A whole statement as a spilling table: labels in the first column, then one column per period (or just the period asked for).
 * @customfunction STATEMENT STATEMENT
 * @param kind "operations", "balance sheet" or "cash flows".
 * @param [period] Omitted = every column of the latest statement; else one period: a date, "prior", a fiscal label or a cell holding one.
 * @param [units] "reported" (default), "units", "thousands" or "millions".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The statement as rows of label and values.
 * @streaming
 */
export function statement(kind: string, period: string | number | null, units: string | null, invocation: CustomFunctions.StreamingInvocation<Array<Array<string | number | boolean>>>): void {
  stream("STATEMENT", [kind, period, units], invocation);
}

/**
 * The imported filings as a spilling table, latest period first: company, ticker, form, period end, fiscal period, scale, import time, id.
 * @customfunction FILINGS FILINGS
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns One row per filing under a header row.
 * @streaming
 */
export function filings(invocation: CustomFunctions.StreamingInvocation<Array<Array<string | number | boolean>>>): void {
  stream("FILINGS", [], invocation);
}

/** Id → function, as bound in the shared runtime (ids match the @customfunction tags above). */
export const REGISTERED_FUNCTIONS = {
  VALUE: value,
  NETLOSS: netLoss,
  NETINCOME: netIncome,
  REVENUE: revenue,
  OPERATINGINCOME: operatingIncome,
  CASH: cash,
  TOTALASSETS: totalAssets,
  EQUITY: equity,
  SHARES: shares,
  EPS: eps,
  YOY: yoy,
  CHANGE: change,
  RUNWAY: runway,
  PERSHARE: perShare,
  EPSCHECK: epsCheck,
  STATEMENT: statement,
  FILINGS: filings,
} as const;

for (const [id, fn] of Object.entries(REGISTERED_FUNCTIONS)) CustomFunctions.associate(id, fn);
