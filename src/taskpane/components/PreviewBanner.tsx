// Shown when the pane runs outside Excel: what still works, and what import means here.
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  banner: { backgroundColor: tokens.colorPaletteYellowBackground1, border: `1px solid ${tokens.colorPaletteYellowBorder1}`, borderRadius: tokens.borderRadiusMedium, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, marginBottom: tokens.spacingVerticalS },
});

export function PreviewBanner() {
  const styles = useStyles();
  return (
    <div role="note" aria-label="Preview mode" className={styles.banner}>
      <strong>Not running in Excel</strong>
      <div>This is a preview: parse a filing, review its checks and statements, and download them as CSV. Imported filings are kept in this page only.</div>
    </div>
  );
}
