// Concept tagging: each row gets a US-GAAP concept by general rules over its label wording, its section and
// its place in the statement — never by company. Key concepts (Revenues, NetIncomeLoss, Assets...) go to
// exactly one row each, the best candidate, so a reader taking "the row tagged X" gets the right one.
import type { Row, RowKind, StatementKind } from "./types";

const normCache = new Map<string, string>();
/** Labels repeat across rules and rows: each is normalised once (the cache is bounded). */
const norm = (s: string): string => {
  let n = normCache.get(s);
  if (n === undefined) {
    if (normCache.size > 5000) normCache.clear();
    n = normalise(s);
    normCache.set(s, n);
  }
  return n;
};
const normalise = (s: string): string =>
  s.toLowerCase().replace(/^[\s\-\u2013\u2014\u2022\u00b7*]+/, "").replace(/[\u2019`]/g, "'").replace(/\((\d{1,2}|[a-z])\)|\b\d\b$|\*/g, " ").replace(/\s+/g, " ").trim();

/** A row's label and section as the rules read them: normalised once per row and shared by every rule. */
export interface RowWords {
  l: string;
  s: string;
}

/** The last section normalised by rowWords. */
let lastSection = { raw: "", s: "" };

export function rowWords(label: string, section: string | null): RowWords {
  // Most rows have no section ("" normalises to itself), and the rest share their section with the row above.
  if (!section) return { l: norm(label), s: "" };
  if (section !== lastSection.raw) lastSection = { raw: section, s: norm(section) };
  return { l: norm(label), s: lastSection.s };
}

/** A row's kind and whether it is a total. */
export function classifyRow(words: RowWords, label: string, statement: StatementKind): { kind: RowKind; isTotal: boolean } {
  return { kind: kindOf(words.l, words.s, label, statement), isTotal: isTotalLabel(words.l) };
}

/** Row kind from its label and section: per-share figures and share counts follow their own scale. */
function kindOf(l: string, s: string, label: string, statement: StatementKind): RowKind {
  if (statement !== "balanceSheet" && /^(weighted|average|shares\s+used|number\s+of\s+(common\s+)?shares|(basic|diluted)\s+(weighted|shares|average))/.test(l)) return "shares";
  if (/\bper\s+(common\s+|ordinary\s+|diluted\s+|basic\s+|limited\s+partner(ship)?\s+)?(share|unit)|\beps\b|earnings\s+per|income\s+per|loss\s+per|dividends?\s+declared\s+per/.test(l)) return "perShare";
  if (statement !== "balanceSheet") {
    if (/\b(weighted|average|shares\s+used|number\s+of\s+(common\s+)?shares|shares\s+outstanding|units\s+outstanding)\b/.test(l) && !/\$/.test(label)) return "shares";
    if (/^(basic|diluted|basic and diluted|assuming dilution)\b/.test(l) || l === "") {
      if (/\b(weighted|average|shares\s+used|number\s+of|shares\s+outstanding|units)\b/.test(s)) return "shares";
      if (/\bper\b|earnings|income|loss|eps/.test(s)) return "perShare";
    }
  }
  if (/%|percent|margin %/.test(l)) return "percent";
  return "amount";
}

interface Rule {
  concept: string;
  test: (l: string, s: string, row: Row) => boolean;
  /** Higher wins when several rows qualify for a key concept. */
  rank?: (l: string, s: string, row: Row, index: number) => number;
}

const isLossOnly = (l: string): boolean => /\bloss\b/.test(l) && !/\b(income|earnings|profit)\b/.test(l);
const perShareBasis = (l: string, s: string): "basic" | "diluted" | "both" | null => {
  const t = `${l} ${s}`;
  const basic = /\bbasic\b/.test(l) || (!/\bdiluted\b/.test(l) && /\bbasic\b/.test(s));
  const diluted = /\bdiluted\b|assuming dilution/.test(l) || (!/\bbasic\b/.test(l) && /\bdiluted\b/.test(s));
  if (/basic\s+and\s+diluted|basic\s*&\s*diluted|basic\s*\/\s*diluted|diluted\s+and\s+basic/.test(l)) return "both";
  if (basic && diluted) return "both";
  if (basic) return "basic";
  if (diluted) return "diluted";
  return /\bper\b/.test(t) ? "both" : null;
};

const NET_INCOME = /^(net\s+(income|earnings|loss|profit)|profit|net\s+income\s*\/?\s*\(?loss\)?|net\s+\(?loss\)?\s*\/?\s*income|net\s+(income|earnings)\s*\(loss\))\b/;

const OPERATIONS_KEYS: Rule[] = [
  {
    concept: "Revenues",
    test: (l, _s, row) => row.kind === "amount" && (/^(total\s+)?(net\s+)?(revenues?|sales|operating\s+revenues?|sales\s+and\s+(other\s+operating\s+)?revenues?|revenues?\s+and\s+other\s+income|sales\s+and\s+revenues)\b/.test(l) || /^total\s+(net\s+)?(operating\s+)?(revenues?|sales)/.test(l)) && !/^cost|deferred|per\s+share|unearned/.test(l),
    rank: (l, _s, _row, i) => (/^total\b/.test(l) ? 100 : 0) + (/net\s+of\s+interest\s+expense/.test(l) ? 20 : 0) - (/other\s+income/.test(l) ? 5 : 0) - i * 0.01,
  },
  {
    concept: "OperatingIncomeLoss",
    test: (l, _s, row) => row.kind === "amount" && /^(total\s+)?(operating\s+(income|loss|profit|earnings)|(income|loss|profit|earnings)\s*(\(loss\)\s*)?from\s+operations|operating\s+income\s*\(loss\)|\(loss\)\s*income\s+from\s+operations)/.test(l),
    rank: (_l, _s, _row, i) => -i * 0.01,
  },
  {
    concept: "NetIncomeLoss",
    test: (l, _s, row) => row.kind === "amount" && NET_INCOME.test(l) && !/\b(per|excluding|before|from\s+continuing|comprehensive|noncontrolling|non-controlling|minority)\b/.test(l.replace(/attributable\s+to\s+(non-?controlling|minority)[^,]*/, "NCI")) && !/\bNCI\b/.test(l),
    // The bottom line EPS is based on: attributable to the parent beats the consolidated figure, and of
    // several plain "net income" rows the last one before the per-share rows (the earlier ones are subtotals).
    rank: (l, _s, row, i) =>
      (/attributable\s+to/.test(l) && !/non-?controlling|minority/.test(l) ? 50 : 0) + (/\bcommon\s+(stock|share)holders\b/.test(l) ? 10 : 0) -
      (/consolidated|including\s+non/.test(l) ? 30 : 0) + (row.isTotal ? 0 : 0) + i * 0.01,
  },
];

const BALANCE_KEYS: Rule[] = [
  {
    concept: "CashAndCashEquivalentsAtCarryingValue",
    test: (l, _s, row) => row.kind === "amount" && /^(total\s+)?cash\b/.test(l) && !/restricted\s+cash$|segregated/.test(l),
    // The first cash line, unless the cash lines are components of a "Total cash and cash equivalents" row.
    rank: (l, _s, _row, i) => (/^total\s+cash/.test(l) ? 100 : 0) - i,
  },
  { concept: "Assets", test: (l) => /^total\s+assets\b/.test(l), rank: (_l, _s, _r, i) => -i * 0.01 },
  { concept: "Liabilities", test: (l) => /^total\s+liabilities$/.test(l) || /^total\s+liabilities\s*\(?note/.test(l), rank: (_l, _s, _r, i) => -i * 0.01 },
  {
    concept: "LiabilitiesAndStockholdersEquity",
    test: (l) => /^total\s+liabilities\b.*\b(equity|deficit|capital|deficiency|net\s+assets)\b/.test(l) || /^total\s+liabilities\s*(and|&)/.test(l),
    rank: (_l, _s, _r, i) => i * 0.01,
  },
  {
    concept: "StockholdersEquity",
    test: (l) =>
      /^(total\s+)?((stock|share)holders'?|partners'?|members'?|owners'?|common\s+(stock|share)holders'?)?\s*(equity|deficit|capital|deficiency)(\s*\(deficit\))?\b/.test(l) &&
      !/^total\s+liabilities/.test(l) && !/\b(other|additional|paid|treasury|accumulated|retained|noncontrolling|non-controlling|per\s+share|preferred)\b/.test(l) &&
      /(equity|deficit|capital|deficiency)\s*(\(deficit\))?\s*$|attributable/.test(l),
    // The equity total that closes the balance sheet: "Total equity" (with noncontrolling interests) beats the parent's subtotal.
    rank: (l, _s, _r, i) => (/^total\b/.test(l) ? 10 : 0) + (/^total\s+(equity|capital|deficit)\b/.test(l) ? 5 : 0) + i * 0.01,
  },
];

/** Concepts for rows that are not keys: tagged wherever the wording is unambiguous (first match wins). */
const OTHER_RULES: { concept: string; re: RegExp; statement: StatementKind | "any" }[] = [
  { concept: "CostOfRevenue", re: /^(total\s+)?cost\s+of\s+(sales|revenues?|goods\s+sold|products|services)\b/, statement: "operations" },
  { concept: "GrossProfit", re: /^gross\s+(profit|margin)\b/, statement: "operations" },
  // Expense lines are the whole label ("Research and development (1)", "... expenses"): "Research and development
  // support" is a revenue line.
  { concept: "ResearchAndDevelopmentExpense", re: /^research\s+and\s+development(\s+(costs?|expenses?))?$/, statement: "operations" },
  { concept: "SellingGeneralAndAdministrativeExpense", re: /^(selling,?\s+general,?\s+and\s+administrative|sales,?\s+general,?\s+and\s+administrative)(\s+(costs?|expenses?))?$/, statement: "operations" },
  { concept: "GeneralAndAdministrativeExpense", re: /^general\s+and\s+administrative(\s+(costs?|expenses?))?$/, statement: "operations" },
  { concept: "OperatingExpenses", re: /^total\s+operating\s+(expenses|costs)\b/, statement: "operations" },
  { concept: "CostsAndExpenses", re: /^total\s+(costs\s+and\s+expenses|expenses|costs,?\s+expenses)\b/, statement: "operations" },
  { concept: "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest", re: /^(income|loss|earnings|profit)\s*(\(loss\)\s*)?(\(income\)\s*)?before\s+(provision\s+for\s+)?(income\s+)?taxes?\b|^(pretax|pre-tax)\s+(income|earnings)/, statement: "operations" },
  { concept: "IncomeTaxExpenseBenefit", re: /^(provision\s+for|benefit\s+from|\(?provision\)?\s*benefit\s+for)?\s*income\s+tax(es)?\b|^income\s+tax\s+(expense|provision|benefit)|^provision\s+for\s+(income\s+)?taxes/, statement: "operations" },
  { concept: "InterestExpense", re: /^interest\s+expense\b/, statement: "operations" },
  { concept: "NetIncomeLossAttributableToNoncontrollingInterest", re: /attributable\s+to\s+(non-?controlling|minority)\s+interests?/, statement: "operations" },
  { concept: "AssetsCurrent", re: /^total\s+current\s+assets\b/, statement: "balanceSheet" },
  { concept: "LiabilitiesCurrent", re: /^(total\s+)?current\s+liabilities$|^total\s+current\s+liabilities\b/, statement: "balanceSheet" },
  { concept: "AccountsReceivableNetCurrent", re: /^(trade\s+)?accounts\s+receivable\b/, statement: "balanceSheet" },
  { concept: "InventoryNet", re: /^(merchandise\s+)?inventor(y|ies)\b/, statement: "balanceSheet" },
  { concept: "PropertyPlantAndEquipmentNet", re: /^(total\s+)?property(,\s+plant)?\s+and\s+equipment,?\s+net\b|^net\s+property\b/, statement: "balanceSheet" },
  { concept: "Goodwill", re: /^goodwill$/, statement: "balanceSheet" },
  { concept: "AccountsPayableCurrent", re: /^(trade\s+)?accounts\s+payable\b/, statement: "balanceSheet" },
  { concept: "RetainedEarningsAccumulatedDeficit", re: /^(retained\s+earnings|accumulated\s+deficit|\(?accumulated\s+deficit\)?\s*retained|reinvested\s+earnings)/, statement: "balanceSheet" },
  { concept: "MarketableSecuritiesCurrent", re: /^(short-term\s+investments|marketable\s+securities)\b/, statement: "balanceSheet" },
];

interface OtherRule {
  concept: string;
  re: RegExp;
  /** An expense or cost concept: never given to a line under a revenue heading. */
  expense: boolean;
}
/** OTHER_RULES that apply to each statement kind, in order, made once. */
const OTHER_RULES_FOR = new Map<StatementKind, OtherRule[]>(
  (["operations", "balanceSheet", "cashFlows"] as StatementKind[]).map((kind) => [
    kind,
    OTHER_RULES.filter((r) => r.statement === "any" || r.statement === kind).map((r) => ({ concept: r.concept, re: r.re, expense: /Expense|Cost/.test(r.concept) })),
  ]),
);

/** A heading over revenue lines ("Revenues:", "Net sales"), not one over their costs ("Cost of revenues:"). */
const REVENUE_HEADING = /revenue|sales/i;
const COST_HEADING = /\b(costs?|expenses?)\b/i;

/** The first other rule whose wording the label has, skipping expense rules under a revenue heading. */
function otherRule(rules: OtherRule[], l: string, section: string | null): OtherRule | undefined {
  let inRevenue: boolean | undefined; // read only when an expense rule matches
  for (const rule of rules) {
    if (!rule.re.test(l)) continue;
    if (rule.expense && (inRevenue ??= REVENUE_HEADING.test(section ?? "") && !COST_HEADING.test(section ?? ""))) continue;
    return rule;
  }
  return undefined;
}

function bestRow(rows: Row[], words: RowWords[], rule: Rule, taken: Set<number>): number {
  let best = -1;
  let bestRank = -Infinity;
  rows.forEach((row, i) => {
    if (taken.has(i) || row.concept) return;
    const { l, s } = words[i];
    if (!rule.test(l, s, row)) return;
    const r = rule.rank ? rule.rank(l, s, row, i) : -i;
    if (r > bestRank) {
      bestRank = r;
      best = i;
    }
  });
  return best;
}

/** Tags rows in place; `words` are the rows' rowWords when the caller has them already. */
export function tagConcepts(kind: StatementKind, rows: Row[], words: RowWords[] = rows.map((r) => rowWords(r.label, r.section))): void {
  const taken = new Set<number>();
  const keyRules = kind === "operations" ? OPERATIONS_KEYS : kind === "balanceSheet" ? BALANCE_KEYS : [];
  for (const rule of keyRules) {
    const i = bestRow(rows, words, rule, taken);
    if (i >= 0) {
      rows[i].concept = rule.concept;
      taken.add(i);
    }
  }
  if (kind === "balanceSheet") tagBareTotals(rows, words);
  if (kind === "operations" && !rows.some((r) => r.concept === "NetIncomeLoss")) tagBottomLine(rows, words);
  if (kind === "balanceSheet") {
    const cash = rows.find((r) => r.concept === "CashAndCashEquivalentsAtCarryingValue");
    if (cash && /\b(investments|marketable|securities)\b/i.test(cash.label)) cash.concept = "CashCashEquivalentsAndShortTermInvestments";
  }
  if (kind === "operations") tagPerShare(rows, words);
  const used = new Set(rows.map((r) => r.concept));
  const otherRules = OTHER_RULES_FOR.get(kind) ?? [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.concept || row.kind !== "amount") continue;
    const rule = otherRule(otherRules, words[i].l, row.section);
    if (rule && !used.has(rule.concept)) {
      row.concept = rule.concept;
      used.add(rule.concept);
    }
  }
  // A loss printed without parentheses under a loss label: keep the printed value, flag the sign.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row.concept || !/IncomeLoss|Taxes/.test(row.concept)) continue;
    const l = words[i].l;
    const printed = row.values.filter((v): v is string => v !== null && v !== "0");
    if (isLossOnly(l) && printed.length > 0 && printed.every((v) => !v.startsWith("-"))) row.negateForConcept = true;
  }
}

/**
 * Balance sheets that label their totals just "TOTAL": the first one closes the assets, the last one (after the
 * liabilities and equity rows) closes the sheet. Only when no worded total already took the concept.
 */
function tagBareTotals(rows: Row[], words: RowWords[]): void {
  const bare = rows.map((r, i) => ({ r, i })).filter(({ r, i }) => !r.concept && words[i].l === "total");
  if (bare.length === 0) return;
  if (!rows.some((r) => r.concept === "Assets")) bare[0].r.concept = "Assets";
  const last = bare[bare.length - 1];
  if (bare.length > 1 && !last.r.concept && !rows.some((r) => r.concept === "LiabilitiesAndStockholdersEquity")) last.r.concept = "LiabilitiesAndStockholdersEquity";
}

/**
 * A statement whose bottom line has no "net income/loss" wording ("(Loss) income and comprehensive (loss) income"):
 * the last income-or-loss amount row before the per-share rows.
 */
function tagBottomLine(rows: Row[], words: RowWords[]): void {
  const firstPerShare = rows.findIndex((r) => r.kind === "perShare");
  const end = firstPerShare < 0 ? rows.length : firstPerShare;
  for (let i = end - 1; i >= 0; i--) {
    const r = rows[i];
    const l = words[i].l;
    if (r.kind !== "amount" || r.concept) continue;
    if (/\b(income|loss|earnings|profit)\b/.test(l) && !/\b(before|tax|taxes|other|operations|operating|per|attributable\s+to\s+non)/.test(l)) r.concept = "NetIncomeLoss";
    break;
  }
}

function tagPerShare(rows: Row[], words: RowWords[]): void {
  // The bottom-line figure: "before cumulative effect" / "from continuing operations" rows give way to the plain one.
  const PARTIAL = /before|continuing|discontinued|cumulative|extraordinary|accounting\s+change/i;
  const firstOf = (pred: (r: Row, i: number) => boolean): Row | undefined => {
    const all = rows.filter((r, i) => !r.concept && pred(r, i));
    return all.find((r) => !PARTIAL.test(r.label)) ?? all[0];
  };
  // Six searches below ask for the basis of the same rows: each row's is read once.
  const bases = new Array<"basic" | "diluted" | "both" | null | undefined>(rows.length);
  const basis = (i: number): "basic" | "diluted" | "both" | null => {
    let b = bases[i];
    if (b === undefined) bases[i] = b = perShareBasis(words[i].l, words[i].s);
    return b;
  };
  // EPS: the first basic, the first diluted (a combined row serves both).
  const both = firstOf((r, i) => r.kind === "perShare" && basis(i) === "both" && !/dividend/i.test(r.label));
  const basic = firstOf((r, i) => r.kind === "perShare" && basis(i) === "basic" && !/dividend/i.test(r.label));
  const diluted = firstOf((r, i) => r.kind === "perShare" && basis(i) === "diluted" && !/dividend/i.test(r.label));
  const idx = (r: Row | undefined): number => (r ? rows.indexOf(r) : Infinity);
  // A per-share row that names no basis, followed by a diluted one, is the basic figure.
  const unnamedBasic = both && !/\bbasic\b|\bdiluted\b/i.test(`${both.label}`) && diluted && idx(diluted) > idx(both) && !basic;
  if (unnamedBasic && both) {
    both.concept = "EarningsPerShareBasic";
    if (diluted) diluted.concept = "EarningsPerShareDiluted";
  } else if (both && idx(both) < Math.min(idx(basic), idx(diluted))) both.concept = "EarningsPerShareBasicAndDiluted";
  else {
    if (basic) basic.concept = "EarningsPerShareBasic";
    if (diluted) diluted.concept = "EarningsPerShareDiluted";
    if (!basic && !diluted && both) both.concept = "EarningsPerShareBasicAndDiluted";
  }
  const sBoth = firstOf((r, i) => r.kind === "shares" && basis(i) === "both");
  const sBasic = firstOf((r, i) => r.kind === "shares" && basis(i) === "basic");
  const sDiluted = firstOf((r, i) => r.kind === "shares" && basis(i) === "diluted");
  if (sBoth && idx(sBoth) < Math.min(idx(sBasic), idx(sDiluted))) sBoth.concept = "WeightedAverageNumberOfShareOutstandingBasicAndDiluted";
  else {
    if (sBasic) sBasic.concept = "WeightedAverageNumberOfSharesOutstandingBasic";
    if (sDiluted) sDiluted.concept = "WeightedAverageNumberOfDilutedSharesOutstanding";
    if (!sBasic && !sDiluted && sBoth) sBoth.concept = "WeightedAverageNumberOfShareOutstandingBasicAndDiluted";
    else if (!sBasic && !sDiluted) {
      const any = firstOf((r) => r.kind === "shares");
      if (any) any.concept = "WeightedAverageNumberOfShareOutstandingBasicAndDiluted";
    }
  }
}

/** Totals: labelled "Total ...", or key subtotals, or an unlabelled row of sums. */
function isTotalLabel(l: string): boolean {
  if (/\bper\s+(common\s+|ordinary\s+)?(share|unit)\b/.test(l)) return false; // "Net loss per share" is a ratio, not a total
  return l === "" || /^(total|net\s+(income|loss|earnings|revenues?|sales)|gross\s+(profit|margin)|(operating\s+)?(income|loss)\s+(from|before)|operating\s+(income|loss))\b/.test(l);
}
