// EDGAR complete submissions: header facts, documents split by type, binaries left out, HTML exhibits read inertly.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFiling } from "../../src/filing";
import { isSubmission, readSubmissionHeader, splitSubmission, submissionText } from "../../src/filing/edgar";
import { CORPUS_DIR } from "../helpers/truthFiling";

const read = (file: string): string => readFileSync(join(CORPUS_DIR, file), "utf8");

/** A modern 8-K submission built around Apple's real EX-99.1 (HTML), with a cover document and a uuencoded image. */
function appleSubmission(): string {
  return [
    "<SEC-DOCUMENT>0001193125-11-010144.txt : 20110118",
    "<SEC-HEADER>0001193125-11-010144.hdr.sgml : 20110118",
    "CONFORMED SUBMISSION TYPE:\t8-K",
    "CONFORMED PERIOD OF REPORT:\t20110118",
    "FILED AS OF DATE:\t\t20110118",
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

test("a plain-text submission: header facts and every document with its type", () => {
  const text = read("so-2004q4.orig.txt");
  expect(isSubmission(text)).toBe(true);
  expect(readSubmissionHeader(text)).toMatchObject({ form: "8-K", filedAsOf: expect.stringMatching(/^2005-01-\d\d$/) });
  expect(splitSubmission(text).map((d) => d.type)).toEqual(expect.arrayContaining(["8-K", "EX-99.01", "EX-99.04"]));
});

test("an HTML exhibit inside a submission is converted; the image is left out; the statements' exhibit is named", () => {
  const sub = submissionText(appleSubmission());
  expect(sub.exhibit).toBe("EX-99.1");
  expect(sub.header).toEqual({ form: "8-K", companyName: "APPLE INC", periodOfReport: "2011-01-18", filedAsOf: "2011-01-18" });
  expect(sub.text).not.toMatch(/begin 644|<TABLE|<td/i);
  const r = parseFiling(appleSubmission());
  if (!r.ok) throw new Error(r.error.message);
  expect(r.filing.document).toMatchObject({ format: "submission", exhibit: "EX-99.1", form: "8-K" });
  expect(r.filing.company.name).toBe("Apple Inc.");
  expect(r.filing.statements.operations?.rows.find((x) => x.concept === "Revenues")?.values).toEqual(["26741", "15683"]);
  expect(r.filing.checks.filter((c) => !c.passed)).toEqual([]);
});

test("ordinary text is not a submission", () => {
  expect(isSubmission(read("imgn-2004q3.paste.txt"))).toBe(false);
  expect(isSubmission("<TABLE>\n<S> <C>\nRevenue  1,000\n")).toBe(false);
});
