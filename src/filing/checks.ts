// Arithmetic checks over parsed statements: totals against their components, the balance sheet balancing,
// EPS against net income ÷ shares, and the prose against the tables. A check is only emitted when the
// structure it tests is unambiguous; a doubtful structure gives no check rather than a false alarm.
// Pure: no I/O, never throws.
import Decimal from "decimal.js";
import { factRounding } from "./facts";
import { halfTenPow, scaleMultiplier } from "./scale";
import type { Check, Fact, Row, Scale, Statement, StatementKind, Statements } from "./types";

type Values = (Decimal | null)[];

/** One row still open on the stack: not yet absorbed into a total. */
interface Open {
  row: Row;
  /** Values as printed, as Decimals: made on first use (see valuesOf), shared by the row's open entries. */
  lazy: { values?: Values };
  /** For a total that failed its check: the components' sum in the failed columns. Later checks try it when the
   *  printed total does not fit, so a wrong printed total fails once instead of in every line below it, while a
   *  wrong component (printed total right) still shows only in the total's own check. */
  alt?: Values;
  isSum: boolean;
  /** The same values as exact scaled integers, for the fast path of evaluate (see Exact). */
  exact: ExactValues;
  altExact?: ExactValues;
  /** Per column, the decimals printed (decimalsOf of the value), read once per row rather than per candidate. */
  decimals: number[];
  /** isDerivedRow(row), tested once per row rather than at every total below it. */
  derived: boolean;
}

/**
 * A value as an exact scaled integer: m × 10^-e, |m| a safe integer ("-1163.8" → m -11638, e 1). null: blank;
 * undefined: not representable so (a long or odd number), which sends evaluate to the Decimal path.
 */
interface Exact { m: number; e: number }
type ExactValues = (Exact | null | undefined)[];

/** Mantissas stay far below 2^53; evaluateExact keeps every sum it makes within this bound, so each stays an exact integer. */
const EXACT_LIMIT = 2 ** 50;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * A plain number, -?\d+(\.\d+)? of at most 16 characters without its point, read in one pass (this runs on every
 * value); any other text is left to Decimal.
 */
function exactOf(v: string | null | undefined): Exact | null | undefined {
  if (v === null || v === undefined || v === "") return null;
  const start = v.charCodeAt(0) === 45 ? 1 : 0; // "-"
  let digits = 0;
  let dot = -1;
  for (let i = start; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch >= 48 && ch <= 57) digits = digits * 10 + (ch - 48);
    else if (ch === 46 && dot < 0) dot = i;
    else return toDecimal(v) === null ? null : undefined;
  }
  // Digits on both sides of the point.
  if (v.length === start || dot === start || dot === v.length - 1) return toDecimal(v) === null ? null : undefined;
  if (v.length - (dot < 0 ? 0 : 1) > 16) return undefined;
  // Accumulating digit by digit is exact below 2^53, so every mantissa kept (|m| <= EXACT_LIMIT) is the number
  // printed; a longer one may round, but then stays above EXACT_LIMIT and is refused below.
  const m = start === 1 ? -digits : digits;
  const e = dot < 0 ? 0 : v.length - dot - 1;
  return Number.isSafeInteger(m) && Math.abs(m) <= EXACT_LIMIT ? { m, e } : undefined;
}

function valuesOf(o: Open): Values {
  return (o.lazy.values ??= o.row.values.map(toDecimal));
}

/** The row being read, as an open row with the given role (its exact values made once). */
function withRole(current: Open, isSum: boolean, alt?: Values): Open {
  const open: Open = { row: current.row, lazy: current.lazy, alt, isSum, exact: current.exact, decimals: current.decimals, derived: current.derived };
  if (alt) open.altExact = alt.map((d) => (d ? exactOf(d.toFixed()) : null));
  return open;
}

const SUM_CONCEPTS = new Set(["AssetsCurrent", "Assets", "LiabilitiesCurrent", "Liabilities", "LiabilitiesAndStockholdersEquity", "OperatingExpenses", "CostsAndExpenses"]);
const DERIVED_CONCEPTS = new Set([
  "GrossProfit", "OperatingIncomeLoss", "NetIncomeLoss",
  "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest",
  "IncomeLossFromContinuingOperationsBeforeIncomeTaxes",
]);
// Result lines computed from the lines above them, by label when no concept was tagged.
const DERIVED_LABEL = /^(?:gross\s+(?:profit|margin)|(?:operating\s+)?(?:income|loss|profit|earnings)(?:\s*\((?:loss|income)\))?\s+from\s+operations|operating\s+(?:income|loss|profit)(?:\s*\((?:loss|income)\))?|(?:income|loss|earnings|profit)(?:\s*\((?:loss|income)\))?\s+before\b|net\s+(?:income|loss|earnings|profit)(?:\s*\((?:loss|income)\))?$)/i;

