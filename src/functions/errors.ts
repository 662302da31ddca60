// Errors of the IMGN.* functions as plain values (no Office here): the registration layer turns
// them into CustomFunctions.Error, the command line prints them. Only #N/A and #VALUE! are used
// because Excel shows a custom message only for those codes, and every error must carry one.

/** #N/A: the data is not there (no filing, no such period, a blank cell). #VALUE!: a bad argument or an undefined result. */
export type FunctionErrorCode = "#N/A" | "#VALUE!" | "#NAME?";

export interface FunctionError {
  error: FunctionErrorCode;
  message: string;
}

export function isFunctionError(value: unknown): value is FunctionError {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as FunctionError).error === "string" && typeof (value as FunctionError).message === "string";
}

export const notAvailable = (message: string): FunctionError => ({ error: "#N/A", message });
export const invalidValue = (message: string): FunctionError => ({ error: "#VALUE!", message });

export const NO_FILING_MESSAGE = "No filing imported yet: import a filing in the IMGN task pane.";
export const noFiling = (): FunctionError => notAvailable(NO_FILING_MESSAGE);
