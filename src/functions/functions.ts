// The IMGN.* functions as pure logic over the imported filings (latest first). Each one returns an
// exact outcome (decimal.js values, text, or a 2-D array) or an error value; toExcelValue turns
// decimals into JS numbers only at the very end, for Excel and for the command line alike.
import Decimal from "decimal.js";
import type { ParsedFiling, Statement, StatementKind } from "../filing/types";
import type { StoredFiling } from "../store/filingStore";
import { absoluteChange, monthsBetween, printedRounding, type RunwayUnit, runwayLength, yoyFraction } from "./calc";
import { type FunctionError, invalidValue, isFunctionError, noFiling, notAvailable } from "./errors";
import {
  type CellArg,
  currentColumn,
  daysBetween,
  findRow,
  fromUnits,
  inUnits,
  type ItemName,
  kindOf,
  type Located,
  locate,
  matchColumn,
  nameKey,
  nameWords,
  parsePeriod,
  parseUnits,
  type PeriodSpec,
  priorSpecFor,
  scaleValue,
  targetFor,
  type UnitsChoice,
} from "./resolve";

export type { CellArg } from "./resolve";

/** A cell of a result inside the logic: exact decimals, text, or a truth value. */
export type Cell = Decimal | string | boolean;
export type Outcome = Cell | Cell[][] | FunctionError;

/** What Excel receives: numbers as JS numbers. */
export type ExcelScalar = number | string | boolean;
export type ExcelValue = ExcelScalar | ExcelScalar[][] | FunctionError;

type Filings = readonly StoredFiling[];

// ---------------------------------------------------------------- argument helpers

function textArg(arg: CellArg, what: string, fn: string): string | FunctionError {
  if (arg === null || arg === undefined || arg === "") return invalidValue(`IMGN.${fn} needs ${what}.`);
  if (typeof arg === "boolean") return invalidValue(`IMGN.${fn}: ${what} cannot be ${String(arg).toUpperCase()}.`);
  return String(arg);
}

/** Chains argument parsing: the first error wins. */
function all<T extends unknown[]>(...values: { [K in keyof T]: T[K] | FunctionError }): T | FunctionError {
  for (const v of values) if (isFunctionError(v)) return v;
  return values as T;
}

// ---------------------------------------------------------------- value functions

function value(filings: Filings, item: ItemName, periodArg: CellArg, unitsArg: CellArg): Outcome {
  const args = all<[PeriodSpec, UnitsChoice]>(parsePeriod(periodArg), parseUnits(unitsArg));
  if (isFunctionError(args)) return args;
  const [spec, units] = args;
  const found = locate(filings, item, spec);
  if (isFunctionError(found)) return found;
  return scaleValue(found.value, found.row, found.statement, units);
}

function itemValue(fn: string) {
  return (filings: Filings, [item, period, units]: readonly CellArg[]): Outcome => {
    const name = textArg(item, "an item (a concept such as \"NetIncomeLoss\", a row label, or an alias such as \"revenue\")", fn);
    return isFunctionError(name) ? name : value(filings, name, period, units);
  };
}

/** Shortcuts go straight to the alias (concept first), so IMGN.NETINCOME is the line EPS is based on even when a "Net income" label is printed above it. */
function shortcut(alias: string) {
  return (filings: Filings, [period, units]: readonly CellArg[]): Outcome => value(filings, { alias }, period, units);
}

/** The located value and the one it is compared with: a year earlier (operations) or the comparative date (balance sheet). */
function comparison(filings: Filings, fn: string, itemArg: CellArg, periodArg: CellArg): { current: Located; prior: Located } | FunctionError {
  const item = textArg(itemArg, "an item", fn);
  if (isFunctionError(item)) return item;
  const spec = parsePeriod(periodArg);
  if (isFunctionError(spec)) return spec;
  const current = locate(filings, item, spec);
  if (isFunctionError(current)) return current;
  const priorSpec = priorSpecFor(current);
  if (isFunctionError(priorSpec)) return priorSpec;
  const prior = locate(filings, item, priorSpec, current.stored);
  if (isFunctionError(prior)) {
    const when = priorSpec.kind === "date" ? `${priorSpec.months ? `${priorSpec.months} months to ` : ""}${priorSpec.date}` : "the prior period";
    return notAvailable(`No value to compare with: "${current.row.label}" for ${when} is not in the imported filings. ${prior.message}`);
  }
  return { current, prior };
}

