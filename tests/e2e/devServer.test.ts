// npm start (scripts/start.mjs) for real: development build served over HTTPS with the office-addin-dev-certs
// certificate, verified against its CA, and the instructions it prints where the CA is not trusted.
// The certificates are made beforehand in a throw-away HOME so the test never tries to install a CA.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { get } from "node:https";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { repoRoot } from "./productionBuild";

interface GenerateModule {
  generateCertificates(caPath: string, certPath: string, keyPath: string, days: number, domains: string[]): Promise<void>;
}

const home = join(repoRoot, "test-output", "dev-server-home");
const certDir = join(home, ".office-addin-dev-certs");
const caPath = join(certDir, "ca.crt");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function fetchTrusted(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    }).on("error", (error) => reject(new Error(`GET ${url}: ${error.message}`)));
  });
}

describe("npm start (scripts/start.mjs)", () => {
  let child: ChildProcess | null = null;
  let output = "";
  let port = 0;

  beforeAll(async () => {
    rmSync(home, { recursive: true, force: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generateCertificates } = require("office-addin-dev-certs/lib/generate") as GenerateModule;
    await generateCertificates(caPath, join(certDir, "localhost.crt"), join(certDir, "localhost.key"), 30, ["127.0.0.1", "localhost"]);
    port = await freePort();
    child = spawn(process.execPath, [join(repoRoot, "scripts", "start.mjs")], {
      cwd: repoRoot,
      env: { ...process.env, HOME: home, USERPROFILE: home, ADDIN_DEV_SERVER_PORT: String(port), FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    // Ready once the first development build is served (the dev server answers after webpack finishes).
    while (!/Serving the add-in on/.test(output) || !(await fetchTrusted(`https://localhost:${port}/taskpane.html`, readFileSync(caPath)).then((r) => r.status === 200, () => false))) {
      if (child.exitCode !== null) throw new Error(`scripts/start.mjs exited early:\n${output}`);
      if (Date.now() - started > 240_000) throw new Error(`scripts/start.mjs did not come up in 4 minutes:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  });

  it("serves the shared-runtime page, functions.json and the icons over HTTPS signed by the development CA", async () => {
    const ca = readFileSync(caPath);
    const page = await fetchTrusted(`https://localhost:${port}/taskpane.html`, ca);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>SEC Filing Statements</title>");
    expect(page.body).toContain('src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"');
    const functions = await fetchTrusted(`https://localhost:${port}/functions.json`, ca);
    expect((JSON.parse(functions.body) as { functions: unknown[] }).functions.length).toBeGreaterThan(0);
    expect((await fetchTrusted(`https://localhost:${port}/assets/icon-80.png`, ca)).status).toBe(200);
    // A client that does not trust the CA is refused: the certificate really is the generated one.
    await expect(fetchTrusted(`https://localhost:${port}/taskpane.html`, Buffer.from(""))).rejects.toThrow();
  });

  it("says the CA is not trusted and how to trust it, names the manifest, and gives this platform's sideload steps", () => {
    expect(output).toContain("The development CA is not trusted");
    expect(output).toContain(`CA certificate: ${caPath}`);
    expect(output).toContain(`Manifest: ${join(repoRoot, "manifest.xml")}`);
    if (process.platform === "win32" || process.platform === "darwin") {
      expect(output).toContain("npx office-addin-debugging start manifest.xml desktop --app excel");
    } else {
      expect(output).toContain("update-ca-certificates");
      expect(output).toContain("Upload My Add-in");
      expect(output).not.toContain("office-addin-debugging start");
    }
    // The test's port differs from the manifest's, and the script says Office will not find it there.
    expect(output).toContain("manifest.xml points Office at https://localhost:3000");
  });
});
