import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { documentsToText, looksLikeHtml, splitSubmission, submissionHeader, toReadableText } from "../../src/filing/submission";

const CORPUS = join(__dirname, "..", "fixtures", "corpus");
const read = (f: string): string => readFileSync(join(CORPUS, f), "utf8");

const UU = "begin 644 logo.jpg\nM_]C_X``02D9)1@`!`0$`8`!@``#_VP!#``@&!@<&!0@'!P<)\"0@*#!0-\n`\nend\n";

function submission(docs: { type: string; filename?: string; description?: string; body: string }[]): string {
  const head =
    "<SEC-DOCUMENT>0000000000-24-000001.txt : 20240131\n<SEC-HEADER>0000000000-24-000001.hdr.sgml : 20240131\n" +
    "ACCESSION NUMBER:\t\t0000000000-24-000001\nCONFORMED SUBMISSION TYPE:\t8-K\nPUBLIC DOCUMENT COUNT:\t\t3\n" +
    "CONFORMED PERIOD OF REPORT:\t20231231\nFILED AS OF DATE:\t\t20240131\n\nFILER:\n\n\tCOMPANY DATA:\t\n" +
    "\t\tCOMPANY CONFORMED NAME:\t\t\tEXAMPLE CORP\n\t\tCENTRAL INDEX KEY:\t\t\t0000000000\n</SEC-HEADER>\n";
  const body = docs
    .map(
      (d, i) =>
        `<DOCUMENT>\n<TYPE>${d.type}\n<SEQUENCE>${i + 1}\n<FILENAME>${d.filename ?? `doc${i + 1}.txt`}\n` +
        (d.description ? `<DESCRIPTION>${d.description}\n` : "") +
        `<TEXT>\n${d.body}</TEXT>\n</DOCUMENT>\n`,
    )
    .join("");
  return `${head}${body}</SEC-DOCUMENT>\n`;
}

describe("splitSubmission on the corpus", () => {
  test.each([
    ["junglee-1997fy", ["8-K", "EX-23.1"]],
    ["sears-2004q2", ["8-K", "EX-99"]],
    ["so-2004q4", ["8-K", "EX-99.01", "EX-99.02", "EX-99.03", "EX-99.04", "EX-99.05", "EX-99.06"]],
  ])("%s: documents, in order, with their types", (name, types) => {
    const docs = splitSubmission(read(`${name}.orig.txt`));
    expect(docs).not.toBeNull();
    expect(docs?.map((d) => d.type)).toEqual(types);
    expect(docs?.map((d) => d.sequence)).toEqual(types.map((_, i) => i + 1));
    expect(docs?.every((d) => d.format === "text")).toBe(true); // <TABLE>, <S>, <C>, <PAGE> are not HTML
  });

  test("document fields", () => {
    const docs = splitSubmission(read("junglee-1997fy.orig.txt")) ?? [];
    expect(docs[0]).toMatchObject({ type: "8-K", sequence: 1, description: "FORM 8-K FOR PERIOD ENDED AUGUST 12, 1998", filename: null });
    expect(docs[1].description).toBe("INDEPENDENT AUDITORS' CONSENT");
    expect(docs[0].body.startsWith("\n<PAGE>   1\n")).toBe(true);
    expect(docs[1].body.endsWith("August 24, 1998\n")).toBe(true);
    const lines = read("junglee-1997fy.orig.txt").split("\n");
    expect(lines[docs[0].bodyLine - 1]).toBe(""); // the body starts right after the <TEXT> line
    expect(lines[docs[0].bodyLine - 2]).toBe("<TEXT>");
  });

  test.each(["junglee-1997fy", "sears-2004q2", "so-2004q4"])("%s: documentsToText reproduces paste.txt exactly", (name) => {
    const docs = splitSubmission(read(`${name}.orig.txt`)) ?? [];
    const r = documentsToText(docs);
    expect(r.text).toBe(read(`${name}.paste.txt`));
    expect(r.sourceLines.length).toBe(r.text.split("\n").length);
    const src = read(`${name}.orig.txt`).split("\n");
    const out = r.text.split("\n");
    for (let i = 0; i < out.length; i++) if (out[i] !== "") expect(src[r.sourceLines[i] - 1]).toBe(out[i]);
  });

  test("the header", () => {
    expect(submissionHeader(read("junglee-1997fy.orig.txt"))).toEqual({
      form: "8-K",
      companyName: "AMAZON COM INC",
      companies: ["AMAZON COM INC"],
      periodOfReport: "1998-08-12",
      filedAsOf: "1998-08-27",
      accessionNumber: "0000891020-98-001352",
    });
    const so = submissionHeader(read("so-2004q4.orig.txt"));
    expect(so?.form).toBe("8-K");
    expect(so?.companies).toContain("SOUTHERN CO");
    expect(so?.periodOfReport).toBe("2005-01-25");
    expect(submissionHeader(read("sears-2004q2.orig.txt"))?.companyName).toBe("SEARS ROEBUCK & CO");
  });
});