function toDecimal(v: string | null | undefined): Decimal | null {
  if (v === null || v === undefined || v === "") return null;
  try {
    const d = new Decimal(v);
    return d.isFinite() ? d : null;
  } catch {
    return null;
  }
}

const decimalsOf = (v: string | null): number => {
  if (!v) return 0;
  const i = v.indexOf(".");
  return i < 0 ? 0 : v.length - i - 1;
};

/** Half a unit of the last digit printed among a statement's amounts: 0.5 for whole numbers, 0.05 for "1,163.8". */
function halfUnitOf(rows: Row[]): Decimal {
  let dp = 0;
  for (const r of rows) for (const v of r.values) dp = Math.max(dp, decimalsOf(v));
  return halfTenPow(-dp);
}

const fmt = (d: Decimal): string => d.toFixed();

function columnLabel(stmt: Statement, col: number): string {
  return stmt.columns[col]?.label || `column ${col + 1}`;
}

function rowName(row: Row): string {
  return row.label.trim() || "the unlabelled subtotal";
}

function describeRun(items: Open[]): string {
  if (items.length === 1) return rowName(items[0].row);
  if (items.length === 2) return `${rowName(items[0].row)} and ${rowName(items[1].row)}`;
  return `${rowName(items[0].row)} … ${rowName(items[items.length - 1].row)}`;
}

// ---------------------------------------------------------------------------------------------
// a. Totals and chained subtotals.

interface Candidate {
  k: number;
  /** +1/-1 per component, in stack order. */
  signs: number[];
  /** Decimal path: the components' sum per column (null where not compared). */
  computed?: Values;
  /** Exact path: the components' sum per column (null where not compared), as scaled integers. */
  sums?: (ExactSum | null)[];
  matched: number;
  compared: number;
}

/** One compared column of an exact candidate: everything its check prints, without Decimal arithmetic. */
interface ExactSum {
  /** The components' sum × 10^scale: the printed values' sum, or the sum with failed totals' alternatives when only
   *  that one passes. */
  sum: number;
  scale: number;
  /** Decimals of the tolerance's half unit: the most printed in the column among the total and its components. */
  dp: number;
  passed: boolean;
}

/**
 * m × 10^-e (m an integer below 10^21) printed as Decimal's toFixed() prints that value: no exponent, no trailing
 * fractional zeros, and "0" for zero (never "-0").
 */
function formatScaled(m: number, e: number): string {
  const digits = String(Math.abs(m));
  const sign = m < 0 ? "-" : "";
  if (e === 0) return sign + digits;
  const padded = digits.padStart(e + 1, "0");
  const point = padded.length - e;
  let end = padded.length;
  while (end > point && padded.charCodeAt(end - 1) === 48) end--;
  return sign + padded.slice(0, point) + (end > point ? "." + padded.slice(point, end) : "");
}

/** The components' sum in one column, as evaluate's Decimal path computes it. */
function componentSum(items: Open[], signs: number[], c: number, useAlt: boolean): Decimal | null {
  let sum = new Decimal(0);
  let any = false;
  for (let i = 0; i < items.length; i++) {
    const v = (useAlt ? items[i].alt?.[c] : null) ?? valuesOf(items[i])[c];
    if (v !== null) { sum = sum.plus(v.times(signs[i])); any = true; }
  }
  return any ? sum : null;
}

/** Half a unit of the last digit printed in one column of a check: the reported value and its components. */
function halfUnitIn(items: Open[], row: Row, c: number): Decimal {
  let dp = decimalsOf(row.values[c] ?? null);
  for (const it of items) dp = Math.max(dp, decimalsOf(it.row.values[c] ?? null));
  return halfTenPow(-dp);
}

/**
 * Scores a grouping: in how many columns the components, signed, give the printed value within rounding.
 * Exact either way: on scaled integers when every value fits (see Exact), else with Decimal.
 * fullOnly: the caller takes the grouping only if it matches in every compared column, so scoring may stop at the
 * first column that does not match (the counts are then partial, and still say "not a full match"). A mismatch on
 * the exact path is one on the Decimal path too, so stopping early there never hides a full match.
 */
function evaluate(items: Open[], signs: number[], current: Open, fullOnly = false): Candidate {
  return evaluateExact(items, signs, current, fullOnly) ?? evaluateDecimal(items, signs, valuesOf(current), current.row);
}

/**
 * evaluate on scaled integers: each column is scaled by 10^D (D the most decimals among the values it adds), the
 * tolerance k × ½ × 10^-dp becomes k × 10^(D-dp) / 2, and |sum − reported| ≤ tolerance is tested as
 * 2 × |S − R| ≤ k × 10^(D-dp), all in integers far below 2^53. Returns null when a value does not fit.
 */
