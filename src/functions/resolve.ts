// Resolution of the arguments every IMGN.* function shares: which row an item names, which column
// a period names, and which scale the caller wants. Pure: works on ParsedFiling values only.
//
// Item resolution order, per filing: exact US-GAAP concept, then the label as printed, then the
// alias table; all case- and punctuation-insensitive ("net-loss" = "Net Loss" = "NETLOSS").
// Period resolution: operations and cash-flow columns are matched on period end + length in
// months; balance-sheet columns on their date. Dates match within a week, so "2004-06-30" finds
// a 52/53-week quarter ending 2004-06-26.
import Decimal from "decimal.js";
import type { Column, ParsedFiling, Row, Scale, Statement, StatementKind } from "../filing/types";
import type { StoredFiling } from "../store/filingStore";
import { type FunctionError, invalidValue, notAvailable } from "./errors";

/** One argument as Excel passes it: a string, a number (a date cell arrives as a serial number), a boolean, or nothing. */
export type CellArg = string | number | boolean | null | undefined;

// ---------------------------------------------------------------- names

/** Lower-case letters and digits only: the case- and punctuation-insensitive key of a name. */
export function nameKey(text: string): string {
  return memo(nameKeys, text, () => text.toLowerCase().replace(/[^a-z0-9]/g, ""));
}

const MEMO_LIMIT = 10_000;
const nameKeys = new Map<string, string>();

