// One statement as an accessible table: caption, column headers, row headers, section groups.
// Each value is a button: hovering shows its source line as a tooltip, clicking shows it in the
// source panel. Arrow keys move between values (one tab stop per table).
import { makeStyles, mergeClasses, tokens, useArrowNavigationGroup } from "@fluentui/react-components";
import type { Row, RowKind, SourceRef, Statement } from "../../filing/types";
import { formatAmount, scaleWords } from "./formatAmount";
import { sourceExcerpt } from "./sourceExcerpt";

/** A value the user picked, with where it came from. */
export interface ValueSelection {
  statementTitle: string;
  rowLabel: string;
  columnLabel: string;
  exact: string;
  kind: RowKind;
  line: number;
  source: SourceRef | null;
}

export interface StatementTableProps {
  statement: Statement;
  /** Cells of failed checks: key `${line}:${column}` or `${line}:*` for a whole row → id of the check's description. */
  failedCells: ReadonlyMap<string, string>;
  /** Lines of the text the parser read, when the pane has it (plain text input); for hover tooltips. */
  sourceLines: readonly string[] | null;
  selected: ValueSelection | null;
  onSelect: (selection: ValueSelection) => void;
}

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  caption: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalXS} 0` },
  scale: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
  colHeader: { textAlign: "right", verticalAlign: "bottom", fontWeight: tokens.fontWeightSemibold, padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  labelHeader: { textAlign: "left" },
  section: { textAlign: "left", fontStyle: "italic", paddingTop: tokens.spacingVerticalXS },
  rowHeader: { textAlign: "left", fontWeight: tokens.fontWeightRegular, padding: "2px 4px" },
  total: { fontWeight: tokens.fontWeightSemibold, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  unlabelled: { fontStyle: "italic", color: tokens.colorNeutralForeground3 },
  cell: { textAlign: "right", padding: "0 2px", whiteSpace: "nowrap" },
  failed: { backgroundColor: tokens.colorPaletteRedBackground2, outline: `1px solid ${tokens.colorPaletteRedBorder2}` },
  valueButton: {
    border: "none", background: "none", font: "inherit", color: "inherit", cursor: "pointer", padding: "2px", width: "100%", textAlign: "right",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover, textDecoration: "underline dotted" },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
});

interface RowGroup {
  section: string | null;
  rows: Row[];
}

/** Consecutive rows under the same section header form one <tbody>. */
function groupBySection(rows: readonly Row[]): RowGroup[] {
  const groups: RowGroup[] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last.section === row.section) last.rows.push(row);
    else groups.push({ section: row.section, rows: [row] });
  }
  return groups;
}

function tooltip(exact: string, line: number, source: SourceRef | null, sourceLines: readonly string[] | null): string {
  const excerpt = sourceExcerpt(sourceLines, source, exact);
  const lineText = excerpt?.text.trim();
  const shown = lineText ? `: ${lineText.length > 160 ? `${lineText.slice(0, 157)}...` : lineText}` : "";
  return `Exact value ${exact}. Source line ${source?.line ?? line}${shown}`;
}

export function StatementTable({ statement, failedCells, sourceLines, selected, onSelect }: StatementTableProps) {
  const styles = useStyles();
  const arrowNavigation = useArrowNavigationGroup({ axis: "grid", memorizeCurrent: true });
  const scaleText = statement.scale.text ?? `(${scaleWords(statement.scale.money)}${statement.scale.inferred ? ", inferred" : ""})`;
  const columnCount = statement.columns.length;
  return (
    <table className={styles.table} {...arrowNavigation}>
      <caption className={styles.caption}>
        {statement.title} <span className={styles.scale}>{scaleText}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col" className={mergeClasses(styles.colHeader, styles.labelHeader)}>Line item</th>
          {statement.columns.map((column, j) => (
            <th scope="col" key={j} className={styles.colHeader}>{column.label}</th>
          ))}
        </tr>
      </thead>
      {groupBySection(statement.rows).map((group, g) => (
        <tbody key={g}>
          {group.section !== null && (
            <tr>
              <th scope="rowgroup" colSpan={columnCount + 1} className={styles.section}>{group.section}</th>
            </tr>
          )}
          {group.rows.map((row, r) => {
            const rowFailure = failedCells.get(`${row.line}:*`);
            return (
              <tr key={r}>
                <th scope="row" className={mergeClasses(styles.rowHeader, row.isTotal && styles.total, row.label === "" && styles.unlabelled)}>
                  {row.label === "" ? "Subtotal" : row.label}
                </th>
                {row.values.map((exact, j) => {
                  const failure = failedCells.get(`${row.line}:${j}`) ?? rowFailure;
                  if (exact === null) return <td key={j} className={mergeClasses(styles.cell, row.isTotal && styles.total)} />;
                  const source = row.sources[j] ?? null;
                  const isSelected = selected !== null && selected.line === row.line && selected.columnLabel === statement.columns[j]?.label && selected.statementTitle === statement.title && selected.rowLabel === row.label;
                  return (
                    <td key={j} className={mergeClasses(styles.cell, row.isTotal && styles.total, failure !== undefined && styles.failed)} data-failed={failure !== undefined ? "true" : undefined}>
                      <button
                        type="button"
                        className={mergeClasses(styles.valueButton, isSelected && styles.selected)}
                        title={tooltip(exact, row.line, source, sourceLines)}
                        aria-describedby={failure}
                        onClick={() =>
                          onSelect({ statementTitle: statement.title, rowLabel: row.label, columnLabel: statement.columns[j]?.label ?? "", exact, kind: row.kind, line: row.line, source })
                        }
                      >
                        {formatAmount(exact, row.kind)}
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}