function evaluateExact(items: Open[], signs: number[], current: Open, fullOnly: boolean): Candidate | null {
  const n = current.exact.length;
  const sums = new Array<ExactSum | null>(n).fill(null);
  let matched = 0;
  let compared = 0;
  const k = items.length;
  for (let c = 0; c < n; c++) {
    const rep = current.exact[c];
    if (rep === null) continue;
    if (rep === undefined) return null;
    let dp = current.decimals[c];
    let hasAlt = false;
    let D = rep.e;
    for (let i = 0; i < k; i++) {
      const it = items[i];
      const x = it.exact[c];
      if (x === undefined) return null;
      dp = Math.max(dp, it.decimals[c]);
      if (x) D = Math.max(D, x.e);
      if (it.alt?.[c]) {
        const a = it.altExact?.[c];
        if (!a) return null;
        hasAlt = true;
        D = Math.max(D, a.e);
      }
    }
    D = Math.max(D, dp);
    if (D >= POW10.length) return null;
    const repS = rep.m * POW10[D - rep.e];
    let bound = Math.abs(repS);
    let sum = 0;
    let any = false;
    for (let i = 0; i < k; i++) {
      const x = items[i].exact[c];
      if (x) {
        const v = x.m * POW10[D - x.e];
        bound += Math.abs(v);
        sum += signs[i] * v;
        any = true;
      }
    }
    if (!any) continue;
    const tol2 = k * POW10[D - dp];
    if (bound > EXACT_LIMIT || tol2 > EXACT_LIMIT) return null;
    let ok = 2 * Math.abs(sum - repS) <= tol2;
    if (!ok && hasAlt) {
      let altSum = 0;
      for (let i = 0; i < k; i++) {
        const it = items[i];
        const x = it.alt?.[c] ? it.altExact?.[c] : it.exact[c];
        if (x) {
          const v = x.m * POW10[D - x.e];
          bound += Math.abs(v);
          altSum += signs[i] * v;
        }
      }
      if (bound > EXACT_LIMIT) return null;
      if (2 * Math.abs(altSum - repS) <= tol2) { ok = true; sum = altSum; }
    }
    sums[c] = { sum, scale: D, dp, passed: ok };
    compared++;
    if (ok) matched++;
    else if (fullOnly) break;
  }
  return { k, signs, sums, matched, compared };
}

function evaluateDecimal(items: Open[], signs: number[], reported: Values, row: Row): Candidate {
  const computed: Values = reported.map(() => null);
  let matched = 0;
  let compared = 0;
  for (let c = 0; c < reported.length; c++) {
    const rep = reported[c];
    if (rep === null) continue;
    const total = (useAlt: boolean): Decimal | null => componentSum(items, signs, c, useAlt);
    const tolerance = halfUnitIn(items, row, c).times(items.length);
    let sum = total(false);
    if (sum === null) continue;
    if (sum.minus(rep).abs().gt(tolerance) && items.some((it) => it.alt?.[c])) {
      const alt = total(true);
      if (alt !== null && alt.minus(rep).abs().lte(tolerance)) sum = alt;
    }
    computed[c] = sum;
    compared++;
    if (sum.minus(rep).abs().lte(tolerance)) matched++;
  }
  return { k: items.length, signs, computed, matched, compared };
}

/** Emits one check per column; returns the components' sums in the columns that failed (see Open.alt). */
function emitColumnChecks(out: Check[], stmt: Statement, current: Open, cand: Candidate, items: Open[], what: string): Values | undefined {
  const row = current.row;
  const n = current.exact.length;
  const used: Values = new Array<Decimal | null>(n).fill(null);
  let anyFailed = false;
  const emit = (c: number, reported: string, computed: string, tolerance: string, passed: boolean): void => {
    out.push({
      kind: "total", statement: stmt.kind, column: c,
      description: `${rowName(row)} should equal ${what} (${columnLabel(stmt, c)})`,
      reported, computed, tolerance, passed, line: row.line,
    });
  };
  for (let c = 0; c < n; c++) {
    if (cand.sums) {
      // Exact path: the strings come from the scaled integers (the same values Decimal would print); a Decimal is
      // made only for a failed column, whose sum later totals may fall back on.
      const s = cand.sums[c];
      const rep = current.exact[c];
      if (!s || !rep) continue;
      // A failed column's sum is the printed values' sum (the alternatives' sum is kept only when it passes).
      if (!s.passed) { used[c] = componentSum(items, cand.signs, c, false); anyFailed = true; }
      // The tolerance k × ½ × 10^-dp is 5k × 10^-(dp+1).
      emit(c, formatScaled(rep.m, rep.e), formatScaled(s.sum, s.scale), formatScaled(5 * items.length, s.dp + 1), s.passed);
      continue;
    }
    const rep = valuesOf(current)[c];
    const comp = cand.computed ? cand.computed[c] : null;
    if (rep === null || comp === null) continue;
    const tolerance = halfUnitIn(items, row, c).times(items.length);
    const passed = comp.minus(rep).abs().lte(tolerance);
    if (!passed) { used[c] = comp; anyFailed = true; }
    emit(c, fmt(rep), fmt(comp), fmt(tolerance), passed);
  }
  return anyFailed ? used : undefined;
}

