// A small parser for one Excel function call, for the command line: [=][IMGN.]NAME(arg, , "text", 3).
// Arguments are literals only (strings with "" escapes, numbers, TRUE/FALSE); an empty argument is null,
// as Excel passes an omitted optional argument.
import type { CellArg } from "./resolve";

export interface FormulaCall {
  name: string;
  args: CellArg[];
}

export type FormulaParse = { ok: true; call: FormulaCall } | { ok: false; message: string };

export function parseFormula(input: string): FormulaParse {
  const text = input.trim().replace(/^=/, "").trim();
  const head = /^(?:IMGN\.)?([A-Za-z][A-Za-z0-9_]*)\s*(\(|$)/i.exec(text);
  if (!head) return { ok: false, message: `Not a function call: ${input}. Write e.g. YOY("Revenues").` };
  const name = head[1].toUpperCase();
  if (!head[2]) return { ok: true, call: { name, args: [] } };
  const args: CellArg[] = [];
  let i = head[0].length;
  let current: CellArg = null;
  let seen = false;
  const fail = (why: string): FormulaParse => ({ ok: false, message: `${why} at character ${i + 1} of ${text}` });
  while (i < text.length) {
    const ch = text[i];
    if (ch === " " || ch === "\t") {
      i++;
    } else if (ch === ",") {
      args.push(current);
      current = null;
      seen = false;
      i++;
    } else if (ch === ")") {
      if (seen || args.length > 0) args.push(current);
      if (text.slice(i + 1).trim() !== "") return fail("Unexpected text after the closing parenthesis");
      return { ok: true, call: { name, args } };
    } else if (seen) {
      return fail("Expected , or )");
    } else if (ch === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) return fail("Unterminated string");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      current = value;
      seen = true;
    } else {
      const literal = /^(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|TRUE|FALSE)/i.exec(text.slice(i));
      if (!literal) return fail("Expected a string, a number, TRUE or FALSE");
      const word = literal[1].toUpperCase();
      current = word === "TRUE" ? true : word === "FALSE" ? false : Number(literal[1]);
      seen = true;
      i += literal[1].length;
    }
  }
  return fail("Missing closing parenthesis");
}
