// The task pane: filing input, status, preview of the parsed filing, and the filings already in
// this workbook. Knows nothing of Office: the workbook is reached through the WorkbookHost it is given.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import type { ParsedFiling, ParseResult } from "../filing/types";
import type { WorkbookHost } from "../host/types";
import { filingStore as sharedFilingStore, type FilingStore, type StoredFiling } from "../store/filingStore";
import { csvFileName, statementsToCsv } from "./csv";
import { createParseClient, ParseCancelledError, type ParseClient, type ParseProgress } from "./parseClient";
import { errorWords } from "./components/errorText";
import { FilingInputPanel } from "./components/FilingInputPanel";
import { companyWords, FilingPreview, periodWords } from "./components/FilingPreview";
import { ImportedFilings, storedPeriodWords } from "./components/ImportedFilings";
import { EMPTY_INPUT, isAcceptedFileName, readFilingFile, sizeWords, type FilingInput } from "./components/inputText";
import { PreviewBanner } from "./components/PreviewBanner";
import { StatusArea, type StatusMessage } from "./components/StatusArea";

/** Where the build copies the bundled ImmunoGen 8-K, relative to the task pane page. */
export const SAMPLE_FILING_URL = "assets/samples/imgn-2004q3.txt";
const SAMPLE_SOURCE = "the ImmunoGen sample 8-K of November 2004";

export type FetchText = (url: string) => Promise<string>;
export type SaveFile = (fileName: string, content: string, mimeType: string) => void;

export interface AppProps {
  host: WorkbookHost;
  /** Runs the parser (index.tsx gives one with a web worker); default: in-thread parseFiling. */
  parseClient?: ParseClient;
  store?: FilingStore;
  sampleUrl?: string;
  fetchText?: FetchText;
  saveFile?: SaveFile;
  /** Load and parse the sample on start; default: when not in Excel. */
  loadSampleOnStart?: boolean;
}

const fetchTextOverHttp: FetchText = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  return response.text();
};

const saveWithDownloadLink: SaveFile = (fileName, content, mimeType) => {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, fontFamily: tokens.fontFamilyBase, color: tokens.colorNeutralForeground1, maxWidth: "72em" },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  heading: { fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
  empty: { color: tokens.colorNeutralForeground3 },
});

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function progressWords(progress: ParseProgress): string {
  const size = sizeWords(progress.chars);
  if (!progress.background) return `Parsing ${size}…`;
  return progress.stage === "sending" ? `Sending ${size} to the background parser…` : `Parsing ${size} in the background…`;
}

function parsedStatus(filing: ParsedFiling): StatusMessage {
  const statementCount = [filing.statements.operations, filing.statements.balanceSheet, filing.statements.cashFlows].filter(Boolean).length;
  const failed = filing.checks.filter((c) => !c.passed).length;
  const checks = filing.checks.length === 0 ? "No checks could be run." : failed === 0 ? `All ${filing.checks.length} checks passed.` : `${failed} of ${filing.checks.length} checks failed: see Preview.`;
  return {
    tone: failed > 0 ? "warning" : "success",
    text: `Found ${statementCount} ${statementCount === 1 ? "statement" : "statements"} for ${companyWords(filing)}, ${periodWords(filing)}. ${checks}`,
  };
}