/** A bounded memo for pure functions of a string argument (names, periods and dates repeat across formulas). */
function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** Lower-case words separated by single spaces; apostrophes dropped so "Stockholders' equity" = "stockholders equity". */
export function nameWords(text: string): string {
  return text.toLowerCase().replace(/['’`]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
}

/** The label without footnote markers: "Subscription(1)" → "Subscription", "Profit 1" → "Profit". */
function withoutFootnotes(label: string): string {
  return label.replace(/\(\s*\d{1,2}\s*\)/g, " ").replace(/\s\d{1,2}$/, "").trim();
}

interface Alias {
  concepts: string[];
  /** Tried in order on nameWords(label) when no concept matches. */
  labels: RegExp[];
  /** Restricts the alias to rows of these statements. */
  statements?: StatementKind[];
  kinds?: Row["kind"][];
}

const REVENUE: Alias = {
  concepts: ["Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax", "SalesRevenueNet", "RevenuesNetOfInterestExpense"],
  labels: [/^total (net )?revenues?\b/, /^(net )?revenues?\b/, /^total net sales$/, /^net sales\b/, /^sales\b/],
  statements: ["operations"],
  kinds: ["amount"],
};
const NET_INCOME: Alias = {
  concepts: ["NetIncomeLoss", "NetIncomeLossAvailableToCommonStockholdersBasic", "ProfitLoss"],
  labels: [/^net (income|loss|earnings|profit)( \(?(loss|income)\)?)? attributable to (?!non ?controlling)/, /^net (income|loss|earnings|profit)\b(?!.*per)(?!.*non ?controlling)/, /^profit\b/],
  statements: ["operations"],
  kinds: ["amount"],
};
const OPERATING_INCOME: Alias = {
  concepts: ["OperatingIncomeLoss"],
  labels: [/^(income|loss|profit|earnings)( \(?(loss|income)\)?)? from operations\b/, /^operating (income|loss|profit)\b/],
  statements: ["operations"],
  kinds: ["amount"],
};
const CASH: Alias = {
  concepts: ["CashAndCashEquivalentsAtCarryingValue", "CashCashEquivalentsAndShortTermInvestments", "Cash", "CashAndDueFromBanks"],
  labels: [/^(total )?cash\b/],
  statements: ["balanceSheet"],
  kinds: ["amount"],
};
const ASSETS: Alias = { concepts: ["Assets"], labels: [/^total assets$/], statements: ["balanceSheet"], kinds: ["amount"] };
const LIABILITIES: Alias = { concepts: ["Liabilities"], labels: [/^total liabilities$/], statements: ["balanceSheet"], kinds: ["amount"] };
const EQUITY: Alias = {
  concepts: ["StockholdersEquity", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest", "PartnersCapital"],
  labels: [/^total (stockholders|shareholders|shareowners) (equity|deficit|investment)/, /^(stockholders|shareholders|shareowners) (equity|deficit)/, /^total equity\b/, /^total (partners|members) (capital|equity)/, /^(partners|members) (capital|equity)/],
  statements: ["balanceSheet"],
  kinds: ["amount"],
};
const SHARES: Alias = {
  concepts: ["WeightedAverageNumberOfSharesOutstandingBasic", "WeightedAverageNumberOfDilutedSharesOutstanding"],
  labels: [/\bbasic\b/, /./],
  statements: ["operations"],
  kinds: ["shares"],
};
const DILUTED_SHARES: Alias = { concepts: ["WeightedAverageNumberOfDilutedSharesOutstanding"], labels: [/\bdiluted\b/], statements: ["operations"], kinds: ["shares"] };
const EPS: Alias = {
  concepts: ["EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted", "EarningsPerShareBasic"],
  labels: [/\bdiluted\b/, /./],
  statements: ["operations"],
  kinds: ["perShare"],
};
const EPS_BASIC: Alias = { concepts: ["EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted"], labels: [/\bbasic\b/, /./], statements: ["operations"], kinds: ["perShare"] };
const LIQUIDITY: Alias = {
  concepts: ["CashCashEquivalentsAndShortTermInvestments", "CashCashEquivalentsAndMarketableSecurities"],
  labels: [/^(total )?cash (and )?(cash equivalents )?(and )?(restricted cash )?(and )?(short term )?(marketable securities|investments|short term investments)\b/],
  statements: ["balanceSheet"],
  kinds: ["amount"],
};
const OPERATING_CASH: Alias = { concepts: ["NetCashProvidedByUsedInOperatingActivities"], labels: [/^net cash (provided by|used in|from)[a-z ]*operating activities/], statements: ["cashFlows"], kinds: ["amount"] };

/** Short names accepted for common rows (keys are nameKey forms). */
export const ALIASES: Readonly<Record<string, Alias>> = {
  revenue: REVENUE, revenues: REVENUE, totalrevenue: REVENUE, totalrevenues: REVENUE, sales: REVENUE, netsales: REVENUE,
  netincome: NET_INCOME, netloss: NET_INCOME, netincomeloss: NET_INCOME, netearnings: NET_INCOME, profit: NET_INCOME, earnings: NET_INCOME,
  operatingincome: OPERATING_INCOME, operatingloss: OPERATING_INCOME, operatingincomeloss: OPERATING_INCOME, incomefromoperations: OPERATING_INCOME, lossfromoperations: OPERATING_INCOME,
  cash: CASH, cashandcashequivalents: CASH,
  assets: ASSETS, totalassets: ASSETS,
  liabilities: LIABILITIES, totalliabilities: LIABILITIES,
  equity: EQUITY, stockholdersequity: EQUITY, shareholdersequity: EQUITY, totalequity: EQUITY, bookvalue: EQUITY,
  shares: SHARES, basicshares: SHARES, weightedshares: SHARES, weightedaverageshares: SHARES, dilutedshares: DILUTED_SHARES,
  eps: EPS, dilutedeps: EPS, epsdiluted: EPS, basiceps: EPS_BASIC, epsbasic: EPS_BASIC,
  cashandmarketablesecurities: LIQUIDITY, liquidity: LIQUIDITY, cashandinvestments: LIQUIDITY,
  operatingcashflow: OPERATING_CASH, cashfromoperations: OPERATING_CASH,
};

/** How the error messages name the rows the shortcuts and derived functions look for. */
const ALIAS_WORDS: Readonly<Record<string, string>> = {
  netincome: "net income (loss)", revenue: "revenue", operatingincome: "operating income (loss)", cash: "cash", totalassets: "total assets",
  equity: "stockholders' equity", shares: "weighted average shares", eps: "earnings per share", basiceps: "basic earnings per share",
  cashandmarketablesecurities: "cash and marketable securities", operatingcashflow: "operating cash flow",
};

// ---------------------------------------------------------------- per-filing index (cached)
// Filings in the store are treated as immutable: the caches below are keyed by the objects themselves.

export interface FoundRow {
  filing: ParsedFiling;
  statement: Statement;
  row: Row;
}

interface FilingIndex {
  rows: FoundRow[];
  byConcept: Map<string, FoundRow>;
  byLabel: Map<string, FoundRow>;
  /** Resolved items, so 10,000 evaluations do not redo the search. */
  resolved: Map<string, FoundRow | null>;
}

const STATEMENT_ORDER: StatementKind[] = ["operations", "balanceSheet", "cashFlows"];
const indexes = new WeakMap<ParsedFiling, FilingIndex>();

export function statementsOf(filing: ParsedFiling): Statement[] {
  const out: Statement[] = [];
  for (const kind of STATEMENT_ORDER) {
    const statement = filing.statements[kind];
    if (statement) out.push(statement);
  }
  return out;
}

function indexOf(filing: ParsedFiling): FilingIndex {
  let index = indexes.get(filing);
  if (index) return index;
  index = { rows: [], byConcept: new Map(), byLabel: new Map(), resolved: new Map() };
  for (const statement of statementsOf(filing)) {
    for (const row of statement.rows) {
      const found: FoundRow = { filing, statement, row };
      index.rows.push(found);
      // First occurrence wins: the statement proper comes before any repeat of the same label.
      if (row.concept && !index.byConcept.has(nameKey(row.concept))) index.byConcept.set(nameKey(row.concept), found);
      for (const key of [nameKey(row.label), nameKey(withoutFootnotes(row.label))]) {
        if (key && !index.byLabel.has(key)) index.byLabel.set(key, found);
      }
    }
  }
  indexes.set(filing, index);
  return index;
}

function byAlias(index: FilingIndex, alias: Alias): FoundRow | null {
  const inStatement = index.rows.filter((f) => !alias.statements || alias.statements.includes(f.statement.kind));
  // A concept tag is trusted whatever kind the row was given; label patterns also need the right kind.
  for (const concept of alias.concepts) {
    const hit = inStatement.find((f) => f.row.concept === concept);
    if (hit) return hit;
  }
  const eligible = inStatement.filter((f) => !alias.kinds || alias.kinds.includes(f.row.kind));
  for (const pattern of alias.labels) {
    const hit = eligible.find((f) => pattern.test(nameWords(withoutFootnotes(f.row.label))));
    if (hit) return hit;
  }
  return null;
}

/** The row an item names in one filing, or null. */
export function findRow(filing: ParsedFiling, item: string): FoundRow | null {
  return findRowByKey(filing, nameKey(item));
}

/** What the user typed, or (inside the logic) an alias asked for by name, which skips the label match. */
export type ItemName = string | { alias: string };

/** The lookup key of an item: alias references start with "#", which no nameKey contains. */
function itemKey(item: ItemName): string {
  return typeof item === "string" ? nameKey(item) : `#${item.alias}`;
}

function itemText(item: ItemName): string {
  return typeof item === "string" ? item : item.alias;
}

function findRowByKey(filing: ParsedFiling, key: string): FoundRow | null {
  const index = indexOf(filing);
  const cached = index.resolved.get(key);
  if (cached !== undefined) return cached;
  let found: FoundRow | null;
  if (key.startsWith("#")) {
    const alias = key.slice(1);
    found = Object.prototype.hasOwnProperty.call(ALIASES, alias) ? byAlias(index, ALIASES[alias]) : null;
  } else {
    found = index.byConcept.get(key) ?? index.byLabel.get(key) ?? null;
    if (!found && Object.prototype.hasOwnProperty.call(ALIASES, key)) found = byAlias(index, ALIASES[key]);
  }
  index.resolved.set(key, found);
  return found;
}

/** Edit distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

/** The labels closest to an unknown item in the latest filing: containing it first, then by edit distance. */
export function suggestRows(filing: ParsedFiling, item: string, count = 3): string[] {
  const key = nameKey(item);
  const scored = indexOf(filing)
    .rows.filter((f) => f.row.label !== "")
    .map((f) => {
      const label = nameKey(f.row.label);
      const contains = key.length >= 3 && (label.includes(key) || key.includes(label));
      // A misspelt word of a long label ("Revnue" in "Total revenues") counts almost as much as the whole label.
      const words = nameWords(f.row.label).split(" ");
      let closestSpan = Infinity;
      for (let i = 0; i < words.length; i++) {
        for (let j = i + 1; j <= Math.min(words.length, i + 3); j++) closestSpan = Math.min(closestSpan, 1 + editDistance(key, words.slice(i, j).join("")));
      }
      return { label: f.row.label, score: (contains ? 0 : 1000) + Math.min(editDistance(key, label), closestSpan) };
    })
    .sort((a, b) => a.score - b.score);
  const out: string[] = [];
  // A misspelt alias ("revnue") suggests the row that alias finds first.
  for (const [aliasKey, alias] of Object.entries(ALIASES)) {
    if (key.length < 3 || editDistance(key, aliasKey) > Math.min(2, Math.floor(key.length / 3))) continue;
    const hit = byAlias(indexOf(filing), alias);
    if (hit && hit.row.label && !out.includes(hit.row.label)) out.push(hit.row.label);
  }
  for (const s of scored) if (!out.includes(s.label) && out.length < count) out.push(s.label);
  return out;
}

const suggestionCache = new WeakMap<ParsedFiling, Map<string, string[]>>();

export function unknownItem(filings: readonly StoredFiling[], item: string): FunctionError {
  const latest = filings[0].filing;
  let cache = suggestionCache.get(latest);
  if (!cache) suggestionCache.set(latest, (cache = new Map()));
  let suggestions = cache.get(item);
  if (!suggestions) cache.set(item, (suggestions = suggestRows(latest, item)));
  const hint = suggestions.length ? ` Closest rows: ${suggestions.map((s) => `"${s}"`).join(", ")}.` : "";
  return invalidValue(`Unknown item "${item}": no row has that concept, label or alias.${hint}`);
}

// ---------------------------------------------------------------- units

export type UnitsChoice = "reported" | Scale;

const SCALE_EXPONENT: Record<Scale, number> = { units: 0, thousands: 3, millions: 6, billions: 9 };
const POWERS_OF_TEN = new Map<number, Decimal>();
function tenTo(exponent: number): Decimal {
  let power = POWERS_OF_TEN.get(exponent);
  if (!power) POWERS_OF_TEN.set(exponent, (power = new Decimal(10).pow(exponent)));
  return power;
}

const UNITS_CHOICES: Readonly<Record<string, UnitsChoice>> = {
  reported: "reported", asreported: "reported",
  units: "units", unit: "units", ones: "units", dollars: "units", whole: "units",
  thousands: "thousands", thousand: "thousands", k: "thousands",
  millions: "millions", million: "millions", m: "millions", mm: "millions",
  billions: "billions", billion: "billions", bn: "billions",
};

export function parseUnits(arg: CellArg): UnitsChoice | FunctionError {
  if (arg === null || arg === undefined || arg === "") return "reported";
  const key = nameKey(String(arg));
  return (Object.prototype.hasOwnProperty.call(UNITS_CHOICES, key) ? UNITS_CHOICES[key] : undefined) ?? invalidValue(`Unknown units "${String(arg)}": use "reported", "units", "thousands" or "millions".`);
}

/** What a row measures; a concept tag overrides the row kind when they disagree ("Basic" under a shares header). */
export function kindOf(row: Row): Row["kind"] {
  if (row.concept) {
    if (/PerShare/.test(row.concept)) return "perShare";
    if (/SharesOutstanding|NumberOfShares|DilutedShares/.test(row.concept)) return "shares";
  }
  return row.kind;
}

/**
 * A row's value in the requested units. Money rows scale with ScaleInfo.money, share rows with
 * ScaleInfo.shares; per-share and percent rows are never scaled (a per-share amount is already in units).
 */
export function scaleValue(value: Decimal, row: Row, statement: Statement, units: UnitsChoice): Decimal {
  const kind = kindOf(row);
  if (units === "reported" || kind === "perShare" || kind === "percent") return value;
  const from = kind === "shares" ? statement.scale.shares : statement.scale.money;
  const exponent = SCALE_EXPONENT[from] - SCALE_EXPONENT[units];
  return exponent === 0 ? value : value.times(tenTo(exponent));
}

/** A value in whole units turned into the requested units for a row like `row` ("reported" = that row's statement scale). */
export function fromUnits(value: Decimal, row: Row, statement: Statement, units: UnitsChoice): Decimal {
  const kind = kindOf(row);
  if (kind === "perShare" || kind === "percent") return value;
  const to = units === "reported" ? (kind === "shares" ? statement.scale.shares : statement.scale.money) : units;
  return value.dividedBy(tenTo(SCALE_EXPONENT[to]));
}

/** A row's value in whole units (dollars, shares): what ratios across rows are computed on. */
export function inUnits(value: Decimal, row: Row, statement: Statement): Decimal {
  return scaleValue(value, row, statement, "units");
}

/** The signed value of a cell: a loss printed without parentheses under a loss label counts as negative. */
const signedValues = new WeakMap<Row, (Decimal | null | undefined)[]>();

export function signedValue(row: Row, column: number): Decimal | null {
  // Decimals are immutable, so each cell is parsed once and shared by every evaluation.
  let values = signedValues.get(row);
  if (!values) signedValues.set(row, (values = []));
  let value = values[column];
  if (value === undefined) {
    const text = row.values[column];
    value = text === null || text === undefined ? null : row.negateForConcept ? new Decimal(text).negated() : new Decimal(text);
    values[column] = value;
  }
  return value;
}

// ---------------------------------------------------------------- periods

export type PeriodSpec =
  | { kind: "current" }
  | { kind: "prior" }
  /** months null = the shortest period ending on that date (the quarter before the year-to-date). */
  | { kind: "date"; date: string; months: number | null }
  | { kind: "fiscal"; label: string; fiscalYear: number; quarter: number | null; months: number; half: number | null };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidIso(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Excel's 1900 date system: serial 1 = 1900-01-01, with the phantom 1900-02-29 (serials from 61 on count from 1899-12-30). */
export function serialToIso(serial: number): string {
  const whole = Math.floor(serial);
  const ms = Date.UTC(1899, 11, whole >= 61 ? 30 : 31) + whole * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}

const CURRENT: PeriodSpec = { kind: "current" };
const parsedPeriods = new Map<string, PeriodSpec | FunctionError>();

export function parsePeriod(arg: CellArg): PeriodSpec | FunctionError {
  if (arg === null || arg === undefined || arg === "") return CURRENT;
  if (typeof arg === "string") return memo(parsedPeriods, arg, () => parsePeriodArg(arg));
  return parsePeriodArg(arg);
}

function parsePeriodArg(arg: string | number | boolean): PeriodSpec | FunctionError {
  if (typeof arg === "boolean") return invalidValue(`Period ${String(arg).toUpperCase()} is not a period: use a date, "prior", or a label such as "Q1 FY2005".`);
  if (typeof arg === "number") {
    // A bare year (a cell holding 2004) is a fiscal year; any other number is a date cell's serial.
    if (Number.isInteger(arg) && arg >= 1900 && arg <= 2200) return { kind: "fiscal", label: `FY${arg}`, fiscalYear: arg, quarter: null, months: 12, half: null };
    if (arg > 0 && arg < 2958466) return { kind: "date", date: serialToIso(arg), months: null };
    return invalidValue(`Period ${arg} is not a date.`);
  }
  const text = arg.trim();
  const key = nameKey(text);
  if (key === "current" || key === "latest" || key === "") return { kind: "current" };
  if (key === "prior" || key === "previous" || key === "comparative" || key === "prioryear") return { kind: "prior" };
  let months: number | null = null;
  let rest = text;
  const lengthPrefix = /^(3|6|9|12)\s*(?:m|mo|months?)\b[\s:]*(.*)$/i.exec(text);
  if (lengthPrefix && /\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}/.test(lengthPrefix[2])) {
    months = Number(lengthPrefix[1]);
    rest = lengthPrefix[2].trim();
  }
  if (ISO_DATE.test(rest)) {
    if (!isValidIso(rest)) return invalidValue(`Period "${text}" is not a valid date.`);
    return { kind: "date", date: rest, months };
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(rest);
  if (us) {
    const iso = `${us[3]}-${us[1].padStart(2, "0")}-${us[2].padStart(2, "0")}`;
    if (!isValidIso(iso)) return invalidValue(`Period "${text}" is not a valid date.`);
    return { kind: "date", date: iso, months };
  }
  const fiscal = /^(?:Q([1-4])|H([12])|(3|6|9|12)M|FY)(?:FY)?(\d{4}|\d{2})$/.exec(text.toUpperCase().replace(/[\s'’-]/g, ""));
  if (fiscal) {
    const year = fiscal[4].length === 2 ? 2000 + Number(fiscal[4]) - (Number(fiscal[4]) > 50 ? 100 : 0) : Number(fiscal[4]);
    if (fiscal[1]) return { kind: "fiscal", label: `Q${fiscal[1]} FY${year}`, fiscalYear: year, quarter: Number(fiscal[1]), months: 3, half: null };
    if (fiscal[2]) return { kind: "fiscal", label: `H${fiscal[2]} FY${year}`, fiscalYear: year, quarter: null, months: 6, half: Number(fiscal[2]) };
    if (fiscal[3]) {
      const m = Number(fiscal[3]);
      return { kind: "fiscal", label: `${m}M FY${year}`, fiscalYear: year, quarter: m === 3 ? 1 : null, months: m, half: null };
    }
    return { kind: "fiscal", label: `FY${year}`, fiscalYear: year, quarter: null, months: 12, half: null };
  }
  return invalidValue(`Period "${text}" is not understood: use a date ("2004-09-30"), "prior", or a fiscal label ("Q1 FY2005", "FY2004").`);
}

const DAY_MS = 86400000;
/** Largest gap accepted between a requested date and a column's date: 52/53-week years end on a weekday near the month end. */
const DATE_TOLERANCE_DAYS = 7;

const DAY_NUMBERS = new Map<string, number>();
/** Days since 1970 of an ISO date; memoised because column dates are compared on every evaluation. */
function dayNumber(iso: string): number {
  let day = DAY_NUMBERS.get(iso);
  if (day === undefined) {
    day = Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
    if (DAY_NUMBERS.size > 100_000) DAY_NUMBERS.clear();
    DAY_NUMBERS.set(iso, day);
  }
  return day;
}

export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Shifts an ISO date by whole months, keeping month-end dates at the month end. */
const shiftedDates = new Map<string, string>();

export function addMonths(iso: string, months: number): string {
  return memo(shiftedDates, `${iso}|${months}`, () => shiftDate(iso, months));
}

function shiftDate(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const lastOfMonth = (yy: number, mm: number): number => new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const wasMonthEnd = d === lastOfMonth(y, m - 1);
  const nd = wasMonthEnd ? lastOfMonth(ny, nm) : Math.min(d, lastOfMonth(ny, nm));
  return `${ny}-${String(nm + 1).padStart(2, "0")}-${String(nd).padStart(2, "0")}`;
}

/** What a column must match: for operations and cash flows an end and a length; for the balance sheet a date. */
export interface PeriodTarget {
  end: string;
  /** Required length in months; null = the shortest one ending there. Ignored for balance-sheet columns. */
  months: number | null;
  /** For fiscal labels without a known fiscal year end: any column ending in this calendar year (FY) or quarter window. */
  window?: { from: string; to: string };
  description: string;
}

const isOperationsLike = (kind: StatementKind): boolean => kind !== "balanceSheet";

function columnDate(column: Column, kind: StatementKind): string | null {
  return (isOperationsLike(kind) ? column.periodEnd : column.date) ?? null;
}

interface ColumnKeys {
  dates: (string | null)[];
  days: number[];
  months: (number | null)[];
}
const columnKeys = new WeakMap<Statement, ColumnKeys>();

/** Each column's date, day number and length, computed once per statement. */
function keysOf(statement: Statement): ColumnKeys {
  let keys = columnKeys.get(statement);
  if (!keys) {
    const dates = statement.columns.map((c) => columnDate(c, statement.kind));
    keys = { dates, days: dates.map((d) => (d ? dayNumber(d) : NaN)), months: statement.columns.map((c) => c.months ?? null) };
    columnKeys.set(statement, keys);
  }
  return keys;
}

/** The column of a statement that a target names, or -1. */
export function matchColumn(statement: Statement, target: PeriodTarget): number {
  const keys = keysOf(statement);
  const operationsLike = isOperationsLike(statement.kind);
  const targetDay = dayNumber(target.end);
  let best = -1;
  let bestScore = Infinity;
  for (let i = 0; i < keys.dates.length; i++) {
    const date = keys.dates[i];
    if (!date) continue;
    let distance: number;
    if (target.window) {
      if (date < target.window.from || date > target.window.to) continue;
      distance = 0;
    } else {
      distance = Math.abs(keys.days[i] - targetDay);
      if (distance > DATE_TOLERANCE_DAYS) continue;
    }
    let score = distance * 100;
    if (operationsLike) {
      const months = keys.months[i];
      if (target.months !== null && months !== target.months) continue;
      // The shortest period wins when no length was asked for; odd stubs (months null) last.
      score += months === null ? 99 : months;
    }
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/** The latest column of a statement: latest end, then the shortest length (the quarter, not the year-to-date). */
const currentColumns = new WeakMap<Statement, number>();

export function currentColumn(statement: Statement): number {
  let column = currentColumns.get(statement);
  if (column === undefined) currentColumns.set(statement, (column = findCurrentColumn(statement)));
  return column;
}

function findCurrentColumn(statement: Statement): number {
  let best = -1;
  statement.columns.forEach((column, i) => {
    const date = columnDate(column, statement.kind);
    if (!date) return;
    if (best < 0) return void (best = i);
    const bestDate = columnDate(statement.columns[best], statement.kind) ?? "";
    const months = column.months ?? 99;
    const bestMonths = statement.columns[best].months ?? 99;
    if (date > bestDate || (date === bestDate && isOperationsLike(statement.kind) && months < bestMonths)) best = i;
  });
  return best;
}

/** The comparative balance-sheet column of a column: the first one printed with an earlier date (usually the last fiscal year end). */
export function comparativeDateColumn(statement: Statement, column: number): number {
  const date = statement.columns[column]?.date;
  if (!date) return -1;
  return statement.columns.findIndex((c) => !!c.date && c.date < date);
}

function describeColumn(column: Column, kind: StatementKind): string {
  if (isOperationsLike(kind)) return column.months ? `${column.months} months to ${column.periodEnd}` : `period to ${column.periodEnd}`;
  return `${column.date}`;
}

/** The fiscal year end (month-day) of a filing, from its fiscal period or derived from its current column; null when unknown. */
function fiscalYearEndOf(filing: ParsedFiling): string | null {
  const fp = filing.document.fiscalPeriod;
  if (!fp) return null;
  if (fp.fiscalYearEnd) return fp.fiscalYearEnd;
  const end = filing.document.periodEnd;
  if (!end) return null;
  const quartersLeft = fp.quarter === null ? 0 : 4 - fp.quarter;
  return addMonths(end, quartersLeft * 3).slice(5);
}

/** The ISO end of a fiscal period, given the month-day the fiscal year ends; fiscal years are named by the calendar year they end in. */
function fiscalEnd(spec: Extract<PeriodSpec, { kind: "fiscal" }>, fiscalYearEnd: string): string {
  const yearEnd = `${spec.fiscalYear}-${fiscalYearEnd}`;
  const safeYearEnd = isValidIso(yearEnd) ? yearEnd : `${spec.fiscalYear}-${fiscalYearEnd.slice(0, 2)}-28`;
  let monthsBeforeYearEnd = 0;
  if (spec.quarter !== null) monthsBeforeYearEnd = (4 - spec.quarter) * 3;
  else if (spec.half !== null) monthsBeforeYearEnd = spec.half === 1 ? 6 : 0;
  else if (spec.months < 12) monthsBeforeYearEnd = 12 - spec.months;
  return addMonths(safeYearEnd, -monthsBeforeYearEnd);
}

/**
 * The target a period names for a statement of the given kind, taken from the filing where it is
 * looked up (a fiscal label needs that filing's fiscal year end). "current" and "prior" refer to
 * the latest filing. Returns null when the latest filing has no such statement to compare with.
 */
const latestTargets = new WeakMap<ParsedFiling, Map<string, PeriodTarget | FunctionError>>();

export function targetFor(spec: PeriodSpec, kind: StatementKind, latest: ParsedFiling, filing: ParsedFiling): PeriodTarget | FunctionError {
  if (spec.kind !== "current" && spec.kind !== "prior") return targetOf(spec, kind, latest, filing);
  // "current" and "prior" depend only on the latest filing: worked out once per statement kind.
  let cache = latestTargets.get(latest);
  if (!cache) latestTargets.set(latest, (cache = new Map()));
  const key = spec.kind === "current" ? kind : `prior-${kind}`;
  let target = cache.get(key);
  if (!target) cache.set(key, (target = targetOf(spec, kind, latest, filing)));
  return target;
}

function targetOf(spec: PeriodSpec, kind: StatementKind, latest: ParsedFiling, filing: ParsedFiling): PeriodTarget | FunctionError {
  if (spec.kind === "date") return { end: spec.date, months: spec.months, description: spec.months ? `${spec.months} months to ${spec.date}` : spec.date };
  if (spec.kind === "fiscal") {
    const fye = fiscalYearEndOf(filing) ?? fiscalYearEndOf(latest);
    if (fye) {
      const end = fiscalEnd(spec, fye);
      return { end, months: isOperationsLike(kind) ? spec.months : null, description: `${spec.label} (${isOperationsLike(kind) ? `${spec.months} months to ` : ""}${end})` };
    }
    // No fiscal period known: fall back to calendar periods (fiscal year = calendar year).
    const end = fiscalEnd(spec, "12-31");
    const from = addMonths(end, -2).slice(0, 8) + "01";
    return { end, months: isOperationsLike(kind) ? spec.months : null, window: { from, to: end }, description: `${spec.label} (no fiscal year end known: calendar ${isOperationsLike(kind) ? `${spec.months} months ending ` : ""}${from.slice(0, 7)}..${end})` };
  }
  const statement = latest.statements[kind];
  if (spec.kind === "current") {
    if (statement) {
      const col = currentColumn(statement);
      if (col >= 0) {
        const c = statement.columns[col];
        return { end: columnDate(c, kind) ?? "", months: isOperationsLike(kind) ? c.months ?? null : null, description: `the latest period (${describeColumn(c, kind)})` };
      }
    }
    const end = latest.document.periodEnd;
    if (!end) return notAvailable("The latest filing states no period end.");
    return { end, months: null, description: `the latest period (${end})` };
  }
  // prior
  if (!statement) return notAvailable(`The latest filing has no ${kind === "balanceSheet" ? "balance sheet" : kind === "operations" ? "statement of operations" : "cash-flow statement"} to take a comparative column from.`);
  const col = currentColumn(statement);
  if (col < 0) return notAvailable("The latest filing's statement has no dated columns.");
  if (isOperationsLike(kind)) {
    const c = statement.columns[col];
    const end = addMonths(c.periodEnd ?? "", -12);
    return { end, months: c.months ?? null, description: `the prior-year period (${c.months ? `${c.months} months to ` : ""}${end})` };
  }
  const comparative = comparativeDateColumn(statement, col);
  if (comparative < 0) return notAvailable("The latest balance sheet has no comparative column.");
  const date = statement.columns[comparative].date ?? "";
  return { end: date, months: null, description: `the comparative date (${date})` };
}

// ---------------------------------------------------------------- lookup

export interface Located extends FoundRow {
  stored: StoredFiling;
  column: number;
  /** Signed exact value as reported (in the statement's scale). */
  value: Decimal;
}

/**
 * Finds an item's value for a period: the latest filing that has both the row and the column
 * wins (so restated figures come from the latest filing). `prefer` is searched first.
 */
export function locate(filings: readonly StoredFiling[], item: ItemName, spec: PeriodSpec, prefer?: StoredFiling): Located | FunctionError {
  const latest = filings[0].filing;
  const key = itemKey(item);
  let anyRow: FoundRow | null = null;
  let lastTarget: PeriodTarget | null = null;
  let blank: string | null = null;
  // Only a fiscal label depends on the filing (its fiscal year end); other targets are worked out once per statement kind.
  const sharedTargets: Partial<Record<StatementKind, PeriodTarget | FunctionError>> = {};
  for (let i = prefer ? -1 : 0; i < filings.length; i++) {
    const stored = i < 0 ? prefer! : filings[i];
    if (i >= 0 && stored === prefer) continue;
    const found = findRowByKey(stored.filing, key);
    if (!found) continue;
    anyRow ??= found;
    const kind = found.statement.kind;
    let target = spec.kind === "fiscal" ? undefined : sharedTargets[kind];
    if (!target) {
      target = targetFor(spec, kind, latest, stored.filing);
      if (spec.kind !== "fiscal") sharedTargets[kind] = target;
    }
    if ("error" in target) return target;
    lastTarget = target;
    const column = matchColumn(found.statement, target);
    if (column < 0) continue;
    const value = signedValue(found.row, column);
    if (value === null) {
      blank ??= `"${found.row.label}" is blank for ${target.description}.`;
      continue;
    }
    return { filing: found.filing, statement: found.statement, row: found.row, stored, column, value };
  }
  if (!anyRow) return typeof item === "string" ? unknownItem(filings, item) : notAvailable(`The imported filings have no ${ALIAS_WORDS[item.alias] ?? itemText(item)} row.`);
  if (blank) return notAvailable(blank);
  return notAvailable(`No imported filing has a column for ${lastTarget?.description ?? "that period"} with "${anyRow.row.label}".`);
}

/** The same-length period one year earlier (operations), or the comparative date (balance sheet), for a located value. */
export function priorSpecFor(found: Located): PeriodSpec | FunctionError {
  const column = found.statement.columns[found.column];
  if (isOperationsLike(found.statement.kind)) {
    if (!column.periodEnd) return notAvailable("The period has no end date to go back a year from.");
    if (!column.months) return notAvailable(`"${column.label}" is an odd stub period: there is no same-length period a year earlier.`);
    return { kind: "date", date: addMonths(column.periodEnd, -12), months: column.months };
  }
  const comparative = comparativeDateColumn(found.statement, found.column);
  if (comparative < 0) return notAvailable(`The balance sheet has no comparative date before ${column.date}.`);
  return { kind: "date", date: found.statement.columns[comparative].date ?? "", months: null };
}