function yoy(filings: Filings, [item, period]: readonly CellArg[]): Outcome {
  const pair = comparison(filings, "YOY", item, period);
  if (isFunctionError(pair)) return pair;
  // Compared in whole units, so a prior filing printed in another scale compares correctly.
  return yoyFraction(inUnits(pair.current.value, pair.current.row, pair.current.statement), inUnits(pair.prior.value, pair.prior.row, pair.prior.statement));
}

function change(filings: Filings, [item, period, unitsArg]: readonly CellArg[]): Outcome {
  const units = parseUnits(unitsArg);
  if (isFunctionError(units)) return units;
  const pair = comparison(filings, "CHANGE", item, period);
  if (isFunctionError(pair)) return pair;
  const { current, prior } = pair;
  const difference = absoluteChange(inUnits(current.value, current.row, current.statement), inUnits(prior.value, prior.row, prior.statement));
  return fromUnits(difference, current.row, current.statement, units);
}

// ---------------------------------------------------------------- runway

/** Cash and marketable securities on a balance-sheet date, in whole units. */
interface Liquidity {
  amount: Decimal;
  at: Located;
}

const MARKETABLE = /^(short term )?(marketable securities|investments|marketable investments)\b|short term (investments|marketable securities)|available for sale/;
const NOT_CURRENT = /long term|non ?current|restricted|held to maturity long/;

function liquidity(filings: Filings, spec: PeriodSpec, prefer?: StoredFiling): Liquidity | FunctionError {
  // One printed line that already holds both ("Cash and marketable securities") wins.
  const combined = locate(filings, { alias: "cashandmarketablesecurities" }, spec, prefer);
  if (!isFunctionError(combined)) return { amount: inUnits(combined.value, combined.row, combined.statement), at: combined };
  const cash = locate(filings, { alias: "cash" }, spec, prefer);
  if (isFunctionError(cash)) return cash;
  let amount = inUnits(cash.value, cash.row, cash.statement);
  // Add the current marketable-securities lines printed above "Total current assets".
  const rows = cash.statement.rows;
  const endOfCurrent = rows.findIndex((r) => /^total current assets/.test(nameWords(r.label)));
  const cashIndex = rows.indexOf(cash.row);
  rows.forEach((row, i) => {
    if (i === cashIndex || row.kind !== "amount" || row.isTotal || (endOfCurrent >= 0 && i > endOfCurrent)) return;
    const words = nameWords(row.label);
    if (!MARKETABLE.test(words) || NOT_CURRENT.test(words)) return;
    const text = row.values[cash.column];
    if (text) amount = amount.plus(inUnits(new Decimal(text), row, cash.statement));
  });
  return { amount, at: cash };
}

function runwayUnit(arg: CellArg): RunwayUnit | FunctionError {
  if (arg === null || arg === undefined || arg === "") return "months";
  const key = nameKey(String(arg));
  if (["months", "month", "m", "mo"].includes(key)) return "months";
  if (["quarters", "quarter", "q"].includes(key)) return "quarters";
  if (["years", "year", "y", "yr"].includes(key)) return "years";
  return invalidValue(`Unknown unit "${String(arg)}": use "months", "quarters" or "years".`);
}

type Basis = "netloss" | "operatingcash" | "cashchange";

function runwayBasis(arg: CellArg): Basis | FunctionError {
  if (arg === null || arg === undefined || arg === "") return "netloss";
  const key = nameKey(String(arg));
  if (["netloss", "netincome", "loss"].includes(key)) return "netloss";
  if (["operatingcash", "operatingcashflow", "cashflow", "ocf", "cashfromoperations"].includes(key)) return "operatingcash";
  if (["cashchange", "changeincash", "cash"].includes(key)) return "cashchange";
  return invalidValue(`Unknown basis "${String(arg)}": use "netloss", "operatingcash" or "cashchange".`);
}

/** Cash consumed over a number of months (positive = burning), by basis. */
interface Burn {
  outflow: Decimal;
  months: number;
  /** What "not burning" means for this basis, in words. */
  notBurning: string;
}

