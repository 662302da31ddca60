// Header pieces → period columns. Pieces are read by type, not by place, because pastes scatter a header
// over lines in every way (one cell per line, month-day and year on different lines, stacked group headers):
// durations ("Three Months Ended", "13 Weeks Ended"), dates with or without a year, and bare years are each
// spread over the columns, a piece covering columns/pieces columns when there are fewer pieces than columns.
import type { Column, StatementKind } from "./types";
import { collapseRuns } from "./lexer";
import { isoDate, readLength } from "./periods";
import { NON_PERIOD_COLUMN, SCALE_HINT } from "./rules";

export interface HeaderLine {
  cells: string[];
  /** Start offsets of the cells, when known (space-aligned text). */
  positions?: number[];
  tabbed?: boolean;
}

/**
 * Space-aligned headers stack a column group's words over several lines ("For the 13" / "Weeks Ended" /
 * "July 3, 2004 and"): pieces that overlap in position are one piece, read top to bottom. Year cells stay apart.
 */
function stackPieces(header: HeaderLine[]): string[] | null {
  if (header.length < 2 || header.some((h) => h.tabbed || !h.positions || h.positions.length !== h.cells.length)) return null;
  // Only a real space-aligned header: some line holds two or more pieces side by side.
  if (!header.some((h) => h.cells.filter((c) => !YEAR_CELL.test(c.trim())).length >= 2)) return null;
  const stacks: { start: number; end: number; parts: string[] }[] = [];
  const years: string[] = [];
  for (const h of header) {
    h.cells.forEach((cell, k) => {
      if (YEAR_CELL.test(cell.trim())) {
        years.push(cell);
        return;
      }
      if (NON_PERIOD_COLUMN.test(cell)) return; // "Change", "% of revenues": dropped columns, not period words
      if (SCALE_HINT.test(cell) && durationMonths(cell) === null && dateMentions(cell).length === 0) return;
      const start = (h.positions as number[])[k];
      const end = start + cell.length;
      const hit = stacks.find((s) => start < s.end + 2 && end > s.start - 2);
      if (hit) {
        hit.parts.push(cell);
        hit.start = Math.min(hit.start, start);
        hit.end = Math.max(hit.end, end);
      } else stacks.push({ start, end, parts: [cell] });
    });
  }
  if (stacks.every((s) => s.parts.length === 1)) return null;
  return [...stacks.sort((a, b) => a.start - b.start).map((s) => s.parts.join(" ")), ...years];
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const DATE_MENTION =
  /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?(?:\s*,?\s*((?:19|20)\d\d))?\b/gi;
export interface DateMention {
  month: number;
  day: number | null;
  year: number | null;
}

export function dateMentions(text: string): DateMention[] {
  const out: DateMention[] = [];
  DATE_MENTION.lastIndex = 0;
  for (let m = DATE_MENTION.exec(text); m; m = DATE_MENTION.exec(text)) {
    const month = MONTHS[m[1].slice(0, 3).toLowerCase()];
    // "May" alone or "march" as a verb are noise unless a day or year follows.
    if (!m[2] && !m[3] && /^(may|mar)$/i.test(m[1])) continue;
    out.push({ month, day: m[2] ? Number(m[2]) : null, year: m[3] ? Number(m[3]) : null });
  }
  return out;
}

/** dateMentions(text).some((d) => d.year !== null), without building the mentions: a mention with a year is never
 *  dropped as noise, so the first match with a year settles it. */
function namesYear(text: string): boolean {
  DATE_MENTION.lastIndex = 0;
  for (let m = DATE_MENTION.exec(text); m; m = DATE_MENTION.exec(text)) {
    if (m[3]) {
      DATE_MENTION.lastIndex = 0;
      return true;
    }
  }
  return false;
}

/** Months a duration phrase covers (13/26/39/52 weeks count as 3/6/9/12; "quarter" is 3; "year" is 12): the
 * period reader's rule, with null for "states no length". */
export function durationMonths(text: string): number | null {
  return readLength(text) ?? null;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO date of a header date; a month without a day is its last day; an impossible date (February 30) is null. */
function headerDate(year: number, month: number, day: number | null): string | null {
  return isoDate(year, month, day ?? lastDayOfMonth(year, month));
}

/** Spreads `items` over `n` columns: one each, or each covering n/items.length columns. */
function spread<T>(items: T[], n: number): (T | null)[] {
  if (items.length === 0) return new Array<T | null>(n).fill(null);
  if (items.length === n) return items;
  if (items.length > n) return items.slice(items.length - n);
  // Filled by loops: Array.from with a map function is slow on this path.
  const out: T[] = [];
  if (n % items.length === 0) {
    const span = n / items.length;
    for (let i = 0; i < n; i++) out.push(items[Math.floor(i / span)]);
  } else for (let i = 0; i < n; i++) out.push(items[Math.min(i, items.length - 1)]);
  return out;
}

/** [0, 1, …, n − 1], by a loop: Array.from with a map function is slow on this path. */
function indexes(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i);
  return out;
}

export interface ColumnPlan {
  columns: Column[];
  /** Indexes (into the rows' values) of the columns kept; variance and percentage columns are dropped. */
  keep: number[];
  warnings: string[];
}

const YEAR_CELL = /^\(?((?:19|20)\d\d)\)?(\s*\(\w+\))?$/;

/** Reads the header into `width` columns. `context` is extra text that may state the period (the title line). */
export function planColumns(kind: StatementKind, header: HeaderLine[], width: number, context: string): ColumnPlan {
  const warnings: string[] = [];
  let keep = indexes(width);
  // A header line with one piece per value column names each column: drop the non-period ones.
  // Counted in place: flatMap + filter cost more here than the tests themselves.
  let periodPieces = 0;
  for (const h of header) for (const c of h.cells) if (YEAR_CELL.test(c) || namesYear(c)) periodPieces++;
  for (const h of header) {
    if (periodPieces >= width) break; // every value column has a period of its own: nothing to drop
    const periodCells = h.cells.filter((c) => !NON_PERIOD_COLUMN.test(c));
    const leafLine = periodCells.length > 0 && periodCells.every((c) => YEAR_CELL.test(c) || namesYear(c));
    if (h.cells.length === width && periodCells.length < width && leafLine) {
      keep = keep.filter((i) => !NON_PERIOD_COLUMN.test(h.cells[i]));
      break;
    }
  }
  const n = keep.length;
  // Scale captions ("(In Millions of Dollars)") sit among header pieces but name no period.
  const pieces = joinRanges(
    (stackPieces(header) ?? allCells(header)).filter(
      (c) => (!NON_PERIOD_COLUMN.test(c) || YEAR_CELL.test(c)) && !(SCALE_HINT.test(c) && durationMonths(c) === null && dateMentions(c).length === 0) && !isSentence(c),
    ),
  );
  const years: number[] = [];
  const durations: { months: number; text: string; dates: DateMention[] }[] = [];
  const dated: DateMention[] = [];
  const monthDays: DateMention[] = [];
  const stubs: { text: string; start: DateMention | null; end: DateMention | null }[] = [];
  for (const p of pieces) {
    const y = YEAR_CELL.exec(p.trim());
    if (y) {
      years.push(Number(y[1]));
      continue;
    }
    const mentions = dateMentions(p);
    const months = durationMonths(p);
    if (/\bto\b|\bthrough\b|–|\binception\b/i.test(p) && mentions.length >= 1 && months === null && kind !== "balanceSheet") {
      stubs.push({ text: p, start: mentions.length > 1 ? mentions[0] : null, end: mentions[mentions.length - 1] });
      continue;
    }
    if (months !== null) {
      durations.push({ months, text: p, dates: mentions });
      continue;
    }
    for (const m of mentions) (m.year !== null ? dated : monthDays).push(m);
  }
  const contextMonths = durationMonths(context);
  const contextDates = dateMentions(context);
  const datedWithContext = [...contextDates.filter((d) => d.year !== null && d.day !== null), ...dated];
  const perDuration = spread(durations, n);
  const perYear = spread(years, n);
  const perMonthDay = spread(monthDays.filter((m) => m.day !== null || monthDays.every((x) => x.day === null)), n);
  const perStub = stubs.length === n ? stubs : null;
  const stubYears = perStub ? yearsForStubs(perStub, years, Math.max(1, durations.length)) : null;

  const columns: Column[] = [];
  for (let c = 0; c < n; c++) {
    const group = perDuration[c];
    const year = stubYears ? stubYears[c] : perYear[c];
    let date: DateMention | null = null;
    const labelParts: string[] = [];
    if (group) labelParts.push(group.text);
    if (perStub) labelParts.push(perStub[c].text);
    if (year !== null) {
      date = group?.dates.find((d) => d.year === year && d.day !== null) ?? dated.find((d) => d.year === year) ?? null;
      if (!date) {
        // "December 31, 2009 and 2008": the later year borrows the month and day printed with the first.
        const md = group?.dates.find((d) => d.year === null) ?? perMonthDay[c] ?? contextDates.find((d) => d.year === null || d.year === year) ??
          group?.dates.find((d) => d.day !== null) ?? dated.find((d) => d.day !== null) ?? contextDates.find((d) => d.day !== null) ?? null;
        if (md) date = { month: md.month, day: md.day, year };
      }
      if (date && !group) labelParts.push(formatMention(date));
      else if (!labelParts.some((l) => l.includes(String(year)))) labelParts.push(String(year));
    } else if (dated.length >= n) {
      date = dated.length === n ? dated[c] : dated[dated.length - n + c];
      labelParts.push(formatMention(date));
    } else if (kind === "balanceSheet" && datedWithContext.length === n) {
      // "BALANCE SHEETS ... September 30, 2004" on the title line, "June 30, 2004" below it.
      date = datedWithContext[c];
      labelParts.push(formatMention(date));
    } else if (group && group.dates.some((d) => d.year !== null)) {
      date = group.dates.find((d) => d.year !== null) ?? null;
    }
    // "Year ended December 31, 1997 and period from June 3, 1996 (inception) to December 31, 1996": the column of
    // the stub's end year is the stub; the others keep the group's duration.
    const ownStub = !perStub && year !== null ? stubs.find((s) => s.start && s.end && s.end.year === year) ?? null : null;
    if (ownStub && ownStub.end) date = { ...ownStub.end };
    if (perStub && perStub[c].end) {
      const end = perStub[c].end as DateMention;
      date = { month: end.month, day: end.day, year: end.year ?? year ?? date?.year ?? null };
    }
    const iso = date && date.year !== null ? headerDate(date.year, date.month, date.day) : null;
    const label = collapseRuns(labelParts.join(" ")).trim() || `Column ${c + 1}`;
    if (kind === "balanceSheet") columns.push({ label, date: iso });
    else {
      let months = perStub || ownStub ? null : group?.months ?? contextMonths ?? null;
      let periodStart: string | null = null;
      if (ownStub?.start && date?.year) periodStart = isoDate(ownStub.start.year ?? date.year, ownStub.start.month, ownStub.start.day ?? 1);
      if (perStub && perStub[c].start && date?.year) {
        const s = perStub[c].start as DateMention;
        periodStart = isoDate(s.year ?? date.year, s.month, s.day ?? 1);
      }
      // A "stub" that runs whole months from the first of a month to a month end is an ordinary period.
      if (periodStart && iso && periodStart.endsWith("-01") && iso.slice(8) === String(lastDayOfMonth(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)))).padStart(2, "0")) {
        const span = (Number(iso.slice(0, 4)) - Number(periodStart.slice(0, 4))) * 12 + Number(iso.slice(5, 7)) - Number(periodStart.slice(5, 7)) + 1;
        if ([3, 6, 9, 12].includes(span)) {
          months = span;
          periodStart = null;
        }
      }
      if (months === null && !perStub && kind === "operations" && durations.length === 0 && /\b(years?|annual)\b/i.test(context)) months = 12;
      columns.push({ label, periodEnd: iso, months, ...(periodStart ? { periodStart } : {}) });
    }
    if (!iso) warnings.push(`Column ${c + 1} of the ${kind === "balanceSheet" ? "balance sheet" : "statement"}: no date could be read from its header.`);
  }
  return { columns, keep, warnings };
}