function isSumRow(row: Row): boolean {
  if (row.concept === "NetIncomeLoss") return false;
  return row.isTotal || row.label.trim() === "" || (row.concept !== null && SUM_CONCEPTS.has(row.concept));
}

function isDerivedRow(row: Row): boolean {
  return (row.concept !== null && DERIVED_CONCEPTS.has(row.concept)) || DERIVED_LABEL.test(row.label.trim());
}

/** The plain rows since the previous total or result line, within the total's section: how many, from the top of the stack. */
function naturalRun(stack: Open[], row: Row): number {
  let natural = 0;
  while (natural < stack.length) {
    const o = stack[stack.length - 1 - natural];
    if (o.isSum || o.derived || !(o.row.section === null || row.section === null || o.row.section === row.section)) break;
    natural++;
  }
  return natural;
}

/** The last k open rows, all added, scored against the current row (fullOnly: see evaluate). */
function sumOfLast(stack: Open[], k: number, current: Open, fullOnly: boolean): Candidate {
  return evaluate(stack.slice(stack.length - k), allAdded(k), current, fullOnly);
}

/**
 * Totals. Rows are read top to bottom with a stack of rows not yet absorbed by a total.
 * - A total ("Total …", an unlabelled subtotal, or a total concept) is compared with the rows it closes. The natural
 *   grouping is the run of plain rows since the previous total or result line; if that does not add up in every
 *   column, the smallest run of open rows (totals included) that does is taken instead ("Total assets" = "Total
 *   current assets" + the rows after it). If nothing adds up in every column, the natural grouping is reported
 *   only when it adds up in at least one column (the structure is then confirmed and the other columns are wrong);
 *   otherwise no check is emitted.
 * - A result line (gross profit, operating income, income before taxes, net income) is compared with the last k
 *   open rows, added ("loss from operations + other income") or as the first minus the rest ("revenues − expenses",
 *   "income before taxes − tax"): expenses printed positive are subtracted. See bestDerivation for the choice.
 * - A total that fails keeps its printed value for later checks, with its components' sum as a fallback (Open.alt).
 * Tolerance: each component is rounded to half a unit of the last printed digit, so n components may be off by
 * n × half a unit (1 for two whole-number rows, 0.1 for two rows printed to one decimal).
 */
function totalChecks(stmt: Statement, out: Check[]): void {
  const stack: Open[] = [];
  for (const row of stmt.rows) {
    if (row.kind !== "amount") continue;
    const exact = row.values.map(exactOf);
    // exactOf gives null exactly where toDecimal does.
    let values = 0;
    for (const x of exact) if (x !== null) values++;
    if (values === 0) continue;
    const current: Open = { row, lazy: {}, isSum: false, exact, decimals: row.values.map(decimalsOf), derived: isDerivedRow(row) };
    // A result line ("Loss from operations") is derived even when the parser marks it as a total.
    if (current.derived && stack.length >= 2) {
      const best = bestDerivation(stack, current);
      if (best) {
        const items = stack.splice(stack.length - best.k, best.k);
        const parts = items.map((it, i) => (i === 0 ? `${best.signs[0] < 0 ? "− " : ""}${rowName(it.row)}` : `${best.signs[i] < 0 ? "−" : "+"} ${rowName(it.row)}`)).join(" ");
        const alt = emitColumnChecks(out, stmt, current, best, items, parts);
        stack.push(withRole(current, false, alt));
        continue;
      }
    }
    if (isSumRow(row)) {
      const natural = naturalRun(stack, row);
      // evaluate is pure and the stack does not change here: the natural grouping is scored once and reused.
      const naturalCand = natural >= 1 ? sumOfLast(stack, natural, current, false) : null;
      let chosen: Candidate | null = null;
      if (naturalCand && naturalCand.compared > 0 && naturalCand.matched === naturalCand.compared) chosen = naturalCand;
      for (let k = 1; !chosen && k <= Math.min(stack.length, 40); k++) {
        const c = k === natural && naturalCand ? naturalCand : sumOfLast(stack, k, current, true);
        if (c.compared > 0 && c.matched === c.compared) chosen = c;
      }
      if (!chosen && natural >= 2 && naturalCand && naturalCand.matched >= 1) chosen = naturalCand;
      if (!chosen) {
        // Nothing clear: absorb the natural run so later totals are not thrown off, and say nothing.
        stack.splice(stack.length - natural, natural);
        stack.push(withRole(current, true));
        continue;
      }
      const items = stack.splice(stack.length - chosen.k, chosen.k);
      // A one-row "total" (a subtotal that restates one line) proves nothing worth reporting.
      const alt = chosen.k >= 2 ? emitColumnChecks(out, stmt, current, chosen, items, `the sum of the ${chosen.k} rows above it (${describeRun(items)})`) : undefined;
      stack.push(withRole(current, true, alt));
      continue;
    }
    // "Property, net" = gross − accumulated depreciation: absorb a netting line when it is clear in every column.
    if (values >= 2 && stack.length >= 2 && /\bnet\b/i.test(row.label)) {
      const items = stack.slice(stack.length - 2);
      const cands = [evaluate(items, [1, -1], current, true), evaluate(items, [1, 1], current, true)];
      const hit = cands.find((c) => c.compared >= 2 && c.matched === c.compared);
      if (hit) {
        stack.splice(stack.length - 2, 2);
        stack.push(withRole(current, false));
        continue;
      }
    }
    stack.push(withRole(current, false));
  }
}

