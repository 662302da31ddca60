// imgn eval: the same code as the Excel functions, on real filing text parsed with parseFiling,
// printing the raw result Excel would receive.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runEval } from "../../src/cli/evalCommand";
import { CORPUS_DIR, truthFiling } from "../helpers/truthFiling";

const SAMPLE = join(CORPUS_DIR, "imgn-2004q3.paste.txt");
const read = (path: string): string => readFileSync(path, "utf8");
const run = (...args: string[]) => runEval(args, read);

describe("imgn eval on the parsed sample", () => {
  it("prints a plain number at full precision", () => {
    expect(run('YOY("Revenues")', "--filing", SAMPLE)).toEqual({ stdout: `${(9006 - 3890) / 3890}\n`, stderr: "", exitCode: 0 });
    expect(run('IMGN.VALUE("Total revenues")', "--filing", SAMPLE).stdout).toBe("9006\n");
    expect(run('RUNWAY("netloss",,"quarters")', "--filing", SAMPLE).stdout).toBe(`${95020 / 2471}\n`);
    expect(run("NETLOSS(,\"units\")", `--filing=${SAMPLE}`).stdout).toBe("-2471000\n");
  });

  it("prints spilled rows tab-separated", () => {
    const out = run('STATEMENT("balance sheet")', "--filing", SAMPLE);
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("\tSeptember 30, 2004\tJune 30, 2004");
    expect(lines[1]).toBe("Cash and marketable securities\t95020\t94610");
    expect(run("EPSCHECK()", "--filing", SAMPLE).stdout.split("\n")[3]).toBe("Within rounding\tTRUE");
  });

  it("prints the error code and message on stderr with a non-zero exit", () => {
    expect(run('VALUE("Revnue")', "--filing", SAMPLE)).toEqual({ stdout: "", stderr: expect.stringMatching(/^#VALUE! Unknown item "Revnue".*"Total revenues"/), exitCode: 1 });
    expect(run("REVENUE()")).toEqual({ stdout: "", stderr: expect.stringMatching(/^#N\/A .*Import a filing in the IMGN task pane/i), exitCode: 1 });
    expect(run("NOPE()", "--filing", SAMPLE)).toMatchObject({ stderr: expect.stringMatching(/^#NAME\? /), exitCode: 1 });
    expect(run('YOY("Revenues"', "--filing", SAMPLE)).toMatchObject({ stderr: expect.stringMatching(/Missing closing parenthesis/), exitCode: 2 });
    expect(run("REVENUE()", "--filing", "/no/such/file")).toMatchObject({ stderr: expect.stringMatching(/cannot read/), exitCode: 2 });
    expect(run()).toMatchObject({ stderr: expect.stringMatching(/usage/), exitCode: 2 });
  });

  it("rejects text with no statements with the parser's message", () => {
    const out = runEval(["REVENUE()", "--filing", "x.txt"], () => "hello");
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/^x\.txt: /);
  });

  it("takes several filings; the latest period wins whatever the order", () => {
    const files: Record<string, string> = { "a.txt": read(join(CORPUS_DIR, "aapl-2024q1.paste.txt")), "b.txt": read(join(CORPUS_DIR, "aapl-2011q1.paste.txt")) };
    for (const order of [["a.txt", "b.txt"], ["b.txt", "a.txt"]]) {
      const out = runEval(["REVENUE()", "--filing", order[0], "--filing", order[1]], (p) => files[p]);
      expect(out.stdout).toBe("119575\n");
    }
  });

  it("accepts the JSON that imgn parse prints", () => {
    const json = JSON.stringify(truthFiling("nvda-2026q4"));
    expect(runEval(['YOY("revenue")', "--filing", "n.json"], () => json).stdout).toBe(`${(68127 - 39331) / 39331}\n`);
  });
});

describe("npm run imgn -- eval (the real command line)", () => {
  it("exits 0 with the number, or 1 with the error on stderr", () => {
    const cwd = join(__dirname, "..", "..");
    const tsx = join(cwd, "node_modules", ".bin", "tsx");
    const ok = spawnSync(tsx, ["src/cli/imgn.ts", "eval", 'YOY("Revenues")', "--filing", SAMPLE], { cwd, encoding: "utf8" });
    expect([ok.status, ok.stdout, ok.stderr]).toEqual([0, `${(9006 - 3890) / 3890}\n`, ""]);
    const bad = spawnSync(tsx, ["src/cli/imgn.ts", "eval", 'VALUE("nothing at all")', "--filing", SAMPLE], { cwd, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/^#VALUE! Unknown item/);
  });
});
