// End to end: the production bundle in headless Debian Chromium (playwright-core, no downloaded browser).
// dist/ is served over plain http from this test; the office.js CDN URL is routed to the copy in
// node_modules (preview run) or replaced by a fake Excel host (import run); every other outside request
// is blocked, so the test runs offline.
import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { parseFiling } from "../../src/filing";
import type { ParsedFiling } from "../../src/filing/types";
import { ensureProductionBuild, repoRoot } from "./productionBuild";
import { installFakeExcelHost, type FakeCell, type FakeSheet, type FakeWorkbook, type FunctionResult } from "./fakeExcelHost";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_DIST = join(repoRoot, "node_modules", "@microsoft", "office-js", "dist");
const SAMPLE_PATH = join(repoRoot, "assets", "samples", "imgn-2004q3.txt");
const OUTPUT_DIR = join(repoRoot, "test-output");
const AMOUNT_FORMAT = '#,##0;(#,##0);"–"';

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
};

/** Serves dist/ read-only on 127.0.0.1 (any free port). */
function serveDirectory(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(dir, pathname === "/" ? "taskpane.html" : pathname));
    if (!file.startsWith(dir + sep) || !existsSync(file)) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

type OfficeScript = "real office.js" | "fake Excel host";

interface PageLog {
  errors: string[];
  officeRequests: string[];
  blocked: string[];
}

/** A browser context that serves the CDN's office.js locally (or a stub when a fake host replaces it) and blocks the internet. */
async function openContext(browser: Browser, origin: string, office: OfficeScript, log: PageLog): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 420, height: 900 }, acceptDownloads: true });
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      log.officeRequests.push(url);
      if (office === "fake Excel host") return route.fulfill({ status: 200, contentType: "text/javascript", body: "/* office.js is replaced by the fake Excel host (init script) */" });
      const file = normalize(join(OFFICE_DIST, new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length)));
      if (file.startsWith(OFFICE_DIST + sep) && existsSync(file)) return route.fulfill({ status: 200, contentType: "text/javascript", body: readFileSync(file, "utf8") });
      return route.fulfill({ status: 404, body: "not in @microsoft/office-js" });
    }
    log.blocked.push(url);
    return route.abort();
  });
  if (office === "fake Excel host") await context.addInitScript(installFakeExcelHost);
  return context;
}

function watch(page: Page, log: PageLog): void {
  page.on("pageerror", (error) => log.errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") log.errors.push(`console: ${message.text()}`);
  });
}

