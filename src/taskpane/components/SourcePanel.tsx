// Where a picked value came from: its exact string, and the source line with the value marked.
// The line is rendered as React text (never as HTML).
import { makeStyles, tokens } from "@fluentui/react-components";
import { formatAmount } from "./formatAmount";
import type { ValueSelection } from "./StatementTable";

const useStyles = makeStyles({
  panel: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, backgroundColor: tokens.colorNeutralBackground2, minHeight: "1.5em" },
  line: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: "pre-wrap", wordBreak: "break-all", margin: `${tokens.spacingVerticalXS} 0 0` },
});

export interface SourcePanelProps {
  selection: ValueSelection | null;
  sourceLines: readonly string[] | null;
}

export function SourcePanel({ selection, sourceLines }: SourcePanelProps) {
  const styles = useStyles();
  let body: React.ReactNode = "Select a value in a statement to see the line it was read from.";
  if (selection) {
    const at = selection.source ?? { line: selection.line, start: 0, end: 0 };
    const lineText = sourceLines?.[at.line - 1];
    const hasRange = lineText !== undefined && at.end > at.start && at.end <= lineText.length;
    body = (
      <>
        <span>
          {selection.rowLabel || "Subtotal"}, {selection.columnLabel}: {formatAmount(selection.exact, selection.kind)} (exact value {selection.exact}), from line {at.line}
          {hasRange ? `, characters ${at.start + 1} to ${at.end}` : ""}.
        </span>
        {lineText !== undefined ? (
          <pre className={styles.line} aria-label={`Source line ${at.line}`}>
            {hasRange ? (
              <>
                {lineText.slice(0, at.start)}
                <mark>{lineText.slice(at.start, at.end)}</mark>
                {lineText.slice(at.end)}
              </>
            ) : (
              lineText
            )}
          </pre>
        ) : (
          <span> The line is in the text the parser read from the HTML.</span>
        )}
      </>
    );
  }
  return (
    <div className={styles.panel} aria-live="polite" aria-label="Value source" role="group">
      {body}
    </div>
  );
}
