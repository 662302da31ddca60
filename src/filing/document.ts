// Document-level facts around the statements: who, which form, which period, what scale, what the prose says,
// and the checks. Assembles the final ParsedFiling.
import { runChecks } from "./checks";
import { readFacts } from "./facts";
import type { SubmissionHeaderInfo } from "./input";
import { readMeta } from "./meta";
import { fiscalPeriodFrom } from "./periods";
import type { DocumentInfo, ParsedFiling, ScaleInfo, Statements, Warning } from "./types";

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
  const scale: ScaleInfo = ops?.scale ?? bs?.scale ?? { money: "units", shares: "units", text: null, inferred: true };
  for (const st of [ops, bs]) {
    if (st && st.scale.inferred) warnings.push({ code: "scale", message: `No scale caption was found for "${st.title}"; amounts are taken as printed (whole units).`, line: st.line });
  }
  const facts = readFacts(text);
  const checks: ParsedFiling["checks"] = runChecks(statements, facts);
  const company = {
    name: meta.company.name ?? header?.companyName ?? null,
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
