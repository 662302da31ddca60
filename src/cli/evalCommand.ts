// Placeholder: the IMGN.* function logic provides the evaluator.
export function runEval(_args: string[], _read: (path: string) => string): { stdout: string; stderr: string; exitCode: number } {
  return { stdout: "", stderr: "eval is not available yet\n", exitCode: 2 };
}