/** Sign patterns are only read, never changed: each is made once per k and shared by every candidate. */
const ALL_ADDED: number[][] = [];
const SIGN_PATTERNS: number[][][] = [];

/** k rows all added (+1 each). */
function allAdded(k: number): number[] {
  return (ALL_ADDED[k] ??= new Array<number>(k).fill(1));
}

/** signPatternsFor(k), made once per k. */
function signPatterns(k: number): number[][] {
  return (SIGN_PATTERNS[k] ??= signPatternsFor(k));
}

/**
 * Every sign pattern over k rows, simplest first: all added, first minus the rest, the rest minus the first
 * (a loss printed positive: expenses − revenue), then the others.
 */
function signPatternsFor(k: number): number[][] {
  const simple = [new Array<number>(k).fill(1), [1, ...new Array<number>(k - 1).fill(-1)], [-1, ...new Array<number>(k - 1).fill(1)]];
  if (k > 4) return simple;
  const all: number[][] = [];
  for (let mask = 0; mask < 1 << k; mask++) all.push(Array.from({ length: k }, (_, i) => ((mask >> (k - 1 - i)) & 1 ? -1 : 1)));
  const key = (p: number[]): string => p.join(",");
  const seen = new Set(simple.map(key));
  return [...simple, ...all.filter((p) => !seen.has(key(p)))];
}

/**
 * The grouping a result line is computed from: the fewest open rows, under the simplest sign pattern, that give
 * the printed value in every column. Unusual sign patterns (revenue subtracted from expenses when a loss is printed
 * positive; other income added after expenses are subtracted) are accepted only on a full match and only over up to
 * four rows. When nothing matches fully, the simple grouping that matches the most columns (at least half) is used,
 * so a wrong printed number fails in its own column.
 */
function bestDerivation(stack: Open[], current: Open): Candidate | null {
  let partial: Candidate | null = null;
  for (let k = 2; k <= Math.min(stack.length, 8); k++) {
    const items = stack.slice(stack.length - k);
    const patterns = signPatterns(k);
    for (let p = 0; p < patterns.length; p++) {
      // Only the two simple patterns can be kept as a partial match; the others count only when they match fully.
      const c = evaluate(items, patterns[p], current, p >= 2);
      if (c.compared === 0) continue;
      if (c.matched === c.compared) return c;
      if (p < 2 && (!partial || c.matched > partial.matched)) partial = c;
    }
  }
  return partial && partial.matched >= 1 && partial.matched * 2 >= partial.compared ? partial : null;
}

// ---------------------------------------------------------------------------------------------
// b. Balance sheet balances.

