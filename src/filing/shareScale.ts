// Share counts in their true scale. Captions are loose about it ("except share and per share amounts" above
// counts printed in thousands), so the caption's word is tested against the statement's own arithmetic:
// net income ÷ weighted shares must give the printed EPS. When only another power of 1000 fits, it wins, with a
// warning that says so.
import Decimal from "decimal.js";
import { scaleMultiplier } from "./scale";
import type { Row, Scale, Statement, Warning } from "./types";

const SCALES: Scale[] = ["units", "thousands", "millions"];
/** The fit's allowance, made once (Decimals are immutable): at least 0.015, else 5% of the EPS. */
const MIN_ALLOWANCE = new Decimal("0.015");
const RELATIVE_ALLOWANCE = new Decimal("0.05");

function numberAt(row: Row | undefined, col: number): Decimal | null {
  const v = row?.values[col];
  if (v === null || v === undefined) return null;
  const d = new Decimal(v);
  return row?.negateForConcept ? d.negated() : d;
}

/** Share scales under which net income ÷ shares matches the printed EPS (within rounding and a 5% allowance). */
export function fittingShareScales(ops: Statement): Scale[] | null {
  const find = (...concepts: string[]): Row | undefined => ops.rows.find((r) => r.concept !== null && concepts.includes(r.concept));
  const income = find("NetIncomeLoss");
  const eps = find("EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted");
  const shares = find("WeightedAverageNumberOfSharesOutstandingBasic", "WeightedAverageNumberOfShareOutstandingBasicAndDiluted");
  if (!income || !eps || !shares) return null;
  for (let col = 0; col < ops.columns.length; col++) {
    const ni = numberAt(income, col);
    const e = numberAt(eps, col);
    const sh = numberAt(shares, col);
    if (!ni || !e || !sh || sh.isZero() || e.abs().lt(0.05)) continue;
    const money = ni.times(scaleMultiplier(ops.scale.money));
    // The same allowance for every scale tried.
    const allowance = Decimal.max(MIN_ALLOWANCE, e.abs().times(RELATIVE_ALLOWANCE));
    return SCALES.filter((s) => money.div(sh.times(scaleMultiplier(s))).minus(e).abs().lte(allowance));
  }
  return null;
}

/** Corrects the statement's share scale in place when its arithmetic contradicts the caption. */
export function reconcileShareScale(ops: Statement, warnings: Warning[]): void {
  const fits = fittingShareScales(ops);
  if (!fits || fits.length !== 1 || fits.includes(ops.scale.shares)) return;
  const was = ops.scale.shares;
  ops.scale = { ...ops.scale, shares: fits[0] };
  warnings.push({
    code: "share-scale",
    message: `Share counts read as ${fits[0]}, not ${was} as the caption suggests: net income ÷ weighted shares only gives the printed EPS that way.`,
    line: ops.line,
  });
}
