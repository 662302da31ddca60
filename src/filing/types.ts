// The shape of a parsed filing: the one contract between the filing engine, the checks,
// the workbook layout, the filing store and the IMGN.* functions. Plain JSON (no classes),
// so it can cross a web worker boundary and be saved inside the workbook as is.
// Every amount is an exact decimal string ("-2471", "-0.06"), never a binary float.

/** How the table states its money amounts. Values stay in this scale ("in thousands" → 2,471 stays "2471"). */
export type Scale = "units" | "thousands" | "millions" | "billions";

export interface ScaleInfo {
  /** Scale of money amounts. */
  money: Scale;
  /** Scale of share counts (Apple: amounts in millions, shares in thousands). */
  shares: Scale;
  /** The caption it was read from, e.g. "(in thousands, except per share amounts)"; null when inferred. */
  text: string | null;
  /** True when no caption stated it and it was inferred (from prose such as "$2.5 million" vs 2,471, or defaulted). */
  inferred: boolean;
}

export interface Company {
  name: string | null;
  ticker: string | null;
  /** "Nasdaq", "NYSE", ... as printed next to the ticker. */
  exchange: string | null;
}

export interface FiscalPeriod {
  /** Normalised label: "Q1 FY2005", "FY2015", "H1 FY2025". */
  label: string;
  /** 1-4 for a quarter, null for a full year. */
  quarter: number | null;
  fiscalYear: number;
  /** Month-day the fiscal year ends, "06-30"; null when unknown. */
  fiscalYearEnd: string | null;
  /** Where it came from, as printed ("first quarter of fiscal 2005"), or null when derived from the columns. */
  text: string | null;
}

export type SourceFormat = "tabbed" | "cell-per-line" | "fixed-width" | "html" | "submission" | "mixed";

export interface DocumentInfo {
  form: string | null; // "8-K", "10-Q", "10-K"
  /** Date of report (8-K "Date of earliest event reported") or period of report, ISO. */
  reportDate: string | null;
  /** End of the current reporting period (latest operations column), ISO. */
  periodEnd: string | null;
  fiscalPeriod: FiscalPeriod | null;
  /** How the input arrived. */
  format: SourceFormat;
  /** Exhibit chosen when the input held several documents ("EX-99.1"), else null. */
  exhibit: string | null;
}

/** Where a value came from in the text the engine read (1-based line; character range within that line). */
export interface SourceRef {
  line: number;
  start: number;
  end: number;
}

export interface Column {
  /** Printed header pieces joined: "Three Months Ended September 30, 2004". */
  label: string;
  /** Operations/cash-flow columns: ISO end date of the period. */
  periodEnd?: string | null;
  /** 3, 6, 9, 12; null for an odd stub period. */
  months?: number | null;
  /** Given for stub periods when the header prints a start. */
  periodStart?: string | null;
  /** Balance-sheet columns: ISO date. */
  date?: string | null;
}

/** What a row's numbers measure; decides the scale that applies to them. */
export type RowKind = "amount" | "perShare" | "shares" | "percent";

export interface Row {
  /** Label as printed, wrapped pieces joined by single spaces; "" for an unlabelled subtotal. */
  label: string;
  /** US-GAAP concept ("NetIncomeLoss"), or null when no general rule applies. */
  concept: string | null;
  /** Section header the row sits under ("Revenues", "Current assets"), or null. */
  section: string | null;
  isTotal: boolean;
  kind: RowKind;
  /** One entry per column: exact decimal string in the table's scale for this kind, signed as printed; null = blank. */
  values: (string | null)[];
  /** 1-based line of the row in the text read. */
  line: number;
  /** Provenance of each value (null where the cell was blank). */
  sources: (SourceRef | null)[];
  /**
   * Set when a loss is printed without parentheses under a loss label ("NET LOSS 4,200,103"):
   * values stay as printed, and the concept's signed value is the negation.
   */
  negateForConcept?: boolean;
}

export type StatementKind = "operations" | "balanceSheet" | "cashFlows";

export interface Statement {
  kind: StatementKind;
  title: string;
  columns: Column[];
  rows: Row[];
  /** 1-based line of the title (or of the first row when untitled). */
  line: number;
  scale: ScaleInfo;
}

export interface Statements {
  operations: Statement | null;
  balanceSheet: Statement | null;
  cashFlows?: Statement | null;
}

export type CheckKind = "total" | "balance" | "eps" | "prose";

export interface Check {
  kind: CheckKind;
  statement: StatementKind | null;
  /** Column index the check is about, or null. */
  column: number | null;
  /** Plain words: "Total revenues = sum of 4 rows above". */
  description: string;
  /** What the filing prints, exact decimal string. */
  reported: string;
  /** What the components give, exact decimal string. */
  computed: string;
  /** Largest difference accepted as rounding. */
  tolerance: string;
  passed: boolean;
  /** Line of the row (or prose) being checked. */
  line: number | null;
}

/** A figure stated only in prose, normalised to whole units (dollars), e.g. operating cash flow. */
export interface Fact {
  /** US-GAAP style concept: "NetCashProvidedByUsedInOperatingActivities", "CashAndCashEquivalents", "NetIncomeLoss", "Revenues". */
  concept: string;
  /** Exact decimal string in whole units of currency. */
  value: string;
  /** The phrase it was read from. */
  text: string;
  line: number;
  /** ISO period end or date the sentence refers to, when it says. */
  period: string | null;
}

export interface Warning {
  code: string;
  message: string;
  line?: number;
}

export interface ParsedFiling {
  company: Company;
  document: DocumentInfo;
  /** Scale of the main statements (operations first, else balance sheet). */
  scale: ScaleInfo;
  currency: string;
  statements: Statements;
  checks: Check[];
  facts: Fact[];
  warnings: Warning[];
}

export type ParseErrorCode = "empty" | "binary" | "too-large" | "no-statements" | "ambiguous" | "truncated" | "internal";

export interface ParseError {
  code: ParseErrorCode;
  /** One sentence the user can act on. */
  message: string;
}

export type ParseResult =
  | { ok: true; filing: ParsedFiling }
  | { ok: false; error: ParseError; warnings: Warning[] };

export interface ParseOptions {
  /** Largest input accepted, in characters (default 64 MiB). */
  maxChars?: number;
  /** Input kind when the caller knows it (a clipboard's text/html flavour); otherwise sniffed. */
  contentType?: "text/plain" | "text/html";
}
