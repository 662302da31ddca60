// Figures a model needs that a filing states only in its prose ("The Company's cash flow from operations was
// $857,000"), plus the prose restatements of table figures ("net loss of $2.5 million") that the checks compare
// with the statements. Values are normalised to whole dollars as exact decimal strings. Pure; never throws.
import Decimal from "decimal.js";
import { CURLY_QUOTES, firstProseAmount, normaliseProse, readProseAmounts, scanProseAmounts, toProseAmount, type ProseAmount } from "./scale";
import type { Fact } from "./types";

/** What a phrase measures and which way its sign goes. */
interface FactRule {
  concept: string | ((phrase: string) => string);
  /** The keyword phrase; the amount follows it ("net loss of $2.5 million"). */
  keyword: RegExp;
  /** -1 when the words say outflow/loss ("cash used in operations", "net loss"). */
  sign: 1 | -1;
  /** Words allowed between keyword and amount; anything else (e.g. "include") means the amount is about something else. */
  link?: RegExp;
  /** A cheap test on the sentence's words (see wordsIn) that every keyword match passes: skips the regex on most sentences. */
  hint: (words: number) => boolean;
}

// The amount must follow its keyword closely and be joined to it by a verb or preposition stating what it is.
// A bare change verb ("increased $978 million") gives a difference, not the figure, so it needs "to".
const LINK = /^[^$]{0,140}?\b(?:was|were|of|totall?ed|reached|amounted\s+to|to|at|is|are)\b[^$]{0,40}$/i;
const CHANGE_WITHOUT_TO = /\b(?:increased|decreased|rose|grew|fell|declined|improved|up|down)\s*(?:by\s*)?$/i;
const NOT_LINK = /\b(?:include[sd]?|including|excluding|per\s+share|compared|versus|vs\.|less|allocated|reduced|adjust\w*|in\s+excess|would|could|may|commitments?|price|from\s+(?:continuing|discontinued)|change\s+in|due\s+to|impact|effect|expected|remaining|deferred|obligations?|recogni[sz]ed|guidance|outlook)\b/i;
/** Words in the gap that turn a neutral "cash flows from operating activities" into an outflow. */
const OUTFLOW = /\b(?:outflow|used|negative)\b/i;

