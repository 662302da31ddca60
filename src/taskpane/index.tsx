// Task pane entry: the only part of the pane that knows Office. Waits for Office.onReady, picks
// the workbook host (Excel, or the preview host in a plain browser) and renders the App with a
// parser that runs large input in a web worker.
import { createRoot } from "react-dom/client";
import { createExcelHost } from "../excel/host";
import type { WorkbookHost } from "../host/types";
import { App } from "./App";
import { createParseClient } from "./parseClient";
import { createPreviewHost } from "./previewHost";

/** If office.js loads but never reports ready (a broken host page), show the preview rather than a blank pane. */
const OFFICE_READY_TIMEOUT_MS = 10_000;

let rendered = false;

function render(host: WorkbookHost): void {
  if (rendered) return;
  rendered = true;
  const container = document.getElementById("root") ?? document.body.appendChild(document.createElement("div"));
  const parseClient = createParseClient({
    // Written out here so webpack 5 sees `new Worker(new URL(...), import.meta.url)` and bundles the worker.
    createWorker: () => new Worker(new URL("./parse.worker.ts", import.meta.url)),
  });
  createRoot(container).render(<App host={host} parseClient={parseClient} />);
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  const fallback = setTimeout(() => render(createPreviewHost()), OFFICE_READY_TIMEOUT_MS);
  void Office.onReady((info) => {
    clearTimeout(fallback);
    render(info.host === Office.HostType.Excel ? createExcelHost() : createPreviewHost());
  });
} else {
  // office.js did not load (no network, opened from disk): still usable as a preview.
  render(createPreviewHost());
}