/** Pastes text into the filing box the way a browser does: a paste event carrying a DataTransfer. */
async function pasteIntoFilingBox(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Filing text" });
  await box.focus();
  await box.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

function checksSummary(filing: ParsedFiling): RegExp {
  const failed = filing.checks.filter((c) => !c.passed).length;
  if (filing.checks.length === 0) return /No checks could be run/;
  return failed === 0 ? new RegExp(`All ${filing.checks.length} checks passed`) : new RegExp(`${filing.checks.length - failed} of ${filing.checks.length} checks passed; ${failed} failed`);
}

/** Asserts the preview shows this filing: company, period, both statements, the checks summary. */
async function expectPreviewOf(page: Page, filing: ParsedFiling): Promise<void> {
  const preview = page.locator("section", { has: page.getByRole("heading", { name: "Preview", exact: true }) });
  await preview.getByRole("button", { name: "Import into workbook" }).waitFor({ timeout: 30_000 });
  const summary = await preview.locator("dl").innerText();
  expect(summary).toContain(filing.company.name ?? "no company parsed");
  expect(summary).toContain(filing.document.fiscalPeriod?.label ?? "no period parsed");
  const captions = await preview.locator("table caption").allInnerTexts();
  const { operations, balanceSheet, cashFlows } = filing.statements;
  if (!operations || !balanceSheet) throw new Error("the sample should parse into both statements");
  const shown = [operations, balanceSheet, cashFlows].filter((st) => st !== null && st !== undefined);
  expect(captions).toHaveLength(shown.length);
  shown.forEach((statement, i) => expect(captions[i]).toContain(statement.title));
  const netLossRow = preview.getByRole("row", { name: /^Net Loss\b/ }).first();
  expect(await netLossRow.getByRole("cell").allInnerTexts()).toEqual(["(2,471)", "(4,126)"]);
  expect(await preview.getByText(checksSummary(filing)).count()).toBe(1);
}

function rowWithLabel(sheet: FakeSheet, label: string): number {
  const hit = Object.entries(sheet.cells).find(([key, cell]) => key.startsWith("A") && cell.value === label);
  if (!hit) throw new Error(`no row labelled ${label} in ${sheet.name}: ${JSON.stringify(Object.values(sheet.cells).map((c) => c.value).filter((v) => typeof v === "string"))}`);
  return Number(hit[0].slice(1));
}

function rowCells(sheet: FakeSheet, row: number): { column: string; value: FakeCell["value"]; numberFormat?: string }[] {
  return Object.entries(sheet.cells)
    .filter(([key]) => /^[A-Z]+\d+$/.test(key) && Number(key.replace(/^[A-Z]+/, "")) === row)
    .map(([key, cell]) => ({ column: key.replace(/\d+$/, ""), value: cell.value, numberFormat: cell.numberFormat }))
    .sort((a, b) => (a.column.length - b.column.length) || a.column.localeCompare(b.column));
}

describe("task pane in headless Chromium (production build)", () => {
  let browser: Browser;
  let server: Server;
  let origin = "";
  let sample = "";
  let sampleFiling: ParsedFiling;

  beforeAll(async () => {
    const dist = await ensureProductionBuild();
    ({ server, origin } = await serveDirectory(dist));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    mkdirSync(OUTPUT_DIR, { recursive: true });
    sample = readFileSync(SAMPLE_PATH, "utf8");
    const parsed = parseFiling(sample, {});
    if (!parsed.ok) throw new Error(`the sample filing does not parse: ${parsed.error.message}`);
    sampleFiling = parsed.filing;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it("opens outside Office as a preview: office.js from the (routed) CDN, the sample loads, parses and previews", async () => {
    const log: PageLog = { errors: [], officeRequests: [], blocked: [] };
    const context = await openContext(browser, origin, "real office.js", log);
    try {
      const page = await context.newPage();
      watch(page, log);
      await page.goto(`${origin}/taskpane.html`);
      expect(await page.title()).toBe("SEC Filing Statements");
      expect(log.officeRequests[0]).toBe(`${OFFICE_CDN}office.js`);
      // The real office.js ran: outside Office it reports no host, so the pane chose the preview host.
      const ready = await page.evaluate(() => Office.onReady());
      expect(ready.host).toBeNull();
      await page.getByRole("note", { name: "Preview mode" }).waitFor();
      await expectPreviewOf(page, sampleFiling);

      // The CSV download the preview offers instead of a workbook.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
      const csv = readFileSync((await download.path()) ?? "", "utf8");
      expect(csv).toMatch(/Net Loss[^\n]*-2471[^\n]*-4126/);

      await page.screenshot({ path: join(OUTPUT_DIR, "taskpane-preview.png"), fullPage: true });
      // Outside Office the functions bundle must load too (office.js defines no CustomFunctions.ErrorCode there).
      expect(log.errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("in Excel (fake host): paste, preview, import writes the statements with number formats, and IMGN.NETLOSS sees the import", async () => {
    const log: PageLog = { errors: [], officeRequests: [], blocked: [] };
    const context = await openContext(browser, origin, "fake Excel host", log);
    try {
      const page = await context.newPage();
      watch(page, log);
      await page.goto(`${origin}/taskpane.html`);
      await page.getByRole("textbox", { name: "Filing text" }).waitFor();
      expect(await page.getByRole("note", { name: "Preview mode" }).count()).toBe(0);

      // The custom functions registered in this same page (the shared runtime), once each, as functions.json lists them.
      const metadata = JSON.parse(readFileSync(join(repoRoot, "dist", "functions.json"), "utf8")) as { functions: { id: string }[] };
      const workbookBefore = await page.evaluate(() => (window as unknown as { __fakeWorkbook: FakeWorkbook }).__fakeWorkbook);
      expect([...workbookBefore.associated].sort()).toEqual(metadata.functions.map((f) => f.id).sort());

      // =IMGN.NETLOSS() as Excel would call it: a streaming invocation, before anything is imported.
      await page.evaluate(() => {
        const w = window as unknown as { __customFunctions: Record<string, (...args: unknown[]) => void>; __netLossResults: FunctionResult[] };
        w.__netLossResults = [];
        w.__customFunctions.NETLOSS(null, null, { setResult: (value: FunctionResult) => w.__netLossResults.push(value), onCanceled: undefined });
      });
      const netLossResults = () => page.evaluate(() => (window as unknown as { __netLossResults: FunctionResult[] }).__netLossResults);
      expect((await netLossResults()).at(-1)).toMatchObject({ errorCode: "#N/A" });

      await pasteIntoFilingBox(page, sample);
      expect(await page.getByRole("textbox", { name: "Filing text" }).inputValue()).toBe(sample.replace(/\r\n?/g, "\n"));
      await page.getByRole("button", { name: "Parse", exact: true }).click();
      await expectPreviewOf(page, sampleFiling);

      const syncsBefore = (await page.evaluate(() => (window as unknown as { __fakeWorkbook: FakeWorkbook }).__fakeWorkbook)).syncs;
      await page.getByRole("button", { name: "Import into workbook" }).click();
      await page.getByRole("status").filter({ hasText: /^Imported / }).waitFor({ timeout: 30_000 });
      const workbook = await page.evaluate(() => (window as unknown as { __fakeWorkbook: FakeWorkbook }).__fakeWorkbook);

      // One read and one write round trip; nothing the fake does not model was asked for.
      expect(workbook.syncs - syncsBefore).toBe(2);
      expect(workbook.unmodelled).toEqual([]);
      expect(workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Sheet1", "IMGN Operations", "IMGN Balance Sheet"]));
      expect(workbook.sheets.find((s) => s.name === "Sheet1")?.cells).toEqual({});

      const operations = workbook.sheets.find((s) => s.name === "IMGN Operations") as FakeSheet;
      const netLoss = rowCells(operations, rowWithLabel(operations, "Net Loss")).filter((c) => typeof c.value === "number");
      expect(netLoss.slice(0, 2)).toEqual([
        { column: "B", value: -2471, numberFormat: AMOUNT_FORMAT },
        { column: "C", value: -4126, numberFormat: AMOUNT_FORMAT },
      ]);
      const perShare = rowCells(operations, rowWithLabel(operations, "Net loss per common share, basic and diluted")).filter((c) => typeof c.value === "number");
      expect(perShare.slice(0, 2)).toEqual([
        { column: "B", value: -0.06, numberFormat: "0.00;(0.00)" },
        { column: "C", value: -0.1, numberFormat: "0.00;(0.00)" },
      ]);
      expect(operations.frozenRows).toBeGreaterThan(0);
      // The total line is ruled off above it, as on the printed statement.
      const netLossRow = rowWithLabel(operations, "Net Loss");
      expect(operations.cells[`B${netLossRow}`].borders).toMatchObject({ EdgeTop: "Continuous" });

      // The filing is saved inside the workbook, and the function in the shared runtime now answers.
      expect(String(workbook.settings["imgn.workbook"])).toContain("ImmunoGen");
      await page.waitForFunction(() => (window as unknown as { __netLossResults: unknown[] }).__netLossResults.at(-1) === -2471);
      expect((await netLossResults()).at(-1)).toBe(-2471);

      await page.screenshot({ path: join(OUTPUT_DIR, "taskpane-excel.png"), fullPage: true });
      expect(log.errors).toEqual([]);
      expect(log.blocked).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("parses a large paste in the bundled web worker and previews the same filing", async () => {
    const log: PageLog = { errors: [], officeRequests: [], blocked: [] };
    const context = await openContext(browser, origin, "fake Excel host", log);
    try {
      const page = await context.newPage();
      watch(page, log);
      const workers: string[] = [];
      page.on("worker", (worker) => workers.push(worker.url()));
      await page.goto(`${origin}/taskpane.html`);
      // Past the pane's 256 KiB worker threshold: the release followed by pages of boilerplate prose.
      const boilerplate = "\nThis press release contains forward-looking statements that involve risks and uncertainties described in the Company's filings with the Securities and Exchange Commission.\n";
      const large = sample + boilerplate.repeat(Math.ceil((300 * 1024) / boilerplate.length));
      await pasteIntoFilingBox(page, large);
      await page.getByRole("button", { name: "Parse", exact: true }).click();
      await expectPreviewOf(page, sampleFiling);
      expect(workers).toHaveLength(1);
      expect(workers[0]).toMatch(new RegExp(`^${origin}/[^/]+\\.js$`));
      expect(log.errors).toEqual([]);
      expect(log.blocked).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