const TOTAL_ASSETS = /^total\s+assets\b/i;
const TOTAL_L_AND_E = /^total\s+liabilities\s*(?:,|and|&)/i;
const TOTAL_LIABILITIES = /^total\s+liabilities$/i;
const TOTAL_EQUITY = /^total\s+(?:stockholders'?|shareholders'?|partners'?|members'?|owners'?)?\s*(?:equity|deficit|capital|\(deficit\)|equity\s*\(deficit\))/i;

/** The first (or last) amount row tagged with the concept; failing that, the first (or last) whose label matches. */
function findRow(stmt: Statement, concept: string, label: RegExp, last = false): Row | null {
  // Two scans instead of three filtered copies of the rows.
  let found: Row | null = null;
  for (const r of stmt.rows) {
    if (r.kind !== "amount" || r.concept !== concept) continue;
    if (!last) return r;
    found = r;
  }
  if (found) return found;
  for (const r of stmt.rows) {
    if (r.kind !== "amount" || !label.test(r.label.trim())) continue;
    if (!last) return r;
    found = r;
  }
  return found;
}

/**
 * Assets = liabilities + equity. Assets against "Total liabilities and equity" always; "Total liabilities" +
 * equity against it only when that sum holds in at least one column (filings with mezzanine equity, such as
 * redeemable preferred stock, print a line between the two and the sum does not apply). Both sides are printed
 * totals, so the tolerance is a unit of the last digit.
 */
function balanceChecks(stmt: Statement, out: Check[]): void {
  const assets = findRow(stmt, "Assets", TOTAL_ASSETS);
  const total = findRow(stmt, "LiabilitiesAndStockholdersEquity", TOTAL_L_AND_E, true);
  if (!total) return;
  const tolerance = halfUnitOf(assets ? [assets, total] : [total]).times(2);
  if (assets) {
    stmt.columns.forEach((_, c) => {
      const a = toDecimal(assets.values[c]);
      const t = toDecimal(total.values[c]);
      if (a === null || t === null) return;
      out.push({
        kind: "balance", statement: "balanceSheet", column: c,
        description: `Total assets should equal total liabilities and equity (${columnLabel(stmt, c)})`,
        reported: fmt(a), computed: fmt(t), tolerance: fmt(tolerance), passed: a.minus(t).abs().lte(tolerance), line: assets.line,
      });
    });
  }
  const liabilities = findRow(stmt, "Liabilities", TOTAL_LIABILITIES);
  const equityRows = stmt.rows.filter((r) => r.kind === "amount" && r.line < total.line && r.line > (liabilities?.line ?? Infinity) && (r.concept === "StockholdersEquity" || TOTAL_EQUITY.test(r.label.trim())));
  const equity = equityRows.length > 0 ? equityRows[equityRows.length - 1] : null;
  if (!liabilities || !equity) return;
  // Mezzanine equity (redeemable or convertible preferred stock between liabilities and equity) breaks L + E = total.
  const between = stmt.rows.filter((r) => r.line > liabilities.line && r.line < total.line);
  if (/preferred|redeemable|temporary|mezzanine/i.test(total.label) || between.some((r) => /redeemable|temporary\s+equity|mezzanine|convertible\s+preferred/i.test(r.label))) return;
  const pairs = stmt.columns.map((_, c) => {
    const l = toDecimal(liabilities.values[c]);
    const e = toDecimal(equity.values[c]);
    const t = toDecimal(total.values[c]);
    return l === null || e === null || t === null ? null : { c, sum: l.plus(e), t };
  });
  if (!pairs.some((p) => p !== null && p.sum.minus(p.t).abs().lte(tolerance))) return;
  for (const p of pairs) {
    if (!p) continue;
    out.push({
      kind: "balance", statement: "balanceSheet", column: p.c,
      description: `${rowName(liabilities)} plus ${rowName(equity)} should equal ${rowName(total)} (${columnLabel(stmt, p.c)})`,
      reported: fmt(p.t), computed: fmt(p.sum), tolerance: fmt(tolerance), passed: p.sum.minus(p.t).abs().lte(tolerance), line: total.line,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// c. Earnings per share.

const SCALES: Scale[] = ["units", "thousands", "millions", "billions"];
/** x.times(ONE_HALF) is x.div(2): both round the exact half once to the precision, and times is the cheaper. */
const ONE_HALF = new Decimal(0.5);
/** Relative gap between net income ÷ shares and printed EPS that numerator adjustments can explain. */
const EPS_NUMERATOR_ADJUSTMENT = new Decimal(0.05);

/** "(in thousands)" / "in millions" printed in a share row's own label overrides the caption. */
function labelScale(label: string): Scale | null {
  const m = label.match(/\bin\s+(thousands|millions|billions)\b/i);
  return m ? (m[1].toLowerCase() as Scale) : null;
}

function signedNetIncome(row: Row, c: number): Decimal | null {
  const v = toDecimal(row.values[c]);
  if (v === null) return null;
  return row.negateForConcept ? v.negated() : v;
}

/**
 * EPS ≈ net income ÷ weighted shares, per column: net income in the money scale, shares in the shares scale,
 * EPS as printed. Tolerance: half a unit of the EPS's last printed digit, plus what the rounding of the printed
 * net income and share count can move the quotient (|NI| × ½ share unit ÷ shares² + ½ money unit ÷ shares).
 * Captions are loose about share counts ("except share data" over counts in thousands), so the scale stated in
 * the row label wins, then the caption's share scale, then the other scales; the check passes if one of them
 * agrees (a factor of exactly 1000 is a caption slip, not a wrong EPS). Net income attributable to the parent or
 * available to common holders is tried as well, since EPS is based on it. A gap under 5% with the right sign is
 * left unchecked: preferred dividends and two-class allocations move the numerator by that much without being
 * printed in the statement.
 */
function epsChecks(stmt: Statement, out: Check[]): void {
  const rows = stmt.rows;
  const niRows = rows.filter((r) => r.kind === "amount" && (r.concept === "NetIncomeLoss" || /^net\s+(?:income|loss|earnings|profit).*(?:attributable|available|applicable)\s+to\s+(?!non[- ]?controlling|minority)/i.test(r.label)));
  if (niRows.length === 0) return;
  const pairs: { eps: string[]; shares: string[]; name: string }[] = [
    { eps: ["EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted"], shares: ["WeightedAverageNumberOfSharesOutstandingBasic", "WeightedAverageNumberOfShareOutstandingBasicAndDiluted"], name: "basic" },
    { eps: ["EarningsPerShareDiluted"], shares: ["WeightedAverageNumberOfDilutedSharesOutstanding", "WeightedAverageNumberOfShareOutstandingBasicAndDiluted"], name: "diluted" },
  ];
  const money = scaleMultiplier(stmt.scale.money);
  const moneyHalf = halfUnitOf(niRows).times(money);
  for (const pair of pairs) {
    const epsRow = rows.find((r) => r.concept !== null && pair.eps.includes(r.concept));
    const sharesRow = rows.find((r) => r.concept !== null && pair.shares.includes(r.concept)) ??
      (epsRow?.concept === "EarningsPerShareBasicAndDiluted" || pair.name === "diluted" ? rows.find((r) => r.concept === "WeightedAverageNumberOfSharesOutstandingBasic" && /dilut/i.test(r.label)) : undefined);
    if (!epsRow || !sharesRow) continue;
    const epsHalf = halfUnitOf([epsRow]);
    const sharesHalf = halfUnitOf([sharesRow]);
    const stated = labelScale(sharesRow.label);
    const order: Scale[] = stated ? [stated] : [stmt.scale.shares, stmt.scale.money, ...SCALES].filter((s, i, a) => a.indexOf(s) === i);
    // The shares' half unit in whole shares, per scale tried: the same in every column.
    const sharesHalfUnits = order.map((s) => sharesHalf.times(scaleMultiplier(s)));
    stmt.columns.forEach((_, c) => {
      const eps = toDecimal(epsRow.values[c]);
      const shares = toDecimal(sharesRow.values[c]);
      if (eps === null || shares === null || shares.isZero()) return;
      const epsAbs = eps.abs();
      // A tolerance as large as half the EPS means the share count is not the one EPS divides by (zero EPS: no limit).
      const toleranceLimit = eps.isZero() ? null : epsAbs.times(ONE_HALF);
      // The check is built only for the attempt kept: the first one, or the first that passes.
      let first: { niRow: Row; scale: Scale; computed: Decimal; tolerance: Decimal; passed: boolean } | null = null;
      // Smallest |computed − EPS| with the right sign. Rounding a quotient is monotonic, so the least gap ÷ |EPS|
      // is the least of the gaps' quotients: one division, made only when it is needed.
      let nearestGap: Decimal | null = null;
      for (const niRow of niRows) {
        const ni = signedNetIncome(niRow, c);
        if (ni === null) continue;
        const niUnits = ni.times(money);
        const niUnitsAbs = niUnits.abs();
        for (let si = 0; si < order.length; si++) {
          const sharesUnits = shares.times(scaleMultiplier(order[si]));
          // x.times(x) is x.pow(2) for x of at most 20 digits (a product rounded to the precision, 20): both round
          // the exact square once, and pow costs several times more.
          const tolerance = epsHalf
            .plus(niUnitsAbs.times(sharesHalfUnits[si]).div(sharesUnits.times(sharesUnits)))
            .plus(moneyHalf.div(sharesUnits.abs()));
          if (toleranceLimit !== null && tolerance.gte(toleranceLimit)) continue;
          const computed = niUnits.div(sharesUnits);
          const gap = computed.minus(eps).abs();
          const passed = gap.lte(tolerance);
          if (!eps.isZero() && computed.times(eps).gt(0)) nearestGap = nearestGap === null ? gap : Decimal.min(nearestGap, gap);
          if (passed || !first) first = { niRow, scale: order[si], computed, tolerance, passed };
          if (passed) break;
        }
        if (first?.passed) break;
      }
      if (!first) return;
      // Within 5% with the right sign: the numerator is probably net income less preferred dividends or earnings
      // allocated to participating securities (two-class method), which the statement need not print. That is not
      // evidence of a wrong number, and not proof of a right one: no check.
      if (!first.passed && nearestGap !== null && nearestGap.div(epsAbs).lte(EPS_NUMERATOR_ADJUSTMENT)) return;
      out.push({
        kind: "eps", statement: stmt.kind, column: c,
        description: `${rowName(epsRow)} should equal ${rowName(first.niRow)} ÷ ${rowName(sharesRow)} (shares in ${first.scale}; ${columnLabel(stmt, c)})`,
        reported: fmt(eps), computed: first.computed.toDecimalPlaces(6).toFixed(), tolerance: first.tolerance.toDecimalPlaces(6, Decimal.ROUND_UP).toFixed(), passed: first.passed, line: epsRow.line,
      });
    });
    if (epsRow.concept === "EarningsPerShareBasicAndDiluted") break;
  }
}

// ---------------------------------------------------------------------------------------------
// d. Prose against tables.

function proseTarget(stmts: Statements, fact: Fact): { stmt: Statement; row: Row } | null {
  const inStmt = (stmt: Statement | null | undefined, pick: (r: Row) => boolean): { stmt: Statement; row: Row } | null => {
    if (!stmt) return null;
    const row = stmt.rows.find((r) => r.kind === "amount" && pick(r));
    return row ? { stmt, row } : null;
  };
  switch (fact.concept) {
    case "NetIncomeLoss":
    case "Revenues":
      return inStmt(stmts.operations, (r) => r.concept === fact.concept);
    case "Assets":
    case "Liabilities":
      return inStmt(stmts.balanceSheet, (r) => r.concept === fact.concept || (fact.concept === "Assets" ? TOTAL_ASSETS : TOTAL_LIABILITIES).test(r.label.trim()));
    case "NetCashProvidedByUsedInOperatingActivities":
      return inStmt(stmts.cashFlows, (r) => r.concept === fact.concept);
    case "CashCashEquivalentsAndShortTermInvestments":
      // The row must name the same thing the prose does: cash together with investments/securities.
      return inStmt(stmts.balanceSheet, (r) => r.concept === fact.concept || (/^(?:total\s+)?cash\b/i.test(r.label) && /marketable|investments/i.test(r.label)));
    case "CashAndCashEquivalentsAtCarryingValue":
      return inStmt(stmts.balanceSheet, (r) => /^(?:total\s+)?cash(?:\s+and\s+cash\s+equivalents)?$/i.test(r.label.trim()) || (r.concept === fact.concept && !/marketable|investments|restricted/i.test(r.label)));
    default:
      return null;
  }
}

/**
 * Each prose figure whose sentence names its period is compared with the matching table value of that period,
 * within the prose's rounding (half its last stated digit: "$2.5 million" ± $50,000) plus the table's own
 * rounding. When several columns end on that date (3 and 6 months), the figure passes if it matches one of them
 * and gives no check if it matches none (the prose did not say which).
 */
function proseChecks(stmts: Statements, facts: Fact[], out: Check[]): void {
  for (const fact of facts) {
    if (!fact.period) continue;
    const target = proseTarget(stmts, fact);
    if (!target) continue;
    const { stmt, row } = target;
    const cols: number[] = [];
    stmt.columns.forEach((col, c) => {
      if ((stmt.kind === "balanceSheet" ? col.date : col.periodEnd) === fact.period) cols.push(c);
    });
    if (cols.length === 0) continue;
    const factValue = toDecimal(fact.value);
    if (factValue === null) continue;
    const mult = scaleMultiplier(stmt.scale.money);
    const tolerance = factRounding(fact).plus(halfUnitOf([row]).times(mult));
    const results: { c: number; value: Decimal; passed: boolean }[] = [];
    for (const c of cols) {
      const v = toDecimal(row.values[c]);
      if (v === null) continue;
      const value = (row.negateForConcept ? v.negated() : v).times(mult);
      results.push({ c, value, passed: value.minus(factValue).abs().lte(tolerance) });
    }
    const hit = results.find((r) => r.passed) ?? (results.length === 1 ? results[0] : null);
    if (!hit) continue;
    out.push({
      kind: "prose", statement: stmt.kind, column: hit.c,
      description: `The text says “${fact.text}”; the table's ${rowName(row)} (${columnLabel(stmt, hit.c)}) should agree within the text's rounding`,
      reported: fmt(factValue), computed: fmt(hit.value), tolerance: fmt(tolerance), passed: hit.passed, line: fact.line,
    });
  }
}

// ---------------------------------------------------------------------------------------------

/** Runs every check that applies. Never throws: a statement the checks cannot read gives no checks. */
export function runChecks(statements: Statements, facts: Fact[]): Check[] {
  const out: Check[] = [];
  const safely = (f: () => void): void => {
    try {
      f();
    } catch {
      // A malformed statement must not take the other checks down; it simply yields no checks.
    }
  };
  if (!statements) return out;
  const list: [StatementKind, Statement | null | undefined][] = [["operations", statements.operations], ["balanceSheet", statements.balanceSheet], ["cashFlows", statements.cashFlows]];
  for (const [, stmt] of list) if (stmt) safely(() => totalChecks(stmt, out));
  if (statements.balanceSheet) safely(() => balanceChecks(statements.balanceSheet as Statement, out));
  if (statements.operations) safely(() => epsChecks(statements.operations as Statement, out));
  safely(() => proseChecks(statements, Array.isArray(facts) ? facts : [], out));
  return out;
}