export function App({ host, parseClient: givenParseClient, store = sharedFilingStore, sampleUrl = SAMPLE_FILING_URL, fetchText = fetchTextOverHttp, saveFile = saveWithDownloadLink, loadSampleOnStart = host.kind === "preview" }: AppProps) {
  const styles = useStyles();
  const parseClient = useMemo(() => givenParseClient ?? createParseClient(), [givenParseClient]);
  const [input, setInput] = useState<FilingInput>(EMPTY_INPUT);
  const [parsedInput, setParsedInput] = useState<FilingInput | null>(null);
  const [result, setResult] = useState<ParseResult | null>(null);
  const [busy, setBusy] = useState(false);
  /** A parse runs in the worker and can be stopped. */
  const [cancellable, setCancellable] = useState(false);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [importing, setImporting] = useState(false);
  const [removingId, setRemovingId] = useState<string | null>(null);
  const [filings, setFilings] = useState<readonly StoredFiling[]>(() => store.list());
  const latestParse = useRef(0);
  const filingsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (givenParseClient) return undefined;
    return () => parseClient.dispose();
  }, [parseClient, givenParseClient]);

  useEffect(() => {
    setFilings(store.list());
    return store.subscribe(setFilings);
  }, [store]);

  const parse = useCallback(
    async (which: FilingInput) => {
      const content = which.html ?? which.text;
      const parseId = ++latestParse.current;
      parseClient.cancel();
      if (content.trim() === "") {
        setResult(null);
        setBusy(false);
        const words = errorWords({ code: "empty", message: "The filing box is empty. Paste a filing into it, open an .htm or .txt file, or load the sample filing." });
        setStatus({ tone: "error", text: `${words.headline}.`, detail: words.detail });
        return;
      }
      setBusy(true);
      setCancellable(false);
      setStatus({ tone: "info", text: `Parsing ${which.source || "the text"}, ${sizeWords(content.length)}…` });
      try {
        const parsed = await parseClient.parse(content, which.html !== null ? { contentType: "text/html" } : {}, (progress) => {
          if (parseId !== latestParse.current || progress.stage === "done") return;
          setCancellable(progress.background);
          setStatus({ tone: "info", text: progressWords(progress) });
        });
        if (parseId !== latestParse.current) return;
        setResult(parsed);
        setParsedInput(which);
        if (parsed.ok) {
          setStatus(parsedStatus(parsed.filing));
        } else {
          const words = errorWords(parsed.error);
          setStatus({ tone: "error", text: `${words.headline}.`, detail: words.detail });
        }
      } catch (error) {
        if (error instanceof ParseCancelledError || parseId !== latestParse.current) return;
        setResult(null);
        setStatus({ tone: "error", text: `Something went wrong while parsing: ${errorMessage(error)}` });
      } finally {
        if (parseId === latestParse.current) setBusy(false);
      }
    },
    [parseClient],
  );

  const cancelParse = () => {
    latestParse.current++;
    parseClient.cancel();
    setBusy(false);
    setStatus({ tone: "info", text: "Parsing cancelled. The preview shows the last finished parse, if any." });
  };

  const clearInput = useCallback(() => {
    setInput(EMPTY_INPUT);
    setStatus(null);
  }, []);

  const loadSample = useCallback(async () => {
    setBusy(true);
    setStatus({ tone: "info", text: "Loading the sample filing…" });
    let text: string;
    try {
      text = await fetchText(sampleUrl);
    } catch (error) {
      setBusy(false);
      setStatus({ tone: "error", text: `The sample filing could not be loaded: ${errorMessage(error)}.`, detail: "Paste a filing or open a file instead." });
      return;
    }
    const sample: FilingInput = { text, html: null, source: SAMPLE_SOURCE };
    setInput(sample);
    await parse(sample);
  }, [fetchText, sampleUrl, parse]);

  const openFile = useCallback(
    async (file: File) => {
      if (!isAcceptedFileName(file.name)) {
        setStatus({ tone: "error", text: `${file.name} cannot be opened here.`, detail: "Open a filing saved from EDGAR as .htm, .html or .txt." });
        return;
      }
      let opened: FilingInput;
      try {
        opened = await readFilingFile(file);
      } catch (error) {
        setStatus({ tone: "error", text: `${file.name} could not be read: ${errorMessage(error)}.` });
        return;
      }
      setInput(opened);
      await parse(opened);
    },
    [parse],
  );

  const startedWithSample = useRef(false);
  useEffect(() => {
    host.restore().catch((error: unknown) => {
      setStatus({ tone: "warning", text: `The filings saved in this workbook could not be loaded: ${errorMessage(error)}.` });
    });
    if (loadSampleOnStart && !startedWithSample.current) {
      startedWithSample.current = true;
      void loadSample();
    }
    // Once per host: restoring again on every render would re-read the workbook.
  }, [host]);

  const filing = result?.ok ? result.filing : null;

  const importFiling = async () => {
    if (!filing) return;
    setImporting(true);
    setStatus({ tone: "info", text: "Importing into the workbook…" });
    try {
      const report = await host.importFiling(filing);
      const what = `${companyWords(filing)}, ${periodWords(filing)}`;
      if (report.alreadyImported) {
        setStatus({ tone: "info", text: `${what} is already in this workbook; nothing was written.` });
      } else {
        const sheets = report.sheets.length > 0 ? ` Sheets written: ${report.sheets.join(", ")}.` : "";
        setStatus({ tone: "success", text: `Imported ${what}.${sheets}`, detail: report.warnings.length > 0 ? report.warnings.join(" ") : undefined });
      }
    } catch (error) {
      setStatus({ tone: "error", text: `The import failed: ${errorMessage(error)}`, detail: "Nothing in your own sheets was changed. Try again." });
    } finally {
      setImporting(false);
    }
  };

  const removeFiling = async (stored: StoredFiling) => {
    setRemovingId(stored.id);
    const what = `${companyWords(stored.filing)}, ${storedPeriodWords(stored)}`;
    try {
      await host.removeFiling(stored.id);
      setStatus({ tone: "success", text: `Removed ${what} from this workbook's list. Sheets already written stay.` });
      filingsHeading.current?.focus();
    } catch (error) {
      setStatus({ tone: "error", text: `${what} could not be removed: ${errorMessage(error)}` });
    } finally {
      setRemovingId(null);
    }
  };

  const downloadCsv = () => {
    if (!filing) return;
    const name = csvFileName(filing);
    try {
      saveFile(name, statementsToCsv(filing), "text/csv;charset=utf-8");
      setStatus({ tone: "success", text: `Downloaded ${name}.` });
    } catch (error) {
      setStatus({ tone: "error", text: `The CSV could not be saved: ${errorMessage(error)}` });
    }
  };

  const parseInput = useCallback(() => void parse(input), [parse, input]);
  const openFileLater = useCallback((file: File) => void openFile(file), [openFile]);
  const loadSampleLater = useCallback(() => void loadSample(), [loadSample]);

  const sourceLines = useMemo(() => (parsedInput && parsedInput.html === null ? parsedInput.text.split(/\r\n|\r|\n/) : null), [parsedInput]);

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <h1 className={styles.title}>SEC filing to Excel</h1>
        {host.kind === "preview" && <PreviewBanner />}
        <FilingInputPanel input={input} busy={busy} onInputChange={setInput} onFile={openFileLater} onLoadSample={loadSampleLater} onParse={parseInput} onClear={clearInput} />
        <StatusArea message={status} busy={busy} onCancel={cancellable ? cancelParse : undefined} />
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" className={styles.heading}>Preview</h2>
          {filing ? (
            <FilingPreview filing={filing} sourceLines={sourceLines} stale={parsedInput !== input} importing={importing} onImport={() => void importFiling()} onDownloadCsv={downloadCsv} />
          ) : (
            <p className={styles.empty}>{result && !result.ok ? "Nothing to preview: the last parse failed (see the message above)." : "Nothing parsed yet. Paste a filing, open a file or load the sample, then press Parse."}</p>
          )}
        </section>
        <ImportedFilings ref={filingsHeading} filings={filings} removingId={removingId} onRemove={(stored) => void removeFiling(stored)} />
      </main>
    </FluentProvider>
  );
}
