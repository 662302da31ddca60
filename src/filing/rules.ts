// The patterns the table parser shares between its modules, in one place (as marked's rules.ts does); a pattern
// only one reader uses stays beside that reader.

/** A statement title, by kind. Matched against a whole (short) line. */
export const TITLE = {
  operations:
    /\b(statements?\s+of\s+(consolidated\s+)?(results\s+of\s+)?(operations|income|earnings|(net\s+)?(loss|income|earnings)|comprehensive\s+(loss|income))|(consolidated\s+)?(income|earnings)\s+statements?|analysis\s+of\s+consolidated\s+earnings|consolidated\s+income)\b/i,
  balanceSheet: /\b(balance\s+sheets?|statements?\s+of\s+(consolidated\s+)?(financial\s+(position|condition)|condition))\b/i,
  cashFlows: /\bstatements?\s+of\s+(consolidated\s+)?cash\s+flows?\b/i,
} as const;

/** Titles that name something other than the GAAP statement (reconciliations, pro forma, segments...). */
export const NOT_GAAP_TITLE =
  /\b(non-?\s?gaap|reconciliation|pro\s*forma|segment|adjusted|guidance|outlook|per\s+share\s+data|changes\s+in\s+(stockholders|shareholders|partners|members)|comprehensive\s+income\s*\(loss\)\s*$)/i;

/** Titles of digests ("Selected balance sheet data", "Summary income statement"): used only when no full statement is found. */
export const DIGEST_TITLE = /\b(selected|summary|summarized|highlights|supplemental|data)\b/i;

/** A line of prose: long running text, not a table row or a title. */
export const PROSE_MIN_CHARS = 160;

/** Column headers that are not periods: variance and percentage columns. */
export const NON_PERIOD_COLUMN = /(%|\bchange\b|\bvariance\b|\bincrease\b|\bdecrease\b|\bpercent|\bgrowth\b|\bof\s+revenues?\b|\bq\/q\b|\by\/y\b)/i;

/** Scale captions are read by scale.ts; this only spots a line that carries one. */
export const SCALE_HINT = /(\bin\s+(thousands|millions|billions)\b|\b(thousands|millions|billions)\s+of\s+dollars\b|\bdollars\s+in\s+(thousands|millions)\b|\bamounts\s+in\s+(thousands|millions)\b|\$\s*in\s+(thousands|millions)\b|^\W*(thousands|millions)\b)/i;

/** A label that ends where another line continues it (wrapped label). */
export const CONTINUES = /(,|\band|\bof|\bin|\bfor|\bto|\bthe|\bfrom|\bon|\bor|\bbefore|\bafter|\bper|\bnet|&|\/)\s*$/i;

/** Lines that end a statement: notes reference, footnotes block, signature. */
export const STATEMENT_END =
  /^(see\s+(the\s+)?accompanying|the\s+accompanying\s+notes|see\s+notes\s+to|\(?[1-9a-z]\)\s+\S.{20,}|\*\s+\S.{20,}|note\s*:|notes?\s+to\s+(condensed\s+)?consolidated)/i;

/** Table-of-contents page references next to a title ("Balance Sheets 3", "F-2"). */
export const PAGE_REF = /^(f-?\d{1,3}|\d{1,3})$/i;
