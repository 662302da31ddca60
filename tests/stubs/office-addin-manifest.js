// Stub: office-addin-mock imports office-addin-manifest, whose ESM-only dependency jest cannot load.
// office-addin-mock reads only the OfficeApp enum (to special-case Outlook), so that is all this provides.
module.exports = {
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
};
