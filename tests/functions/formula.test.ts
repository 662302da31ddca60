import { parseFormula } from "../../src/functions/formula";

describe("parseFormula", () => {
  it.each([
    ['YOY("Revenues")', "YOY", ["Revenues"]],
    ['=IMGN.YOY("Revenues")', "YOY", ["Revenues"]],
    ['imgn.value("Stockholders\' equity", "Q1 FY2005", "millions")', "VALUE", ["Stockholders' equity", "Q1 FY2005", "millions"]],
    ['RUNWAY("netloss",,"quarters")', "RUNWAY", ["netloss", null, "quarters"]],
    ["RUNWAY(,,)", "RUNWAY", [null, null, null]],
    ["FILINGS()", "FILINGS", []],
    ["FILINGS", "FILINGS", []],
    ['VALUE("Revenues", 38260)', "VALUE", ["Revenues", 38260]],
    ['VALUE("Net loss", -1.5e2, TRUE)', "VALUE", ["Net loss", -150, true]],
    ['VALUE("say ""net loss""")', "VALUE", ['say "net loss"']],
    ['VALUE("a",)', "VALUE", ["a", null]],
  ])("%s", (text, name, args) => {
    expect(parseFormula(text)).toEqual({ ok: true, call: { name, args } });
  });

  it.each([['YOY("Revenues"'], ['YOY("Revenues)'], ["YOY(Revenues)"], ['YOY("a" "b")'], ['YOY("a") + 1'], ["1+2"]])("rejects %s", (text) => {
    const result = parseFormula(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
});