describe("splitSubmission on synthetic submissions", () => {
  const sub = submission([
    { type: "10-Q", filename: "q.htm", description: "QUARTERLY REPORT", body: "<html><body><table><tr><td>Revenue</td><td>1,234</td></tr></table></body></html>\n" },
    { type: "GRAPHIC", filename: "logo.jpg", body: UU },
    { type: "EX-101.INS", filename: "x.xml", body: "<XML>\n<?xml version='1.0'?><xbrl/>\n</XML>\n" },
    { type: "ZIP", filename: "a.zip", body: UU },
    { type: "EX-99.1", filename: "ex.txt", body: "<PAGE>\n<TABLE>\n<S>          <C>\nRevenue      1,234\n</TABLE>\n" },
    { type: "JSON", filename: "m.json", body: '{"a": 1}\n' },
  ]);

  test("binaries and data documents are skipped", () => {
    const docs = splitSubmission(sub);
    expect(docs?.map((d) => d.type)).toEqual(["10-Q", "EX-99.1"]);
    expect(docs?.map((d) => d.format)).toEqual(["html", "text"]);
    expect(docs?.[0]).toMatchObject({ filename: "q.htm", description: "QUARTERLY REPORT", sequence: 1 });
  });

  test("includeSkipped returns every document", () => {
    expect(splitSubmission(sub, { includeSkipped: true })?.map((d) => d.type)).toEqual(["10-Q", "GRAPHIC", "EX-101.INS", "ZIP", "EX-99.1", "JSON"]);
  });

  test("an uuencoded body is skipped whatever its type", () => {
    expect(splitSubmission(submission([{ type: "EX-99.2", body: UU }, { type: "EX-99.3", body: "text\n" }]))?.map((d) => d.type)).toEqual(["EX-99.3"]);
  });

  test("documentsToText: HTML through htmlToText, text as is, a blank line between documents", () => {
    const r = documentsToText(splitSubmission(sub) ?? []);
    expect(r.text).toBe("Revenue\t1,234\n\n<PAGE>\n<TABLE>\n<S>          <C>\nRevenue      1,234\n</TABLE>\n");
    const lines = sub.split("\n");
    expect(lines[r.sourceLines[0] - 1]).toContain("<td>Revenue</td>");
    expect(lines[r.sourceLines[2] - 1]).toBe("<PAGE>");
  });

  test("the body is exact: CRLF and trailing text are kept in the document", () => {
    const crlf = submission([{ type: "8-K", body: "a\nb\n" }]).replace(/\n/g, "\r\n");
    const docs = splitSubmission(crlf) ?? [];
    expect(docs[0].body).toBe("a\r\nb\r\n");
    expect(documentsToText(docs).text).toBe("a\nb\n");
  });

  test("a missing </TEXT> (truncated paste) keeps the rest", () => {
    expect(splitSubmission("<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nhello\n")?.[0].body).toBe("hello\n");
  });

  test("not a submission → null", () => {
    expect(splitSubmission("Revenue 1,234")).toBeNull();
    expect(splitSubmission(read("imgn-2004q3.orig.txt"))).toBeNull();
    expect(splitSubmission(read("junglee-1997fy.paste.txt"))).toBeNull();
    expect(splitSubmission("<html><body><p>The <DOCUMENT> tag and <TEXT> tag</p></body></html>")).toBeNull();
    expect(submissionHeader("Revenue 1,234")).toBeNull();
  });

  test("a header date that is no calendar date is left out, not passed on", () => {
    const header = submissionHeader("CONFORMED SUBMISSION TYPE:\t8-K\nCONFORMED PERIOD OF REPORT:\t20230230\nFILED AS OF DATE:\t\t20230301\n<DOCUMENT>\n");
    expect(header).toMatchObject({ form: "8-K", periodOfReport: null, filedAsOf: "2023-03-01" });
  });
});

