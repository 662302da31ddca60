// Share counts in their true scale. Captions are loose about it ("except share and per share amounts" above
// counts printed in thousands), so the caption's word is tested against the statement's own arithmetic:
// net income ÷ weighted shares must give the printed EPS. When only another power of 1000 fits, it wins, with a
// warning that says so.
import Decimal from "decimal.js";
import { scaleMultiplier } from "./scale";
import type { Row, Scale, Statement, Warning } from "./types";

const SCALES: Scale[] = ["units", "thousands", "millions"];

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
    return SCALES.filter((s) => {
      const computed = money.div(sh.times(scaleMultiplier(s)));
      return computed.minus(e).abs().lte(Decimal.max(new Decimal("0.015"), e.abs().times("0.05")));
    });
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
