/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { jsx: "react-jsx", module: "commonjs", moduleResolution: "node", esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
  },
  // office-addin-manifest pulls in an ESM-only dependency jest cannot load; office-addin-mock only needs its types.
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/tests/stubs/office-addin-manifest.js",
    "\\.(css)$": "<rootDir>/tests/stubs/style.js",
  },
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/tests/reporters/plainSummary.js"],
};
