/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFiling } from "../../src/filing";
import type { ParsedFiling, ParseOptions, ParseResult } from "../../src/filing/types";
import { FilingStore } from "../../src/store/filingStore";
import { App, SAMPLE_FILING_URL, type AppProps } from "../../src/taskpane/App";
import { createParseClient, type ParseClient, type ParseClientOptions } from "../../src/taskpane/parseClient";
import { createPreviewHost } from "../../src/taskpane/previewHost";
import { CORPUS_DIR } from "../helpers/truthFiling";
import { FakeWorker, IMGN_PASTE, imgnFiling, recordingParse, RecordingHost } from "./fakes";

const ok = (filing: ParsedFiling): ParseResult => ({ ok: true, filing });

interface Setup {
  host: RecordingHost;
  store: FilingStore;
  calls: ReturnType<typeof recordingParse>["calls"];
  saved: { name: string; content: string; mime: string }[];
  fetched: string[];
}

function renderApp(answer: (text: string, options: ParseOptions) => ParseResult = (text) => ok(imgnFiling(text)), props: Partial<AppProps> = {}, parseClient?: ParseClient): Setup {
  const store = new FilingStore();
  const host = new RecordingHost(store);
  const { parse, calls } = recordingParse(answer);
  const saved: Setup["saved"] = [];
  const fetched: string[] = [];
  render(
    <App
      host={host}
      store={store}
      parseClient={parseClient ?? createParseClient({ parse })}
      fetchText={async (url) => {
        fetched.push(url);
        return IMGN_PASTE;
      }}
      saveFile={(name, content, mime) => saved.push({ name, content, mime })}
      {...props}
    />,
  );
  return { host, store, calls, saved, fetched };
}

const filingBox = () => screen.getByRole("textbox", { name: /Filing text/ });
const status = () => screen.getByRole("status");
const preview = () => screen.getByRole("region", { name: "Preview" });

/** A clipboard with the given flavours, as the browser hands it to onPaste. */
const clipboard = (flavours: Record<string, string>) => ({ getData: (type: string) => flavours[type] ?? "", types: Object.keys(flavours) });

async function loadSample(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.click(screen.getByRole("button", { name: "Load sample filing" }));
  await waitFor(() => expect(within(preview()).getAllByRole("table")).toHaveLength(2));
}

