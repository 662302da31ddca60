import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inferScaleFromProse, readProseAmounts, readScaleCaption } from "../../src/filing/scale";
import { CORPUS_DIR, readTruth } from "../helpers/truthFiling";

describe("readScaleCaption", () => {
  const cases: [string, string, string][] = [
    ["(in thousands, except per share amounts)", "thousands", "thousands"],
    ["(In millions, except number of shares, which are reflected in thousands, and per-share amounts)", "millions", "thousands"],
    ["(in millions, except share amounts which are reflected in thousands and per share amounts)", "millions", "thousands"],
    ["(Dollars in millions except per share data)", "millions", "millions"],
    ["(Millions of dollars)", "millions", "millions"],
    ["Amounts in millions except per share amounts", "millions", "millions"],
    ["(millions of dollars, unless noted)", "millions", "millions"],
    ["($ in millions, except earnings per share)", "millions", "millions"],
    ["(Amounts in Thousands Except Share and Per Share Amounts)", "thousands", "units"],
    ["(in thousands, except share and per share data) (Unaudited)", "thousands", "units"],
    ["(in thousands)", "thousands", "thousands"],
    ["Millions, except per share amounts, for the three months ended June 30,", "millions", "millions"],
    ["(In Millions of Dollars)", "millions", "millions"],
    ["Three Months Ended September 30 (Millions, except per share amounts)", "millions", "millions"],
    ["SELECTED FINANCIAL INFORMATION (in\u00a0thousands, except per share amounts) (UNAUDITED)", "thousands", "thousands"],
    ["($ in billions except profit per share)", "billions", "billions"],
  ];
  test.each(cases)("%s → money %s, shares %s", (caption, money, shares) => {
    const s = readScaleCaption(caption);
    expect(s).not.toBeNull();
    expect(s?.money).toBe(money);
    expect(s?.shares).toBe(shares);
    expect(s?.inferred).toBe(false);
    expect(s?.text).toBe(caption.trim());
  });

  test.each([
    "Total revenues",
    "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS",
    "(thousands of barrels daily)",
    "(millions of shares)",
    "Apple sold 4.13 million Macs during the quarter",
    "",
  ])("states no money scale: %j", (text) => {
    expect(readScaleCaption(text)).toBeNull();
  });

  test("never throws on non-text input", () => {
    expect(readScaleCaption(undefined as unknown as string)).toBeNull();
    expect(readScaleCaption(42 as unknown as string)).toBeNull();
  });

  // Every corpus filing that states a scale prints it on some line of its paste; the first caption read after
  // the operations statement title must agree with the truth file.
  const corpus = ["imgn-2004q3", "aapl-2011q1", "aapl-2024q1", "bke-2024q3", "cat-2022q1", "nflx-2025q2", "xom-2025q2", "unp-2025q2", "so-2004q4", "ai-2024q1", "gainsco-2009fy", "pg-2025q3", "nvda-2026q4", "aa-2018q2"];
  test.each(corpus)("%s: caption near the operations title gives the truth scale", (name) => {
    const truth = readTruth(name);
    const lines = readFileSync(join(CORPUS_DIR, `${name}.paste.txt`), "utf8").split(/\r?\n/);
    const title = truth.statements.operations?.title ?? "";
    const starts = lines.map((l, i) => (l.replace(/\u00a0/g, " ").toLowerCase().includes(title.toLowerCase().slice(0, 30)) ? i : -1)).filter((i) => i >= 0);
    expect(starts.length).toBeGreaterThan(0);
    const found = starts
      .map((start) => lines.slice(Math.max(0, start - 25), start + 12).map((l) => (l.length < 400 ? readScaleCaption(l) : null)).find((s) => s !== null))
      .find((s) => s);
    expect(found?.money).toBe(truth.scale);
  });
});

describe("readProseAmounts", () => {
  test("reads amounts with their rounding", () => {
    const a = readProseAmounts("a net loss of $2.5 million, or $0.06 per share; cash flow was $857,000 and revenue $1.1 billion");
    expect(a.map((x) => x.value.toFixed())).toEqual(["2500000", "0.06", "857000", "1100000000"]);
    expect(a.map((x) => x.halfUnit.toFixed())).toEqual(["50000", "0.005", "500", "50000000"]);
  });
});

describe("inferScaleFromProse", () => {
  const imgnValues = readTruth("imgn-2004q3").statements.operations?.rows.flatMap((r) => r.values.filter((v): v is number => v !== null).map((v) => ({ value: String(v) }))) ?? [];

  test("ImmunoGen prose ($2.5 million, $9.0 million, $368,000) against the table → thousands", () => {
    const prose = readFileSync(join(CORPUS_DIR, "imgn-2004q3.paste.txt"), "utf8").split("– financials follow –")[0];
    const r = inferScaleFromProse(prose, imgnValues);
    expect(r?.scale).toBe("thousands");
    expect(r?.evidence).toMatch(/≈ table \d+ × 1000/);
  });

  test.each([
    ["net loss of $2,471,000", "thousands"],
    ["cash flow from operations was $857,000", "thousands"],
    ["a net loss of $2.5 million", "thousands"],
    ["net loss of $2,471", "units"],
  ])("%s against 2,471 and 857 → %s", (prose, scale) => {
    expect(inferScaleFromProse(prose, [{ value: "-2471" }, { value: "857" }])?.scale).toBe(scale);
  });

  test("Apple: revenue of $26.74 billion against 26,741 → millions", () => {
    expect(inferScaleFromProse("record revenue of $26.74 billion", [{ value: "26741" }])?.scale).toBe("millions");
  });

  test("too coarse or unrelated prose gives null", () => {
    expect(inferScaleFromProse("revenue of $2 million", [{ value: "2471" }])).toBeNull();
    expect(inferScaleFromProse("no amounts here", [{ value: "2471" }])).toBeNull();
    expect(inferScaleFromProse("net loss of $2.5 million", [{ value: "abc" }])).toBeNull();
  });
});
