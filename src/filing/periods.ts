// Column headers into periods ("Three Months Ended September 30, 2004" → 3 months to 2004-09-30),
// and the fiscal period a filing reports on ("first quarter of fiscal 2005" → Q1 FY2005).
// Pure: no I/O, never throws.
import type { FiscalPeriod } from "./types";

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH_NAME = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
// "September 30, 2004", "Jun. 30, 2025", "SEPT 30 2004", "September 30," (year elsewhere), "Sept 30 2004".
const DATE_RE = new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*,\\s*|\\s+)?((?:19|20)\\d{2})?(?!\\d)`, "gi");

/** The first date at the start of a string (to measure what lies between two dates). */
const DATE_AT_START = new RegExp(`^${MONTH_NAME}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:\\s*,\\s*|\\s+)?(?:(?:19|20)\\d{2})?`, "i");

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, "twenty-six": 26, "twenty six": 26, "thirty-nine": 39, "thirty nine": 39, "fifty-two": 52, "fifty two": 52,
  "fifty-three": 53, "fifty three": 53, "fourteen": 14, "twenty-seven": 27, "forty": 40,
};

export interface PeriodHeader {
  /** 3, 6, 9, 12; null for a stub or when the header states no length. */
  months: number | null;
  /** ISO end of a period column. */
  periodEnd: string | null;
  /** ISO start, for stubs ("July 22 to September 30", "From inception (June 3, 1996) through ..."). */
  periodStart?: string | null;
  /** ISO date of a point-in-time (balance sheet) column: a bare date with no period length. */
  date: string | null;
}

const pad = (n: number): string => String(n).padStart(2, "0");

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

interface FoundDate { month: number; day: number; year: number | null; index: number }

function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const month = MONTHS[m[1].toLowerCase().replace(/\.$/, "")];
    if (!month) continue;
    out.push({ month, day: Number(m[2]), year: m[3] ? Number(m[3]) : null, index: m.index ?? 0 });
  }
  return out;
}

/** Weeks count as the months they stand for: 13 → 3, 26 → 6, 39 → 9, 52/53 → 12 (a 14-week quarter → 3). */
function weeksToMonths(weeks: number): number | null {
  if (weeks >= 12 && weeks <= 14) return 3;
  if (weeks >= 25 && weeks <= 27) return 6;
  if (weeks >= 38 && weeks <= 40) return 9;
  if (weeks >= 51 && weeks <= 53) return 12;
  return null;
}

/** Length of the period the header states, in months, or undefined when it states none. */
export function readLength(text: string): number | null | undefined {
  const t = text.toLowerCase();
  // "Year to date" / "YTD" names no length of its own (it depends on the quarter).
  if (/\b(ytd|year[- ]to[- ]date)\b/.test(t)) return undefined;
  const m = t.match(/\b(\d{1,2}|[a-z]+(?:[- ][a-z]+)?)[- ](months?|weeks?)\b/);
  if (m) {
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1]] ?? NUMBER_WORDS[m[1].split(/[- ]/).pop() ?? ""];
    if (n !== undefined) {
      if (m[2].startsWith("week")) return weeksToMonths(n);
      return [3, 6, 9, 12].includes(n) ? n : null;
    }
  }
  if (/\b(quarter|qtr)\b/.test(t) || /\bq[1-4]\b/.test(t)) return 3;
  if (/\b(h1|h2|half[- ]year|first half|second half|six[- ]month)\b/.test(t)) return 6;
  if (/\b(years?|twelve months|fiscal\s+(?:19|20)\d{2}|fy\s?(?:19|20)?\d{2})\b/.test(t)) return 12;
  return undefined;
}

/**
 * Parses one column header (its printed pieces joined) into a period. `context.year` fills in a year
 * printed in a separate header row ("Six months ended June 30," + "2025").
 */
export function readPeriodHeader(label: string, context: { year?: number } = {}): PeriodHeader {
  const none: PeriodHeader = { months: null, periodEnd: null, date: null };
  if (typeof label !== "string") return none;
  try {
    const text = label.replace(/\u00a0/g, " ").replace(/\s+/g, " ").trim();
    // Stacked headers joined into one label: "For the 13 Weeks Ended July 3, 2004 and June 28, 2003" + "2004".
    // The trailing year says which half is this column's; the length may sit in the other half.
    const stacked = text.match(/^(.*\b(?:19|20)\d{2}\b.*?)\s+((?:19|20)\d{2})$/);
    if (stacked && /\band\b/i.test(stacked[1])) {
      const year = stacked[2];
      const parts = stacked[1].split(/\s+and\s+/i);
      const own = parts.find((p) => new RegExp(`\\b${year}\\b`).test(p));
      if (own) {
        const parsed = readOne(own, context);
        if (parsed.months === null && !parsed.periodStart) {
          const length = readLength(stacked[1]);
          if (length !== undefined && parsed.date) return { months: length, periodEnd: parsed.date, date: null };
        }
        return parsed;
      }
    }
    return readOne(text, context);
  } catch {
    return none;
  }
}

const DAYS_IN_MONTH = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function readOne(text: string, context: { year?: number }): PeriodHeader {
  const none: PeriodHeader = { months: null, periodEnd: null, date: null };
  const dates = findDates(text);
  // A year printed apart from the date ("June 30," ... "2025"); headers split years across cells ("2\t004").
  const looseYear = text.replace(DATE_RE, " ").match(/\b((?:19|20)\d{2})\b/);
  const datedYear = dates.find((d) => d.year !== null)?.year ?? null;
  const fallbackYear = looseYear ? Number(looseYear[1]) : context.year ?? datedYear;
  const withYear = (d: FoundDate): string | null => {
    const y = d.year ?? fallbackYear;
    return y === null ? null : isoDate(y, d.month, d.day);
  };
  const length = readLength(text);

  // Stubs: "July 22 to September 30", "From inception (June 3, 1996) through December 31, 1996": two dates joined
  // by "to"/"through"/a dash (the last such pair, so a leading "Three Months Ended September 30, 2023" is passed over).
  for (let i = dates.length - 2; i >= 0; i--) {
    const between = text.slice(dates[i].index, dates[i + 1].index).replace(DATE_AT_START, "");
    if (!/^[\s,)(]*(?:\((?:inception|date of inception)\)\s*)?(?:to|through|thru|until|[-–—])[\s(]*$/i.test(between)) continue;
    const first = dates[i];
    const last = dates[i + 1];
    const endYear = last.year ?? fallbackYear;
    const startYear = first.year ?? (endYear === null ? null : first.month > last.month ? endYear - 1 : endYear);
    // "July 1 to September 30" is a whole quarter, not a stub.
    let months: number | null = null;
    if (endYear !== null && startYear !== null && first.day === 1 && last.day === DAYS_IN_MONTH(endYear, last.month)) {
      const span = (endYear - startYear) * 12 + last.month - first.month + 1;
      if ([3, 6, 9, 12].includes(span)) months = span;
    }
    return {
      months,
      periodEnd: endYear === null ? null : isoDate(endYear, last.month, last.day),
      periodStart: startYear === null ? null : isoDate(startYear, first.month, first.day),
      date: null,
    };
  }
  let end = dates.length > 0 ? withYear(dates[dates.length - 1]) : null;
  // "3 Months Ended December 2004": a month and year with no day means the month's last day.
  const monthYear = end === null ? text.match(new RegExp(`\\b${MONTH_NAME}\\s+((?:19|20)\\d{2})\\b`, "i")) : null;
  if (monthYear) {
    const month = MONTHS[monthYear[1].toLowerCase().replace(/\.$/, "")];
    const year = Number(monthYear[2]);
    if (month) end = isoDate(year, month, DAYS_IN_MONTH(year, month));
  }
  if (length === undefined) {
    if (/\bended\b/i.test(text)) return { months: null, periodEnd: end, date: null };
    // A bare date is a balance-sheet date; a bare year ("2025") says nothing on its own.
    return end ? { months: null, periodEnd: null, date: end } : none;
  }
  // "Fiscal 2015": a year with no end date; the end is unknown here.
  return { months: length, periodEnd: end, date: null };
}

// ---------------------------------------------------------------------------------------------
// Fiscal period.

const ORDINAL_QUARTER: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4 };

export interface FiscalPeriodInput {
  /** Prose to search ("first quarter of fiscal 2005", "Q4 FISCAL 2014", "fiscal year ended June 30"). */
  prose?: string | null;
  /** Latest operations column. */
  latest?: { months: number | null | undefined; periodEnd: string | null | undefined } | null;
  /** Balance-sheet comparative (prior) date, ISO. */
  comparativeDate?: string | null;
  /** All balance-sheet dates, when the sheet prints three (quarter, year end, same quarter last year). */
  balanceDates?: (string | null | undefined)[] | null;
}

/** Days between two ISO dates' month-days, ignoring the year (0..183). */
function monthDayDistance(a: string, b: string): number {
  const day = (iso: string): number => (Date.UTC(2001, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - Date.UTC(2001, 0, 1)) / 86_400_000;
  const d = Math.abs(day(a) - day(b));
  return Math.min(d, 365 - d);
}

/** 52/53-week years end on a weekday near a month end: "January 3" closes December, "November 2" closes October. */
function effectiveMonth(iso: string): number {
  const month = Number(iso.slice(5, 7));
  return Number(iso.slice(8, 10)) <= 7 ? ((month + 10) % 12) + 1 : month;
}

function monthDayOf(iso: string): string {
  return iso.slice(5, 10);
}

/** Sticky: tried at each "fiscal" of the prose (see yearEndFromProse). */
const FISCAL_YEAR_END = new RegExp(`fiscal\\s+year\\s+end(?:ed|ing|s)?\\s+(?:on\\s+)?${MONTH_NAME}\\s+(\\d{1,2})`, "iy");

/**
 * Month-day of a year end stated in prose: "fiscal year ended June 30" / "fiscal year ending May 31". Every match
 * starts with "fiscal", so trying the pattern at each one (`fiscal`, in text order; see findAnchors) finds the
 * first match, what prose.match would, without a search of its own.
 */
function yearEndFromProse(prose: string, fiscal: number[]): string | null {
  for (const at of fiscal) {
    FISCAL_YEAR_END.lastIndex = at;
    const m = FISCAL_YEAR_END.exec(prose);
    if (!m) continue;
    const month = MONTHS[m[1].toLowerCase().replace(/\.$/, "")];
    return month ? `${pad(month)}-${pad(Number(m[2]))}` : null;
  }
  return null;
}

/** Whole months from a fiscal year end (month-day) forward to a date, 1..12. */
function monthsAfterYearEnd(yearEnd: string, iso: string): number {
  const diff = (effectiveMonth(iso) - effectiveMonth(`2001-${yearEnd}`) + 12) % 12;
  return diff === 0 ? 12 : diff;
}

/**
 * Derives the fiscal period. Rule, in order:
 * 1. Prose that names it ("first quarter of fiscal 2005", "Q4 FISCAL 2014", "fiscal 2024 third quarter",
 *    "third quarter of fiscal 2024") gives quarter and fiscal year; `text` is the phrase.
 * 2. The fiscal year end: prose "fiscal year ended June 30" if present; else a balance-sheet comparative date
 *    that is not (within a week) the same month-day a year earlier (10-Q/8-K balance sheets compare with the
 *    last year end, so June 30, 2004 against a September 30, 2004 quarter says the year ends June 30); else, for a
 *    12-month column, its end; else, when prose names the quarter, the latest end moved on by the quarters left.
 * 3. Without prose, quarter = months after the year end ÷ 3 (rounded up) of the latest column. The fiscal year is
 *    named for the calendar year it ends in, except years ending in January (52/53-week retail calendars), which
 *    are named for the year they start in ("fiscal 2024" ends February 1, 2025); `text` is null.
 * 4. Nothing known about the year end: calendar quarters (year end "12-31"), `text` null.
 */
export function fiscalPeriodFrom(input: FiscalPeriodInput): FiscalPeriod | null {
  try {
    return fiscalPeriodFromUnsafe(input);
  } catch {
    return null;
  }
}

function fiscalPeriodFromUnsafe(input: FiscalPeriodInput): FiscalPeriod | null {
  // NBSP is read as a space by the prose readers below (they match white space with \s), so it is not replaced.
  // Prose that is not text has no period (as when replacing in it threw).
  if (input.prose != null && typeof input.prose !== "string") return null;
  const prose = input.prose ?? "";
  const latestEnd = input.latest?.periodEnd ?? null;
  const latestMonths = input.latest?.months ?? null;

  // The anchor words are found once, for both prose readers.
  const anchors = prose ? findAnchors(prose) : null;
  let yearEnd = anchors ? yearEndFromProse(prose, anchors.fiscal) : null;
  const comparatives = [input.comparativeDate, ...(input.balanceDates ?? [])].filter((d): d is string => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d));
  if (!yearEnd && latestEnd && latestMonths !== 12) {
    const yearEndDate = comparatives.find((d) => d !== latestEnd && monthDayDistance(d, latestEnd) > 7);
    if (yearEndDate) yearEnd = monthDayOf(yearEndDate);
  }
  if (!yearEnd && latestEnd && latestMonths === 12) yearEnd = monthDayOf(latestEnd);

  const fromProse = anchors ? quarterAtAnchors(prose, anchors) : null;
  if (!yearEnd && fromProse?.quarter && latestEnd) {
    // Q4 ends at the year end; Q3 one quarter before it, and so on.
    const month = ((Number(latestEnd.slice(5, 7)) - 1 + (4 - fromProse.quarter) * 3) % 12) + 1;
    const day = fromProse.quarter === 4 ? Number(latestEnd.slice(8, 10)) : new Date(Date.UTC(2001, month, 0)).getUTCDate();
    yearEnd = `${pad(month)}-${pad(day)}`;
  }
  if (fromProse) {
    const { quarter, fiscalYear, text } = fromProse;
    return { label: quarter === null ? `FY${fiscalYear}` : `Q${quarter} FY${fiscalYear}`, quarter, fiscalYear, fiscalYearEnd: yearEnd, text };
  }
  if (!latestEnd || !/^\d{4}-\d{2}-\d{2}$/.test(latestEnd)) return null;
  const endYear = Number(latestEnd.slice(0, 4));
  const effectiveYearEnd = yearEnd ?? "12-31";
  const after = monthsAfterYearEnd(effectiveYearEnd, latestEnd);
  const quarter = latestMonths === 12 ? null : Math.min(4, Math.max(1, Math.ceil(after / 3)));
  // Calendar year in which this fiscal year ends (a year-end date early in a month may fall in the next one).
  const yearEndMonth = effectiveMonth(`2001-${effectiveYearEnd}`);
  const latestMonth = effectiveMonth(latestEnd);
  const latestYear = Number(latestEnd.slice(8, 10)) <= 7 && Number(latestEnd.slice(5, 7)) === 1 ? endYear - 1 : endYear;
  const endsIn = after === 12 || latestMonth <= yearEndMonth ? latestYear : latestYear + 1;
  const fiscalYear = yearEndMonth === 1 ? endsIn - 1 : endsIn;
  return { label: quarter === null ? `FY${fiscalYear}` : `Q${quarter} FY${fiscalYear}`, quarter, fiscalYear, fiscalYearEnd: yearEnd, text: null };
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

/**
 * Every pattern below names the fiscal year with "fiscal" or "FY"; all but the "Q4 FY26" one say "fiscal". One scan
 * for either word gives every pattern its anchors (or tells that none can match).
 */
const FISCAL_OR_FY = /fiscal|fy/gi;
const QUARTER_WORD = /quarter/gi;
const NBSP = /\u00a0/g;

/** Where the anchor words of the patterns sit in one prose, each list in text order. */
interface Anchors {
  /** "fiscal". */
  fiscal: number[];
  /** "fiscal" or "FY". */
  fiscalOrFy: number[];
  /** "quarter", only before the last "fiscal": the patterns anchored there need "fiscal" after it. */
  quarter: number[];
}

function findAnchors(text: string): Anchors {
  const fiscal: number[] = [];
  const fiscalOrFy: number[] = [];
  FISCAL_OR_FY.lastIndex = 0;
  for (let m = FISCAL_OR_FY.exec(text); m; m = FISCAL_OR_FY.exec(text)) {
    fiscalOrFy.push(m.index);
    if (m[0].length === 6) fiscal.push(m.index);
  }
  const quarter: number[] = [];
  if (fiscal.length > 0) {
    const lastFiscal = fiscal[fiscal.length - 1];
    QUARTER_WORD.lastIndex = 0;
    for (let m = QUARTER_WORD.exec(text); m && m.index < lastFiscal; m = QUARTER_WORD.exec(text)) quarter.push(m.index);
  }
  return { fiscal, fiscalOrFy, quarter };
}

/**
 * Each pattern is tried only where it can start: every match holds an anchor word at a place fixed by the words
 * before it, so `starts` gives the candidate starts for an anchor found at `at`, in order (and later anchors give
 * later starts). Trying each anchor's starts in order finds the pattern's first match, far more cheaply than
 * running the pattern along the whole prose.
 */
interface QuarterPattern {
  /** Sticky and case-insensitive: tried at one start. White space in it is \s or also allows NBSP. */
  re: RegExp;
  anchor: keyof Anchors;
  starts: (text: string, at: number) => number[];
  q: (m: RegExpExecArray) => number | null;
  y: (m: RegExpExecArray) => number;
}
const atAnchor = (_: string, at: number): number[] => [at];
/** "first-quarter", "2nd quarter": an ordinal of 3, 5 or 6 letters and one dash or space before "quarter". */
const ordinalThenOneSpace = (_: string, at: number): number[] => [at - 7, at - 6, at - 4];
/** The start of the run of white space that ends at `at` (`at` itself when there is none). */
function spacesBefore(text: string, at: number): number {
  let j = at;
  while (j > 0 && /\s/.test(text[j - 1])) j--;
  return j;
}
/** "first   quarter": an ordinal word of 5 or 6 letters, then a run of white space that ends at "quarter". */
function ordinalThenSpaces(text: string, at: number): number[] {
  const j = spacesBefore(text, at);
  return j === at ? [] : [j - 6, j - 5];
}
/** "Q4  FY26": "Q" and a digit, then a run of white space that ends at "fiscal" or "FY". */
function quarterNumberThenSpaces(text: string, at: number): number[] {
  const j = spacesBefore(text, at);
  return j === at ? [] : [j - 2];
}
const QUARTER_PATTERNS: QuarterPattern[] = [
  // "first quarter of fiscal 2005", "first quarter of the Company's 2005 fiscal year", "third quarter of fiscal year 2024"
  // (NBSP is the space it prints as: fiscalPeriodFrom reads raw prose)
  { anchor: "quarter", starts: ordinalThenOneSpace, re: /\b(first|second|third|fourth|1st|2nd|3rd|4th)[- \u00a0]quarter\s+(?:of\s+)?(?:the\s+)?(?:company's\s+)?(?:fiscal\s+(?:year\s+)?((?:19|20)\d{2})|((?:19|20)\d{2})\s+fiscal\s+year)/iy, q: (m) => ORDINAL_QUARTER[m[1].toLowerCase()], y: (m) => Number(m[2] ?? m[3]) },
  // "fiscal 2004 third quarter", "fiscal 2024 first quarter"
  { anchor: "fiscal", starts: atAnchor, re: /\bfiscal\s+(?:year\s+)?((?:19|20)\d{2})\s+(first|second|third|fourth)\s+quarter/iy, q: (m) => ORDINAL_QUARTER[m[2].toLowerCase()], y: (m) => Number(m[1]) },
  // "Q4 FISCAL 2014", "Q1 FY2005", "Q4 FY26", "fiscal 2014 Q4"
  { anchor: "fiscalOrFy", starts: quarterNumberThenSpaces, re: /\bQ([1-4])\s+(?:fiscal\s+(?:year\s+)?((?:19|20)\d{2})|FY\s?((?:19|20)?\d{2}))\b/iy, q: (m) => Number(m[1]), y: (m) => fullYear(m[2] ?? m[3]) },
  { anchor: "fiscal", starts: atAnchor, re: /\bfiscal\s+((?:19|20)\d{2})\s+Q([1-4])\b/iy, q: (m) => Number(m[2]), y: (m) => Number(m[1]) },
  // "Fourth Quarter and Fiscal 2026"
  { anchor: "quarter", starts: ordinalThenSpaces, re: /\b(first|second|third|fourth)\s+quarter\s+and\s+fiscal\s+(?:year\s+)?((?:19|20)\d{2})/iy, q: (m) => ORDINAL_QUARTER[m[1].toLowerCase()], y: (m) => Number(m[2]) },
];

/**
 * A pattern's first match in the text (what text.match(pattern) gives), tried at its anchors' starts only, or null
 * when it has none starting before `before` (starts only grow, so the search stops there).
 */
function firstMatch(p: QuarterPattern, text: string, anchors: Anchors, before: number): RegExpExecArray | null {
  for (const at of anchors[p.anchor]) {
    for (const start of p.starts(text, at)) {
      if (start < 0) continue;
      if (start >= before) return null;
      p.re.lastIndex = start;
      const m = p.re.exec(text);
      if (m) return m;
    }
  }
  return null;
}

/** The fiscal period the prose names first, and the phrase that names it. NBSP reads as a space. */
export function quarterFromProse(prose: string): { quarter: number | null; fiscalYear: number; text: string } | null {
  return prose ? quarterAtAnchors(prose, findAnchors(prose)) : null;
}

/** quarterFromProse on a prose whose anchors are found (findAnchors). */
function quarterAtAnchors(prose: string, anchors: Anchors): { quarter: number | null; fiscalYear: number; text: string } | null {
  if (anchors.fiscalOrFy.length === 0) return null;
  let best: { quarter: number | null; fiscalYear: number; text: string; index: number } | null = null;
  for (const p of QUARTER_PATTERNS) {
    // A later pattern wins only with an earlier match.
    const m = firstMatch(p, prose, anchors, best?.index ?? Infinity);
    if (!m) continue;
    const quarter = p.q(m);
    const fiscalYear = p.y(m);
    if (!Number.isFinite(fiscalYear)) continue;
    best = { quarter: quarter ?? null, fiscalYear, text: m[0].replace(NBSP, " "), index: m.index };
  }
  return best ? { quarter: best.quarter, fiscalYear: best.fiscalYear, text: best.text } : null;
}
