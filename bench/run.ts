// npm run bench: runs every bench/*.bench.ts in turn; each prints its own figures.
import { readdirSync } from "node:fs";
import { join } from "node:path";

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname).filter((f) => f.endsWith(".bench.ts") && (!only || f.startsWith(only))).sort();
  for (const file of files) {
    console.log(`\n== ${file.replace(/\.bench\.ts$/, "")}`);
    const mod = (await import(join(__dirname, file))) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
