// Builds the add-in: one shared-runtime page (taskpane.html) that runs both the task pane (React)
// and the IMGN.* custom functions, functions.json for Excel, and copies the manifest and icons.
// `webpack --mode production` → dist/; `webpack serve` → https://localhost:3000 (see scripts/start.mjs).
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/** Where Office loads the add-in from; manifest.xml uses the same origin (checked by tests/manifest.test.ts). */
const DEV_SERVER_PORT = 3000;
const DEV_SERVER_ORIGIN = `https://localhost:${DEV_SERVER_PORT}`;

/** What the build emits, by role; the manifest's URLs must name these files. */
const OUTPUTS = {
  /** The shared-runtime page: task pane UI + custom functions + ribbon function file. */
  taskpaneHtml: "taskpane.html",
  /** The custom functions' script (manifest <Script>); the page above loads it too. */
  functionsJs: "functions.js",
  functionsJson: "functions.json",
  icons: ["assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png", "assets/icon-80.png", "assets/icon-128.png"],
  sampleFiling: "assets/samples/imgn-2004q3.txt",
  manifest: "manifest.xml",
};

/** Custom functions namespace (manifest Functions.Namespace); formulas read =IMGN.NAME(...). */
const FUNCTIONS_NAMESPACE = "IMGN";

const ENTRIES = {
  functions: "./src/functions/register.ts",
  taskpane: "./src/taskpane/index.tsx",
};

/**
 * register.ts calls CustomFunctions.associate for every function itself. The metadata plugin's loader would
 * append a second call per function, and office.js warns "[DuplicatedName]" for each; keep only the plugin's
 * functions.json. (Its loader does nothing when it finds no generated result for the input.)
 */
class KeepExplicitAssociations {
  apply(compiler) {
    compiler.hooks.compilation.tap("KeepExplicitAssociations", () => {
      delete CustomFunctionsMetadataPlugin.generateResults[ENTRIES.functions];
    });
  }
}

/**
 * @param {Record<string, unknown>} env webpack-cli env (WEBPACK_SERVE is set by `webpack serve`)
 * @param {{ mode?: "production" | "development" }} argv
 * @param {{ https?: { ca: Buffer; cert: Buffer; key: Buffer } }} [extra] dev-server certificates (scripts/start.mjs passes them)
 * @returns {Promise<import("webpack").Configuration>}
 */
async function makeConfig(env = {}, argv = {}, extra = {}) {
  const production = argv.mode !== "development";
  let https = extra.https;
  if (!https && env.WEBPACK_SERVE) {
    // `webpack serve` without scripts/start.mjs: make/reuse the dev certificates here.
    const { getDevHttpsOptions } = require("./scripts/dev-certs.cjs");
    const certs = await getDevHttpsOptions();
    for (const note of certs.notes) console.warn(note);
    https = certs.options;
  }

  return {
    mode: production ? "production" : "development",
    context: __dirname,
    // Office hosts add-ins in WebView2 (Windows), WKWebView (macOS) or the browser: all ES2020.
    target: ["web", "es2020"],
    entry: ENTRIES,
    // No source maps in production: they would ship and double the download; dev keeps full maps for F12 debugging in Office.
    devtool: production ? false : "source-map",
    output: {
      path: path.resolve(__dirname, "dist"),
      // Entry names are fixed (the manifest names functions.js); lazy and split chunks get content hashes.
      filename: "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".mjs", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck` (tsc over the whole repo); the bundle only transpiles.
            options: { transpileOnly: true, configFile: path.resolve(__dirname, "tsconfig.json"), compilerOptions: { noEmit: false, sourceMap: !production } },
          },
        },
        // A filing imported as text (`import sample from "...txt"`) becomes a string module.
        { test: /\.txt$/, type: "asset/source" },
      ],
    },
    optimization: {
      // One webpack runtime for the page, so the task pane and the functions share module instances
      // (one filingStore): that is what makes the shared runtime useful.
      runtimeChunk: "single",
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          // Code both entries use (decimal.js, the filing store) goes in one chunk loaded once.
          shared: { name: "shared", minChunks: 2, priority: 10, reuseExistingChunk: true, enforce: true },
          defaultVendors: false,
          default: false,
        },
      },
    },
    performance: {
      // bench/build.bench.ts measures the gzipped task-pane JavaScript against its 300 KB target.
      hints: false,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: ENTRIES.functions, output: OUTPUTS.functionsJson }),
      new KeepExplicitAssociations(),
      new HtmlWebpackPlugin({
        filename: OUTPUTS.taskpaneHtml,
        template: "./src/taskpane/taskpane.html",
        // The functions register before the UI renders, both on one runtime.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "assets/samples", to: "assets/samples" },
          { from: "manifest.xml", to: OUTPUTS.manifest },
        ],
      }),
    ],
    devServer: {
      // ADDIN_DEV_SERVER_PORT lets a test run a second server; Office itself only looks at the manifest's port.
      port: Number(process.env.ADDIN_DEV_SERVER_PORT) || DEV_SERVER_PORT,
      host: "localhost",
      // Office requests the manifest's URLs from its own origin; allow it.
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : "http",
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
    },
  };
}

module.exports = makeConfig;
module.exports.DEV_SERVER_PORT = DEV_SERVER_PORT;
module.exports.DEV_SERVER_ORIGIN = DEV_SERVER_ORIGIN;
module.exports.OUTPUTS = OUTPUTS;
module.exports.FUNCTIONS_NAMESPACE = FUNCTIONS_NAMESPACE;
module.exports.ENTRIES = ENTRIES;