/** The header's cells in order (header.flatMap((h) => h.cells), which V8 runs slowly on small arrays). */
function allCells(header: HeaderLine[]): string[] {
  const out: string[] = [];
  for (const h of header) for (const c of h.cells) out.push(c);
  return out;
}

/** A line of prose caught above a table ("... results for the quarter."): no column header reads like that. */
function isSentence(piece: string): boolean {
  return piece.length > 100 || (piece.length > 40 && /[a-z]{2}[.!?]\s*$/.test(piece));
}

/** "July 1 to" + "July 21": a range split over two pieces is one piece. */
function joinRanges(pieces: string[]): string[] {
  const out: string[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /\b(to|through|thru|and|-|–)\s*$/i.test(prev) && !YEAR_CELL.test(p.trim())) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}

const dayAfter = (a: DateMention, b: DateMention): boolean => {
  if (a.day === null || b.day === null) return false;
  const next = new Date(Date.UTC(2001, a.month - 1, a.day + 1));
  return next.getUTCMonth() + 1 === b.month && next.getUTCDate() === b.day;
};

/**
 * Stub periods (predecessor/successor columns) print no year of their own: within each duration group the years
 * go to runs of back-to-back stubs ("July 1 to July 21" + "July 22 to September 30" are one year, the next stub
 * that does not continue them starts the next year).
 */
function yearsForStubs(stubs: { start: DateMention | null; end: DateMention | null }[], years: number[], groups: number): (number | null)[] {
  const perGroup = Math.floor(stubs.length / groups);
  const yearsPerGroup = Math.floor(years.length / groups);
  if (perGroup === 0 || yearsPerGroup === 0) return stubs.map(() => null);
  return stubs.map((_, c) => {
    const g = Math.floor(c / perGroup);
    let k = 0;
    for (let j = g * perGroup + 1; j <= c; j++) {
      const prev = stubs[j - 1].end;
      const cur = stubs[j].start;
      if (!(prev && cur && dayAfter(prev, cur))) k++;
    }
    return years[g * yearsPerGroup + Math.min(k, yearsPerGroup - 1)] ?? null;
  });
}

function formatMention(d: DateMention): string {
  const name = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][d.month - 1];
  return `${name}${d.day !== null ? ` ${d.day}` : ""}${d.year !== null ? `, ${d.year}` : ""}`;
}