function operatingCashBurn(filings: Filings, spec: PeriodSpec): Burn | FunctionError {
  const notBurning = "Not burning cash: operating cash flow is positive";
  const row = locate(filings, { alias: "operatingcashflow" }, spec);
  if (!isFunctionError(row)) {
    const months = row.statement.columns[row.column].months;
    if (!months) return notAvailable(`"${row.statement.columns[row.column].label}" is an odd stub period: no monthly rate.`);
    return { outflow: inUnits(row.value, row.row, row.statement).negated(), months, notBurning };
  }
  // Press releases often state it only in prose ("cash flow from operations was $857,000").
  const latest = filings[0].filing;
  for (const stored of filings) {
    const operations = stored.filing.statements.operations;
    const target = targetFor(spec, "operations", latest, stored.filing);
    if (isFunctionError(target) || !operations) continue;
    const column = matchColumn(operations, target);
    if (column < 0) continue;
    const end = operations.columns[column].periodEnd ?? "";
    const fact = stored.filing.facts.find((f) => f.concept === "NetCashProvidedByUsedInOperatingActivities" && (f.period === null ? end === stored.filing.document.periodEnd : Math.abs(daysBetween(f.period, end)) <= 7));
    if (!fact) continue;
    // A prose figure is taken to cover the statement's column for that period end (the quarter in a press release).
    const months = operations.columns[column].months;
    if (!months) continue;
    return { outflow: new Decimal(fact.value).negated(), months, notBurning };
  }
  return notAvailable("The imported filings state no operating cash flow for that period (neither a cash-flow statement nor a sentence such as \"cash flow from operations was ...\"); try basis \"netloss\" or \"cashchange\".");
}

function runway(filings: Filings, [basisArg, periodArg, unitArg]: readonly CellArg[]): Outcome {
  const args = all<[Basis, PeriodSpec, RunwayUnit]>(runwayBasis(basisArg), parsePeriod(periodArg), runwayUnit(unitArg));
  if (isFunctionError(args)) return args;
  const [basis, spec, unit] = args;
  const cash = liquidity(filings, spec);
  if (isFunctionError(cash)) return cash;
  let burn: Burn | FunctionError;
  if (basis === "netloss") {
    const income = locate(filings, { alias: "netincome" }, spec);
    if (isFunctionError(income)) return income;
    const months = income.statement.columns[income.column].months;
    if (!months) return notAvailable(`"${income.statement.columns[income.column].label}" is an odd stub period: no monthly rate.`);
    burn = { outflow: inUnits(income.value, income.row, income.statement).negated(), months, notBurning: "Not burning cash: net income is not a loss" };
  } else if (basis === "operatingcash") {
    burn = operatingCashBurn(filings, spec);
  } else {
    const priorSpec = priorSpecFor(cash.at);
    if (isFunctionError(priorSpec)) return priorSpec;
    const before = liquidity(filings, priorSpec, cash.at.stored);
    if (isFunctionError(before)) return before;
    const from = before.at.statement.columns[before.at.column].date ?? "";
    const to = cash.at.statement.columns[cash.at.column].date ?? "";
    burn = { outflow: before.amount.minus(cash.amount), months: monthsBetween(from, to), notBurning: "Not burning cash: cash and marketable securities did not fall" };
  }
  if (isFunctionError(burn)) return burn;
  return runwayLength(cash.amount, burn.outflow, burn.months, unit) ?? burn.notBurning;
}

// ---------------------------------------------------------------- per share

/** Weighted average shares for the period of a located value, from the same filing first. */
function sharesFor(filings: Filings, at: Located): Located | FunctionError {
  const column = at.statement.columns[at.column];
  const spec: PeriodSpec = at.statement.kind === "balanceSheet" ? { kind: "date", date: column.date ?? "", months: null } : { kind: "date", date: column.periodEnd ?? "", months: column.months ?? null };
  const shares = locate(filings, { alias: "shares" }, spec, at.stored);
  if (isFunctionError(shares)) return notAvailable(`No weighted average share count for the period of "${at.row.label}": ${shares.message}`);
  if (shares.value.isZero()) return invalidValue("The weighted average share count is zero.");
  return shares;
}

function perShare(filings: Filings, [itemArg, periodArg]: readonly CellArg[]): Outcome {
  const item = textArg(itemArg, "an item", "PERSHARE");
  if (isFunctionError(item)) return item;
  const spec = parsePeriod(periodArg);
  if (isFunctionError(spec)) return spec;
  const found = locate(filings, item, spec);
  if (isFunctionError(found)) return found;
  if (kindOf(found.row) !== "amount") return invalidValue(`"${found.row.label}" is not a money amount, so it has no per-share value.`);
  const shares = sharesFor(filings, found);
  if (isFunctionError(shares)) return shares;
  return inUnits(found.value, found.row, found.statement).dividedBy(inUnits(shares.value, shares.row, shares.statement));
}

