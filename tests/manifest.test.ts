/**
 * @jest-environment jsdom
 */
// manifest.xml checked offline (no office-addin-manifest validate: that calls an online service):
// it parses, elements follow the schema order, every resid is defined and the right kind, the shared
// runtime is wired through one resid, and every URL names a file the production build emits.
// jsdom's DOMParser (a maintained XML parser) is why this file runs in the jsdom environment.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ensureProductionBuild, repoRoot } from "./e2e/productionBuild";

interface WebpackConfigModule {
  DEV_SERVER_ORIGIN: string;
  DEV_SERVER_PORT: number;
  FUNCTIONS_NAMESPACE: string;
  ENTRIES: Record<string, string>;
  OUTPUTS: { taskpaneHtml: string; functionsJs: string; functionsJson: string; icons: string[]; sampleFiling: string; manifest: string };
}

const webpackConfig = require("../webpack.config.js") as WebpackConfigModule;

const OFFICE_NS = "http://schemas.microsoft.com/office/appforoffice/1.1";
const OVERRIDES_NS = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
const BT_NS = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

const manifestText = readFileSync(join(repoRoot, "manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(manifestText, "application/xml");
const root = doc.documentElement;

function children(el: Element): Element[] {
  return Array.from(el.children);
}
function child(el: Element, name: string): Element {
  const found = children(el).filter((c) => c.localName === name);
  if (found.length !== 1) throw new Error(`<${el.localName}> should have exactly one <${name}>, has ${found.length}`);
  return found[0];
}
function all(name: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS("*", name));
}
function xsiType(el: Element): string | null {
  return el.getAttributeNS(XSI_NS, "type");
}
function path(el: Element): string {
  const parts: string[] = [];
  for (let e: Element | null = el; e; e = e.parentElement) parts.unshift(e.localName + (xsiType(e) ? `[${xsiType(e)}]` : ""));
  return parts.join("/");
}

/** Child sequences of the schema (OfficeApp 1.1, TaskPaneAppVersionOverrides 1.0) for the elements used here. */
const SCHEMA_ORDER: Record<string, string[]> = {
  OfficeApp: ["Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "AllowSnapshot", "VersionOverrides"],
  VersionOverrides: ["Description", "Requirements", "Hosts", "Resources", "EquivalentAddins", "VersionOverrides"],
  Host: ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
  "ExtensionPoint[CustomFunctions]": ["Script", "Page", "Metadata", "Namespace"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  "ExtensionPoint[PrimaryCommandSurface]": ["CustomTab", "OfficeTab"],
  OfficeTab: ["Group"],
  Group: ["Label", "Icon", "Control"],
  "Control[Button]": ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  "Action[ShowTaskpane]": ["TaskpaneId", "SourceLocation", "Title", "SupportsPinning"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
};

/** Elements whose content model depends on their xsi:type are keyed by it ("Control[Button]"). */
function schemaKey(el: Element): string {
  const type = xsiType(el);
  return type && ["ExtensionPoint", "Control", "Action"].includes(el.localName) ? `${el.localName}[${type}]` : el.localName;
}

/** Resources by id, with the kind of resource that defines it. */
type ResourceKind = "Image" | "Url" | "ShortString" | "LongString";
function resources(): Map<string, { kind: ResourceKind; value: string }> {
  const map = new Map<string, { kind: ResourceKind; value: string }>();
  const res = child(child(root, "VersionOverrides"), "Resources");
  const groups: [string, ResourceKind][] = [["Images", "Image"], ["Urls", "Url"], ["ShortStrings", "ShortString"], ["LongStrings", "LongString"]];
  for (const [group, kind] of groups) {
    for (const el of children(child(res, group))) {
      const id = el.getAttribute("id") ?? "";
      if (map.has(id)) throw new Error(`resource id ${id} defined twice`);
      map.set(id, { kind, value: el.getAttribute("DefaultValue") ?? "" });
    }
  }
  return map;
}

/** What a resid on an element of this name must refer to. */
function expectedKinds(el: Element): ResourceKind[] {
  switch (el.localName) {
    case "Image":
      return ["Image"];
    case "SourceLocation":
    case "Runtime":
    case "FunctionFile":
    case "LearnMoreUrl":
      return ["Url"];
    case "Label":
    case "Title":
    case "Namespace":
      return ["ShortString"];
    case "Description":
      return ["ShortString", "LongString"];
    default:
      throw new Error(`no rule for resid on <${el.localName}> (${path(el)})`);
  }
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a" || bytes.subarray(12, 16).toString("ascii") !== "IHDR") throw new Error(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function allUrls(): { where: string; url: string }[] {
  const urls: { where: string; url: string }[] = [];
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    const value = el.getAttribute("DefaultValue");
    if (value && /^[a-z]+:\/\//i.test(value)) urls.push({ where: path(el), url: value });
  }
  return urls;
}

/** "https://localhost:3000/assets/icon-32.png" → "assets/icon-32.png". */
function outputPath(url: string): string {
  return new URL(url).pathname.replace(/^\//, "");
}

describe("manifest.xml", () => {
  it("parses as a TaskPaneApp for Excel with task pane VersionOverrides", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(root.localName).toBe("OfficeApp");
    expect(root.namespaceURI).toBe(OFFICE_NS);
    expect(xsiType(root)).toBe("TaskPaneApp");
    const overrides = child(root, "VersionOverrides");
    expect(overrides.namespaceURI).toBe(OVERRIDES_NS);
    expect(xsiType(overrides)).toBe("VersionOverridesV1_0");
    expect(children(child(root, "Hosts")).map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
    expect(child(root, "Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child(root, "Version").textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it("asks for the least it needs: ReadWriteDocument", () => {
    expect(child(root, "Permissions").textContent).toBe("ReadWriteDocument");
  });

  it("orders every element's children as the schema does", () => {
    const problems: string[] = [];
    const checked: string[] = [];
    for (const el of [root, ...Array.from(root.getElementsByTagName("*"))]) {
      const order = SCHEMA_ORDER[schemaKey(el)];
      if (!order || children(el).length === 0) continue;
      checked.push(schemaKey(el));
      let last = -1;
      for (const c of children(el)) {
        const at = order.indexOf(c.localName);
        if (at < 0) problems.push(`${path(c)} is not allowed in <${schemaKey(el)}>`);
        else if (at < last) problems.push(`${path(c)} comes after ${order[last]}, the schema puts it before`);
        else last = at;
      }
    }
    expect(problems).toEqual([]);
    // The check above saw the parts that matter (a typo in a key would skip them silently).
    expect(new Set(checked)).toEqual(new Set(Object.keys(SCHEMA_ORDER)));
  });

  it("defines every resid it references, with the right kind of resource, and uses every resource it defines", () => {
    const defined = resources();
    const used = new Set<string>();
    const problems: string[] = [];
    for (const el of Array.from(doc.querySelectorAll("[resid]"))) {
      const resid = el.getAttribute("resid") ?? "";
      used.add(resid);
      if (resid.length > 32) problems.push(`resid ${resid} is longer than 32 characters`);
      const resource = defined.get(resid);
      if (!resource) problems.push(`${path(el)} references undefined resid ${resid}`);
      else if (!expectedKinds(el).includes(resource.kind)) problems.push(`${path(el)} references ${resid}, a ${resource.kind}, expected ${expectedKinds(el).join("/")}`);
    }
    expect(problems).toEqual([]);
    expect([...defined.keys()].filter((id) => !used.has(id))).toEqual([]);
    // bt:Image resids sit in the bt namespace, as Office reads them.
    for (const image of all("Image")) expect(image.namespaceURI).toBe(BT_NS);
  });

  it("runs the task pane, the custom functions page and the ribbon in one long-lived shared runtime", () => {
    const sets = all("Set").filter((s) => s.parentElement?.parentElement?.parentElement === root);
    expect(sets.map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")])).toContainEqual(["SharedRuntime", "1.1"]);

    const runtimes = all("Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].getAttribute("lifetime")).toBe("long");
    const runtimeResid = runtimes[0].getAttribute("resid");

    const customFunctions = all("ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions");
    if (!customFunctions) throw new Error("no CustomFunctions extension point");
    const pageResid = child(child(customFunctions, "Page"), "SourceLocation").getAttribute("resid");
    const taskpaneAction = all("Action").find((a) => xsiType(a) === "ShowTaskpane");
    if (!taskpaneAction) throw new Error("no ShowTaskpane button");
    const taskpaneResid = child(taskpaneAction, "SourceLocation").getAttribute("resid");
    const functionFileResid = all("FunctionFile")[0]?.getAttribute("resid");
    expect({ pageResid, taskpaneResid, functionFileResid }).toEqual({ pageResid: runtimeResid, taskpaneResid: runtimeResid, functionFileResid: runtimeResid });

    // The runtime page is the task pane page webpack builds, also the add-in's default page.
    const runtimeUrl = resources().get(runtimeResid ?? "")?.value ?? "";
    expect(runtimeUrl).toBe(`${webpackConfig.DEV_SERVER_ORIGIN}/${webpackConfig.OUTPUTS.taskpaneHtml}`);
    expect(child(child(root, "DefaultSettings"), "SourceLocation").getAttribute("DefaultValue")).toBe(runtimeUrl);
  });

  it("declares the IMGN namespace the functions and the webpack build use, and a ribbon button that opens the task pane", () => {
    const namespaceResid = all("Namespace")[0]?.getAttribute("resid") ?? "";
    expect(resources().get(namespaceResid)?.value).toBe(webpackConfig.FUNCTIONS_NAMESPACE);
    expect(webpackConfig.FUNCTIONS_NAMESPACE).toBe("IMGN");
    const button = all("Control").find((c) => xsiType(c) === "Button");
    expect(button && child(button, "Action").getAttribute(`xsi:type`)).toBe("ShowTaskpane");
    expect(child(child(button as Element, "Action"), "TaskpaneId").textContent?.length).toBeGreaterThan(0);
  });

  it("points every URL at the dev server origin and at a file the webpack config emits", () => {
    const declared = new Set([
      webpackConfig.OUTPUTS.taskpaneHtml,
      webpackConfig.OUTPUTS.functionsJs,
      webpackConfig.OUTPUTS.functionsJson,
      ...webpackConfig.OUTPUTS.icons,
    ]);
    const urls = allUrls();
    expect(urls.length).toBeGreaterThan(5);
    for (const { where, url } of urls) {
      expect(`${where}: ${new URL(url).origin}`).toBe(`${where}: ${webpackConfig.DEV_SERVER_ORIGIN}`);
      expect(`${where}: ${declared.has(outputPath(url))}`).toBe(`${where}: true`);
    }
    expect(webpackConfig.DEV_SERVER_ORIGIN).toBe(`https://localhost:${webpackConfig.DEV_SERVER_PORT}`);
  });
});

describe("manifest.xml against the production build", () => {
  let dist = "";
  beforeAll(async () => {
    dist = await ensureProductionBuild();
  }, 300_000);

  it("finds every URL's file in dist/, and every icon is a PNG of the size the manifest says", () => {
    for (const { where, url } of allUrls()) {
      const file = join(dist, outputPath(url));
      expect(`${where}: ${existsSync(file)}`).toBe(`${where}: true`);
    }
    const expectedSizes: [string, number][] = [
      [child(root, "IconUrl").getAttribute("DefaultValue") ?? "", 32],
      [child(root, "HighResolutionIconUrl").getAttribute("DefaultValue") ?? "", 64],
      ...all("Image")
        .filter((i) => i.parentElement?.localName === "Images")
        .map((i): [string, number] => [i.getAttribute("DefaultValue") ?? "", Number(/(\d+)x\d+$/.exec(i.getAttribute("id") ?? "")?.[1])]),
    ];
    for (const size of [16, 32, 80]) expect(expectedSizes.map(([, s]) => s)).toContain(size);
    for (const [url, size] of expectedSizes) expect({ url, ...pngSize(join(dist, outputPath(url))) }).toEqual({ url, width: size, height: size });
    // Every icon the build copies is a real PNG named by its size (the 128 px one is for store listings).
    for (const icon of webpackConfig.OUTPUTS.icons) {
      const size = Number(/icon-(\d+)\.png$/.exec(icon)?.[1]);
      expect(pngSize(join(dist, icon))).toEqual({ width: size, height: size });
    }
  });

  it("builds the task pane page as the shared runtime: office.js from the CDN, then the functions, then the UI", () => {
    const html = readFileSync(join(dist, webpackConfig.OUTPUTS.taskpaneHtml), "utf8");
    const page = new DOMParser().parseFromString(html, "text/html");
    const scripts = Array.from(page.querySelectorAll("script[src]")).map((s) => s.getAttribute("src") ?? "");
    expect(scripts[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    const functionsAt = scripts.indexOf(webpackConfig.OUTPUTS.functionsJs);
    const taskpaneAt = scripts.indexOf("taskpane.js");
    expect(functionsAt).toBeGreaterThan(0);
    expect(taskpaneAt).toBeGreaterThan(functionsAt);
    // One webpack runtime for both entries, so they share module instances (one filing store).
    expect(scripts.filter((s) => /runtime/.test(s))).toHaveLength(1);
    for (const src of scripts.slice(1)) expect(existsSync(join(dist, src))).toBe(true);
    expect(page.title.length).toBeGreaterThan(0);
  });

  it("emits functions.json from register.ts, associates in functions.js, and every =IMGN.NAME( the code writes exists", () => {
    const metadata = JSON.parse(readFileSync(join(dist, webpackConfig.OUTPUTS.functionsJson), "utf8")) as { functions: { id: string; name: string }[] };
    const ids = metadata.functions.map((f) => f.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    // Which ids get associated (once each) is checked in the page by tests/e2e/taskpane.e2e.test.ts.
    expect(readFileSync(join(dist, webpackConfig.OUTPUTS.functionsJs), "utf8")).toMatch(/CustomFunctions\.associate/);

    // Formulas the code writes or suggests ("=IMGN.NETLOSS()") must name real functions.
    const mentioned = new Set<string>();
    const scan = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const file = join(dir, name);
        if (statSync(file).isDirectory()) scan(file);
        else if (/\.(ts|tsx)$/.test(name)) for (const m of readFileSync(file, "utf8").matchAll(/=\s*IMGN\.([A-Z][A-Z0-9_.]*)\(/g)) mentioned.add(m[1]);
      }
    };
    scan(join(repoRoot, "src"));
    const names = new Set(metadata.functions.map((f) => f.name));
    expect([...mentioned].filter((m) => !names.has(m))).toEqual([]);
  });

  it("copies the manifest itself unchanged", () => {
    expect(readFileSync(join(dist, webpackConfig.OUTPUTS.manifest), "utf8")).toBe(manifestText);
  });
});
