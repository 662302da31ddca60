// Reads the scale a table states its amounts in ("(in thousands, except per share amounts)"),
// and, when no caption says, infers it by matching prose amounts ("$2.5 million") to table values.
// Pure: no I/O, never throws.
import Decimal from "decimal.js";
import type { Scale, ScaleInfo } from "./types";

const SCALE_WORDS: Record<string, Scale> = { thousand: "thousands", thousands: "thousands", million: "millions", millions: "millions", billion: "billions", billions: "billions" };

/** Power of 1000 for each scale: units 0, thousands 1, millions 2, billions 3. */
export const SCALE_POWER: Record<Scale, number> = { units: 0, thousands: 1, millions: 2, billions: 3 };
const SCALES_BY_POWER: Scale[] = ["units", "thousands", "millions", "billions"];

/** Multiplier that turns a value in this scale into whole units. */
export function scaleMultiplier(scale: Scale): Decimal {
  return new Decimal(1000).pow(SCALE_POWER[scale]);
}

/** Paste quirks that hide words from a regex: NBSP, markdown "\$" escapes, runs of tabs. */
export function normaliseProse(text: string): string {
  return text.replace(/\u00a0/g, " ").replace(/\\\$/g, "$").replace(/[\u2018\u2019]/g, "'");
}

// A scale phrase about money, in the forms filings print:
//   "in thousands", "in millions of dollars", "($ in millions", "Dollars in millions", "(Millions of dollars)",
//   "Millions, except ..." at the start of a header cell, "(thousands)".
const MONEY_SCALE = new RegExp(
  [
    String.raw`\bin\s+(thousands|millions|billions)\b(?!\s+of\s+(?!dollars|u\.?s\.?\s+dollars)[a-z])`,
    String.raw`\b(thousands|millions|billions)\s+of\s+(?:u\.?s\.?\s+)?dollars\b`,
    String.raw`^\W*(thousands|millions|billions)\s*(?:[,;)]|$|except\b|unless\b)`,
    String.raw`\(\s*(thousands|millions|billions)\s*(?:\)|,|;|except\b|unless\b)`,
  ].join("|"),
  "i",
);

// Share counts stated in their own scale: "shares, which are reflected in thousands", "shares in thousands",
// "share amounts which are reflected in thousands".
const SHARES_SCALE = /\bshares?\b(?:\s+amounts?|\s+data)?[\s,]*(?:which\s+are\s+|are\s+)?(?:reflected\s+|stated\s+|presented\s+)?in\s+(thousands|millions|billions)\b/i;
// "except share ..." (not only "per share"): counts are then printed in whole shares.
const SHARES_EXCEPTED = /\bexcept\b[^)]*?(?<!per[\s-])\b(?:number\s+of\s+shares|shares?(?!\s*[-\s]?(?:price|prices)\b))(?!\s*[-\s]based)/i;
// Things measured in thousands/millions that are not money.
const NOT_MONEY = /\b(?:thousands|millions|billions)\s+of\s+(?:barrels|tons|metric|shares|units|cubic|square|miles|customers|employees|subscribers|ounces|pounds|gallons|kilowatt|megawatt)/i;

/** Whole-word scale read from one of the MONEY_SCALE alternatives. */
function firstGroup(m: RegExpMatchArray): Scale {
  const word = (m.slice(1).find((g) => g !== undefined) ?? "").toLowerCase();
  return SCALE_WORDS[word] ?? "units";
}

/**
 * Reads a scale caption. Returns null when the text states no money scale.
 * Share counts: an explicit "shares ... in thousands" wins; "except share(s) ..." / "except number of shares"
 * means counts are whole shares; otherwise counts are in the money scale (the usual "(in thousands, except per
 * share amounts)" prints 40,789 for 40.8 million shares).
 */
export function readScaleCaption(text: string): ScaleInfo | null {
  if (typeof text !== "string" || text.length === 0) return null;
  const caption = normaliseProse(text).replace(/\s+/g, " ").trim();
  if (caption.length > 400) return null; // a caption is short; a paragraph is prose
  if (NOT_MONEY.test(caption) && !/dollars|\$/i.test(caption)) return null;
  // Remove the share clause first so "shares ... in thousands" is not read as the money scale.
  const sharesMatch = caption.match(SHARES_SCALE);
  const moneyText = sharesMatch ? caption.replace(sharesMatch[0], " ") : caption;
  const money = moneyText.match(MONEY_SCALE);
  if (!money) return null;
  const moneyScale = firstGroup(money);
  let shares: Scale = moneyScale;
  if (sharesMatch) shares = SCALE_WORDS[sharesMatch[1].toLowerCase()] ?? moneyScale;
  else if (SHARES_EXCEPTED.test(caption)) shares = "units";
  return { money: moneyScale, shares, text: text.trim(), inferred: false };
}