function epsCheck(filings: Filings, [periodArg]: readonly CellArg[]): Outcome {
  const spec = parsePeriod(periodArg);
  if (isFunctionError(spec)) return spec;
  const income = locate(filings, { alias: "netincome" }, spec);
  if (isFunctionError(income)) return income;
  const shares = sharesFor(filings, income);
  if (isFunctionError(shares)) return shares;
  const column = income.statement.columns[income.column];
  const eps = locate(filings, { alias: "basiceps" }, { kind: "date", date: column.periodEnd ?? "", months: column.months ?? null }, income.stored);
  if (isFunctionError(eps)) return notAvailable(`No reported earnings per share to check against: ${eps.message}`);
  const computed = inUnits(income.value, income.row, income.statement).dividedBy(inUnits(shares.value, shares.row, shares.statement));
  const difference = computed.minus(eps.value);
  const printed = eps.row.values[eps.column] ?? "0";
  return [
    ["Net income ÷ weighted shares", computed],
    ["Reported EPS", eps.value],
    ["Difference", difference],
    ["Within rounding", difference.abs().lte(printedRounding(printed))],
  ];
}

// ---------------------------------------------------------------- tables

function statementKind(arg: CellArg): StatementKind | FunctionError {
  const key = nameKey(String(arg ?? ""));
  if (["operations", "ops", "income", "incomestatement", "statementofoperations", "pl", "profitandloss", "results", "earnings"].includes(key)) return "operations";
  if (["balancesheet", "balance", "bs", "financialposition", "statementoffinancialposition"].includes(key)) return "balanceSheet";
  if (["cashflows", "cashflow", "cf", "cashflowstatement"].includes(key)) return "cashFlows";
  return invalidValue(`Unknown statement "${String(arg ?? "")}": use "operations", "balance sheet" or "cash flows".`);
}

function statementCell(statement: Statement, rowIndex: number, column: number, units: UnitsChoice): Cell {
  const row = statement.rows[rowIndex];
  const text = row.values[column];
  // As printed (a loss printed without parentheses stays positive, as on the page), in the requested units.
  return text === null || text === undefined ? "" : scaleValue(new Decimal(text), row, statement, units);
}

// Tables are views of immutable filings: each one is built (and converted for Excel) once.
const statementTables = new WeakMap<Statement, Map<string, Cell[][]>>();

function tableOf(statement: Statement, column: number | null, units: UnitsChoice): Cell[][] {
  let tables = statementTables.get(statement);
  if (!tables) statementTables.set(statement, (tables = new Map()));
  const key = `${column}:${units}`;
  let table = tables.get(key);
  if (!table) {
    const columns = column === null ? statement.columns.map((_, c) => c) : [column];
    table = [["", ...columns.map((c) => statement.columns[c].label)], ...statement.rows.map((row, r) => [row.label, ...columns.map((c) => statementCell(statement, r, c, units))])];
    tables.set(key, table);
  }
  return table;
}

function statementTable(filings: Filings, [kindArg, periodArg, unitsArg]: readonly CellArg[]): Outcome {
  const args = all<[StatementKind, PeriodSpec, UnitsChoice]>(statementKind(kindArg), parsePeriod(periodArg), parseUnits(unitsArg));
  if (isFunctionError(args)) return args;
  const [kind, spec, units] = args;
  const words = kind === "balanceSheet" ? "balance sheet" : kind === "operations" ? "statement of operations" : "cash-flow statement";
  if (spec.kind === "current") {
    const holder = filings.find((f) => f.filing.statements[kind]);
    const statement = holder?.filing.statements[kind];
    if (!statement) return notAvailable(`No imported filing has a ${words}.`);
    return tableOf(statement, null, units);
  }
  const latest = filings[0].filing;
  let description = "that period";
  for (const stored of filings) {
    const statement: Statement | null | undefined = stored.filing.statements[kind];
    if (!statement) continue;
    const target = targetFor(spec, kind, latest, stored.filing);
    if (isFunctionError(target)) return target;
    description = target.description;
    const column = matchColumn(statement, target);
    if (column < 0) continue;
    return tableOf(statement, column, units);
  }
  return notAvailable(`No imported ${words} has a column for ${description}.`);
}

function fiscalLabel(filing: ParsedFiling): string {
  return filing.document.fiscalPeriod?.label ?? "";
}

const filingsTables = new WeakMap<Filings, Cell[][]>();

