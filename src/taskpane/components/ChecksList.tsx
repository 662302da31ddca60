// The checks run on the statements: a summary, then every failed check with its detail.
// Each failed check has an id the highlighted table cells point to (aria-describedby).
import Decimal from "decimal.js";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Check, StatementKind } from "../../filing/types";
import { formatAmount } from "./formatAmount";

const STATEMENT_NAMES: Record<StatementKind, string> = { operations: "Operations", balanceSheet: "Balance sheet", cashFlows: "Cash flows" };

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  failed: { color: tokens.colorPaletteRedForeground1, marginBottom: tokens.spacingVerticalXS },
  detail: { color: tokens.colorNeutralForeground1, display: "block" },
  passed: { color: tokens.colorPaletteGreenForeground1 },
});

/** reported − computed, exact. */
export function checkDifference(check: Check): string {
  try {
    return new Decimal(check.reported).minus(new Decimal(check.computed)).toFixed();
  } catch {
    return "?";
  }
}

export function checkId(idPrefix: string, index: number): string {
  return `${idPrefix}-check-${index}`;
}

export interface ChecksListProps {
  checks: readonly Check[];
  /** Column labels per statement kind, to name the column a check is about. */
  columnLabels: Partial<Record<StatementKind, readonly string[]>>;
  idPrefix: string;
}

export function ChecksList({ checks, columnLabels, idPrefix }: ChecksListProps) {
  const styles = useStyles();
  const failed = checks.map((check, index) => ({ check, index })).filter(({ check }) => !check.passed);
  if (checks.length === 0) return <p>No checks could be run on these statements.</p>;
  return (
    <div>
      <p className={failed.length === 0 ? styles.passed : undefined}>
        {failed.length === 0 ? `All ${checks.length} checks passed.` : `${checks.length - failed.length} of ${checks.length} checks passed; ${failed.length} failed.`}
      </p>
      {failed.length > 0 && (
        <ul className={styles.list} aria-label="Failed checks">
          {failed.map(({ check, index }) => {
            const column = check.statement !== null && check.column !== null ? columnLabels[check.statement]?.[check.column] : undefined;
            const where = [check.statement ? STATEMENT_NAMES[check.statement] : "Text", column, check.line !== null ? `line ${check.line}` : null].filter(Boolean).join(", ");
            return (
              <li key={index} id={checkId(idPrefix, index)} className={styles.failed}>
                <strong>Failed check: {check.description}</strong>
                <span className={styles.detail}>
                  {where}. The filing prints {formatAmount(check.reported)}; the components give {formatAmount(check.computed)} (difference {formatAmount(checkDifference(check))}, rounding tolerance {formatAmount(check.tolerance)}).
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