describe("looksLikeHtml", () => {
  test("real HTML", () => {
    expect(looksLikeHtml("<html><body>x</body></html>")).toBe(true);
    expect(looksLikeHtml("<!DOCTYPE html><p>x")).toBe(true);
    expect(looksLikeHtml("<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>")).toBe(true);
    expect(looksLikeHtml("<table><tr><td>Revenue</td><td>1</td></tr></table>")).toBe(true);
    expect(looksLikeHtml("<meta charset='utf-8'><b>Net sales</b><br><span>1,234</span>")).toBe(true);
  });

  test("text that is not HTML", () => {
    expect(looksLikeHtml("Revenue < 5% of total; margin > 3%")).toBe(false);
    expect(looksLikeHtml("<TABLE>\n<CAPTION>\n<S>  <C>\nRevenue   1,234\n</TABLE>")).toBe(false);
    expect(looksLikeHtml(read("junglee-1997fy.paste.txt"))).toBe(false);
    expect(looksLikeHtml(read("imgn-2004q3.orig.txt"))).toBe(false);
    expect(looksLikeHtml("We use <b>bold</b> rarely. " + "Plain words. ".repeat(2000))).toBe(false);
  });
});

describe("toReadableText", () => {
  test("plain text stays text, even with a stray '<' or 1990s <TABLE> tags", () => {
    const t = "Revenue <TABLE>\n<S> <C>\nNet sales   1,234   <5%\n";
    const r = toReadableText(t);
    expect(r).toMatchObject({ format: "text", text: t, header: null });
    expect(Array.from(r.sourceLines)).toEqual([1, 2, 3, 4]);
    expect(toReadableText(read("imgn-2004q3.paste.txt")).text).toBe(read("imgn-2004q3.paste.txt"));
    expect(toReadableText(read("junglee-1997fy.paste.txt")).format).toBe("text");
  });

  test("HTML is converted like the browser", () => {
    const r = toReadableText(read("xom-2025q2.orig.htm"));
    expect(r.format).toBe("html");
    expect(r.text).toBe(read("xom-2025q2.paste.txt"));
  });

  test("the text/html clipboard flavour is HTML even when it is a small fragment", () => {
    const frag = "<meta charset='utf-8'><span>Net income</span>";
    expect(toReadableText(frag, "text/html")).toMatchObject({ format: "html", text: "Net income" });
    expect(toReadableText("<b>x</b>", "text/plain").format).toBe("text");
  });

  test("a complete submission gives its documents and header", () => {
    const r = toReadableText(read("sears-2004q2.orig.txt"));
    expect(r.format).toBe("submission");
    expect(r.text).toBe(read("sears-2004q2.paste.txt"));
    expect(r.header?.form).toBe("8-K");
    expect(r.documents?.map((d) => d.type)).toEqual(["8-K", "EX-99"]);
  });

  test("an .htm kept with its EDGAR <DOCUMENT> wrapper is read as a submission (the wrapper line is left out)", () => {
    const r = toReadableText(read("aa-2018q2.orig.htm"));
    expect(r.format).toBe("submission");
    expect(r.documents?.[0]).toMatchObject({ type: "10-Q", filename: "d828236d10q.htm", format: "html" });
    const paste = read("aa-2018q2.paste.txt");
    expect(paste.startsWith("10-Q 1 d828236d10q.htm 10-Q\n")).toBe(true);
    expect(r.text).toBe(paste.slice("10-Q 1 d828236d10q.htm 10-Q\n".length));
    const src = read("aa-2018q2.orig.htm").split("\n");
    expect(src[r.sourceLines[0] - 1]).toContain("Table of Contents");
  });

  test("a submission displayed by a browser and copied as HTML", () => {
    const sub = read("sears-2004q2.orig.txt");
    const escaped = sub.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const r = toReadableText(`<html><body><pre>${escaped}</pre></body></html>`, "text/html");
    expect(r.format).toBe("submission");
    expect(r.text).toBe(read("sears-2004q2.paste.txt"));
  });

  test("a BOM is dropped and CRLF becomes LF for plain text", () => {
    expect(toReadableText("\uFEFFa\r\nb\rc").text).toBe("a\nb\nc");
  });

  test("never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, size: "large" }), fc.constantFrom(undefined, "text/plain" as const, "text/html" as const), (s, ct) => {
        const r = toReadableText(s, ct);
        return typeof r.text === "string" && r.sourceLines.length === r.text.split("\n").length;
      }),
      { numRuns: 1000 },
    );
    const r = toReadableText(`<DOCUMENT>\n<TYPE>8-K\n<TEXT>\n${"<b>".repeat(1000)}\n`);
    expect(typeof r.text).toBe("string");
  });
});
