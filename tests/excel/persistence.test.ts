import { deserializeState, serializeState, STATE_FORMAT, type WorkbookState } from "../../src/excel/persistence";
import { FilingStore } from "../../src/store/filingStore";
import { parsedCorpusFiling } from "./corpus";

function sampleState(): WorkbookState {
  const store = new FilingStore();
  store.add(parsedCorpusFiling("imgn-2004q3"), "2026-01-01T00:00:00.000Z");
  store.add(parsedCorpusFiling("bke-2024q3"), "2026-01-02T00:00:00.000Z");
  return {
    filings: [...store.list()],
    sheets: [
      { role: "operations", name: "IMGN Operations", id: "{A1}", address: "A1:I22" },
      { role: "history", name: "IMGN History (2)", id: null, address: "A1:E40" },
    ],
    names: ["IMGN_NetIncomeLoss", "IMGN_Revenues"],
  };
}

describe("saved state", () => {
  test("round-trips the parsed filings exactly, decimal strings included", () => {
    const state = sampleState();
    const text = serializeState(state);
    const back = deserializeState(text);
    expect(back).toEqual({ ok: true, state });
    if (!back.ok) throw new Error(back.error);
    const eps = back.state.filings.find((f) => f.filing.company.ticker === "IMGN")!.filing.statements.operations!.rows.find((r) => r.kind === "perShare")!;
    expect(eps.values).toEqual(["-0.06", "-0.10"]);
  });

  test("carries a format tag and a version", () => {
    const saved = JSON.parse(serializeState(sampleState())) as { format: string; version: number };
    expect(saved.format).toBe(STATE_FORMAT);
    expect(saved.version).toBe(1);
  });

  test("bad input is an error value with a message, never a half-read state", () => {
    expect(deserializeState("{not json")).toEqual({ ok: false, error: "The filings saved in this workbook could not be read (the saved text is not valid JSON)." });
    expect(deserializeState(JSON.stringify({ format: "other" }))).toEqual({ ok: false, error: "The workbook setting holding the saved filings has an unknown format." });
    expect(deserializeState(JSON.stringify({ format: STATE_FORMAT, version: 2, filings: [], sheets: [], names: [] }))).toEqual({
      ok: false,
      error: "The filings in this workbook were saved by a different version of the add-in (format version 2; this one reads 1).",
    });
    const damaged = JSON.parse(serializeState(sampleState())) as { filings: { filing: { statements?: unknown } }[] };
    delete damaged.filings[0].filing.statements;
    expect(deserializeState(JSON.stringify(damaged))).toEqual({ ok: false, error: "The saved filings in this workbook are damaged (a filing entry is incomplete)." });
    const badSheet = JSON.parse(serializeState(sampleState())) as { sheets: { role: string }[] };
    badSheet.sheets[0].role = "chart";
    expect(deserializeState(JSON.stringify(badSheet))).toEqual({ ok: false, error: "The saved list of add-in sheets in this workbook is damaged." });
  });
});
