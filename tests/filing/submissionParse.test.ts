// Whole EDGAR submissions through parseFiling: the statements exhibit is found and named, binaries are left out,
// HTML exhibits are read inertly, and the header's facts fill in what the documents do not say.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParsedFiling } from "../../src/filing/types";
import { CORPUS_DIR } from "../helpers/truthFiling";
import { parseFiling } from "../../src/filing";
import { filingOf, parseOrFail } from "../helpers/parsed";

const read = (file: string): string => readFileSync(join(CORPUS_DIR, file), "utf8");

/** A modern 8-K submission built around Apple's real EX-99.1 (HTML), with a cover document and a uuencoded image. */
function appleSubmission(): string {
  return [
    "<SEC-DOCUMENT>0001193125-11-010144.txt : 20110118",
    "<SEC-HEADER>0001193125-11-010144.hdr.sgml : 20110118",
    "CONFORMED SUBMISSION TYPE:\t8-K",
    "CONFORMED PERIOD OF REPORT:\t20110118",
    "FILED AS OF DATE:\t\t20110118",
    "FILER:",
    "\tCOMPANY DATA:\t",
    "\t\tCOMPANY CONFORMED NAME:\t\t\tAPPLE INC",
    "</SEC-HEADER>",
    "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>d8k.htm\n<DESCRIPTION>FORM 8-K\n<TEXT>",
    "<HTML><BODY><P>FORM 8-K</P><P>Item 2.02 Results of Operations and Financial Condition</P></BODY></HTML>",
    "</TEXT>\n</DOCUMENT>",
    "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>dex991.htm\n<DESCRIPTION>PRESS RELEASE\n<TEXT>",
    read("aapl-2011q1.orig.htm"),
    "</TEXT>\n</DOCUMENT>",
    "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>3\n<FILENAME>g1.jpg\n<TEXT>\nbegin 644 g1.jpg\nM_]C_X``02D9)1@`!`0$`8`!@``#_VP!#``@&!@<&!0@'!P<)\"0@*#!0-\nend\n</TEXT>\n</DOCUMENT>",
    "</SEC-DOCUMENT>",
  ].join("\n");
}

const parsed = (text: string): ParsedFiling => parseOrFail(text);

test("an HTML exhibit inside a submission: statements read, exhibit named, header facts used, image left out", () => {
  const f = parsed(appleSubmission());
  expect(f.document).toMatchObject({ format: "submission", exhibit: "EX-99.1", form: "8-K", reportDate: "2011-01-18" });
  expect(f.company.name).toBe("Apple Inc.");
  expect(f.statements.operations?.rows.find((x) => x.concept === "Revenues")?.values).toEqual(["26741", "15683"]);
  expect(f.checks.filter((c) => !c.passed)).toEqual([]);
  expect(JSON.stringify(f)).not.toMatch(/begin 644|g1\.jpg/);
});

test("a plain-text submission with seven documents: the statement is in EX-99.04", () => {
  const f = parsed(read("so-2004q4.orig.txt"));
  expect(f.document).toMatchObject({ format: "submission", exhibit: "EX-99.04", form: "8-K" });
  expect(f.statements.operations?.rows.find((x) => x.concept === "Revenues")?.values).toEqual(["2721", "2520", "11903", "11186"]);
});

test("a submission shown by a browser and copied as HTML names the right exhibit, whatever precedes its <pre>", () => {
  const escaped = read("so-2004q4.orig.txt").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const head = `<head>\n${"<meta name=x content=y>\n".repeat(400)}</head>`;
  const f = filingOf(parseFiling(`<html>${head}<body><pre>${escaped}</pre></body></html>`, { contentType: "text/html" }));
  expect(f.document).toMatchObject({ format: "submission", exhibit: "EX-99.04" });
});
