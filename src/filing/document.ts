// Document-level facts around the statements: who, which form, which period, what scale, what the prose says,
// and the checks. Assembles the final ParsedFiling.
import { runChecks } from "./checks";
import { readFacts } from "./facts";
import type { SubmissionHeaderInfo } from "./input";
import { readMeta } from "./meta";
import { inferScaleFromAmounts, proseDollarAmounts, type RawProseAmount } from "./scale";
import { fiscalPeriodFrom } from "./periods";
import { reconcileShareScale } from "./shareScale";
import type { DocumentInfo, ParsedFiling, ScaleInfo, Statement, Statements, Warning } from "./types";

export interface DocumentParts {
  text: string;
  lines: string[];
  format: DocumentInfo["format"];
  exhibit: string | null;
  header: SubmissionHeaderInfo | null;
  statements: Statements;
  warnings: Warning[];
}

export function describeDocument(parts: DocumentParts): ParsedFiling {
  const { text, statements, warnings, header } = parts;
  const meta = readMeta(text);
  const ops = statements.operations;
  const bs = statements.balanceSheet;
  const latest = ops?.columns[0] ?? null;
  const periodEnd = latest?.periodEnd ?? bs?.columns[0]?.date ?? null;
  const fiscalPeriod = fiscalPeriodFrom({
    prose: meta.fiscalText ?? text.slice(0, 20000),
    latest: latest ? { months: latest.months, periodEnd: latest.periodEnd } : null,
    comparativeDate: bs?.columns[1]?.date ?? null,
    balanceDates: bs?.columns.map((c) => c.date ?? null) ?? null,
  });
  if (ops) reconcileShareScale(ops, warnings);
  // The prose's dollar amounts, scanned once even when both statements lack a caption.
  let proseAmounts: RawProseAmount[] | null = null;
  for (const st of [ops, bs]) {
    if (!st || !st.scale.inferred) continue;
    // No caption: the prose may say it ("net loss of $2.5 million" against 2,471 means thousands).
    const candidates: { value: string }[] = [];
    for (const r of st.rows) if (r.kind === "amount") for (const value of r.values) if (value !== null) candidates.push({ value });
    const inferred = inferScaleFromAmounts((proseAmounts ??= proseDollarAmounts(dollarLines(parts.lines))), candidates);
    if (inferred) {
      st.scale = { money: inferred.scale, shares: inferred.scale, text: null, inferred: true };
      warnings.push({ code: "scale", message: `No scale caption was found for "${st.title}"; amounts read as ${inferred.scale} because the text says ${inferred.evidence}.`, line: st.line });
    } else warnings.push({ code: "scale", message: `No scale caption was found for "${st.title}"; amounts are taken as printed (whole units).`, line: st.line });
  }
  const scale: ScaleInfo = ops?.scale ?? bs?.scale ?? { money: "units", shares: "units", text: null, inferred: true };
  const facts = readFacts(text);
  const checks: ParsedFiling["checks"] = runChecks(statements, facts);
  const company = {
    name: statementEntity(parts.lines, ops ?? bs, meta.company.name) ?? meta.company.name ?? header?.companyName ?? null,
    ticker: meta.company.ticker,
    exchange: meta.company.exchange,
  };
  return {
    company,
    document: {
      form: meta.form ?? header?.form ?? null,
      reportDate: meta.reportDate ?? header?.periodOfReport ?? null,
      periodEnd,
      fiscalPeriod,
      format: parts.format,
      exhibit: parts.exhibit,
    },
    scale,
    currency: "USD",
    statements,
    checks,
    facts,
    warnings,
  };
}

/** A line of white space only (what removing every [\s\u00a0] run leaves empty), tested without a copy. */
const BLANK = /^[\s\u00a0]*$/;
const ENTITY = /^[A-Z0-9][A-Za-z0-9.,&' -]{1,80}\b(inc|corp|corporation|company|co|ltd|llc|l\.?p|plc|n\.?v|s\.?a|limited|fund(\s+[ivx]+)?)\.?(\s+and\s+subsidiaries)?$/i;
const titleCase = (s: string): string => (s === s.toUpperCase() ? s.toLowerCase().replace(/\b([a-z])/g, (c) => c.toUpperCase()).replace(/\bAnd\b/g, "and") : s);

/**
 * The company whose statements these are, when the name printed just above the statement differs from the
 * registrant's (an 8-K filed by an acquirer carrying the acquired business's statements).
 */
function statementEntity(lines: string[], st: Statement | null, registrant: string | null): string | null {
  if (!st) return null;
  const firstWord = (s: string): string => s.toLowerCase().replace(/^the\s+/, "").split(/[^a-z0-9]+/)[0] ?? "";
  for (let i = st.line - 2; i >= Math.max(0, st.line - 5); i--) {
    let t = (lines[i] ?? "").replace(/[\s\u00a0]+/g, " ").trim();
    if (!t) continue;
    let j = i - 1;
    while (j > 0 && BLANK.test(lines[j] ?? "")) j--;
    const above = (lines[j] ?? "").replace(/[\s\u00a0]+/g, " ").trim();
    if (/(&|\band|,)$/i.test(above)) t = `${above} ${t}`; // a name wrapped over two lines
    if (!ENTITY.test(t)) continue;
    const name = titleCase(t.replace(/\s+and\s+subsidiaries$/i, ""));
    return registrant && firstWord(name) === firstWord(registrant) ? null : name;
  }
  return null;
}

/** The lines that state dollar amounts in words ("$2.5 million", "$857,000"): all that scale inference reads. */
function dollarLines(lines: string[]): string {
  // The length test first: it settles most lines without a search (a plain loop measured faster than filter here).
  const kept: string[] = [];
  for (const l of lines) if (l.length > 30 && l.includes("$") && !l.includes("\t")) kept.push(l);
  return kept.join("\n");
}