function filingsTable(filings: Filings): Outcome {
  // The store hands out a new list on every change, so the list itself identifies the snapshot.
  let table = filingsTables.get(filings);
  if (!table) {
    const header: Cell[] = ["Company", "Ticker", "Form", "Period end", "Fiscal period", "Scale", "Imported at", "Id"];
    table = [
      header,
      ...filings.map((f): Cell[] => [f.filing.company.name ?? "", f.filing.company.ticker ?? "", f.filing.document.form ?? "", f.filing.document.periodEnd ?? "", fiscalLabel(f.filing), f.filing.scale.money, f.importedAt, f.id]),
    ];
    filingsTables.set(filings, table);
  }
  return table;
}

// ---------------------------------------------------------------- the table of functions

export interface FunctionDefinition {
  name: string;
  /** Arguments in order; optional ones in [brackets]. Used for arity checks and the CLI's usage text. */
  parameters: string[];
  evaluate: (filings: Filings, args: readonly CellArg[]) => Outcome;
}

const define = (name: string, parameters: string[], evaluate: FunctionDefinition["evaluate"]): FunctionDefinition => ({ name, parameters, evaluate });
const PERIOD_UNITS = ["[period]", "[units]"];

export const FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = Object.fromEntries(
  [
    define("VALUE", ["item", ...PERIOD_UNITS], itemValue("VALUE")),
    define("NETLOSS", PERIOD_UNITS, shortcut("netincome")),
    define("NETINCOME", PERIOD_UNITS, shortcut("netincome")),
    define("REVENUE", PERIOD_UNITS, shortcut("revenue")),
    define("OPERATINGINCOME", PERIOD_UNITS, shortcut("operatingincome")),
    define("CASH", PERIOD_UNITS, shortcut("cash")),
    define("TOTALASSETS", PERIOD_UNITS, shortcut("totalassets")),
    define("EQUITY", PERIOD_UNITS, shortcut("equity")),
    define("SHARES", PERIOD_UNITS, shortcut("shares")),
    define("EPS", PERIOD_UNITS, shortcut("eps")),
    define("YOY", ["item", "[period]"], yoy),
    define("CHANGE", ["item", ...PERIOD_UNITS], change),
    define("RUNWAY", ["[basis]", "[period]", "[unit]"], runway),
    define("PERSHARE", ["item", "[period]"], perShare),
    define("EPSCHECK", ["[period]"], epsCheck),
    define("STATEMENT", ["kind", ...PERIOD_UNITS], statementTable),
    define("FILINGS", [], (filings) => filingsTable(filings)),
  ].map((d) => [d.name, d]),
);

// ---------------------------------------------------------------- boundary

function cellToExcel(cell: Cell): ExcelScalar {
  // The one place an exact decimal becomes a binary float: what Excel stores anyway.
  return cell instanceof Decimal ? cell.toNumber() : cell;
}

const convertedTables = new WeakMap<Cell[][], ExcelScalar[][]>();

export function toExcelValue(outcome: Outcome): ExcelValue {
  if (Array.isArray(outcome)) {
    let converted = convertedTables.get(outcome);
    if (!converted) convertedTables.set(outcome, (converted = outcome.map((row) => row.map(cellToExcel))));
    return converted;
  }
  if (isFunctionError(outcome)) return outcome;
  return cellToExcel(outcome);
}

const functionNamed = (name: string): FunctionDefinition | undefined => (Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined);

/** Evaluates IMGN.NAME(args) over the filings, exactly as the Excel function does. */
export function evaluateFunction(name: string, filings: Filings, args: readonly CellArg[]): ExcelValue {
  const definition = functionNamed(name) ?? functionNamed(name.toUpperCase().replace(/^IMGN\./, ""));
  if (!definition) return { error: "#NAME?", message: `There is no function IMGN.${name}; the functions are ${Object.keys(FUNCTIONS).join(", ")}.` };
  // Excel passes omitted trailing optional arguments as null; anything beyond the list is a mistake.
  let count = args.length;
  while (count > 0 && (args[count - 1] === null || args[count - 1] === undefined)) count--;
  if (count > definition.parameters.length) return invalidValue(`IMGN.${definition.name} takes ${definition.parameters.length} argument(s): ${definition.name}(${definition.parameters.join(", ")}).`);
  if (filings.length === 0) return noFiling();
  try {
    return toExcelValue(definition.evaluate(filings, args));
  } catch (e) {
    return invalidValue(`IMGN.${definition.name} failed: ${(e as Error).message}`);
  }
}

/** Exposed for tests that check the row resolution itself. */
export { findRow, currentColumn };
