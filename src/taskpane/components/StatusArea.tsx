// The one live region for status: parsing progress, results, imports, removals and errors,
// announced politely to screen readers (role="status").
import { Button, ProgressBar, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

export type StatusTone = "info" | "success" | "warning" | "error";

export interface StatusMessage {
  tone: StatusTone;
  text: string;
  /** Further sentences, e.g. what to try after an error. */
  detail?: string;
}

const useStyles = makeStyles({
  status: { minHeight: "1.5em", margin: `${tokens.spacingVerticalS} 0`, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderRadius: tokens.borderRadiusMedium },
  info: {},
  success: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  warning: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  error: { backgroundColor: tokens.colorPaletteRedBackground1, color: tokens.colorPaletteRedForeground1 },
  detail: { display: "block", color: tokens.colorNeutralForeground1 },
});

export interface StatusAreaProps {
  message: StatusMessage | null;
  /** Shown while a parse runs. */
  busy: boolean;
  /** Given while a parse can be stopped. */
  onCancel?: () => void;
}

export function StatusArea({ message, busy, onCancel }: StatusAreaProps) {
  const styles = useStyles();
  return (
    <div>
      {busy && <ProgressBar aria-label="Parsing progress" thickness="large" />}
      {busy && onCancel && (
        <Button size="small" onClick={onCancel} style={{ marginTop: tokens.spacingVerticalXS }}>
          Cancel parsing
        </Button>
      )}
      <div role="status" aria-live="polite" className={mergeClasses(styles.status, message ? styles[message.tone] : undefined)}>
        {message && (
          <>
            <strong>{message.text}</strong>
            {message.detail && <span className={styles.detail}>{message.detail}</span>}
          </>
        )}
      </div>
    </div>
  );
}
