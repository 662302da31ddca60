// Stub: office-addin-mock imports office-addin-manifest, whose ESM-only dependency jest cannot load.
module.exports = {};