/** An amount of money as prose states it, with the rounding its printed digits imply. */
export interface ProseAmount {
  /** Whole units, exact. */
  value: Decimal;
  /** Half of the last stated digit, in whole units ("$2.5 million" → 50000; "$857,000" → 0.5). */
  halfUnit: Decimal;
  /** The amount as printed: "$2.5 million". */
  text: string;
  /** Character range within the searched text. */
  start: number;
  end: number;
}

const PROSE_AMOUNT = /\$\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s+(thousand|million|billion)\b)?/gi;

/** Every dollar amount printed in the prose, in whole units. */
export function readProseAmounts(prose: string): ProseAmount[] {
  const out: ProseAmount[] = [];
  for (const m of prose.matchAll(PROSE_AMOUNT)) {
    const digits = m[1].replace(/,/g, "") + (m[2] ?? "");
    const word = m[3]?.toLowerCase();
    const power = word === "thousand" ? 3 : word === "million" ? 6 : word === "billion" ? 9 : 0;
    const decimals = m[2] ? m[2].length - 1 : 0;
    const value = new Decimal(digits).times(new Decimal(10).pow(power));
    // "$857,000" is exact to the dollar as far as the reader can tell; "$2.5 million" to the tenth of a million.
    const halfUnit = new Decimal(10).pow(power - decimals).div(2);
    const start = m.index ?? 0;
    out.push({ value, halfUnit: power === 0 && decimals === 0 ? trailingZerosHalfUnit(m[1]) : halfUnit, text: m[0], start, end: start + m[0].length });
  }
  return out;
}

/** "$2,471,000" may be a rounded figure: trailing zero groups count as rounding ("$857,000" → ±500). */
function trailingZerosHalfUnit(intText: string): Decimal {
  const groups = intText.split(",");
  let zeroGroups = 0;
  for (let i = groups.length - 1; i > 0 && groups[i] === "000"; i--) zeroGroups++;
  return new Decimal(1000).pow(zeroGroups).div(2);
}

/**
 * Infers the money scale of a table from prose amounts.
 * Rule: the table is in scale 10^(3k) when some prose dollar amount P and some table value V satisfy
 * |P − V × 10^(3k)| ≤ the prose's rounding (half its last stated digit) and that rounding is finer than
 * the scale step (so "$2 million" vs 2 cannot tell millions from nothing). The k with the most such
 * matches wins; ties go to the larger k only when no smaller k matches. Returns null when no amount matches.
 */
export function inferScaleFromProse(prose: string, candidates: { value: string }[]): { scale: Scale; evidence: string } | null {
  if (typeof prose !== "string" || !Array.isArray(candidates)) return null;
  const amounts = readProseAmounts(normaliseProse(prose));
  const values: Decimal[] = [];
  for (const c of candidates) {
    try {
      const v = new Decimal(String(c.value).replace(/,/g, ""));
      if (!v.isZero() && v.isFinite()) values.push(v.abs());
    } catch {
      // not a number: ignore
    }
  }
  const approx = values.map((v) => v.toNumber());
  const votes = [0, 0, 0, 0];
  const evidence: string[] = ["", "", "", ""];
  for (const a of amounts) {
    for (let k = 0; k < 4; k++) {
      const mult = new Decimal(1000).pow(k);
      // The prose must be precise enough to tell scales apart at this magnitude.
      if (a.halfUnit.gte(mult.times(500))) continue;
      // A float pre-filter (the prose's rounding, with room to spare) keeps the exact Decimal test to the few
      // values that can match.
      const target = a.value.toNumber() / mult.toNumber();
      const slack = (a.halfUnit.toNumber() / mult.toNumber()) * 1.01 + 1;
      const hit = values.find((v, i) => Math.abs(approx[i] - target) <= slack && v.times(mult).minus(a.value).abs().lte(Decimal.max(a.halfUnit, mult.div(2))) && v.gte(10));
      if (hit) {
        votes[k]++;
        if (!evidence[k]) evidence[k] = `prose ${a.text} ≈ table ${hit.toString()} × ${mult.toString()}`;
      }
    }
  }
  let best = -1;
  for (let k = 0; k < 4; k++) if (votes[k] > 0 && (best < 0 || votes[k] > votes[best])) best = k;
  if (best < 0) return null;
  return { scale: SCALES_BY_POWER[best], evidence: evidence[best] };
}
