// Where the filing comes in: the paste box (plain text, or the clipboard's HTML flavour kept as a
// string), file open and drop (.htm/.html/.txt), the sample filing, and Parse.
// Pasted or dropped HTML never reaches the DOM: the box shows text, the HTML stays a string.
import { memo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from "react";
import { Button, Field, Textarea, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ACCEPTED_FILE_TYPES, readTransfer, sizeWords, type FilingInput } from "./inputText";

const useStyles = makeStyles({
  dropZone: { borderRadius: tokens.borderRadiusMedium, outline: "2px dashed transparent", outlineOffset: "2px" },
  dragging: { outlineColor: tokens.colorBrandStroke1, backgroundColor: tokens.colorBrandBackground2 },
  textarea: { width: "100%", fontFamily: tokens.fontFamilyMonospace },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  hiddenInput: { display: "none" },
});

export interface FilingInputPanelProps {
  input: FilingInput;
  busy: boolean;
  onInputChange: (input: FilingInput) => void;
  onFile: (file: File) => void;
  onLoadSample: () => void;
  onParse: () => void;
  onClear: () => void;
}

/** Memoised: a filing can be megabytes, and status updates must not re-render the box that holds it. */
export const FilingInputPanel = memo(function FilingInputPanel({ input, busy, onInputChange, onFile, onLoadSample, onParse, onClear }: FilingInputPanelProps) {
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const handlePaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = readTransfer(event.clipboardData, "pasted text");
    // Handled here rather than by the browser: the HTML flavour must stay a string, and the box
    // must show its text, not markup.
    event.preventDefault();
    if (!pasted) return;
    if (pasted.html !== null) {
      onInputChange(pasted);
      return;
    }
    const box = event.currentTarget;
    const start = box.selectionStart ?? input.text.length;
    const end = box.selectionEnd ?? start;
    onInputChange({ text: input.text.slice(0, start) + pasted.text + input.text.slice(end), html: null, source: "pasted text" });
  };

  const handleDrop = (event: DragEvent<HTMLDivElement>) => {
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) {
      event.preventDefault();
      onFile(file);
      return;
    }
    const dropped = readTransfer(event.dataTransfer, "dropped text");
    if (dropped) {
      event.preventDefault();
      onInputChange(dropped);
    }
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onParse();
    }
  };

  const hint = input.html !== null
    ? `Pasted with formatting (HTML, ${sizeWords(input.html.length)}): the parser reads the tables from the HTML. Editing the text switches to plain text.`
    : "Paste a filing (an 8-K earnings release, 10-Q or 10-K), drop an .htm or .txt file here, or open one. Ctrl+Enter parses.";

  return (
    <section aria-labelledby="filing-input-heading">
      <h2 id="filing-input-heading" style={{ fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalS} 0` }}>Filing</h2>
      <div
        className={mergeClasses(styles.dropZone, dragging && styles.dragging)}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={handleDrop}
      >
        <Field label="Filing text" hint={hint}>
          <Textarea
            className={styles.textarea}
            resize="vertical"
            rows={8}
            value={input.text}
            spellCheck={false}
            onPaste={handlePaste}
            onKeyDown={handleKeyDown}
            onChange={(_event, data) => onInputChange({ text: data.value, html: null, source: "typed text" })}
          />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={onParse} disabled={busy}>Parse</Button>
        <Button onClick={() => fileInput.current?.click()} disabled={busy}>Open filing file</Button>
        <Button onClick={onLoadSample} disabled={busy}>Load sample filing</Button>
        <Button appearance="subtle" onClick={onClear} disabled={input.text === "" && input.html === null}>Clear</Button>
        <input
          ref={fileInput}
          className={styles.hiddenInput}
          type="file"
          accept={ACCEPTED_FILE_TYPES}
          aria-label="Filing file"
          tabIndex={-1}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) onFile(file);
            // The same file can be opened again after an edit.
            event.currentTarget.value = "";
          }}
        />
      </div>
    </section>
  );
});
