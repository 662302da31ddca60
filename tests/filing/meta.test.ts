import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readMeta } from "../../src/filing/meta";
import { CORPUS_DIR, readTruth } from "../helpers/truthFiling";

const norm = (s: string | null): string => (s ?? "").toLowerCase().replace(/[^a-z0-9&]+/g, " ").trim();
const names = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".paste.txt")).map((f) => f.replace(".paste.txt", ""));

// Where the paste itself does not print what the truth file records, we expect what the text does say.
const NAME_AS_PRINTED: Record<string, string> = {
  "aapl-2004q3": "Apple", // the release only ever says "Apple"; "Apple Computer, Inc." is not in the text
  "junglee-1997fy": "Amazon.com, Inc.", // the registrant of this 8-K is Amazon; Junglee is the business acquired
};

describe("readMeta on every corpus paste", () => {
  test.each(names)("%s: company, ticker, form", (name) => {
    const truth = readTruth(name);
    const text = readFileSync(join(CORPUS_DIR, `${name}.paste.txt`), "utf8");
    const meta = readMeta(text);
    expect(norm(meta.company.name)).toBe(norm(NAME_AS_PRINTED[name] ?? truth.company));
    expect(meta.form).toBe(truth.form);
    // The ticker must be right whenever the paste prints it; when it does not (Apple, Alcoa), it must be null.
    if (truth.ticker && new RegExp(`\\b${truth.ticker}\\b`).test(text)) expect(meta.company.ticker).toBe(truth.ticker);
    else expect(meta.company.ticker).toBeNull();
  });

  test.each([
    ["imgn-2004q3", "2004-11-04", "IMGN", "Nasdaq"],
    ["sears-2004q2", "2004-07-22", "S", "NYSE"],
    ["junglee-1997fy", "1998-08-12", null, null],
    ["nflx-2025q2", "2025-06-30", "NFLX", "NASDAQ Global Select Market"],
    ["gainsco-2009fy", "2009-12-31", "GAN", "NYSE Amex"],
    ["bke-2024q3", "2024-11-22", "BKE", "NYSE"],
    ["aapl-2011q1", "2011-01-18", null, null],
  ])("%s: report date %s, ticker %s on %s", (name, date, ticker, exchange) => {
    const meta = readMeta(readFileSync(join(CORPUS_DIR, `${name}.paste.txt`), "utf8"));
    expect(meta.reportDate).toBe(date);
    expect(meta.company.ticker).toBe(ticker);
    expect(meta.company.exchange).toBe(exchange);
  });

  test("ImmunoGen: the fiscal phrase is kept as printed", () => {
    const meta = readMeta(readFileSync(join(CORPUS_DIR, "imgn-2004q3.paste.txt"), "utf8"));
    expect(meta.fiscalText).toMatch(/first quarter/i);
    expect(meta.fiscalText).toMatch(/2005/);
  });
});

describe("readMeta on small inputs", () => {
  test("EDGAR submission header", () => {
    const meta = readMeta("ACCESSION NUMBER: 1\nCONFORMED SUBMISSION TYPE:\t10-Q\nFILER:\n\t\tCOMPANY CONFORMED NAME:\t\t\tACME WIDGETS INC\n");
    expect(meta.form).toBe("10-Q");
    expect(meta.company.name).toBe("ACME WIDGETS INC");
  });

  test("10-Q cover: quarterly period ended gives the report date; Trading Symbol(s) table gives the ticker", () => {
    const text = [
      "FORM 10-Q", "For the quarterly period ended June 30, 2025", "Widget Corp.", "(Exact name of registrant as specified in its charter)",
      "Title of each class\tTrading Symbol(s)\tName of each exchange on which registered", "Common Stock\tABC\tThe Nasdaq Stock Market LLC",
    ].join("\n");
    const meta = readMeta(text);
    expect(meta).toEqual({ company: { name: "Widget Corp.", ticker: "ABC", exchange: "The Nasdaq Stock Market LLC" }, form: "10-Q", reportDate: "2025-06-30", fiscalText: null });
  });

  test("press release: name before (NYSE: CAT), bare NASDAQ: AAPL", () => {
    expect(readMeta("DEERFIELD, Ill. – Caterpillar Inc. (NYSE: CAT) announced first-quarter results.").company).toEqual({ name: "Caterpillar Inc.", ticker: "CAT", exchange: "NYSE" });
    expect(readMeta("Shares trade on NASDAQ: AAPL since 1980.").company.ticker).toBe("AAPL");
  });

  test("empty or non-text input gives nulls, never throws", () => {
    const empty = { company: { name: null, ticker: null, exchange: null }, form: null, reportDate: null, fiscalText: null };
    expect(readMeta("")).toEqual(empty);
    expect(readMeta(undefined as unknown as string)).toEqual(empty);
    expect(readMeta("just some words with no filing in them").company.name).toBeNull();
  });
});
