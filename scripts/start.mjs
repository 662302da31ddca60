// npm start: builds the add-in in development mode, serves it on https://localhost:3000 with locally
// made development certificates, then tells you how to load it into Excel on this platform.
// It never installs anything system-wide by itself beyond what office-addin-dev-certs asks you to approve.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const webpack = require("webpack");
const WebpackDevServer = require("webpack-dev-server");
const makeConfig = require(join(root, "webpack.config.js"));
const { getDevHttpsOptions } = require(join(root, "scripts", "dev-certs.cjs"));

const manifestPath = join(root, "manifest.xml");
const { DEV_SERVER_ORIGIN, OUTPUTS } = makeConfig;

/** How to get the add-in into Excel from here, by platform. */
function sideloadSteps(platform) {
  const desktop = [
    `Sideload into Excel desktop (the dev server above must keep running):`,
    `  npx office-addin-debugging start manifest.xml desktop --app excel --dev-server-port ${makeConfig.DEV_SERVER_PORT}`,
    `  (with --dev-server-port it reuses the server above instead of starting another. office-addin-debugging is not a`,
    `   dependency of this project because it builds a native module; npx fetches it for that one command.`,
    `   To unload the add-in later: npx office-addin-debugging stop manifest.xml)`,
  ];
  if (platform === "darwin") {
    desktop.push(
      `Or by hand on macOS: copy ${manifestPath}`,
      `  to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ (create the folder if needed),`,
      `  restart Excel, then Home > Add-ins > My Add-ins > SEC Filing Statements.`,
    );
  }
  if (platform === "win32") {
    desktop.push(
      `Or by hand on Windows: share the folder holding manifest.xml, add it as a Trusted Add-in Catalog`,
      `  (File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs, tick "Show in Menu"),`,
      `  restart Excel, then Home > Add-ins > Advanced > Shared Folder > SEC Filing Statements.`,
    );
  }
  const web = [
    `Sideload into Excel on the web (works from any OS, including this one):`,
    `  1. Open a workbook at https://www.office.com (or your SharePoint/OneDrive) in a browser on this machine.`,
    `  2. Home > Add-ins > More Add-ins (or Insert > Add-ins > Office Add-ins) > Upload My Add-in.`,
    `  3. Upload ${manifestPath}`,
    `  4. Click Home > Import Filing to open the task pane; formulas read =${makeConfig.FUNCTIONS_NAMESPACE}.<FUNCTION>(...).`,
    `  The browser must trust ${DEV_SERVER_ORIGIN}: open ${DEV_SERVER_ORIGIN}/${OUTPUTS.taskpaneHtml} once; it should load without a certificate warning.`,
  ];
  const preview = [`Preview without Office: open ${DEV_SERVER_ORIGIN}/${OUTPUTS.taskpaneHtml} in a browser (the pane runs in preview mode).`];
  return platform === "win32" || platform === "darwin" ? [...desktop, "", ...web, "", ...preview] : [...web, "", ...preview];
}

async function main() {
  const certs = await getDevHttpsOptions();
  if (certs.notes.length > 0) {
    console.warn("");
    for (const line of certs.notes) console.warn(line);
    console.warn("");
  }

  const config = await makeConfig({ WEBPACK_SERVE: true }, { mode: "development" }, { https: certs.options });
  const compiler = webpack(config);
  const server = new WebpackDevServer(config.devServer, compiler);

  compiler.hooks.done.tap("start", (stats) => {
    if (stats.hasErrors()) console.error(stats.toString({ colors: true, all: false, errors: true }));
  });

  try {
    await server.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/EADDRINUSE/.test(message)) {
      console.error(`Port ${config.devServer.port} is in use. Office loads the add-in from ${DEV_SERVER_ORIGIN} (manifest.xml), so stop whatever holds the port and run npm start again.`);
    } else {
      console.error(`The dev server could not start: ${message}`);
    }
    process.exit(1);
  }

  const origin = `https://localhost:${config.devServer.port}`;
  console.log("");
  console.log(`Serving the add-in on ${origin}/${OUTPUTS.taskpaneHtml} (Ctrl+C stops it).`);
  if (origin !== DEV_SERVER_ORIGIN) console.warn(`Note: manifest.xml points Office at ${DEV_SERVER_ORIGIN}, not ${origin}; Office will not find this server.`);
  console.log(`Manifest: ${manifestPath}`);
  console.log("");
  for (const line of sideloadSteps(process.platform)) console.log(line);

  const stop = () => {
    server.stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
