// Runs the filing parser for the task pane: in a web worker for large input, so the pane stays
// responsive, with progress reported by stage; in this thread for small input, or when no worker
// can be made (jsdom, a blocked worker script). Never throws for bad input: errors are ParseResults.
import { parseFiling } from "../filing";
import type { ParseOptions, ParseResult } from "../filing/types";

export type ParseFunction = (text: string, options: ParseOptions) => ParseResult;

/** Message to the worker. */
export interface ParseRequest {
  id: number;
  text: string;
  options: ParseOptions;
}

/** Messages from the worker. */
export type ParseResponse =
  | { id: number; type: "started" }
  | { id: number; type: "result"; result: ParseResult };

export type ParseStage = "sending" | "parsing" | "done";

export interface ParseProgress {
  stage: ParseStage;
  /** True when the work runs in a web worker. */
  background: boolean;
  chars: number;
}

export interface ParseClientOptions {
  /** Parser used in this thread (tests inject a fake); default parseFiling. */
  parse?: ParseFunction;
  /** Makes the worker (index.tsx passes the bundler's worker); absent → always in this thread. */
  createWorker?: () => Worker;
  /** Inputs at least this long (characters) go to the worker. */
  workerThreshold?: number;
}

export interface ParseClient {
  parse(text: string, options: ParseOptions, onProgress?: (progress: ParseProgress) => void): Promise<ParseResult>;
  /** Stops a parse in progress: its promise rejects with ParseCancelledError. */
  cancel(): void;
  dispose(): void;
}

export class ParseCancelledError extends Error {
  constructor() {
    super("Parsing was cancelled.");
    this.name = "ParseCancelledError";
  }
}

/** 256 KiB: the ImmunoGen paste (15 KB) parses in-thread; 10-Q HTML documents (2-3 MB) go to the worker. */
export const DEFAULT_WORKER_THRESHOLD = 256 * 1024;

const internalError = (message: string): ParseResult => ({ ok: false, error: { code: "internal", message }, warnings: [] });

/** Calls the parser, turning an unexpected exception into an error value the pane can show. */
export function parseSafely(parse: ParseFunction, text: string, options: ParseOptions): ParseResult {
  try {
    return parse(text, options);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return internalError(`The parser stopped unexpectedly (${detail}). Please report this filing.`);
  }
}

interface Pending {
  resolve: (result: ParseResult) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: ParseProgress) => void;
  chars: number;
}

export function createParseClient(options: ParseClientOptions = {}): ParseClient {
  const parse = options.parse ?? parseFiling;
  const threshold = options.workerThreshold ?? DEFAULT_WORKER_THRESHOLD;
  let worker: Worker | null = null;
  let workerUnavailable = options.createWorker === undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  // In-thread parses cannot be interrupted, only have their result dropped.
  let inThreadGeneration = 0;

  const stopWorker = (): void => {
    worker?.terminate();
    worker = null;
  };

  const failAll = (result: ParseResult): void => {
    for (const p of pending.values()) p.resolve(result);
    pending.clear();
  };

  const getWorker = (): Worker | null => {
    if (worker || workerUnavailable || !options.createWorker) return worker;
    try {
      worker = options.createWorker();
    } catch {
      // A worker can be refused (content security policy, no Worker in this runtime): parse here instead.
      workerUnavailable = true;
      return null;
    }
    worker.onmessage = (event: MessageEvent<ParseResponse>) => {
      const message = event.data;
      const p = pending.get(message.id);
      if (!p) return;
      if (message.type === "started") {
        p.onProgress?.({ stage: "parsing", background: true, chars: p.chars });
        return;
      }
      pending.delete(message.id);
      p.onProgress?.({ stage: "done", background: true, chars: p.chars });
      p.resolve(message.result);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      // The worker died (out of memory, script failed to load): report it; the next parse gets a fresh worker.
      stopWorker();
      failAll(internalError(`The background parser failed${event.message ? ` (${event.message})` : ""}. Try again, or paste a smaller part of the filing.`));
    };
    return worker;
  };

  const parseInThread = async (text: string, parseOptions: ParseOptions, onProgress?: (progress: ParseProgress) => void): Promise<ParseResult> => {
    const generation = inThreadGeneration;
    onProgress?.({ stage: "parsing", background: false, chars: text.length });
    // Let the pane paint "Parsing…" before the synchronous parse takes the thread.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (generation !== inThreadGeneration) throw new ParseCancelledError();
    const result = parseSafely(parse, text, parseOptions);
    if (generation !== inThreadGeneration) throw new ParseCancelledError();
    onProgress?.({ stage: "done", background: false, chars: text.length });
    return result;
  };

  return {
    parse(text, parseOptions, onProgress) {
      const target = text.length >= threshold ? getWorker() : null;
      if (!target) return parseInThread(text, parseOptions, onProgress);
      const id = nextId++;
      return new Promise<ParseResult>((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress, chars: text.length });
        onProgress?.({ stage: "sending", background: true, chars: text.length });
        const request: ParseRequest = { id, text, options: parseOptions };
        target.postMessage(request);
      });
    },
    cancel() {
      inThreadGeneration++;
      if (pending.size > 0) {
        // Terminating is the only way to stop a synchronous parse in a worker.
        stopWorker();
        for (const p of pending.values()) p.reject(new ParseCancelledError());
        pending.clear();
      }
    },
    dispose() {
      this.cancel();
      stopWorker();
    },
  };
}
