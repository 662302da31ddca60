// The statements of a parsed filing as CSV (RFC 4180), for the preview's "Download CSV".
// Amounts stay exact decimal strings as parsed ("-2471"), so a spreadsheet reads them as numbers
// without any rounding; labels are quoted and guarded against formula injection.
import type { ParsedFiling, Statement } from "../filing/types";
import { scaleWords } from "./components/formatAmount";

const STATEMENT_ORDER = ["operations", "balanceSheet", "cashFlows"] as const;

/** Quotes a field when it holds a comma, quote or line break. */
function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Text taken from a filing could start with "=", "+", "-" or "@" and run as a formula when opened
 * in a spreadsheet; a leading apostrophe keeps it text. Exact decimals are data, not text, and pass as is.
 */
function textField(text: string): string {
  if (/^-?\d+(\.\d+)?$/.test(text)) return quoteField(text);
  return quoteField(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

function statementRows(statement: Statement): string[][] {
  const scale = statement.scale.text ?? `(${scaleWords(statement.scale.money)})`;
  const rows: string[][] = [
    [statement.title, scale],
    ["Line item", ...statement.columns.map((c) => c.label)],
  ];
  for (const row of statement.rows) rows.push([row.label, ...row.values.map((v) => v ?? "")]);
  return rows;
}

/** CSV with one block per statement (title, header, rows), blocks separated by an empty line. */
export function statementsToCsv(filing: ParsedFiling): string {
  const blocks: string[] = [];
  for (const kind of STATEMENT_ORDER) {
    const statement = filing.statements[kind];
    if (!statement) continue;
    const [titleRow, headerRow, ...bodyRows] = statementRows(statement);
    const lines = [
      titleRow.map(textField).join(","),
      headerRow.map(textField).join(","),
      // Values are exact decimals (or ""); labels are text.
      ...bodyRows.map(([label, ...values]) => [textField(label), ...values.map(quoteField)].join(",")),
    ];
    blocks.push(lines.join("\r\n"));
  }
  return blocks.length === 0 ? "" : `${blocks.join("\r\n\r\n")}\r\n`;
}

/** A file name for the download: "ImmunoGen-Q1-FY2005.csv". */
export function csvFileName(filing: ParsedFiling): string {
  const who = filing.company.ticker ?? filing.company.name ?? "filing";
  const when = filing.document.fiscalPeriod?.label ?? filing.document.periodEnd ?? "statements";
  return `${who}-${when}`.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "") + ".csv";
}
