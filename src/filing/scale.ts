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
  return SCALE_MULTIPLIERS[SCALE_POWER[scale]] ?? new Decimal(1000).pow(SCALE_POWER[scale]);
}
/** Made once: Decimals are immutable. */
const SCALE_MULTIPLIERS = [0, 1, 2, 3].map((k) => new Decimal(1000).pow(k));

// A regex test, not includes(): V8 looks for these characters in two-byte text several times slower than the
// regex scans for them.
const CURLY_QUOTE = /[\u2018\u2019]/;
export const CURLY_QUOTES = /[\u2018\u2019]/g;

/** Paste quirks that hide words from a regex: NBSP, markdown "\$" escapes, runs of tabs. */
export function normaliseProse(text: string): string {
  // A one-character search first: V8 finds one character far faster than a pair.
  return straightenProse(text.includes("\\") && text.includes("\\$") ? text.replace(/\\\$/g, "$") : text);
}

/** normaliseProse without its "\$" step: NBSP as a space, curly single quotes as "'" (one character for one). */
export function straightenProse(text: string): string {
  // Each replacement only when its quirk occurs (this runs on long texts that mostly hold none).
  let out = text;
  if (out.includes("\u00a0")) out = out.replace(/\u00a0/g, " ");
  if (CURLY_QUOTE.test(out)) out = out.replace(CURLY_QUOTES, "'");
  return out;
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

const SCALE_WORD = /thousands|millions|billions/i;

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
  // Every MONEY_SCALE form names its scale word, and neither the normalising nor the share-clause removal below
  // makes letters: text without one is no caption (the usual case: most lines asked about are not captions).
  if (!SCALE_WORD.test(text)) return null;
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

/** A prose amount as matched, before any Decimal is made: what the readers need to pre-filter cheaply. */
export interface RawProseAmount {
  /** The digits without separators, with the fraction: "2.5", "857000". */
  digits: string;
  /** Power of ten the scale word adds: 0, 3, 6, 9. */
  power: number;
  /** Digits after the decimal point. */
  decimals: number;
  /** The integer part as printed, separators kept ("857,000"). */
  intText: string;
  text: string;
  start: number;
  end: number;
}

function rawAmount(m: RegExpMatchArray): RawProseAmount {
  const digits = m[1].replace(/,/g, "") + (m[2] ?? "");
  const word = m[3]?.toLowerCase();
  const power = word === "thousand" ? 3 : word === "million" ? 6 : word === "billion" ? 9 : 0;
  const decimals = m[2] ? m[2].length - 1 : 0;
  const start = m.index ?? 0;
  return { digits, power, decimals, intText: m[1], text: m[0], start, end: start + m[0].length };
}

/** Every dollar amount printed in the prose, as matched: readers that keep few of them make Decimals only for those. */
export function scanProseAmounts(prose: string): RawProseAmount[] {
  const out: RawProseAmount[] = [];
  if (!prose.includes("$")) return out;
  for (const m of prose.matchAll(PROSE_AMOUNT)) out.push(rawAmount(m));
  return out;
}

// Decimals are immutable: the few powers of ten the readers use are made once.
const TEN_POW = new Map<number, Decimal>();
const HALF_TEN_POW = new Map<number, Decimal>();
function tenPow(e: number): Decimal {
  let d = TEN_POW.get(e);
  if (!d) TEN_POW.set(e, (d = new Decimal(10).pow(e)));
  return d;
}
/** 10^e / 2: half a unit of the digit at 10^e. */
export function halfTenPow(e: number): Decimal {
  let d = HALF_TEN_POW.get(e);
  if (!d) HALF_TEN_POW.set(e, (d = new Decimal(10).pow(e).div(2)));
  return d;
}

/** Exponent e of the amount's rounding, 10^e / 2 (see ProseAmount.halfUnit). */
function halfUnitExponent(a: RawProseAmount): number {
  return a.power === 0 && a.decimals === 0 ? 3 * trailingZeroGroups(a.intText) : a.power - a.decimals;
}

/** The amount in whole units, with its rounding. */
export function toProseAmount(a: RawProseAmount): ProseAmount {
  const value = new Decimal(a.digits).times(tenPow(a.power));
  // "$2.5 million" is rounded to the tenth of a million; "$857,000" may be rounded too: its trailing ",000" groups
  // count as rounding (±500).
  const halfUnit = halfTenPow(halfUnitExponent(a));
  return { value, halfUnit, text: a.text, start: a.start, end: a.end };
}

/** Every dollar amount printed in the prose, in whole units. */
export function readProseAmounts(prose: string): ProseAmount[] {
  return scanProseAmounts(prose).map(toProseAmount);
}

/** The first dollar amount printed in the prose (readProseAmounts(prose)[0]), or null. */
export function firstProseAmount(prose: string): ProseAmount | null {
  if (!prose.includes("$")) return null;
  PROSE_AMOUNT.lastIndex = 0;
  const m = PROSE_AMOUNT.exec(prose);
  PROSE_AMOUNT.lastIndex = 0;
  return m ? toProseAmount(rawAmount(m)) : null;
}

/** How many ",000" groups end the integer text (a "000" group after a comma), counted without splitting it. */
function trailingZeroGroups(intText: string): number {
  let zeroGroups = 0;
  for (let end = intText.length; intText.endsWith(",000", end); end -= 4) zeroGroups++;
  return zeroGroups;
}

const PLAIN_DECIMAL = /^-?\d{1,15}(?:\.\d{1,15})?$/;
const MULT = SCALE_MULTIPLIERS;
const MULT_NUMBER = MULT.map((m) => m.toNumber());

/**
 * Infers the money scale of a table from prose amounts.
 * Rule: the table is in scale 10^(3k) when some prose dollar amount P and some table value V satisfy
 * |P − V × 10^(3k)| ≤ the prose's rounding (half its last stated digit) and that rounding is finer than
 * the scale step (so "$2 million" vs 2 cannot tell millions from nothing). The k with the most such
 * matches wins; ties go to the larger k only when no smaller k matches. Returns null when no amount matches.
 */
export function inferScaleFromProse(prose: string, candidates: { value: string }[]): { scale: Scale; evidence: string } | null {
  if (typeof prose !== "string" || !Array.isArray(candidates)) return null;
  return inferScaleFromAmounts(proseDollarAmounts(prose), candidates);
}

/** The prose's dollar amounts as inferScaleFromAmounts reads them: scan once, infer for several statements. */
export function proseDollarAmounts(prose: string): RawProseAmount[] {
  return scanProseAmounts(normaliseProse(prose));
}

/** inferScaleFromProse over amounts already scanned by proseDollarAmounts. */
export function inferScaleFromAmounts(amounts: RawProseAmount[], candidates: { value: string }[]): { scale: Scale; evidence: string } | null {
  if (amounts.length === 0 || !Array.isArray(candidates)) return null;
  // Table values as floats for the pre-filter; the exact Decimal is made only for a value the pre-filter lets by.
  const values: (Decimal | string)[] = [];
  const approx: number[] = [];
  for (const c of candidates) {
    const s = String(c.value).replace(/,/g, "");
    if (PLAIN_DECIMAL.test(s)) {
      // Number(s) is the correctly rounded value, as Decimal#toNumber gives; zero in one is zero in the other.
      const n = Math.abs(Number(s));
      if (n !== 0) {
        values.push(s);
        approx.push(n);
      }
      continue;
    }
    try {
      const v = new Decimal(s);
      if (!v.isZero() && v.isFinite()) {
        values.push(v.abs());
        approx.push(v.abs().toNumber());
      }
    } catch {
      // not a number: ignore
    }
  }
  const exactValue = (i: number): Decimal => {
    const v = values[i];
    if (typeof v !== "string") return v;
    const d = new Decimal(v).abs();
    values[i] = d;
    return d;
  };
  const votes = [0, 0, 0, 0];
  const evidence: string[] = ["", "", "", ""];
  for (const raw of amounts) {
    let a: ProseAmount | null = null;
    const e = halfUnitExponent(raw);
    // As Decimal#toNumber gives them (both are the correctly rounded value of the exact amount).
    const value = raw.digits.length <= 16 ? Number(`${raw.digits}e${raw.power}`) : (a ??= toProseAmount(raw)).value.toNumber();
    const halfUnit = Number(`5e${e - 1}`);
    for (let k = 0; k < 4; k++) {
      // The prose must be precise enough to tell scales apart at this magnitude (halfUnit ≥ 500 × 1000^k).
      if (e >= 3 * k + 3) continue;
      const multNumber = MULT_NUMBER[k];
      // A float pre-filter (the prose's rounding, with room to spare) keeps the exact Decimal test to the few
      // values that can match.
      const target = value / multNumber;
      const slack = (halfUnit / multNumber) * 1.01 + 1;
      let hit: Decimal | undefined;
      for (let i = 0; i < approx.length; i++) {
        if (!(Math.abs(approx[i] - target) <= slack)) continue;
        a ??= toProseAmount(raw);
        const v = exactValue(i);
        const mult = MULT[k];
        if (v.times(mult).minus(a.value).abs().lte(Decimal.max(a.halfUnit, mult.div(2))) && v.gte(10)) {
          hit = v;
          break;
        }
      }
      if (hit) {
        votes[k]++;
        if (!evidence[k]) evidence[k] = `prose ${raw.text} ≈ table ${hit.toString()} × ${MULT[k].toString()}`;
      }
    }
  }
  let best = -1;
  for (let k = 0; k < 4; k++) if (votes[k] > 0 && (best < 0 || votes[k] > votes[best])) best = k;
  if (best < 0) return null;
  return { scale: SCALES_BY_POWER[best], evidence: evidence[best] };
}
