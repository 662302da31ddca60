/** @jest-environment jsdom */
import { parseFiling } from "../../src/filing";
import type { ParseOptions, ParseResult } from "../../src/filing/types";
import { createParseClient, ParseCancelledError, parseSafely, type ParseProgress, type ParseRequest, type ParseResponse } from "../../src/taskpane/parseClient";
import { FakeWorker, IMGN_PASTE, imgnFiling } from "./fakes";

const noStatements: ParseResult = { ok: false, error: { code: "no-statements", message: "No financial statements were found in this text." }, warnings: [] };

function workerClient(threshold = 100) {
  const workers: FakeWorker[] = [];
  const inThread: string[] = [];
  const client = createParseClient({
    workerThreshold: threshold,
    parse: (text) => {
      inThread.push(text);
      return noStatements;
    },
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    },
  });
  return { client, workers, inThread };
}

describe("createParseClient", () => {
  it("parses small input in this thread, reporting progress, without making a worker", async () => {
    const { client, workers, inThread } = workerClient();
    const progress: ParseProgress[] = [];
    const result = await client.parse("short text", {}, (p) => progress.push(p));
    expect(result).toEqual(noStatements);
    expect(inThread).toEqual(["short text"]);
    expect(workers).toHaveLength(0);
    expect(progress).toEqual([
      { stage: "parsing", background: false, chars: 10 },
      { stage: "done", background: false, chars: 10 },
    ]);
  });

  it("sends large input to one worker and reports its stages", async () => {
    const { client, workers, inThread } = workerClient(10);
    const progress: ParseProgress[] = [];
    const options: ParseOptions = { contentType: "text/html" };
    const pending = client.parse(IMGN_PASTE, options, (p) => progress.push(p));
    expect(workers).toHaveLength(1);
    const [request] = workers[0].received;
    expect(request).toEqual({ id: expect.any(Number), text: IMGN_PASTE, options });
    expect(progress.map((p) => p.stage)).toEqual(["sending"]);
    workers[0].reply({ id: request.id, type: "started" });
    expect(progress.map((p) => p.stage)).toEqual(["sending", "parsing"]);
    const filing = imgnFiling();
    workers[0].reply({ id: request.id, type: "result", result: { ok: true, filing } });
    await expect(pending).resolves.toEqual({ ok: true, filing });
    expect(progress.map((p) => p.stage)).toEqual(["sending", "parsing", "done"]);
    expect(progress.every((p) => p.background && p.chars === IMGN_PASTE.length)).toBe(true);
    expect(inThread).toEqual([]);

    // The same worker serves the next parse; answers are matched by id.
    const first = client.parse("a".repeat(20), {});
    const second = client.parse("b".repeat(20), {});
    expect(workers).toHaveLength(1);
    const [, r1, r2] = workers[0].received;
    workers[0].reply({ id: r2.id, type: "result", result: noStatements });
    workers[0].reply({ id: r1.id, type: "result", result: { ok: true, filing } });
    await expect(first).resolves.toMatchObject({ ok: true });
    await expect(second).resolves.toEqual(noStatements);
  });

  it("parses in this thread when no worker can be made", async () => {
    const inThread: string[] = [];
    const client = createParseClient({
      workerThreshold: 1,
      parse: (text) => {
        inThread.push(text);
        return noStatements;
      },
      createWorker: () => {
        throw new Error("Refused by content security policy");
      },
    });
    await expect(client.parse("large enough", {})).resolves.toEqual(noStatements);
    expect(inThread).toEqual(["large enough"]);
  });

  it("parses in this thread when given no worker factory (jsdom)", async () => {
    const client = createParseClient({ workerThreshold: 1 });
    await expect(client.parse("Hello.", {})).resolves.toEqual(parseFiling("Hello.", {}));
  });

  it("turns a crashed worker into an error value, and uses a fresh worker next time", async () => {
    const { client, workers } = workerClient(1);
    const pending = client.parse("some filing", {});
    workers[0].crash("out of memory");
    const result = await pending;
    expect(result).toEqual({ ok: false, error: { code: "internal", message: expect.stringContaining("The background parser failed (out of memory)") }, warnings: [] });
    expect(workers[0].terminated).toBe(true);
    void client.parse("again", {});
    expect(workers).toHaveLength(2);
  });

  it("cancel stops a background parse: its promise rejects and the worker is terminated", async () => {
    const { client, workers } = workerClient(1);
    const pending = client.parse("some filing", {});
    client.cancel();
    await expect(pending).rejects.toBeInstanceOf(ParseCancelledError);
    expect(workers[0].terminated).toBe(true);
  });

  it("cancel drops an in-thread parse's result", async () => {
    const { client } = workerClient();
    const pending = client.parse("short", {});
    client.cancel();
    await expect(pending).rejects.toBeInstanceOf(ParseCancelledError);
  });
});

describe("parseSafely", () => {
  it("turns a parser exception into an internal error the user can read", () => {
    const result = parseSafely(() => {
      throw new RangeError("Invalid array length");
    }, "x", {});
    expect(result).toEqual({ ok: false, error: { code: "internal", message: "The parser stopped unexpectedly (Invalid array length). Please report this filing." }, warnings: [] });
  });
});

describe("parse.worker", () => {
  it("answers a request with 'started' then the parser's result for that id", () => {
    const posted: ParseResponse[] = [];
    const scope = self as unknown as { onmessage: ((event: { data: ParseRequest }) => void) | null; postMessage: (message: ParseResponse) => void };
    const original = scope.postMessage;
    scope.postMessage = (message) => posted.push(message);
    try {
      jest.isolateModules(() => {
        require("../../src/taskpane/parse.worker");
      });
      const options: ParseOptions = { contentType: "text/plain" };
      scope.onmessage!({ data: { id: 7, text: IMGN_PASTE, options } });
      expect(posted).toEqual([
        { id: 7, type: "started" },
        { id: 7, type: "result", result: parseFiling(IMGN_PASTE, options) },
      ]);
    } finally {
      scope.postMessage = original;
      scope.onmessage = null;
    }
  });
});
