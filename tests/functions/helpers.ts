// Shared builders for the IMGN.* function tests: stores of truth-built or parsed corpus filings,
// and a one-line evaluator that goes through the same formula parser as the command line.
import Decimal from "decimal.js";
import type { ParsedFiling } from "../../src/filing/types";
import { parseFormula } from "../../src/functions/formula";
import { evaluateFunction, type ExcelValue } from "../../src/functions/functions";
import { FilingStore, type StoredFiling } from "../../src/store/filingStore";
import { truthFiling } from "../helpers/truthFiling";
import { parsedCorpusFile } from "../helpers/parsed";

/** The sample (ImmunoGen Q1 FY2005) from its ground truth, with the fiscal period the release states. */
export function sampleFiling(): ParsedFiling {
  const filing = truthFiling("imgn-2004q3");
  filing.document.fiscalPeriod = { label: "Q1 FY2005", quarter: 1, fiscalYear: 2005, fiscalYearEnd: "06-30", text: "first quarter of the Company's 2005 fiscal year" };
  return filing;
}

export function parsedCorpus(name: string): ParsedFiling {
  return parsedCorpusFile(`${name}.paste.txt`);
}

/** A deep copy, so a test can edit a filing without touching the one it came from. */
export function copyOf(filing: ParsedFiling): ParsedFiling {
  return JSON.parse(JSON.stringify(filing)) as ParsedFiling;
}

/** A store holding the filings, imported in the order given (one minute apart). */
export function storeOf(...filings: ParsedFiling[]): FilingStore {
  const store = new FilingStore();
  filings.forEach((f, i) => store.add(f, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()));
  return store;
}

export function evalIn(filings: readonly StoredFiling[] | FilingStore, formula: string): ExcelValue {
  const parsed = parseFormula(formula);
  if (!parsed.ok) throw new Error(parsed.message);
  const list = filings instanceof FilingStore ? filings.list() : filings;
  return evaluateFunction(parsed.call.name, list, parsed.call.args);
}

/** An exact quotient as Excel receives it. */
export const ratio = (a: Decimal.Value, b: Decimal.Value): number => new Decimal(a).dividedBy(b).toNumber();
