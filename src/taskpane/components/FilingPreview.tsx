// What the parser found: company, period, scale, checks, the statements as tables, and the
// source of any value. Import and CSV download act on exactly this parsed filing.
import { useMemo, useState } from "react";
import { Button, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { Check, ParsedFiling, Statement, StatementKind } from "../../filing/types";
import { ChecksList, checkId } from "./ChecksList";
import { scaleWords } from "./formatAmount";
import { SourcePanel } from "./SourcePanel";
import { StatementTable, type ValueSelection } from "./StatementTable";

const useStyles = makeStyles({
  summary: { display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalM, rowGap: "2px", margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalS} 0` },
  stale: { color: tokens.colorPaletteMarigoldForeground1 },
  statement: { marginTop: tokens.spacingVerticalM, overflowX: "auto" },
  subheading: { fontSize: tokens.fontSizeBase300, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
});

const STATEMENT_ORDER: readonly StatementKind[] = ["operations", "balanceSheet", "cashFlows"];

export interface FilingPreviewProps {
  filing: ParsedFiling;
  sourceLines: readonly string[] | null;
  /** The box changed since this parse. */
  stale: boolean;
  importing: boolean;
  onImport: () => void;
  onDownloadCsv: () => void;
}

/** Failed checks by cell, so the tables can highlight them and point to the detail. */
function failedCellsByStatement(checks: readonly Check[], idPrefix: string): Map<StatementKind, Map<string, string>> {
  const byStatement = new Map<StatementKind, Map<string, string>>();
  checks.forEach((check, index) => {
    if (check.passed || check.statement === null || check.line === null) return;
    const cells = byStatement.get(check.statement) ?? new Map<string, string>();
    const key = `${check.line}:${check.column ?? "*"}`;
    if (!cells.has(key)) cells.set(key, checkId(idPrefix, index));
    byStatement.set(check.statement, cells);
  });
  return byStatement;
}

export function periodWords(filing: ParsedFiling): string {
  const { fiscalPeriod, periodEnd } = filing.document;
  if (fiscalPeriod && periodEnd) return `${fiscalPeriod.label} (period ended ${periodEnd})`;
  return fiscalPeriod?.label ?? (periodEnd ? `Period ended ${periodEnd}` : "Not found");
}

export function companyWords(filing: ParsedFiling): string {
  const { name, ticker, exchange } = filing.company;
  const listing = ticker ? ` (${exchange ? `${exchange}: ` : ""}${ticker})` : "";
  return `${name ?? "Unknown company"}${listing}`;
}

function scaleDescription(filing: ParsedFiling): string {
  const { money, shares, text, inferred } = filing.scale;
  const base = money === shares ? `Amounts ${scaleWords(money)}` : `Amounts ${scaleWords(money)}, shares ${scaleWords(shares)}`;
  if (text) return `${base}, as stated: ${text}`;
  return inferred ? `${base} (inferred: no caption states it)` : base;
}

export function FilingPreview({ filing, sourceLines, stale, importing, onImport, onDownloadCsv }: FilingPreviewProps) {
  const styles = useStyles();
  const idPrefix = useId("filing");
  const [selection, setSelection] = useState<ValueSelection | null>(null);
  const failedCells = useMemo(() => failedCellsByStatement(filing.checks, idPrefix), [filing, idPrefix]);
  const statements = STATEMENT_ORDER.map((kind) => filing.statements[kind]).filter((s): s is Statement => s !== null && s !== undefined);
  const columnLabels = Object.fromEntries(statements.map((s) => [s.kind, s.columns.map((c) => c.label)])) as Partial<Record<StatementKind, string[]>>;
  const { form, exhibit } = filing.document;

  return (
    <div>
      <dl className={styles.summary}>
        <dt className={styles.term}>Company</dt>
        <dd className={styles.value}>{companyWords(filing)}</dd>
        <dt className={styles.term}>Document</dt>
        <dd className={styles.value}>{[form ?? "Form not found", exhibit].filter(Boolean).join(", ")}</dd>
        <dt className={styles.term}>Period</dt>
        <dd className={styles.value}>{periodWords(filing)}</dd>
        <dt className={styles.term}>Scale</dt>
        <dd className={styles.value}>{scaleDescription(filing)}</dd>
        <dt className={styles.term}>Currency</dt>
        <dd className={styles.value}>{filing.currency}</dd>
      </dl>
      {stale && <p className={styles.stale}>The text changed since this preview. Press Parse to update it.</p>}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={onImport} disabled={importing}>Import into workbook</Button>
        <Button onClick={onDownloadCsv}>Download CSV</Button>
      </div>
      <h3 className={styles.subheading}>Checks</h3>
      <ChecksList checks={filing.checks} columnLabels={columnLabels} idPrefix={idPrefix} />
      {filing.warnings.length > 0 && (
        <>
          <h3 className={styles.subheading}>Warnings</h3>
          <ul>
            {filing.warnings.map((w, i) => (
              <li key={i}>{w.message}{w.line !== undefined ? ` (line ${w.line})` : ""}</li>
            ))}
          </ul>
        </>
      )}
      <h3 className={styles.subheading}>Statements</h3>
      <SourcePanel selection={selection} sourceLines={sourceLines} />
      {statements.map((statement) => (
        <div key={statement.kind} className={styles.statement}>
          <StatementTable
            statement={statement}
            failedCells={failedCells.get(statement.kind) ?? new Map()}
            sourceLines={sourceLines}
            selected={selection}
            onSelect={setSelection}
          />
        </div>
      ))}
    </div>
  );
}
