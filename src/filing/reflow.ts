// Run-on text: a copy whose line breaks were lost puts a whole table on one line with single spaces
// ("Total revenues 9,006 3,890 Expenses: Cost of clinical materials reimbursed 2,494 1,759 ..."). Rows are rebuilt
// from the numbers: a row ends where a run of amounts is followed by words, a section header ends at its colon,
// and an all-capitals heading ends where ordinary words start. Only very long lines full of amounts are touched.
import { readAmount } from "./lexer";

/** A line this long with this many amounts cannot be prose or a single table row. */
const MIN_CHARS = 600;
const MIN_AMOUNTS = 16;
const AMOUNT_IN_TEXT = /(?:^|\s)\(?\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?(?=\s|$)/g;

const PERIOD_START = /^(three|six|nine|twelve|thirteen|twenty-six|thirty-nine|fifty-two|fiscal|years?|quarters?|\d{1,2})$/i;
const PERIOD_NEXT = /^(months?|weeks?|ended|quarters?)$/i;
const isAmountToken = (t: string): boolean => t === "$" || t === ")" || readAmount(t) !== null;
const hasLetter = /[A-Za-z]/;
const isCapsWord = (t: string): boolean => /^[A-Z][A-Z'’&,-]+$/.test(t) && t.length > 1;
const isTitleWord = (t: string): boolean => /^[A-Z][a-z]/.test(t);

function reflowLine(line: string): string {
  const tokens = line.split(/ +/).filter(Boolean);
  const out: string[] = [];
  let row: string[] = [];
  const flush = (): void => {
    if (row.length) out.push(row.join(" "));
    row = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = row[row.length - 1];
    if (prev !== undefined) {
      const afterAmounts = isAmountToken(prev) && hasLetter.test(t) && !isAmountToken(t);
      const afterHeading = /:$/.test(prev);
      const capsThenWords = isCapsWord(prev) && isTitleWord(t) && row.every((w) => isCapsWord(w) || !hasLetter.test(w));
      // Running text, then an all-capitals heading: "... the quarter. IMMUNOGEN, INC. CONDENSED ..."
      const wordsThenCaps = /[.!?]$/.test(prev) && isCapsWord(t.replace(/[,.]$/, "")) && !isCapsWord(prev.replace(/[,.]$/, ""));
      // A period header starts its own line: "... amounts) Three Months Ended ...".
      const periodHeader = PERIOD_START.test(t) && PERIOD_NEXT.test(tokens[i + 1] ?? "") && !PERIOD_START.test(prev);
      if (afterAmounts || afterHeading || capsThenWords || wordsThenCaps || periodHeader) flush();
    }
    row.push(t);
  }
  flush();
  return out.join("\n");
}

/** Whether a line is run-on table text: long, no tabs, full of amounts. */
function isRunOn(line: string): boolean {
  if (line.length < MIN_CHARS || line.includes("\t")) return false;
  // Every amount counted below holds a thousands comma, so a line with fewer commas than MIN_AMOUNTS (most prose)
  // is settled without running the amount pattern over it.
  let commas = 0;
  for (let at = line.indexOf(","); at >= 0 && commas < MIN_AMOUNTS; at = line.indexOf(",", at + 1)) commas++;
  if (commas < MIN_AMOUNTS) return false;
  let amounts = 0;
  for (const m of line.matchAll(AMOUNT_IN_TEXT)) if (m) amounts++;
  if (amounts < MIN_AMOUNTS) return false;
  // Prose quotes numbers too, but sparsely: in a table the amounts are a large share of the words.
  const words = line.split(/\s+/).length;
  return amounts / words >= 0.1;
}

/**
 * Rebuilds rows in run-on lines. Takes the text's lines (split on "\n"); returns them unchanged (same objects) when
 * no line needs it, else the rebuilt text and its lines.
 */
export function reflowRunOnLines(text: string, lines: string[]): { text: string; lines: string[]; changed: boolean } {
  // Most texts have no run-on line: a length test per line settles them.
  if (!lines.some((line) => line.length >= MIN_CHARS && isRunOn(line))) return { text, lines, changed: false };
  const rebuilt = lines.map((line) => (isRunOn(line) ? reflowLine(line.replace(/[\u00a0\s]+/g, " ")) : line)).join("\n");
  return { text: rebuilt, lines: rebuilt.split("\n"), changed: true };
}