const RULES: FactRule[] = [
  { concept: "NetCashProvidedByUsedInOperatingActivities", sign: -1, hint: (w) => has(w, WORD.cash | WORD.operat), keyword: /\b(?:net\s+)?cash\s+(?:was\s+|were\s+)?(?:used|consumed|burned)\s+(?:in|by|for)\s+(?:operations|operating\s+activities)\b/gi },
  { concept: "NetCashProvidedByUsedInOperatingActivities", sign: 1, hint: (w) => has(w, WORD.cash | WORD.operat), keyword: /\b(?:(?:net\s+)?cash\s+(?:flows?\s+)?(?:was\s+|were\s+)?(?:(?:provided|generated)\s+(?:by|from)|from)\s+(?:operations|operating\s+activities)|operating\s+cash\s+flows?|cash\s+flows?\s+from\s+operations)\b(?!\s+(?:and|or)\b)/gi },
  { concept: "NetIncomeLoss", sign: -1, hint: (w) => has(w, WORD.net | WORD.loss), keyword: /\bnet\s+loss(?:es)?\b(?!\s+per\b)/gi },
  { concept: "NetIncomeLoss", sign: 1, hint: (w) => has(w, WORD.net), keyword: /\bnet\s+(?:income|earnings|profit)\b(?!\s+per\b)(?!\s+attributable\s+to\s+(?:non|minority))/gi },
  // Total revenue only: at the start of a sentence, or after words that do not name a segment.
  { concept: "Revenues", sign: 1, hint: (w) => (w & (WORD.revenue | WORD.sales)) !== 0, keyword: /(?:^|\b(?:total|quarterly|consolidated|record|posted|the\s+company['\u2018\u2019]s)\s+(?:quarterly\s+|record\s+)?)(?:net\s+)?(?:revenues?|sales(?:\s+and\s+revenues)?)\b(?!\s+(?:price|commitments?|growth|backlog|recognition|per|mix|volume))/gi },
  { concept: "Assets", sign: 1, hint: (w) => has(w, WORD.total | WORD.assets), keyword: /\btotal\s+assets\b/gi },
  { concept: "Liabilities", sign: 1, hint: (w) => has(w, WORD.total | WORD.liabilities), keyword: /\btotal\s+liabilities\b(?!\s+and)/gi },
];

/**
 * The words the fact patterns are built from: a pattern cannot match a sentence that lacks one of its words (regex
 * letters match only ASCII letters under /i without the u flag, the same way here as in the patterns).
 */
const PATTERN_WORD = /cash|operat|loss|net|revenue|sales|total|assets|liabilities|respectively/gi;

/** One bit per PATTERN_WORD: a sentence's words are a number, not a Set of lower-cased strings (fewer allocations). */
const WORD = { cash: 1, operat: 2, loss: 4, net: 8, revenue: 16, sales: 32, total: 64, assets: 128, liabilities: 256, respectively: 512 } as const;
const WORD_BIT: Record<string, number> = WORD;

/** The FACT_WORDs (below) as WORD bits. */
const FACT_WORDS = WORD.cash | WORD.net | WORD.revenue | WORD.sales | WORD.total;

/** Whether the sentence's words include all of `bits`. */
const has = (words: number, bits: number): boolean => (words & bits) === bits;

/** Which PATTERN_WORDs a sentence holds (bits of WORD), found in one scan instead of a search per word. */
function wordsIn(sentence: string): number {
  let words = 0;
  PATTERN_WORD.lastIndex = 0;
  for (let m = PATTERN_WORD.exec(sentence); m; m = PATTERN_WORD.exec(sentence)) {
    // Most are printed in lower case: no lower-cased copy for those.
    words |= WORD_BIT[m[0]] ?? WORD_BIT[m[0].toLowerCase()] ?? 0;
    // One character on, not past the match: words may overlap ("netotal"), and none is missed this way.
    PATTERN_WORD.lastIndex = m.index + 1;
  }
  PATTERN_WORD.lastIndex = 0;
  return words;
}

// "$95.0 million in cash and marketable securities": the amount comes before the noun. Sticky, tried at the amount's
// end (no lookbehind or \b in it, so it matches there as it would at the start of the text after the amount).
const CASH_AFTER_AMOUNT = /\s*(?:in|of)\s+(cash(?:\s+and\s+cash\s+equivalents)?(?:(?:,|\s+and)\s+(?:cash\s+equivalents|marketable\s+securities|short[- \u00a0]term\s+investments|investments|restricted\s+cash))*)(?![\w-]|\s+(?:flows?|dividends?|payments?|consideration|proceeds|compensation|and\s+stock|paid|used|from|generated|provided))/iy;
// "cash and cash equivalents of $1.2 billion", "cash, cash equivalents and marketable securities totaled $X".
const CASH_BEFORE_AMOUNT = /\b(cash(?:,?\s+and\s+cash\s+equivalents|,\s+cash\s+equivalents)?(?:(?:,|\s+and)\s+(?:marketable\s+securities|short[- \u00a0]term\s+investments|investments))*)\s+(?:of|was|were|totall?ed|balance\s+of|amounted\s+to|increased\s+to|decreased\s+to)\s+(?:approximately\s+|about\s+)?(?=\$)/gi;

/** The US-GAAP concept for a cash phrase: with investments it is the broader total. */
export function cashConcept(phrase: string): string {
  return /marketable|investments/i.test(phrase) ? "CashCashEquivalentsAndShortTermInvestments" : "CashAndCashEquivalentsAtCarryingValue";
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DATE_RE = /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b/i;

// A period or balance date is introduced by "ended", "as of", "at"; a dateline or event date ("On November 4") is not.
const PERIOD_DATE_RE = new RegExp(String.raw`\b(?:ended|ending|as\s+of|at|through)\s+` + DATE_RE.source.slice(2), "i");

const COMPARED = /\b(?:compared\s+(?:to|with)|versus|as\s+compared)\b/i;
const YEAR_LIKE = /(?:19|20)\d{2}/;

/** The date a sentence is about: the first period date before any "compared to ..." clause. */
function sentencePeriod(sentence: string): string | null {
  // The text before the first "compared to" (what split(...)[0] gives), and only when it can hold a year.
  if (!YEAR_LIKE.test(sentence)) return null;
  const cut = sentence.search(COMPARED);
  const own = cut < 0 ? sentence : sentence.slice(0, cut);
  const m = own.match(PERIOD_DATE_RE);
  if (!m) return null;
  const month = MONTHS[m[1].slice(0, 3).toLowerCase()];
  return `${m[3]}-${String(month).padStart(2, "0")}-${m[2].padStart(2, "0")}`;
}

const SENTENCE_END = /[.!?](?=\s+[A-Z"“(])/g;
const ABBREVIATION_END = /\b(?:Inc|Corp|Co|Ltd|No|U\.S|Mr|Ms|Dr|vs|approx)\.$/i;
const SPACE = /\s/;

/**
 * Splits a paragraph into sentences without breaking "$2.5 million", "Inc.", "U.S." or "No. 3". Only their texts:
 * no reader needs where a sentence starts, so no object is made per sentence.
 */
function sentences(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  // exec on the shared global regex: what matchAll would iterate, without cloning the regex for every line.
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(line); m; m = SENTENCE_END.exec(line)) {
    const end = m.index + 1;
    const before = line.slice(Math.max(start, end - 6), end);
    if (ABBREVIATION_END.test(before)) continue;
    out.push(line.slice(start, end));
    start = end;
    while (start < line.length && SPACE.test(line[start])) start++;
  }
  SENTENCE_END.lastIndex = 0;
  if (start < line.length) out.push(line.slice(start));
  return out;
}

/** Lines that are table rows (tabs between figures) are the statements' business, not prose. */
const PROSE_VERB = /\s(?:was|were|of|to|had|reported|totall?ed)\s/i;
const TABLE_ROW = /\t.*\d.*\t/;

/**
 * A word every fact needs: each rule's keyword holds "cash", "net", "revenue", "sales" or "total", and both cash
 * readers hold "cash". Text without one gives no facts, so it is skipped before any copy or split. (Regex letters
 * match only ASCII letters under /i without the u flag, the same way here as in the patterns it stands for; and
 * normaliseProse changes no letters, so a line can be tested before it is normalised.)
 */
const FACT_WORD = /cash|net|revenue|sales|total/i;

/**
 * Prose that can state a fact, but for the letter count (isMostlyLetters), which readLine asks only once the line
 * gives a fact. Cheapest and most selective tests first: this runs on every "$" line of documents that can be
 * megabytes long.
 */
function mayBeFactProseLine(line: string): boolean {
  if (line.length < 40 || !PROSE_VERB.test(line) || !FACT_WORD.test(line)) return false;
  // A one-character search first: most prose has no tab, and the regex scans for one far slower.
  return !(line.includes("\t") && TABLE_ROW.test(line));
}

/** Prose is mostly letters: stop counting as soon as they are enough. */
function isMostlyLetters(line: string): boolean {
  const enough = line.length * 0.4;
  let letters = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122 && ++letters > enough) return true;
  }
  return false;
}

/** A figure a reader can trust as dollars: "$857,000", "$2.5 million". 10-Q prose often writes "$7" meaning millions. */
function plausibleDollars(a: ProseAmount): boolean {
  return /thousand|million|billion/i.test(a.text) || a.value.gte(1000);
}

function amountAfter(sentence: string, from: number): (ProseAmount & { gap: string }) | null {
  const rest = sentence.slice(from, from + 200);
  const first = firstProseAmount(rest);
  if (!first || !plausibleDollars(first)) return null;
  const gap = rest.slice(0, first.start);
  if (!LINK.test(gap) || NOT_LINK.test(gap) || CHANGE_WITHOUT_TO.test(gap.trim())) return null;
  // "$0.06 per share" is not the amount; "$2.5 million, or $0.06 per share" is.
  if (/^\s*(?:per\b|a\s+share)/i.test(rest.slice(first.end))) return null;
  return { value: first.value, halfUnit: first.halfUnit, text: first.text, gap, start: first.start + from, end: first.end + from };
}

/**
 * Reads prose figures. Each fact carries the phrase (keyword through amount), its 1-based line, and the period
 * its sentence names; a sentence that names none takes the date of the first dated sentence of its paragraph
 * (press releases state the period once, then say "for the quarter"). Only the first figure per concept and
 * period is kept: later ones restate it or compare with other periods.
 */
export function readFacts(text: string): Fact[] {
  if (typeof text !== "string" || text.length === 0) return [];
  try {
    return readFactsUnsafe(text);
  } catch {
    return [];
  }
}

function readFactsUnsafe(text: string): Fact[] {
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const add = (concept: string, value: Decimal, phrase: string, line: number, period: string | null): void => {
    const key = `${concept}|${period ?? ""}`;
    if (seen.has(key)) return;
    // The same figure restated later ("Net income for the third quarter ... was $44.2 million") adds nothing;
    // if the restatement names the period and the first mention did not, keep the period.
    const same = facts.find((f) => f.concept === concept && f.value === value.toFixed());
    if (same) {
      if (same.period === null && period !== null) same.period = period;
      return;
    }
    seen.add(key);
    // Curly quotes as normaliseProse writes them (a line is read as printed; see readLine).
    facts.push({ concept, value: value.toFixed(), text: phrase.replace(/\s+/g, " ").trim().replace(CURLY_QUOTES, "'"), line, period });
  };
  // Only lines that can state dollars are read ("\$" escapes still hold a "$"): jump from one "$" to the next
  // instead of splitting the whole text, counting line breaks on the way. Lines are those of split(/\r?\n/).
  // Line numbers are counted only up to the lines that give facts (few, and mostly near the top).
  let lineIndex = 0;
  let counted = 0;
  const lineNoAt = (lineStart: number): number => {
    for (let i = text.indexOf("\n", counted); i >= 0 && i < lineStart; i = text.indexOf("\n", i + 1)) lineIndex++;
    counted = lineStart;
    return lineIndex + 1;
  };
  for (let dollar = text.indexOf("$"); dollar >= 0; ) {
    const lineStart = text.lastIndexOf("\n", dollar) + 1;
    const newline = text.indexOf("\n", dollar);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = newline >= 0 && text.charCodeAt(lineEnd - 1) === 13 && lineEnd - 1 >= lineStart ? text.slice(lineStart, lineEnd - 1) : text.slice(lineStart, lineEnd);
    readLine(line, lineStart);
    dollar = newline < 0 ? -1 : text.indexOf("$", newline + 1);
  }
  return facts;

  /** Reads one line that holds a "$"; `lineStart` is its offset in the text. */
  function readLine(line: string, lineStart: number): void {
    // Table rows (most "$" lines of a release) are turned away before any copy is made.
    if (!mayBeFactProseLine(line)) return;
    // The last prose test, the letter count, is made only when the line gives a fact (few do, and nearly all
    // pass it): a line that fails it adds nothing, as if it had been turned away here.
    let mostlyLetters: boolean | undefined;
    const isProse = (): boolean => (mostlyLetters ??= isMostlyLetters(line));
    // Read as printed unless the line holds a "\$" escape: normalising would then only turn NBSP into spaces and
    // curly single quotes into "'", one for one, and the patterns here match NBSP wherever they match a space and
    // the curly quotes wherever they match "'" (the fact's text is normalised in add). No copy of the line.
    const raw = line.includes("\\") && line.includes("\\$") ? normaliseProse(line) : line;
    const list = sentences(raw);
    // A sentence's period: its own, else the paragraph's (the first one a sentence up to it names). Worked out
    // only for sentences that give a fact.
    const owns: (string | null | undefined)[] = new Array(list.length);
    const ownAt = (j: number): string | null => {
      let own = owns[j];
      if (own === undefined) owns[j] = own = sentencePeriod(list[j]);
      return own;
    };
    const periodAt = (j: number): string | null => {
      const own = ownAt(j);
      if (own !== null) return own;
      for (let i = 0; i < j; i++) {
        const earlier = ownAt(i);
        if (earlier !== null) return earlier;
      }
      return null;
    };
    for (let j = 0; j < list.length; j++) {
      const sentence = list[j];
      // Every fact's amount is a "$" figure of its own sentence.
      if (!sentence.includes("$")) continue;
      // The FACT_WORD test, read from the words' scan (every FACT_WORD is a PATTERN_WORD) instead of a scan of its own.
      const words = wordsIn(sentence);
      if ((words & FACT_WORDS) === 0) continue;
      // "$206.4 million and $284.8 million ... as of July 31 and April 30, respectively": pairing amounts with
      // dates is guesswork, so such sentences give no facts.
      if (has(words, WORD.respectively) && /\brespectively\b/i.test(sentence)) continue;
      for (const rule of RULES) {
        if (!rule.hint(words)) continue;
        // The first keyword match that is followed by its amount (exec on the rule's own global regex: what
        // matchAll would iterate, without cloning the regex for every sentence).
        const re = rule.keyword;
        re.lastIndex = 0;
        for (let k = re.exec(sentence); k; k = re.exec(sentence)) {
          if (k[0].length === 0) re.lastIndex++; // no keyword matches empty today; a new one must not loop
          const kStart = k.index;
          const amount = amountAfter(sentence, kStart + k[0].length);
          if (!amount) continue;
          if (!isProse()) return;
          const concept = typeof rule.concept === "string" ? rule.concept : rule.concept(k[0]);
          // "net loss of $(2.5) million" does not occur; the words carry the sign.
          const sign = rule.sign === 1 && OUTFLOW.test(amount.gap) ? -1 : rule.sign;
          add(concept, amount.value.times(sign), sentence.slice(kStart, amount.end), lineNoAt(lineStart), periodAt(j));
          break;
        }
        re.lastIndex = 0;
      }
      // Both cash readers need the word.
      if (!has(words, WORD.cash)) continue;
      // The cash noun first: only an amount it follows is made a Decimal.
      for (const raw of scanProseAmounts(sentence)) {
        CASH_AFTER_AMOUNT.lastIndex = raw.end;
        const after = CASH_AFTER_AMOUNT.exec(sentence);
        if (!after) continue;
        const a = toProseAmount(raw);
        if (!plausibleDollars(a)) continue;
        if (!isProse()) return;
        add(cashConcept(after[1]), a.value, sentence.slice(a.start, a.end + after[0].length), lineNoAt(lineStart), periodAt(j));
      }
      // exec on the shared global regex, as matchAll would iterate (a match holds "cash", so none is empty).
      CASH_BEFORE_AMOUNT.lastIndex = 0;
      for (let c = CASH_BEFORE_AMOUNT.exec(sentence); c; c = CASH_BEFORE_AMOUNT.exec(sentence)) {
        const cStart = c.index;
        const amount = amountAfter(sentence, cStart + c[1].length);
        if (amount && /\bflows?\b|operat/i.test(amount.gap)) continue;
        if (!amount) continue;
        if (!isProse()) return;
        add(cashConcept(c[1]), amount.value, sentence.slice(cStart, amount.end), lineNoAt(lineStart), periodAt(j));
      }
      CASH_BEFORE_AMOUNT.lastIndex = 0;
    }
  }
}

/** Half of the last digit the fact's phrase states, in whole dollars: how far the prose may be from the table. */
export function factRounding(fact: Fact): Decimal {
  const amounts = readProseAmounts(normaliseProse(fact.text));
  const last = amounts[amounts.length - 1];
  return last ? last.halfUnit : new Decimal(0.5);
}
