// The filings already imported into this workbook (from the shared filing store), each removable.
import { forwardRef } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { StoredFiling } from "../../store/filingStore";
import { companyWords } from "./FilingPreview";

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  header: { textAlign: "left", borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, padding: "2px 4px" },
  cell: { padding: "2px 4px", verticalAlign: "middle" },
  visuallyHidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
  heading: { fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalXS}` },
});

export interface ImportedFilingsProps {
  filings: readonly StoredFiling[];
  removingId: string | null;
  onRemove: (stored: StoredFiling) => void;
}

export function storedPeriodWords(stored: StoredFiling): string {
  const { fiscalPeriod, periodEnd } = stored.filing.document;
  return fiscalPeriod?.label ?? periodEnd ?? "Unknown period";
}

function importedWords(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The heading takes focus after a removal, so keyboard users are not left on a vanished button. */
export const ImportedFilings = forwardRef<HTMLHeadingElement, ImportedFilingsProps>(function ImportedFilings({ filings, removingId, onRemove }, headingRef) {
  const styles = useStyles();
  return (
    <section aria-labelledby="imported-filings-heading">
      <h2 id="imported-filings-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        Filings in this workbook
      </h2>
      {filings.length === 0 ? (
        <p>No filing has been imported into this workbook yet.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col" className={styles.header}>Period</th>
              <th scope="col" className={styles.header}>Company</th>
              <th scope="col" className={styles.header}>Imported</th>
              <th scope="col" className={styles.header}><span className={styles.visuallyHidden}>Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {filings.map((stored) => (
              <tr key={stored.id}>
                <th scope="row" className={styles.cell}>{storedPeriodWords(stored)}</th>
                <td className={styles.cell}>{companyWords(stored.filing)}</td>
                <td className={styles.cell}><time dateTime={stored.importedAt}>{importedWords(stored.importedAt)}</time></td>
                <td className={styles.cell}>
                  <Button size="small" onClick={() => onRemove(stored)} disabled={removingId === stored.id} aria-label={`Remove ${companyWords(stored.filing)} ${storedPeriodWords(stored)}`}>
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});
