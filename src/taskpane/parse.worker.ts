// Web worker: parses a filing off the task pane's UI thread. Bundled by webpack 5 from
// `new Worker(new URL("./parse.worker.ts", import.meta.url))` in index.tsx.
import { parseFiling } from "../filing";
import { parseSafely, type ParseRequest, type ParseResponse } from "./parseClient";

/** The part of the worker global scope used here (tsconfig's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseResponse): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, text, options } = event.data;
  scope.postMessage({ id, type: "started" });
  scope.postMessage({ id, type: "result", result: parseSafely(parseFiling, text, options) });
};