describe("paste", () => {
  it("takes plain text into the box and parses it as sniffed text on Parse", async () => {
    const user = userEvent.setup();
    const { calls } = renderApp();
    filingBox().focus();
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/plain": IMGN_PASTE }) });
    expect(filingBox()).toHaveValue(IMGN_PASTE);
    await user.click(screen.getByRole("button", { name: "Parse" }));
    await waitFor(() => expect(status()).toHaveTextContent("Found 2 statements for ImmunoGen, Inc."));
    expect(calls).toEqual([{ text: IMGN_PASTE, options: {} }]);
  });

  it("inserts plain text at the caret, keeping what was typed around it", async () => {
    const user = userEvent.setup();
    renderApp();
    await user.type(filingBox(), "ab");
    (filingBox() as HTMLTextAreaElement).setSelectionRange(1, 1);
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/plain": "XYZ" }) });
    expect(filingBox()).toHaveValue("aXYZb");
  });

  it("prefers the HTML flavour: shows the plain text, parses the raw HTML as text/html", async () => {
    const user = userEvent.setup();
    const { calls } = renderApp();
    const html = "<html><body><table><tr><td>Total revenues</td><td>9,006</td></tr></table></body></html>";
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/html": html, "text/plain": "Total revenues\t9,006" }) });
    expect(filingBox()).toHaveValue("Total revenues\t9,006");
    expect(screen.getByText(/Pasted with formatting \(HTML/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Parse" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ text: html, options: { contentType: "text/html" } });
  });

  it("switches back to plain text when the shown text is edited after an HTML paste", async () => {
    const user = userEvent.setup();
    const { calls } = renderApp();
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/html": "<p>Revenues 1</p>", "text/plain": "Revenues 1" }) });
    await user.type(filingBox(), "0");
    await user.click(screen.getByRole("button", { name: "Parse" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ text: "Revenues 10", options: {} });
  });

  it("never lets pasted <img onerror> or <script> reach the DOM", async () => {
    const user = userEvent.setup();
    const hostile = '<img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script><iframe src="javascript:window.__pwned=3"></iframe><table><tr><td>Total revenues</td><td>9,006</td></tr></table>';
    const { calls } = renderApp(parseFiling);
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/html": hostile }) });
    // No plain flavour: the box shows a text rendering made by string operations.
    expect(filingBox()).toHaveValue("Total revenues\t9,006");
    await user.click(screen.getByRole("button", { name: "Parse" }));
    await waitFor(() => expect(status()).toHaveTextContent("No financial statements were found."));
    expect(calls[0]).toEqual({ text: hostile, options: { contentType: "text/html" } });
    expect(document.querySelector("img, script, iframe")).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("shows markup inside parsed labels as text, never as elements", async () => {
    const user = userEvent.setup();
    renderApp((text) => {
      const filing = imgnFiling(text);
      filing.company.name = '<img src=x onerror="window.__pwned=4">Evil Corp';
      filing.statements.operations!.rows[0].label = "<script>window.__pwned=5</script>Revenue";
      return ok(filing);
    });
    await loadSample(user);
    expect(within(preview()).getByText('<img src=x onerror="window.__pwned=4">Evil Corp', { exact: false })).toBeInTheDocument();
    expect(within(preview()).getByRole("rowheader", { name: "<script>window.__pwned=5</script>Revenue" })).toBeInTheDocument();
    expect(document.querySelector("img, script")).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("Clear empties the box, including a kept HTML paste", async () => {
    const user = userEvent.setup();
    const { calls } = renderApp();
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/html": "<p>Revenues 1</p>", "text/plain": "Revenues 1" }) });
    await user.click(screen.getByRole("button", { name: "Clear" }));
    expect(filingBox()).toHaveValue("");
    await user.click(screen.getByRole("button", { name: "Parse" }));
    expect(status()).toHaveTextContent("There is nothing to parse.");
    expect(calls).toHaveLength(0);
  });

  it("ignores an empty clipboard", () => {
    renderApp();
    fireEvent.paste(filingBox(), { clipboardData: clipboard({}) });
    expect(filingBox()).toHaveValue("");
  });
});

describe("preview", () => {
  it("shows company, period, scale and both statements as tables with headers", async () => {
    const user = userEvent.setup();
    const { fetched } = renderApp();
    await loadSample(user);
    expect(fetched).toEqual([SAMPLE_FILING_URL]);
    expect(filingBox()).toHaveValue(IMGN_PASTE);
    const region = preview();
    expect(region).toHaveTextContent("ImmunoGen, Inc. (IMGN)");
    expect(region).toHaveTextContent("Q1 FY2005 (period ended 2004-09-30)");
    expect(region).toHaveTextContent("Amounts in thousands, as stated: (in thousands, except per share amounts)");
    const [operations, balanceSheet] = within(region).getAllByRole("table");
    expect(operations).toHaveAccessibleName(/CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS/);
    expect(balanceSheet).toHaveAccessibleName(/BALANCE SHEETS/i);
    const headers = within(operations).getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers).toEqual(["Line item", "Three Months Ended September 30, 2004", "Three Months Ended September 30, 2003"]);
    for (const th of within(operations).getAllByRole("columnheader")) expect(th).toHaveAttribute("scope", "col");
    const netLoss = within(operations).getByRole("rowheader", { name: "Net Loss" });
    expect(netLoss).toHaveAttribute("scope", "row");
    // Analyst formatting for display: separators and parentheses; exact strings kept in the tooltip.
    const netLossRow = netLoss.closest("tr")!;
    const values = within(netLossRow).getAllByRole("button");
    expect(values.map((b) => b.textContent)).toEqual(["(2,471)", "(4,126)"]);
    expect(values[0]).toHaveAttribute("title", expect.stringContaining("Exact value -2471"));
    const eps = within(operations).getByRole("rowheader", { name: "Net loss per common share, basic and diluted" }).closest("tr")!;
    expect(within(eps).getAllByRole("button").map((b) => b.textContent)).toEqual(["(0.06)", "(0.1)"]);
  });

  it("shows the source line of a value on hover (tooltip) and click (panel)", async () => {
    const user = userEvent.setup();
    renderApp();
    await loadSample(user);
    const totalRevenues = within(preview()).getByRole("rowheader", { name: "Total revenues" }).closest("tr")!;
    const [current] = within(totalRevenues).getAllByRole("button");
    expect(current).toHaveAttribute("title", "Exact value 9006. Source line 163: Total revenues\t\t9,006\t\t3,890");
    await user.click(current);
    const panel = screen.getByRole("group", { name: "Value source" });
    expect(panel).toHaveTextContent("Total revenues, Three Months Ended September 30, 2004: 9,006 (exact value 9006), from line 163, characters 17 to 21.");
    expect(within(panel).getByLabelText("Source line 163").querySelector("mark")).toHaveTextContent(/^9,006$/);
  });

  it("never shows a source line that does not print the value (HTML input: the parser read converted text)", async () => {
    const user = userEvent.setup();
    renderApp((text, options) => ok(imgnFiling(options.contentType === "text/html" ? IMGN_PASTE : text)));
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/html": "<p>ImmunoGen</p>", "text/plain": "ImmunoGen" }) });
    await user.click(screen.getByRole("button", { name: "Parse" }));
    await waitFor(() => expect(within(preview()).getAllByRole("table")).toHaveLength(2));
    const totalRevenues = within(preview()).getByRole("rowheader", { name: "Total revenues" }).closest("tr")!;
    const [current] = within(totalRevenues).getAllByRole("button");
    expect(current).toHaveAttribute("title", "Exact value 9006. Source line 163");
    await user.click(current);
    const panel = screen.getByRole("group", { name: "Value source" });
    expect(panel).toHaveTextContent("9,006 (exact value 9006), from line 163. That is a line of the text the parser made from the input");
    expect(within(panel).queryByLabelText(/Source line/)).toBeNull();
  });

  it("highlights every failed check in its cell and lists it with its detail", async () => {
    const user = userEvent.setup();
    renderApp();
    await loadSample(user);
    expect(status()).toHaveTextContent("1 of 2 checks failed");
    const region = preview();
    expect(region).toHaveTextContent("1 of 2 checks passed; 1 failed.");
    const failures = within(within(region).getByRole("list", { name: "Failed checks" })).getAllByRole("listitem");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toHaveTextContent("Failed check: Total operating expenses = sum of 3 rows above");
    expect(failures[0]).toHaveTextContent("Operations, Three Months Ended September 30, 2004, line 168. The filing prints 11,842; the components give 11,845 (difference (3), rounding tolerance 1).");
    const row = within(region).getByRole("rowheader", { name: "Total operating expenses" }).closest("tr")!;
    const [current, prior] = within(row).getAllByRole("button");
    expect(current.closest("td")).toHaveAttribute("data-failed", "true");
    expect(current).toHaveAccessibleDescription(/Failed check: Total operating expenses/);
    expect(prior.closest("td")).not.toHaveAttribute("data-failed");
    expect(region.querySelectorAll('td[data-failed="true"]')).toHaveLength(1);
  });

  it("says when the box changed since the preview, and keeps the preview until the next parse", async () => {
    const user = userEvent.setup();
    renderApp();
    await loadSample(user);
    expect(preview()).not.toHaveTextContent("The text changed since this preview");
    await user.type(filingBox(), " more");
    expect(preview()).toHaveTextContent("The text changed since this preview. Press Parse to update it.");
    expect(within(preview()).getAllByRole("table")).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Parse" }));
    await waitFor(() => expect(preview()).not.toHaveTextContent("The text changed since this preview"));
  });

  it("names what it is parsing while it parses", async () => {
    const user = userEvent.setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const client = createParseClient({ parse: (text) => ok(imgnFiling(text)) });
    const slowClient: ParseClient = { ...client, parse: async (...args) => { await gate; return client.parse(...args); } };
    renderApp(undefined, {}, slowClient);
    await user.click(screen.getByRole("button", { name: "Load sample filing" }));
    await waitFor(() => expect(status()).toHaveTextContent("Parsing the ImmunoGen sample 8-K of November 2004, 15 KB…"));
    expect(screen.getByRole("progressbar", { name: "Parsing progress" })).toBeInTheDocument();
    release();
    await waitFor(() => expect(status()).toHaveTextContent("Found 2 statements"));
  });

  it("parses on Ctrl+Enter in the box", async () => {
    const user = userEvent.setup();
    const { calls } = renderApp();
    await user.type(filingBox(), "x");
    await user.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() => expect(calls).toHaveLength(1));
  });
});

describe("large input in the background", () => {
  /** Renders the pane with a parse client that sends pastes over 1 KB to fake workers, pastes the sample, clicks Parse. */
  async function parseSampleInBackground(user: ReturnType<typeof userEvent.setup>, parse?: ParseClientOptions["parse"]): Promise<FakeWorker[]> {
    const workers: FakeWorker[] = [];
    const client = createParseClient({
      workerThreshold: 1024,
      parse,
      createWorker: () => {
        workers.push(new FakeWorker());
        return workers[workers.length - 1] as unknown as Worker;
      },
    });
    renderApp(undefined, {}, client);
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/plain": IMGN_PASTE }) });
    await user.click(screen.getByRole("button", { name: "Parse" }));
    return workers;
  }

  it("shows progress while the worker parses, then the preview; Parse is disabled meanwhile", async () => {
    const user = userEvent.setup();
    const workers = await parseSampleInBackground(user);
    expect(status()).toHaveTextContent("Sending 15 KB to the background parser…");
    expect(screen.getByRole("progressbar", { name: "Parsing progress" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Parse" })).toBeDisabled();
    const [request] = workers[0].received;
    expect(request.text).toBe(IMGN_PASTE);
    act(() => workers[0].reply({ id: request.id, type: "started" }));
    expect(status()).toHaveTextContent("Parsing 15 KB in the background…");
    await act(async () => workers[0].reply({ id: request.id, type: "result", result: ok(imgnFiling()) }));
    expect(status()).toHaveTextContent("Found 2 statements for ImmunoGen, Inc.");
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.getByRole("button", { name: "Parse" })).toBeEnabled();
    expect(within(preview()).getAllByRole("table")).toHaveLength(2);
    expect(screen.queryByRole("button", { name: "Cancel parsing" })).toBeNull();
  });

  it("Cancel parsing stops the worker and frees the pane", async () => {
    const user = userEvent.setup();
    const workers = await parseSampleInBackground(user);
    await user.click(screen.getByRole("button", { name: "Cancel parsing" }));
    expect(workers[0].terminated).toBe(true);
    expect(status()).toHaveTextContent("Parsing cancelled.");
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.getByRole("button", { name: "Parse" })).toBeEnabled();
    expect(preview()).toHaveTextContent("Nothing parsed yet.");
  });

  it("a newer parse supersedes an older one still running", async () => {
    const user = userEvent.setup();
    const workers = await parseSampleInBackground(user, (text) => ok(imgnFiling(text)));
    // The user clears the box and loads the (small) sample... here: types a short text and parses with Ctrl+Enter.
    await user.clear(filingBox());
    await user.type(filingBox(), "short");
    await user.keyboard("{Control>}{Enter}{/Control}");
    expect(workers[0].terminated).toBe(true);
    await waitFor(() => expect(status()).toHaveTextContent("Found 2 statements"));
  });
});

describe("with the real parser on the bundled sample", () => {
  it("previews ImmunoGen's Q1 FY2005 statements, shows a value's source line, and imports exactly what was parsed", async () => {
    const user = userEvent.setup();
    const { host, calls } = renderApp(parseFiling);
    await loadSample(user);
    const expected = parseFiling(IMGN_PASTE, {});
    if (!expected.ok) throw new Error("the parser no longer reads the sample");
    expect(calls).toEqual([{ text: IMGN_PASTE, options: {} }]);
    const region = preview();
    expect(region).toHaveTextContent("ImmunoGen, Inc. (Nasdaq: IMGN)");
    expect(region).toHaveTextContent("Q1 FY2005 (period ended 2004-09-30)");
    expect(region).toHaveTextContent("Amounts in thousands");
    const failedCount = expected.filing.checks.filter((c) => !c.passed).length;
    expect(region).toHaveTextContent(failedCount === 0 ? `All ${expected.filing.checks.length} checks passed.` : `${failedCount} failed.`);
    const netLoss = within(region).getByRole("rowheader", { name: "Net Loss" }).closest("tr")!;
    const [current, prior] = within(netLoss).getAllByRole("button");
    expect([current.textContent, prior.textContent]).toEqual(["(2,471)", "(4,126)"]);
    await user.click(prior);
    const panel = screen.getByRole("group", { name: "Value source" });
    expect(panel).toHaveTextContent("exact value -4126), from line 173");
    expect(within(panel).getByLabelText("Source line 173").querySelector("mark")).toHaveTextContent(/^\(4,126\)$/);

    await user.click(screen.getByRole("button", { name: "Import into workbook" }));
    await waitFor(() => expect(host.imported).toEqual([expected.filing]));
    expect(screen.getByRole("button", { name: "Remove ImmunoGen, Inc. (Nasdaq: IMGN) Q1 FY2005" })).toBeInTheDocument();
  });
});

describe("an EDGAR HTML document pasted as the HTML flavour, with the real parser", () => {
  it("previews The Buckle's statements from the HTML, and its <img> never reaches the DOM", async () => {
    const user = userEvent.setup();
    const html = readFileSync(join(CORPUS_DIR, "bke-2024q3.orig.htm"), "utf8");
    expect(html).toMatch(/<img /);
    const expected = parseFiling(html, { contentType: "text/html" });
    if (!expected.ok) throw new Error(`the parser no longer reads bke-2024q3: ${expected.error.message}`);
    const { calls } = renderApp(parseFiling);
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/html": html }) });
    expect((filingBox() as HTMLTextAreaElement).value).toContain("NET INCOME");
    await user.click(screen.getByRole("button", { name: "Parse" }));
    await waitFor(() => expect(within(preview()).getAllByRole("table").length).toBeGreaterThanOrEqual(2));
    expect(calls).toEqual([{ text: html, options: { contentType: "text/html" } }]);
    expect(preview()).toHaveTextContent(expected.filing.company.name ?? "no company");
    const netIncome = within(preview()).getByRole("rowheader", { name: "NET INCOME" }).closest("tr")!;
    expect(within(netIncome).getAllByRole("button").map((b) => b.textContent)).toEqual(["44,172", "51,762", "118,270", "140,338"]);
    expect(document.querySelector("img, script, iframe")).toBeNull();
  });
});

describe("failed checks from the real parser", () => {
  it("a tampered total: the real check fails, its cell is highlighted and the detail listed", async () => {
    const user = userEvent.setup();
    const tampered = IMGN_PASTE.replace("Total revenues\t\t9,006", "Total revenues\t\t9,106");
    expect(tampered).not.toBe(IMGN_PASTE);
    const expected = parseFiling(tampered, {});
    if (!expected.ok) throw new Error("the parser no longer reads the sample");
    const failed = expected.filing.checks.filter((c) => !c.passed);
    expect(failed.length).toBeGreaterThan(0);
    renderApp(parseFiling);
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/plain": tampered }) });
    await user.click(screen.getByRole("button", { name: "Parse" }));
    await waitFor(() => expect(status()).toHaveTextContent(`${failed.length} of ${expected.filing.checks.length} checks failed`));
    const items = within(screen.getByRole("list", { name: "Failed checks" })).getAllByRole("listitem");
    expect(items.map((li) => li.querySelector("strong")?.textContent)).toEqual(failed.map((c) => `Failed check: ${c.description}`));
    const row = within(preview()).getByRole("rowheader", { name: "Total revenues" }).closest("tr")!;
    const [current, prior] = within(row).getAllByRole("button");
    expect(current).toHaveTextContent("9,106");
    expect(current.closest("td")).toHaveAttribute("data-failed", "true");
    expect(current).toHaveAccessibleDescription(expect.stringContaining("Total revenues should equal the sum"));
    expect(current).toHaveAccessibleDescription(expect.stringContaining("The filing prints 9,106; the components give 9,006 (difference 100"));
    expect(prior.closest("td")).not.toHaveAttribute("data-failed");
  });
});

describe("import and the list of filings", () => {
  it("imports the previewed filing through the host and lists it", async () => {
    const user = userEvent.setup();
    const { host } = renderApp();
    await loadSample(user);
    const list = screen.getByRole("region", { name: "Filings in this workbook" });
    expect(list).toHaveTextContent("No filing has been imported");
    await user.click(screen.getByRole("button", { name: "Import into workbook" }));
    await waitFor(() => expect(status()).toHaveTextContent("Imported ImmunoGen, Inc. (IMGN), Q1 FY2005 (period ended 2004-09-30). Sheets written: IMGN Q1 FY2005."));
    expect(host.imported).toHaveLength(1);
    expect(host.imported[0].statements.operations!.rows.find((r) => r.label === "Net Loss")!.values).toEqual(["-2471", "-4126"]);
    const rows = within(within(list).getByRole("table")).getAllByRole("row");
    expect(rows).toHaveLength(2);
    expect(within(rows[1]).getByRole("rowheader")).toHaveTextContent("Q1 FY2005");
    expect(rows[1]).toHaveTextContent("ImmunoGen, Inc. (IMGN)");
    expect(within(rows[1]).getByRole("time")).toHaveAttribute("datetime", "2026-11-25T10:00:00.000Z");

    await user.click(screen.getByRole("button", { name: "Import into workbook" }));
    await waitFor(() => expect(status()).toHaveTextContent("is already in this workbook; nothing was written."));
    expect(host.imported).toHaveLength(2);
    expect(within(list).getAllByRole("row")).toHaveLength(2);
  });

  it("says so in plain words when the import fails", async () => {
    const user = userEvent.setup();
    const { host } = renderApp();
    host.failImportWith = new Error("The workbook is read-only.");
    await loadSample(user);
    await user.click(screen.getByRole("button", { name: "Import into workbook" }));
    await waitFor(() => expect(status()).toHaveTextContent("The import failed: The workbook is read-only."));
    expect(screen.getByRole("region", { name: "Filings in this workbook" })).toHaveTextContent("No filing has been imported");
  });

  it("removes a filing through the host, updates the list and moves focus to its heading", async () => {
    const user = userEvent.setup();
    const store = new FilingStore();
    const { id } = store.add(imgnFiling(), "2026-11-20T09:00:00.000Z");
    const host = new RecordingHost(store);
    render(<App host={host} store={store} parseClient={createParseClient({ parse: parseFiling })} />);
    expect(host.restoreCalls).toBe(1);
    const remove = screen.getByRole("button", { name: "Remove ImmunoGen, Inc. (IMGN) Q1 FY2005" });
    await user.click(remove);
    await waitFor(() => expect(status()).toHaveTextContent("Removed ImmunoGen, Inc. (IMGN), Q1 FY2005 from this workbook's list."));
    expect(host.removed).toEqual([id]);
    expect(store.list()).toHaveLength(0);
    expect(screen.getByRole("region", { name: "Filings in this workbook" })).toHaveTextContent("No filing has been imported");
    expect(screen.getByRole("heading", { name: "Filings in this workbook" })).toHaveFocus();
  });

  it("lists filings that another part of the add-in adds to the store", () => {
    const store = new FilingStore();
    render(<App host={new RecordingHost(store)} store={store} parseClient={createParseClient({ parse: parseFiling })} />);
    act(() => {
      store.add(imgnFiling());
    });
    expect(screen.getByRole("button", { name: "Remove ImmunoGen, Inc. (IMGN) Q1 FY2005" })).toBeInTheDocument();
  });
});

describe("errors in plain words", () => {
  it("an empty box: says there is nothing to parse, without calling the parser", async () => {
    const user = userEvent.setup();
    const { calls } = renderApp();
    fireEvent.paste(filingBox(), { clipboardData: clipboard({ "text/plain": "   \n " }) });
    await user.click(screen.getByRole("button", { name: "Parse" }));
    expect(status()).toHaveTextContent("There is nothing to parse.");
    expect(status()).toHaveTextContent("The filing box is empty. Paste a filing into it, open an .htm or .txt file, or load the sample filing.");
    expect(calls).toHaveLength(0);
  });

  it("a binary file: reports the real parser's binary error with what to do instead", async () => {
    const user = userEvent.setup();
    const { calls } = renderApp(parseFiling);
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe]);
    await user.upload(screen.getByLabelText("Filing file"), new File([bytes], "filing.htm", { type: "text/html" }));
    await waitFor(() => expect(status()).toHaveTextContent("This is not a text filing."));
    expect(status()).toHaveTextContent(/binary file/);
    expect(calls[0].options).toEqual({ contentType: "text/html" });
    expect(within(preview()).queryByRole("table")).toBeNull();
  });

  it("a dropped .htm file is read as HTML, shown as text, and parsed", async () => {
    const { calls } = renderApp();
    const html = "<html><body><script>window.__pwned = 6</script><p>ImmunoGen, Inc.</p><table><tr><td>Net Loss</td><td>(2,471)</td></tr></table></body></html>";
    const file = new File([html], "imgn-8k.htm", { type: "text/html" });
    // Dropped on the box, handled by the drop zone around it.
    fireEvent.drop(filingBox(), { dataTransfer: { files: [file], getData: () => "" } });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ text: html, options: { contentType: "text/html" } });
    expect(filingBox()).toHaveValue("ImmunoGen, Inc.\nNet Loss\t(2,471)");
    expect(document.querySelector("script")).toBeNull();
    await waitFor(() => expect(status()).toHaveTextContent("Found 2 statements"));
  });

  it("a file that is not .htm/.txt is refused before parsing", async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { calls } = renderApp();
    await user.upload(screen.getByLabelText("Filing file"), new File(["%PDF-1.4"], "report.pdf", { type: "application/pdf" }));
    expect(status()).toHaveTextContent("report.pdf cannot be opened here.");
    expect(calls).toHaveLength(0);
  });

  it("no statements (the real parser on prose): says so and clears the old preview", async () => {
    const user = userEvent.setup();
    const store = new FilingStore();
    let answerWithFiling = true;
    const parse = (text: string, options: object) => (answerWithFiling ? ok(imgnFiling(text)) : parseFiling(text, options));
    render(<App host={new RecordingHost(store)} store={store} parseClient={createParseClient({ parse })} fetchText={async () => IMGN_PASTE} />);
    await loadSample(user);
    answerWithFiling = false;
    await user.clear(filingBox());
    await user.type(filingBox(), "Our quarter was good. We thank our shareholders.");
    await user.click(screen.getByRole("button", { name: "Parse" }));
    await waitFor(() => expect(status()).toHaveTextContent("No financial statements were found."));
    expect(status()).toHaveTextContent(/Paste the whole press release/);
    expect(within(preview()).queryByRole("table")).toBeNull();
    expect(screen.queryByRole("button", { name: "Import into workbook" })).toBeNull();
  });

  it("the sample cannot be fetched: says so", async () => {
    const user = userEvent.setup();
    renderApp(undefined, { fetchText: async () => Promise.reject(new Error("the server answered 404")) });
    await user.click(screen.getByRole("button", { name: "Load sample filing" }));
    await waitFor(() => expect(status()).toHaveTextContent("The sample filing could not be loaded: the server answered 404."));
  });
});

describe("outside Excel (preview host)", () => {
  it("shows the banner, loads and parses the sample, and downloads the statements as CSV", async () => {
    const user = userEvent.setup();
    const store = new FilingStore();
    const { parse, calls } = recordingParse((text) => ok(imgnFiling(text)));
    const fetched: string[] = [];
    const saved: { name: string; content: string; mime: string }[] = [];
    render(
      <App
        host={createPreviewHost(store)}
        store={store}
        parseClient={createParseClient({ parse })}
        fetchText={async (url) => {
          fetched.push(url);
          return IMGN_PASTE;
        }}
        saveFile={(name, content, mime) => saved.push({ name, content, mime })}
      />,
    );
    expect(screen.getByRole("note", { name: "Preview mode" })).toHaveTextContent("Not running in Excel");
    await waitFor(() => expect(within(preview()).getAllByRole("table")).toHaveLength(2));
    expect(fetched).toEqual(["assets/samples/imgn-2004q3.txt"]);
    expect(calls).toHaveLength(1);
    expect(screen.getByRole("list", { name: "Failed checks" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Download CSV" }));
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toBe("IMGN-Q1-FY2005.csv");
    expect(saved[0].mime).toMatch(/^text\/csv/);
    expect(saved[0].content).toContain("Total revenues,9006,3890\r\n");
    expect(saved[0].content).toContain("Net Loss,-2471,-4126\r\n");
    expect(status()).toHaveTextContent("Downloaded IMGN-Q1-FY2005.csv.");

    // Import in the preview keeps the filing in the shared store only.
    await user.click(screen.getByRole("button", { name: "Import into workbook" }));
    await waitFor(() => expect(store.list()).toHaveLength(1));
    expect(status()).toHaveTextContent("Not running in Excel: the filing is kept in this page only");
  });

  it("in Excel: no banner and no sample loaded on start", () => {
    const { fetched } = renderApp();
    expect(screen.queryByText("Not running in Excel")).toBeNull();
    expect(fetched).toEqual([]);
    expect(preview()).toHaveTextContent("Nothing parsed yet.");
  });
});
