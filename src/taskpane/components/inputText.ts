// Pure helpers for what the user gives the pane: clipboard flavours, dropped or opened files.
// Pasted HTML stays a string: it is read with string operations only, never turned into DOM nodes,
// so no script, image or handler in it can run or load.

/** What the pane parses: the text shown in the box, and the raw HTML when the input came as HTML. */
export interface FilingInput {
  /** Text shown in the paste box (for HTML input, a readable text rendering of it). */
  text: string;
  /** Raw HTML (clipboard text/html flavour or an .htm file); null for plain text. */
  html: string | null;
  /** Where it came from, for status messages: "pasted text", "imgn-2004q3.txt". */
  source: string;
}

export const EMPTY_INPUT: FilingInput = { text: "", html: null, source: "" };

const NAMED_ENTITIES: Record<string, string> = { nbsp: "\u00a0", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", ndash: "\u2013", mdash: "\u2014", rsquo: "\u2019", lsquo: "\u2018", rdquo: "\u201d", ldquo: "\u201c" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A readable text rendering of HTML for the paste box, by string operations only (no DOMParser,
 * no innerHTML): scripts, styles and comments dropped, cells separated by tabs, blocks by lines.
 */
export function htmlToDisplayText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(script|style|head|template)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(/<\/(td|th)\s*>/gi, "\t")
      .replace(/<(br|\/p|\/div|\/tr|\/li|\/h[1-6]|\/table|\/title)\b[^>]*>/gi, "\n")
      .replace(/<[^>]*>/g, ""),
  )
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The minimum of a clipboard or drag-and-drop DataTransfer read here. */
export interface TransferData {
  getData(format: string): string;
}

/** Reads a paste: the HTML flavour when present, else plain text. Returns null when there is neither. */
export function readTransfer(data: TransferData, source: string): FilingInput | null {
  const html = data.getData("text/html");
  const plain = data.getData("text/plain");
  if (html.trim() !== "") return { text: plain.trim() !== "" ? plain : htmlToDisplayText(html), html, source: `${source} (HTML)` };
  if (plain !== "") return { text: plain, html: null, source };
  return null;
}

export const ACCEPTED_FILE_TYPES = ".htm,.html,.txt";

/** True for the file kinds the pane opens: EDGAR .htm/.html documents and .txt submissions or pastes. */
export function isAcceptedFileName(name: string): boolean {
  return /\.(html?|txt)$/i.test(name);
}

/** Reads a dropped or opened file: .htm/.html as HTML, anything else as text (the parser sniffs SGML submissions). */
export async function readFilingFile(file: File): Promise<FilingInput> {
  const content = typeof file.text === "function" ? await file.text() : await readWithFileReader(file);
  if (/\.html?$/i.test(file.name)) return { text: htmlToDisplayText(content), html: content, source: file.name };
  return { text: content, html: null, source: file.name };
}

function readWithFileReader(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`));
    reader.readAsText(file);
  });
}

/** "15 KB", "2.4 MB": the size of the input for progress messages. */
export function sizeWords(chars: number): string {
  if (chars < 1024) return `${chars} characters`;
  if (chars < 1024 * 1024) return `${Math.round(chars / 1024)} KB`;
  return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}
