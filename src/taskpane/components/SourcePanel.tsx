// Where a picked value came from: its exact string, and the source line with the value marked.
// The line is rendered as React text (never as HTML).
import { makeStyles, tokens } from "@fluentui/react-components";
import { formatAmount } from "./formatAmount";
import { sourceExcerpt } from "./sourceExcerpt";
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
    const line = selection.source?.line ?? selection.line;
    const excerpt = sourceExcerpt(sourceLines, selection.source, selection.exact);
    body = (
      <>
        <span>
          {selection.rowLabel || "Subtotal"}, {selection.columnLabel}: {formatAmount(selection.exact, selection.kind)} (exact value {selection.exact}), from line {line}
          {excerpt ? `, characters ${excerpt.start + 1} to ${excerpt.end}` : ""}.
        </span>
        {excerpt ? (
          <pre className={styles.line} aria-label={`Source line ${line}`}>
            {excerpt.text.slice(0, excerpt.start)}
            <mark>{excerpt.text.slice(excerpt.start, excerpt.end)}</mark>
            {excerpt.text.slice(excerpt.end)}
          </pre>
        ) : (
          <span> That is a line of the text the parser made from the input (HTML or an EDGAR submission), so it is not shown here.</span>
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
