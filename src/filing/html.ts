// HTML → the text a browser gives for `document.body.innerText` (what a user gets with select-all + copy).
//
// Inert and pure: a hand-written scanner over the string. No DOM, no DOMParser, no innerHTML; nothing is executed or
// loaded, so pasted <script>/<img onerror> markup is only ever skipped text. Runs in Node, the browser and workers.
//
// The model follows Chromium closely enough to reproduce its innerText on EDGAR documents:
//  - tokenizer: HTML5 rules for tags, attributes (quoted or not), comments, bogus comments (<?xml ?>, <![CDATA[),
//    raw-text elements (script, style, title, textarea...), character references (named, numeric, legacy
//    no-semicolon forms, windows-1252 remapping of &#128;-&#159;); never throws, whatever the input;
//  - tree building: the HTML5 tree builder reduced to what decides which element every piece of text sits in:
//    implied end tags (<p>, <li>, <td>, <tr>...), implied <tbody>/<tr>, cells closed by the next cell, stray table
//    tags ignored outside tables, table-in-table, foster parenting (stray content inside a table is moved in front
//    of it), `<td/>` (self-closing is ignored on HTML elements, as browsers do), the list of active formatting
//    elements (misnested <b>/<font>/<a> are reopened) and the adoption agency, quirks mode (no standards doctype:
//    a <table> does not close an open <p>, and tables reset white-space);
//  - styles: inline `style` attributes and <style> sheets (simple selectors with descendant and child combinators,
//    screen media), and only what changes innerText: display (none, block, inline-block, table-cell...),
//    visibility, white-space, float and position (out-of-flow boxes are block-level for innerText
//    but do not end the line they sit in);
//  - innerText: the HTML "rendered text collection steps" as Chromium implements them: a TAB after every table cell
//    that has a following cell, a LF after every row that has a following row, 1 required line break around
//    block-level boxes and 2 around <p>, runs of required breaks collapsed to their maximum and dropped at the start,
//    CSS white-space collapsing across inline elements (spaces at the start and end of a line removed), NBSP kept.
//
// Checked against Chromium 156 (headless, JavaScript off, page.setContent): the 18 corpus documents come out
// byte-identical to their paste.txt, and scripts/html-vs-chromium.ts compares hand-written edge cases and random
// tag soup. Known differences, all far from real filings: a misnested formatting end tag that moves a block out of
// a hidden or white-space:pre ancestor (the adoption agency) does not re-show text already read as hidden; inline
// boxes with margins next to a zero-width space; East Asian line-break removal; text-transform and ::first-line;
// sheet selectors beyond tags, ids, classes and the two combinators; nesting deeper than 512 elements.

import { isLegacyEntity, namedEntity } from "./entities";

export interface HtmlText {
  /** The browser-like text: TAB between table cells, one table row per line, blocks on their own lines. */
  text: string;
  /** sourceLines[i] is the 1-based line of the HTML source where output line i+1 starts. */
  sourceLines: Int32Array | number[];
}

// ---------------------------------------------------------------------------------------------------------------
// Character references

const C1_REMAP: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

function numericReference(digits: string, radix: number): string {
  // Long digit strings overflow to "out of range" like the spec's saturating arithmetic.
  let cp = digits.length > 8 ? 0x110000 : parseInt(digits, radix);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  else if (cp >= 0x80 && cp <= 0x9f && C1_REMAP[cp] !== undefined) cp = C1_REMAP[cp];
  return String.fromCodePoint(cp);
}

const ENTITY_RE = /&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*)(;?))/g;

function replaceEntity(m: string, hex: string | undefined, dec: string | undefined, name: string | undefined, semi: string): string {
  if (hex !== undefined) return numericReference(hex, 16);
  if (dec !== undefined) return numericReference(dec, 10);
  if (name === undefined) return m;
  if (semi) {
    const v = namedEntity(name);
    if (v !== undefined) return v;
  }
  // No semicolon (or unknown name): the longest legacy name that prefixes the run wins ("&copy2024" → "©2024").
  for (let len = Math.min(name.length, 6); len >= 2; len--) {
    const prefix = name.slice(0, len);
    if (isLegacyEntity(prefix)) return (namedEntity(prefix) as string) + name.slice(len) + semi;
  }
  return m;
}

/** Decodes every HTML character reference in text content the way the HTML parser does. */
export function decodeEntities(text: string): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(ENTITY_RE, replaceEntity);
}

// ---------------------------------------------------------------------------------------------------------------
// Element knowledge

// Display kinds used by the innerText steps.
const D_INLINE = 0;
const D_BLOCK = 1;
const D_CELL = 2;
const D_ROW = 3;
const D_TABLE = 4;
const D_INLINE_TABLE = 5;
const D_SECTION = 6; // tbody/thead/tfoot: no line breaks of their own
const D_INLINE_BLOCK = 7; // atomic inline with content (inline-block, button, select)
const D_ATOMIC = 8; // replaced inline without text (img, input...)
const D_NONE = 9;

// Tree-building flags.
const F_SPECIAL = 1 << 0; // "special" category: stops the generic end-tag search, furthest block of the AAA
const F_CLOSE_P = 1 << 1; // start tag closes an open <p> in button scope
const F_VOID = 1 << 2;
const F_FORMAT = 1 << 3; // formatting element: in the list of active formatting elements
const F_SCOPE = 1 << 4; // boundary of the default scope
const F_IMPLIED = 1 << 5; // closed by "generate implied end tags"
const F_HEADING = 1 << 6;
const F_SKIP = 1 << 7; // raw text / RCDATA whose content is never rendered (script, style, title, textarea...)
const F_PRE = 1 << 8; // white-space: pre by default
const F_SKIP_NL = 1 << 9; // a newline right after the start tag is dropped (pre, listing, textarea)
const F_IGNORE = 1 << 10; // never pushed (html, head, body, frameset)
const F_RAWTEXT = 1 << 11; // raw text that is rendered as is (xmp)
const F_PLAINTEXT = 1 << 12;
const F_NO_RECON = 1 << 13; // start tag does not reconstruct the active formatting elements
const F_MARKER = 1 << 14; // start tag inserts a marker in the list of active formatting elements

interface TagInfo {
  flags: number;
  disp: number;
  /** Tag names of the table model, for the table insertion modes; 0 for others. */
  table: number;
}

// table kinds
const T_TABLE = 1;
const T_SECTION = 2;
const T_ROW = 3;
const T_CELL = 4;
const T_CAPTION = 5;
const T_COLGROUP = 6;
const T_COL = 7;

const TAGS = new Map<string, TagInfo>();
function def(names: string, flags: number, disp = -1, table = 0): void {
  for (const n of names.split(" ")) {
    const prev = TAGS.get(n);
    if (prev) {
      prev.flags |= flags;
      if (disp >= 0) prev.disp = disp;
      if (table) prev.table = table;
    } else TAGS.set(n, { flags, disp: disp < 0 ? D_INLINE : disp, table });
  }
}
const INLINE_INFO: TagInfo = { flags: 0, disp: D_INLINE, table: 0 };
const SVG_INFO: TagInfo = { flags: 0, disp: D_INLINE_BLOCK, table: 0 };
const SVG_TEXT_INFO: TagInfo = { flags: 0, disp: D_BLOCK, table: 0 };
const MATH_INFO: TagInfo = { flags: 0, disp: D_BLOCK, table: 0 };

def(
  "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header hgroup " +
    "main menu nav ol p search section summary ul",
  F_SPECIAL | F_CLOSE_P | F_NO_RECON,
  D_BLOCK,
);
def("p", F_IMPLIED);
def("h1 h2 h3 h4 h5 h6", F_SPECIAL | F_CLOSE_P | F_HEADING | F_NO_RECON, D_BLOCK);
def("pre listing", F_SPECIAL | F_CLOSE_P | F_PRE | F_SKIP_NL | F_NO_RECON, D_BLOCK);
def("xmp", F_SPECIAL | F_CLOSE_P | F_PRE | F_RAWTEXT, D_BLOCK);
def("plaintext", F_SPECIAL | F_CLOSE_P | F_PRE | F_PLAINTEXT | F_NO_RECON, D_BLOCK);
def("form", F_SPECIAL | F_CLOSE_P | F_NO_RECON, D_BLOCK);
def("hr", F_SPECIAL | F_CLOSE_P | F_VOID | F_NO_RECON, D_BLOCK);
def("li dd dt", F_SPECIAL | F_IMPLIED | F_NO_RECON, D_BLOCK);
def("legend", 0, D_BLOCK);
def("optgroup option", F_IMPLIED, D_BLOCK);
def("rb rp rt rtc", F_IMPLIED | F_NO_RECON);
def("rp", 0, D_NONE);
def("table", F_SPECIAL | F_SCOPE | F_NO_RECON, D_TABLE, T_TABLE);
def("caption", F_SPECIAL | F_SCOPE | F_NO_RECON | F_MARKER, D_BLOCK, T_CAPTION);
def("tbody thead tfoot", F_SPECIAL | F_NO_RECON, D_SECTION, T_SECTION);
def("tr", F_SPECIAL | F_NO_RECON, D_ROW, T_ROW);
def("td th", F_SPECIAL | F_SCOPE | F_NO_RECON | F_MARKER, D_CELL, T_CELL);
def("colgroup", F_SPECIAL | F_NO_RECON, D_BLOCK, T_COLGROUP); // table-column boxes count as block-level
def("col", F_SPECIAL | F_VOID | F_NO_RECON, D_BLOCK, T_COL);
def("applet marquee object", F_SPECIAL | F_SCOPE | F_MARKER, D_INLINE_BLOCK);
def("object", 0, D_INLINE);
def("template", F_SPECIAL | F_SCOPE | F_NO_RECON | F_MARKER, D_NONE);
def("a b big code em font i nobr s small strike strong tt u", F_FORMAT);
def("area br embed img keygen wbr input", F_SPECIAL | F_VOID);
def("img embed keygen input", 0, D_ATOMIC);
def("param source track basefont bgsound link meta base frame", F_SPECIAL | F_VOID | F_NO_RECON, D_NONE);
def("area", 0, D_NONE);
def("script style title textarea iframe noembed noframes", F_SPECIAL | F_SKIP | F_NO_RECON, D_NONE);
def("textarea iframe", 0, D_ATOMIC);
def("textarea", F_SKIP_NL);
def("button", F_SPECIAL, D_INLINE_BLOCK);
def("select", F_SPECIAL, D_INLINE_BLOCK);
def("video audio canvas datalist", 0, D_NONE);
def("html head body frameset", F_SPECIAL | F_IGNORE | F_NO_RECON, D_NONE);
def("noscript", F_SPECIAL); // JavaScript off: <noscript> content is parsed and shown

function tagInfo(name: string): TagInfo {
  return TAGS.get(name) ?? INLINE_INFO;
}

/**
 * Depth limit of the stack of open elements. Real filings stay under 20; past this, further start tags are dropped
 * (their content goes to the current element), which keeps every stack walk bounded on adversarial input. Chromium
 * also stops nesting deeper than 512 levels.
 */
const MAX_DEPTH = 512;
/** At most this many formatting elements are remembered after the last marker (misnesting repair is bounded). */
const MAX_FORMATTING = 64;

// Scope kinds
const SCOPE_DEFAULT = 0;
const SCOPE_BUTTON = 1;
const SCOPE_LIST = 2;
const SCOPE_TABLE = 3;

// Tags that make the parser leave foreign (SVG/MathML) content.
const BREAKOUT = new Set(
  (
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta " +
    "nobr ol p pre ruby s small span strong strike sub sup table tt u ul var"
  ).split(" "),
);

/** A single-letter <mi> is drawn in mathematical italic (text-transform: math-auto), and innerText says so. */
function mathItalic(t: string): string {
  const s = t.trim();
  if (s.length !== 1) return t;
  const c = s.charCodeAt(0);
  if (c === 104) return "\u210e";
  if (c >= 97 && c <= 122) return String.fromCodePoint(0x1d44e + c - 97);
  if (c >= 65 && c <= 90) return String.fromCodePoint(0x1d434 + c - 65);
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// Open elements

interface Slot {
  items: Item[];
  lines: number[];
}
/** Output items: text, required line break counts (1, 2), and slots for foster-parented content. */
type Item = string | number | Slot;

/** Whitespace-collapsing state of a line (an inline formatting context). */
interface LineState {
  has: boolean;
  zw: boolean;
  spaceArr: Item[] | null;
  spaceIdx: number;
  spaceVis: boolean;
}

/** Attributes of a start tag that matter here; kept on formatting elements so they can be reopened. */
interface Attrs {
  style: string | null;
  hidden: boolean;
  type: string | null;
  open: boolean;
  cls: string | null;
  id: string | null;
  key: string;
}

/** A compound selector: a tag, classes, an id. */
interface Compound {
  tag: string | null;
  classes: string[];
  id: string | null;
}

/** A rule of a <style> sheet: compounds joined by descendant (" ") or child (">") combinators. */
interface SheetRule {
  /** Right to left: parts[0] is the subject. */
  parts: Compound[];
  /** child[i] joins parts[i] to parts[i + 1]: true for ">" (child), false for " " (descendant). */
  child: boolean[];
  /** (ids, classes, tags) packed, then source order: the cascade order. */
  rank: number;
  decls: string;
  /** Bloom bits of the features the ancestors must have (fast rejection). */
  needA: number;
  needB: number;
}

/** Two 32-bit words of a Bloom filter bit for a selector feature ("div", ".x", "#id"). */
function bloomBit(feature: string): [number, number] {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) h = Math.imul(h ^ feature.charCodeAt(i), 0x01000193);
  const bit = (h >>> 0) % 64;
  return bit < 32 ? [1 << bit, 0] : [0, 1 << (bit - 32)];
}

/** At most this many <style> rules are used (those that can change innerText). */
const MAX_RULES = 1000;

interface Entry {
  name: string;
  info: TagInfo;
  /** The parent in the DOM: the stack entry below, except for foster-parented content (the table's parent). */
  parent: Entry | null;
  disp: number;
  isP: boolean;
  /** float or position:absolute/fixed: block-level for innerText, but the surrounding line goes on. */
  oof: boolean;
  /** display: flex/grid (or inline-): children are blockified. */
  flex: boolean;
  /** Last in-flow child with a box: 0 none or an element, 1 text, 2 text ending in white space (or <br>). */
  prevText: number;
  // own style (-1: inherited)
  ownNone: boolean;
  ownVis: number;
  ownWs: number;
  // computed
  rendered: boolean;
  visible: boolean;
  /** white-space: 0 collapse (normal/nowrap), 1 pre, 2 pre-line, 3 pre-wrap/break-spaces. */
  ws: number;
  foreign: boolean;
  inSvg: boolean;
  svgText: boolean;
  onStack: boolean;
  /** For a row (or anonymous row): a visible cell has closed, the next cell starts with a TAB. */
  pendingTab: boolean;
  /** For a table: a visible row has closed, the next row starts with a LF. */
  pendingRow: boolean;
  /** The table entry a row reports to. */
  tableOf: Entry | null;
  /** Set when the parser foster-parented this element: the table it was moved in front of. */
  fosterOf: Entry | null;
  /** Tables: output of the content foster-parented in front of the table, and the line state it continues. */
  slot: Slot | null;
  fLine: LineState | null;
  /** Out-of-flow boxes: the line state of the surrounding line, restored at the end. */
  saved: LineState | null;
  /** Inside a <select>: only <option>s show. */
  inSelect: boolean;
  /** Rows: placeholder for the TAB of the last closed cell. Tables: placeholder for the LF of the last row. */
  sepArr: Item[] | null;
  sepLines: number[] | null;
  sepIdx: number;
  /** Elements whose end comes with this one's (a <form> taken off the stack before its children closed). */
  closeAlso: Entry[] | null;
  /** class and id attributes, kept only when the document has a <style> sheet (selector matching). */
  cls: string[] | null;
  id: string | null;
  /** Bloom filter of the ancestors' tags, classes and ids (selector matching). */
  ancA: number;
  ancB: number;
  /** Its open event ran (it may have been held back inside an <option> or a hidden ancestor). */
  opened: boolean;
  /** <details> without `open`: only its first <summary> is rendered. */
  detailsClosed: boolean;
  summarySeen: boolean;
  attrs: Attrs | null;
}

function newEntry(name: string, info: TagInfo, parent: Entry | null): Entry {
  return {
    name,
    info,
    parent,
    disp: info.disp,
    isP: name === "p",
    oof: false,
    flex: false,
    prevText: 0,
    ownNone: false,
    ownVis: -1,
    ownWs: -1,
    rendered: true,
    visible: true,
    ws: 0,
    foreign: false,
    inSvg: parent ? parent.inSvg : false,
    svgText: parent ? parent.svgText : false,
    onStack: false,
    pendingTab: false,
    pendingRow: false,
    tableOf: null,
    fosterOf: null,
    slot: null,
    fLine: null,
    saved: null,
    inSelect: parent ? parent.inSelect || parent.name === "select" : false,
    sepArr: null,
    sepLines: null,
    sepIdx: 0,
    closeAlso: null,
    cls: null,
    id: null,
    ancA: 0,
    ancB: 0,
    opened: false,
    detailsClosed: false,
    summarySeen: false,
    attrs: null,
  };
}

function inherit(e: Entry): void {
  const p = e.parent;
  e.rendered = (p ? p.rendered : true) && !e.ownNone;
  e.visible = e.ownVis < 0 ? (p ? p.visible : true) : e.ownVis === 1;
  e.ws = e.ownWs < 0 ? (p ? p.ws : 0) : e.ownWs;
}

// Inline style: only the properties that change innerText.
const STYLE_PROP_RE = /(?:^|[;{\s])(display|visibility|white-space|float|position)\s*:\s*([a-z-]+)/g;

function applyStyle(e: Entry, style: string): void {
  const s = style.toLowerCase();
  if (
    s.indexOf("display") < 0 &&
    s.indexOf("visibility") < 0 &&
    s.indexOf("white-space") < 0 &&
    s.indexOf("float") < 0 &&
    s.indexOf("position") < 0
  )
    return;
  let oof = false;
  STYLE_PROP_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STYLE_PROP_RE.exec(s)) !== null) {
    const v = m[2];
    switch (m[1]) {
      case "display":
        e.flex = false;
        if (v === "none") e.disp = D_NONE;
        else if (v === "block" || v === "list-item" || v === "flow-root" || v === "table-caption") e.disp = D_BLOCK;
        else if (v === "flex" || v === "grid") {
          e.disp = D_BLOCK;
          e.flex = true;
        } else if (v === "inline" || v === "contents" || v === "ruby") e.disp = D_INLINE;
        else if (v === "inline-block") e.disp = D_INLINE_BLOCK;
        else if (v === "inline-flex" || v === "inline-grid") {
          e.disp = D_INLINE_BLOCK;
          e.flex = true;
        }
        else if (v === "table") e.disp = D_TABLE;
        else if (v === "inline-table") e.disp = D_INLINE_TABLE;
        else if (v === "table-cell") e.disp = D_CELL;
        else if (v === "table-row") e.disp = D_ROW;
        else if (v === "table-row-group" || v === "table-header-group" || v === "table-footer-group") e.disp = D_SECTION;
        break;
      case "visibility":
        if (v === "hidden" || v === "collapse") e.ownVis = 0;
        else if (v === "visible") e.ownVis = 1;
        break;
      case "white-space":
        if (v === "pre") e.ownWs = 1;
        else if (v === "pre-wrap" || v === "break-spaces") e.ownWs = 3;
        else if (v === "pre-line") e.ownWs = 2;
        else if (v === "normal" || v === "nowrap") e.ownWs = 0;
        break;
      case "float":
        oof = v === "left" || v === "right" || v === "inline-start" || v === "inline-end";
        break;
      case "position":
        if (v === "absolute" || v === "fixed") oof = true;
        break;
    }
  }
  if (oof && e.disp !== D_NONE) {
    // blockified
    e.oof = true;
    if (e.disp === D_INLINE_TABLE) e.disp = D_TABLE;
    else if (e.disp !== D_TABLE) e.disp = D_BLOCK;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The converter

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

// CSS collapsible white space (a form feed is not one, though the HTML parser treats it as white space)
const WS_RUN_RE = /[ \t\n\r]+/g;
const HAS_WS_RE = /[ \t\n\r]/;
const ONLY_WS_RE = /^[ \t\n\r\f]*$/;
const CR_RE = /\r\n?/g;

/** Where a tag name that starts at `from` ends: at white space, "/" or ">" (or the end of the input). */
function tagNameEnd(s: string, from: number): number {
  let p = from;
  while (p < s.length) {
    const d = s.charCodeAt(p);
    if (isWs(d) || d === 47 || d === 62) break;
    p++;
  }
  return p;
}

/** Converts HTML to the text Chromium's `document.body.innerText` gives for it. Never throws. */
export function htmlToText(html: string): HtmlText {
  const src = typeof html === "string" ? html : String(html ?? "");
  try {
    const first = new Converter(src, null);
    const r = first.run();
    // A <style> sheet applies to the whole document: when one came after elements it may match, read it again
    // with every sheet known from the start.
    if (first.lateSheet && first.sheetRules !== null) return new Converter(src, first.sheetRules).run();
    return r;
  } catch {
    // Defensive only: the scanner is written not to throw. Fall back to tag-stripped text.
    const text = decodeEntities(src.replace(/<[^>]*>/g, " ")).replace(/[ \t\r\f]+/g, " ");
    return { text, sourceLines: text.split("\n").map((_, i) => i + 1) };
  }
}

class Converter {
  private readonly s: string;
  private readonly n: number;
  private quirks = true;
  private sawDoctype = false;

  // attributes of the last scanned tag
  private aStyle: string | null = null;
  private aHidden = false;
  private aType: string | null = null;
  private aOpen = false;
  private aSelfClosing = false;
  private aFontAttr = false; // size, color or face: a <font> that leaves SVG/MathML
  private aClass: string | null = null;
  private aId: string | null = null;
  private aMedia: string | null = null;
  /** Rules of the document's <style> sheets that can change innerText; null when none. */
  private sheet: SheetRule[] | null = null;
  /** The rules indexed by their subject: "#id", ".class", "tag" or "*". */
  private sheetIndex: Map<string, SheetRule[]> | null = null;
  private aRawStart = 0;
  private aRawEnd = 0;

  // open elements and active formatting elements (null = marker)
  private readonly stack: Entry[] = [];
  private top: Entry;
  private readonly afe: (Entry | null)[] = [];
  private pOpen = 0; // number of open <p>
  private skipNewlineAt = -1;
  private endPos = 0;
  private fosterFor: Entry | null = null;
  private formPointer: Entry | null = null;
  private pushForeign = false;
  private selectDepth = 0; // open <select> elements
  /** Text of the <option> being read (an option shows its text content, collapsed, whatever its markup). */
  private capture: string[] | null = null;
  private captureOwner: Entry | null = null;

  // output
  private readonly mainItems: Item[] = [];
  private readonly mainLines: number[] = [];
  private items: Item[] = this.mainItems;
  private itemLines: number[] = this.mainLines;
  /** The table whose foster slot receives output now, or null for the main stream. */
  private routed: Entry | null = null;
  private mainLine: LineState | null = null;
  // line state of the current inline formatting context
  private hasContent = false;
  private zw = false; // the line's last character is a zero-width space (or a <wbr>)
  private spaceArr: Item[] | null = null; // where a pending collapsible space sits (placeholder "")
  private spaceIdx = 0;
  private spaceVis = false;

  // provenance
  private tokPos = 0;
  private nextNl = -1; // position of the next '\n' at or after the last position asked (or Infinity)
  private lineNo = 1;

  /** Set when a <style> sheet with rules was read after elements had been opened. */
  lateSheet = false;
  private pushes = 0;
  private readonly preloaded: boolean;

  get sheetRules(): SheetRule[] | null {
    return this.sheet;
  }

  constructor(s: string, sheet: SheetRule[] | null) {
    this.sheet = sheet;
    this.preloaded = sheet !== null;
    this.s = s;
    this.n = s.length;
    const first = s.indexOf("\n");
    this.nextNl = first < 0 ? Infinity : first;
    const root = newEntry("#root", { flags: F_SCOPE | F_SPECIAL, disp: D_BLOCK, table: 0 }, null);
    root.onStack = true;
    this.stack.push(root);
    this.top = root;
  }

  // ---- provenance -------------------------------------------------------------------------------------------

  /** 1-based source line of `pos`; positions only move forward, so this is incremental. */
  private lineOf(pos: number): number {
    while (pos > this.nextNl) {
      this.lineNo++;
      const nl = this.s.indexOf("\n", this.nextNl + 1);
      this.nextNl = nl < 0 ? Infinity : nl;
    }
    return this.lineNo;
  }

  // ---- output ------------------------------------------------------------------------------------------------

  private emit(text: string): void {
    this.items.push(text);
    this.itemLines.push(this.lineOf(this.tokPos));
  }

  private requireBreak(count: number): void {
    this.items.push(count);
    this.itemLines.push(0);
  }

  private saveLine(): LineState {
    return { has: this.hasContent, zw: this.zw, spaceArr: this.spaceArr, spaceIdx: this.spaceIdx, spaceVis: this.spaceVis };
  }

  private loadLine(l: LineState): void {
    this.hasContent = l.has;
    this.zw = l.zw;
    this.spaceArr = l.spaceArr;
    this.spaceIdx = l.spaceIdx;
    this.spaceVis = l.spaceVis;
  }

  /** A collapsible space after content: a placeholder that becomes " " if more content follows on the line. */
  private pendSpace(visible: boolean): void {
    if (!this.hasContent || this.spaceArr !== null) return;
    this.items.push("");
    this.itemLines.push(this.lineOf(this.tokPos));
    this.spaceArr = this.items;
    this.spaceIdx = this.items.length - 1;
    this.spaceVis = visible;
  }

  private resolveSpace(): void {
    if (this.spaceArr !== null) {
      if (this.spaceVis) this.spaceArr[this.spaceIdx] = " ";
      this.spaceArr = null;
    }
  }

  /** A block boundary, cell boundary or forced break: the line ends, a pending space is dropped. */
  private lineBoundary(): void {
    this.hasContent = false;
    this.zw = false;
    this.spaceArr = null;
  }

  /** An atomic inline (image, inline-block...) sits on the line: a pending space before it survives. */
  private atomicContent(): void {
    this.resolveSpace();
    this.hasContent = true;
    this.zw = false;
  }

  /**
   * Sends the following output to the foster slot of `table` (content the parser moved in front of that table), or
   * back to the main stream for null. Each stream keeps its own line state: foster content continues the line that
   * preceded the table.
   */
  private route(table: Entry | null): void {
    const cur = this.routed;
    if (cur === table) return;
    if (cur !== null) cur.fLine = this.saveLine();
    else this.mainLine = this.saveLine();
    if (table !== null) {
      if (table.slot === null) table.slot = { items: this.mainItems, lines: this.mainLines }; // table not rendered
      this.items = table.slot.items;
      this.itemLines = table.slot.lines;
      if (table.fLine) this.loadLine(table.fLine);
      else this.lineBoundary();
    } else {
      this.items = this.mainItems;
      this.itemLines = this.mainLines;
      if (this.mainLine) this.loadLine(this.mainLine);
    }
    this.routed = table;
  }

  private text(t: string, ws: number, visible: boolean): void {
    if (ws === 0) {
      if (HAS_WS_RE.test(t)) {
        if ((this.zw || t.indexOf("\u200b") >= 0) && (t.indexOf("\n") >= 0 || t.indexOf("\r") >= 0)) t = this.collapseAroundZw(t);
        else t = t.replace(WS_RUN_RE, " ");
      }
      const len = t.length;
      if (len === 0) return;
      let s = 0;
      let e = len;
      if (t.charCodeAt(0) === 32) {
        this.pendSpace(visible);
        if (len === 1) return;
        s = 1;
      }
      const trail = t.charCodeAt(len - 1) === 32;
      if (trail) e--;
      this.resolveSpace();
      if (visible) this.emit(s === 0 && e === len ? t : t.slice(s, e));
      this.hasContent = true;
      this.zw = t.charCodeAt(e - 1) === 0x200b;
      if (trail) this.pendSpace(visible);
      return;
    }
    if (ws === 2) {
      // pre-line: newlines kept, other white space collapsed, spaces around newlines removed
      const parts = t.replace(CR_RE, "\n").split("\n");
      for (let i = 0; i < parts.length; i++) {
        if (i > 0) {
          this.spaceArr = null;
          if (visible) this.emit("\n");
          this.lineBoundary();
        }
        this.text(parts[i], 0, visible);
      }
      return;
    }
    // preserved white space
    if (t.indexOf("\r") >= 0) t = t.replace(CR_RE, "\n");
    if (t.length === 0) return;
    // pre-wrap: preserved spaces at the start of a line are followed by a generated break opportunity, which
    // behaves like a zero-width space for the segment-break rule
    const leadingOnly = ws === 3 && !this.hasContent && /^ +$/.test(t);
    this.resolveSpace();
    if (visible) this.emit(t);
    const last = t.charCodeAt(t.length - 1);
    this.hasContent = last !== 10;
    this.zw = last === 0x200b || leadingOnly;
  }

  /** CSS segment break transformation: a white-space run with a line break next to a zero-width space vanishes. */
  private collapseAroundZw(t: string): string {
    const zwBefore = this.zw && this.spaceArr === null;
    return t.replace(WS_RUN_RE, (m: string, off: number) => {
      if (m.indexOf("\n") < 0 && m.indexOf("\r") < 0) return " ";
      const before = off === 0 ? (zwBefore ? 0x200b : 0) : t.charCodeAt(off - 1);
      return before === 0x200b || t.charCodeAt(off + m.length) === 0x200b ? "" : " ";
    });
  }

  /** Runs the end of the innerText steps over the items: required break runs → max LFs, dropped at the ends. */
  private finish(): HtmlText {
    const out: string[] = [];
    const lines: number[] = [];
    let req = 0;
    let started = false;
    const walk = (items: Item[], itemLines: number[]): void => {
      for (let i = 0; i < items.length; i++) {
        const it = items[i];
        if (typeof it === "number") {
          if (started && it > req) req = it;
          continue;
        }
        if (typeof it !== "string") {
          if (it.items !== items) walk(it.items, it.lines);
          continue;
        }
        if (it.length === 0) continue;
        const ln = itemLines[i];
        if (!started) {
          started = true;
          lines.push(ln);
        }
        if (req > 0) {
          out.push(req === 2 ? "\n\n" : "\n");
          lines.push(ln);
          if (req === 2) lines.push(ln);
          req = 0;
        }
        out.push(it);
        if (it === "\n") lines.push(ln);
        else if (it.length > 1) {
          let j = it.indexOf("\n");
          let k = 0;
          while (j >= 0) {
            lines.push(ln + ++k);
            j = it.indexOf("\n", j + 1);
          }
        }
      }
    };
    walk(this.mainItems, this.mainLines);
    if (lines.length === 0) lines.push(1);
    return { text: out.join(""), sourceLines: Int32Array.from(lines) };
  }

  // ---- open / close events (the innerText steps of each element) -------------------------------------------

  private onOpen(e: Entry): void {
    if (this.capture !== null) return; // inside an <option>: only its text counts
    if (e.inSelect && e.name !== "option" && e.name !== "optgroup") return; // a <select> shows only its options
    if (e.info.table === T_TABLE || e.disp === D_TABLE || e.disp === D_INLINE_TABLE) {
      // content foster-parented in front of this table goes to a slot here, continuing the current line
      this.route(e.fosterOf);
      e.fLine = this.saveLine();
      e.pendingRow = false;
      if (e.rendered) {
        e.slot = { items: [], lines: [] };
        this.items.push(e.slot);
        this.itemLines.push(0);
      }
    }
    if (!e.rendered) return;
    e.opened = true;
    this.route(e.fosterOf);
    if (e.name === "wbr") {
      this.zw = true; // a <wbr> is a zero-width space that does not stop space collapsing
      if (e.parent !== null) e.parent.prevText = 1;
      return;
    }
    if (e.oof) {
      if (e.visible) this.requireBreak(e.isP ? 2 : 1);
      e.saved = this.saveLine();
      this.lineBoundary();
      return;
    }
    if (e.parent !== null) e.parent.prevText = 0;
    switch (e.disp) {
      case D_BLOCK:
      case D_TABLE:
        this.lineBoundary();
        if (e.visible) this.requireBreak(e.isP ? 2 : 1);
        return;
      case D_CELL: {
        const row = e.parent;
        if (row !== null && row.pendingTab) {
          row.pendingTab = false;
          this.resolveSep(row, "\t");
        }
        this.lineBoundary();
        return;
      }
      case D_ROW: {
        const table = this.tableFor(e);
        e.tableOf = table;
        if (table.pendingRow) {
          table.pendingRow = false;
          this.resolveSep(table, "\n");
        }
        this.lineBoundary();
        return;
      }
      case D_INLINE_BLOCK:
        this.atomicContent();
        this.lineBoundary();
        if (e.isP && e.visible) this.requireBreak(2);
        return;
      case D_INLINE_TABLE:
        // the atomic-inline effect on the surrounding line is applied at the end, after any foster content
        this.lineBoundary();
        if (e.isP && e.visible) this.requireBreak(2);
        return;
      case D_ATOMIC:
        this.atomicContent();
        return;
      default: {
        if (e.isP && e.visible) this.requireBreak(2);
        // content other than a cell between anonymous table cells ends the anonymous row
        const p = e.parent;
        if (p !== null && p.pendingTab && p.disp !== D_ROW) p.pendingTab = false;
      }
    }
  }

  private endCapture(e: Entry): void {
    // option.text: the text content with ASCII white space stripped and collapsed
    const t = (this.capture ?? [])
      .join("")
      .replace(/[\t\n\f\r ]+/g, " ")
      .replace(/^ | $/g, "");
    this.capture = null;
    this.captureOwner = null;
    this.route(e.fosterOf);
    if (t !== "" && e.visible && e.rendered) this.emit(t);
  }

  private onClose(e: Entry): void {
    if (this.capture !== null) {
      if (e !== this.captureOwner) return;
      this.endCapture(e);
    }
    if (e.inSelect && e.name !== "option" && e.name !== "optgroup") return;
    if (!e.rendered) return;
    this.route(e.fosterOf);
    if (e.oof) {
      if (e.visible) this.requireBreak(e.isP ? 2 : 1);
      if (e.saved) this.loadLine(e.saved);
      return;
    }
    switch (e.disp) {
      case D_BLOCK:
      case D_TABLE:
        this.lineBoundary();
        if (e.visible) this.requireBreak(e.isP ? 2 : 1);
        return;
      case D_CELL:
        this.lineBoundary();
        if (e.visible && e.parent !== null) {
          e.parent.pendingTab = true;
          this.placeSep(e.parent);
        }
        return;
      case D_ROW:
        this.lineBoundary();
        if (e.visible && e.tableOf) {
          e.tableOf.pendingRow = true;
          this.placeSep(e.tableOf);
        }
        return;
      case D_INLINE_TABLE:
        // the table is an atomic inline of the line it sits in, after any content fostered in front of it
        this.route(e);
        this.atomicContent();
        this.route(e.fosterOf);
        this.hasContent = true;
        this.zw = false;
        this.spaceArr = null;
        if (e.isP && e.visible) this.requireBreak(2);
        return;
      case D_INLINE_BLOCK:
        this.hasContent = true;
        this.zw = false;
        this.spaceArr = null;
        if (e.isP && e.visible) this.requireBreak(2);
        return;
      default:
        if (e.isP && e.visible) this.requireBreak(2);
    }
  }

  /** The TAB after a cell / LF after a row goes right after it, once a following cell / row shows it is needed. */
  private placeSep(owner: Entry): void {
    this.items.push("");
    this.itemLines.push(0);
    owner.sepArr = this.items;
    owner.sepLines = this.itemLines;
    owner.sepIdx = this.items.length - 1;
  }

  private resolveSep(owner: Entry, sep: string): void {
    if (owner.sepArr === null || owner.sepLines === null) {
      this.emit(sep);
      return;
    }
    owner.sepArr[owner.sepIdx] = sep;
    owner.sepLines[owner.sepIdx] = this.lineOf(this.tokPos); // the next row's line starts the output line
    owner.sepArr = owner.sepLines = null;
  }

  private tableFor(row: Entry): Entry {
    for (let i = this.stack.length - 2; i > 0; i--) {
      const d = this.stack[i].disp;
      if (d === D_TABLE || d === D_INLINE_TABLE) return this.stack[i];
    }
    return row.parent ?? row;
  }

  // ---- stack --------------------------------------------------------------------------------------------------

  private isTableStructure(e: Entry): boolean {
    const t = e.info.table;
    return !e.foreign && (t === T_TABLE || t === T_SECTION || t === T_ROW);
  }

  private nearestTable(): Entry | null {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const e = this.stack[i];
      if (e.info.table === T_TABLE && !e.foreign) return e;
    }
    return null;
  }

  /** The DOM parent for a new node: the current node, or the table's parent when the node is foster-parented. */
  private parentForNew(isTablePart: boolean): Entry {
    const top = this.top;
    if (!isTablePart && this.isTableStructure(top)) {
      const table = this.nearestTable();
      if (table !== null && table.parent !== null) {
        this.fosterFor = table;
        return table.parent;
      }
    }
    this.fosterFor = top.fosterOf;
    return top;
  }

  /** Own (non-inherited) properties of an element from its tag and the current token's attributes. */
  private styleEntry(e: Entry): void {
    const name = e.name;
    if (e.info.flags & F_PRE) e.ownWs = 1;
    if ((this.quirks && name === "table") || name === "nobr") e.ownWs = 0; // quirks.css tables; nobr is nowrap
    if (this.sheet !== null && !e.foreign) this.applySheet(e);
    if (this.aStyle !== null) {
      if (!(e.foreign && e.inSvg && !e.svgText && e.info !== SVG_TEXT_INFO)) applyStyle(e, this.aStyle);
      else if (/display\s*:\s*none/i.test(this.aStyle)) e.disp = D_NONE; // other SVG elements make no CSS boxes
    }
    if (
      e.disp === D_NONE ||
      this.aHidden ||
      (name === "input" && this.aType !== null && this.aType.toLowerCase() === "hidden") ||
      (name === "dialog" && !this.aOpen)
    )
      e.ownNone = true;
    if (name === "details" && !this.aOpen) e.detailsClosed = true;
  }

  /** Applies the <style> rules matching the element, in cascade order (the inline style comes after). */
  private applySheet(e: Entry): void {
    const sheet = this.sheet as SheetRule[];
    const fold = (v: string): string => (this.quirks ? v.toLowerCase() : v); // quirks mode: classes and ids ignore case
    e.cls = this.aClass !== null ? this.aClass.split(/[\t\n\f\r ]+/).filter((c) => c !== "").map(fold) : null;
    e.id = this.aId !== null ? fold(this.aId) : null;
    const index = this.sheetIndex ?? this.indexSheet(sheet);
    const parent = e.parent;
    if (parent !== null && parent.name !== "#root") {
      let a = parent.ancA;
      let b = parent.ancB;
      const feats = [parent.name];
      if (parent.id !== null) feats.push(`#${parent.id}`);
      if (parent.cls !== null) for (const c of parent.cls) feats.push(`.${c}`);
      for (const f of feats) {
        const [x, y] = bloomBit(f);
        a |= x;
        b |= y;
      }
      e.ancA = a;
      e.ancB = b;
    }
    const keys = ["*", e.name];
    if (e.id !== null) keys.push(`#${e.id}`);
    if (e.cls !== null) for (const c of e.cls) keys.push(`.${c}`);
    let matched: SheetRule[] | null = null;
    for (const k of keys) {
      const rules = index.get(k);
      if (rules !== undefined) for (const r of rules) if (this.matches(r, e) && !(matched ??= []).includes(r)) matched.push(r);
    }
    if (matched === null) return;
    matched.sort((a, b) => a.rank - b.rank);
    for (const r of matched) applyStyle(e, r.decls);
  }

  private indexSheet(sheet: SheetRule[]): Map<string, SheetRule[]> {
    const index = new Map<string, SheetRule[]>();
    for (const r of sheet) {
      const c = r.parts[0];
      const key = c.id !== null ? `#${c.id}` : c.classes.length > 0 ? `.${c.classes[0]}` : c.tag !== null ? c.tag : "*";
      let list = index.get(key);
      if (list === undefined) index.set(key, (list = []));
      list.push(r);
    }
    this.sheetIndex = index;
    return index;
  }

  private static matchCompound(c: Compound, e: Entry): boolean {
    if (c.tag !== null && c.tag !== e.name) return false;
    if (c.id !== null && c.id !== e.id) return false;
    for (const k of c.classes) if (e.cls === null || !e.cls.includes(k)) return false;
    return true;
  }

  private matches(r: SheetRule, e: Entry): boolean {
    if ((r.needA & e.ancA) !== r.needA || (r.needB & e.ancB) !== r.needB) return false;
    if (!Converter.matchCompound(r.parts[0], e)) return false;
    let node: Entry | null = e;
    for (let i = 1; i < r.parts.length; i++) {
      const child = r.child[i - 1];
      let p: Entry | null = node.parent;
      if (child) {
        if (p === null || p.name === "#root" || !Converter.matchCompound(r.parts[i], p)) return false;
        node = p;
      } else {
        while (p !== null && p.name !== "#root" && !Converter.matchCompound(r.parts[i], p)) p = p.parent;
        if (p === null || p.name === "#root") return false;
        node = p;
      }
    }
    return true;
  }

  /** Reads the rules of a <style> sheet that can change innerText (simple selectors, screen media). */
  private readSheet(css: string): void {
    if (this.preloaded) return;
    if (this.aMedia !== null && !/^\s*(?:all|screen)?\s*$/i.test(this.aMedia) && !/\bscreen\b/i.test(this.aMedia)) return;
    const src = css.replace(/\/\*[\s\S]*?\*\//g, " ");
    if (!/display|visibility|white-space|float|position/i.test(src)) return;
    const rules = this.sheet ?? [];
    const before = rules.length; // rules from earlier sheets, already applied
    let depth = 0;
    let start = 0;
    let selector = "";
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if (c === "{") {
        if (depth === 0) {
          selector = src.slice(start, i).trim();
          start = i + 1;
        }
        depth++;
      } else if (c === "}") {
        depth--;
        if (depth === 0) {
          // at-rules (@media print, @font-face...) are left out
          if (!selector.startsWith("@")) this.addRules(selector, src.slice(start, i), rules);
          start = i + 1;
        } else if (depth < 0) {
          depth = 0;
          start = i + 1;
        }
      }
    }
    if (rules.length > 0) {
      if (this.pushes > 0 && rules.length > before) this.lateSheet = true;
      this.sheet = rules;
      this.sheetIndex = null;
    }
  }

  private addRules(selectors: string, decls: string, rules: SheetRule[]): void {
    if (!/display|visibility|white-space|float|position/i.test(decls)) return;
    const fold = (v: string): string => (this.quirks ? v.toLowerCase() : v);
    for (const sel of selectors.split(",")) {
      // tags, classes and ids joined by descendant or child combinators; selectors with attributes, pseudo-classes
      // or sibling combinators are left out (they never decide what a filing shows)
      if (/[[\]:+~]/.test(sel)) continue;
      const tokens = sel.trim().replace(/\s*>\s*/g, " > ").split(/\s+/).filter((t) => t !== "");
      const parts: Compound[] = [];
      const child: boolean[] = [];
      let ok = tokens.length > 0;
      let ids = 0;
      let cls = 0;
      let tags = 0;
      let pendingChild = false;
      for (let i = tokens.length - 1; i >= 0 && ok; i--) {
        const t = tokens[i];
        if (t === ">") {
          if (parts.length === 0 || pendingChild) ok = false;
          pendingChild = true;
          continue;
        }
        const m = /^([a-zA-Z][a-zA-Z0-9-]*|\*)?((?:[.#][-_a-zA-Z0-9]+)*)$/.exec(t);
        if (!m || (!m[1] && !m[2])) {
          ok = false;
          break;
        }
        const c: Compound = { tag: m[1] && m[1] !== "*" ? m[1].toLowerCase() : null, classes: [], id: null };
        for (const part of m[2].match(/[.#][-_a-zA-Z0-9]+/g) ?? []) {
          if (part[0] === ".") {
            c.classes.push(fold(part.slice(1)));
            cls++;
          } else {
            c.id = fold(part.slice(1));
            ids++;
          }
        }
        if (c.tag !== null) tags++;
        if (parts.length > 0) child.push(pendingChild);
        pendingChild = false;
        parts.push(c);
      }
      if (!ok || pendingChild || parts.length === 0 || rules.length >= MAX_RULES) continue;
      const specificity = ids * (1 << 20) + cls * (1 << 10) + tags;
      let needA = 0;
      let needB = 0;
      for (let k = 1; k < parts.length; k++) {
        const c = parts[k];
        const feats = [...(c.tag !== null ? [c.tag] : []), ...(c.id !== null ? [`#${c.id}`] : []), ...c.classes.map((x) => `.${x}`)];
        for (const f of feats) {
          const [x, y] = bloomBit(f);
          needA |= x;
          needB |= y;
        }
      }
      rules.push({ parts, child, rank: specificity * 100000 + rules.length, decls, needA, needB });
    }
  }

  private push(name: string, info: TagInfo): Entry {
    const parent = this.parentForNew(info.table !== 0);
    const e = newEntry(name, info, parent);
    this.pushes++;
    if (this.stack.length >= MAX_DEPTH) {
      this.pushForeign = false;
      e.rendered = false;
      return e; // too deep: dropped (not on the stack), its content stays in the current element
    }
    e.fosterOf = this.fosterFor;
    if (this.pushForeign) {
      e.foreign = true;
      this.pushForeign = false;
    }
    this.styleEntry(e);
    if (parent.flex && e.disp !== D_NONE) {
      // flex and grid items are blockified
      if (e.disp === D_INLINE_TABLE) e.disp = D_TABLE;
      else if (e.disp !== D_TABLE && e.disp !== D_BLOCK) e.disp = D_BLOCK;
    }
    if (parent.detailsClosed) {
      if (name === "summary" && !parent.summarySeen) parent.summarySeen = true;
      else e.ownNone = true;
    }
    inherit(e);
    if (info.flags & F_FORMAT) {
      e.attrs = {
        style: this.aStyle,
        hidden: this.aHidden,
        type: this.aType,
        open: this.aOpen,
        cls: this.aClass,
        id: this.aId,
        key: this.s.slice(this.aRawStart, this.aRawEnd),
      };
    }
    e.onStack = true;
    this.stack.push(e);
    this.top = e;
    if (e.isP) this.pOpen++;
    if (name === "select" && !e.foreign) this.selectDepth++;
    this.onOpen(e);
    if (name === "option" && e.rendered && !e.foreign && this.capture === null) {
      this.capture = [];
      this.captureOwner = e;
    }
    return e;
  }

  /** An element that closes at once (void elements, an empty <p>...). */
  private pushClosed(name: string, info: TagInfo): Entry {
    const e = this.push(name, info);
    if (e.onStack) this.pop();
    return e;
  }

  private pop(): void {
    if (this.stack.length <= 1) return;
    const e = this.stack.pop() as Entry;
    e.onStack = false;
    this.top = this.stack[this.stack.length - 1];
    if (e.isP) this.pOpen--;
    if (e.name === "select" && !e.foreign) this.selectDepth--;
    this.onClose(e);
    if (e.closeAlso !== null) for (const x of e.closeAlso) this.onClose(x);
  }

  private popUntil(name: string): void {
    while (this.stack.length > 1) {
      const e = this.top;
      this.pop();
      if (e.name === name && !e.foreign) return;
    }
  }

  private popUntilHeading(): void {
    while (this.stack.length > 1) {
      const e = this.top;
      this.pop();
      if (e.info.flags & F_HEADING) return;
    }
  }

  private inScope(name: string, kind: number): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i];
      if (e.name === name && !e.foreign) return true;
      if (this.isBoundary(e, kind)) return false;
    }
    return false;
  }

  private isBoundary(e: Entry, kind: number): boolean {
    const n = e.name;
    if (e.foreign) {
      return (
        kind !== SCOPE_TABLE &&
        (n === "foreignobject" || n === "desc" || n === "title" || n === "mi" || n === "mo" || n === "mn" || n === "ms" || n === "mtext" || n === "annotation-xml")
      );
    }
    if (kind === SCOPE_TABLE) return n === "table" || n === "template" || n === "#root";
    if (e.info.flags & F_SCOPE || n === "select") return true;
    if (kind === SCOPE_BUTTON) return n === "button";
    if (kind === SCOPE_LIST) return n === "ol" || n === "ul";
    return false;
  }

  private headingInScope(): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i];
      if (e.info.flags & F_HEADING && !e.foreign) return true;
      if (this.isBoundary(e, SCOPE_DEFAULT)) return false;
    }
    return false;
  }

  private generateImpliedEndTags(except: string | null): void {
    for (;;) {
      const e = this.top;
      if (e.foreign || !(e.info.flags & F_IMPLIED) || e.name === except) return;
      this.pop();
    }
  }

  private closeP(): void {
    if (this.pOpen > 0 && this.inScope("p", SCOPE_BUTTON)) {
      this.generateImpliedEndTags("p");
      this.popUntil("p");
    }
  }

  /** The innermost table-model element (table, section, row, cell, caption, colgroup) on the stack, or null. */
  private tableContext(): Entry | null {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const e = this.stack[i];
      if (e.info.table !== 0 && !e.foreign) return e;
    }
    return null;
  }

  private clearBackTo(kind: number): void {
    while (this.stack.length > 1) {
      const e = this.top;
      if (!e.foreign && (e.info.table === kind || e.name === "template")) return;
      this.pop();
    }
  }

  private closeCell(): void {
    this.generateImpliedEndTags(null);
    while (this.stack.length > 1) {
      const e = this.top;
      this.pop();
      if (e.info.table === T_CELL && !e.foreign) break;
    }
    this.clearToMarker();
  }

  // ---- active formatting elements -------------------------------------------------------------------------

  private clearToMarker(): void {
    while (this.afe.length > 0) if (this.afe.pop() === null) return;
  }

  /** Adds a formatting element to the list (at most three identical ones after the last marker: Noah's Ark). */
  private addFormatting(e: Entry): void {
    let same = 0;
    let first = -1;
    let i = this.afe.length - 1;
    for (; i >= 0; i--) {
      const x = this.afe[i];
      if (x === null) break;
      if (x.name === e.name && x.attrs !== null && e.attrs !== null && x.attrs.key === e.attrs.key) {
        same++;
        first = i;
      }
    }
    if (same >= 3) this.afe.splice(first, 1);
    else if (this.afe.length - 1 - i >= MAX_FORMATTING) this.afe.splice(i + 1, 1); // bounded list
    this.afe.push(e);
  }

  /** Reopens formatting elements that were closed implicitly ("<p><b>x</p>y" puts y in a new <b>). */
  private reconstruct(): void {
    const afe = this.afe;
    if (afe.length === 0 || this.stack.length >= MAX_DEPTH) return;
    let i = afe.length - 1;
    let x = afe[i];
    if (x === null || x.onStack) return;
    while (i > 0) {
      x = afe[i - 1];
      if (x === null || x.onStack) break;
      i--;
    }
    for (; i < afe.length; i++) {
      const old = afe[i] as Entry;
      const e = this.withAttrs(old.attrs, () => this.push(old.name, old.info));
      if (!e.onStack) return;
      afe[i] = e;
    }
  }

  private withAttrs<T>(a: Attrs | null, f: () => T): T {
    const style = this.aStyle;
    const hidden = this.aHidden;
    const type = this.aType;
    const open = this.aOpen;
    const rs = this.aRawStart;
    const re = this.aRawEnd;
    this.aStyle = a ? a.style : null;
    this.aHidden = a ? a.hidden : false;
    this.aType = a ? a.type : null;
    this.aOpen = a ? a.open : false;
    const cls = this.aClass;
    const id = this.aId;
    this.aClass = a ? a.cls : null;
    this.aId = a ? a.id : null;
    this.aRawStart = this.aRawEnd = 0;
    try {
      return f();
    } finally {
      this.aStyle = style;
      this.aHidden = hidden;
      this.aType = type;
      this.aOpen = open;
      this.aClass = cls;
      this.aId = id;
      this.aRawStart = rs;
      this.aRawEnd = re;
    }
  }

  /** A copy of a formatting element (same tag and attributes), not yet placed. */
  private cloneOf(e: Entry): Entry {
    const c = newEntry(e.name, e.info, e.parent);
    this.withAttrs(e.attrs, () => this.styleEntry(c));
    c.attrs = e.attrs;
    c.fosterOf = e.fosterOf;
    c.foreign = e.foreign;
    c.opened = true; // its content was already output inside the original
    if (c.oof) c.saved = { has: false, zw: false, spaceArr: null, spaceIdx: 0, spaceVis: false };
    return c;
  }

  private isSpecial(e: Entry): boolean {
    if (e.foreign) {
      const n = e.name;
      return n === "foreignobject" || n === "desc" || n === "title" || n === "mi" || n === "mo" || n === "mn" || n === "ms" || n === "mtext" || n === "annotation-xml";
    }
    return (e.info.flags & F_SPECIAL) !== 0;
  }

  /** The adoption agency algorithm for the end tag `subject` (misnested formatting elements). */
  private adoptionAgency(subject: string): void {
    const stack = this.stack;
    const afe = this.afe;
    const cur = this.top;
    if (cur.name === subject && !cur.foreign && afe.indexOf(cur) < 0) {
      this.pop();
      return;
    }
    for (let outer = 0; outer < 8; outer++) {
      let fi = -1;
      for (let i = afe.length - 1; i >= 0; i--) {
        const x = afe[i];
        if (x === null) break;
        if (x.name === subject) {
          fi = i;
          break;
        }
      }
      if (fi < 0) {
        this.anyOtherEndTag(subject);
        return;
      }
      const f = afe[fi] as Entry;
      if (!f.onStack) {
        afe.splice(fi, 1);
        return;
      }
      const si = stack.indexOf(f);
      for (let i = stack.length - 1; i > si; i--) if (this.isBoundary(stack[i], SCOPE_DEFAULT)) return; // not in scope
      let fb = -1;
      for (let i = si + 1; i < stack.length; i++) {
        if (this.isSpecial(stack[i])) {
          fb = i;
          break;
        }
      }
      if (fb < 0) {
        while (stack.length > si) this.pop();
        const k = afe.indexOf(f);
        if (k >= 0) afe.splice(k, 1);
        return;
      }
      const furthest = stack[fb];
      const common = stack[si - 1];
      let bookmark = fi;
      let nodeIdx = fb;
      let lastNode = furthest;
      for (let inner = 1; ; inner++) {
        nodeIdx--;
        const node = stack[nodeIdx];
        if (node === f) break;
        let ni = afe.indexOf(node);
        if (inner > 3 && ni >= 0) {
          afe.splice(ni, 1);
          if (ni < bookmark) bookmark--;
          ni = -1;
        }
        if (ni < 0) {
          stack.splice(nodeIdx, 1);
          node.onStack = false;
          if (node.isP) this.pOpen--;
          if (node === this.captureOwner) this.endCapture(node);
          continue;
        }
        const clone = this.cloneOf(node);
        afe[ni] = clone;
        stack[nodeIdx] = clone;
        node.onStack = false;
        clone.onStack = true;
        if (lastNode === furthest) bookmark = ni + 1;
        lastNode.parent = clone;
        lastNode = clone;
      }
      lastNode.parent = common;
      const fc = this.cloneOf(f);
      fc.parent = furthest;
      const fNow = afe.indexOf(f);
      if (fNow >= 0) {
        afe.splice(fNow, 1);
        if (fNow < bookmark) bookmark--;
      }
      afe.splice(Math.min(bookmark, afe.length), 0, fc);
      const sf = stack.indexOf(f);
      stack.splice(sf, 1);
      f.onStack = false;
      stack.splice(stack.indexOf(furthest) + 1, 0, fc);
      fc.onStack = true;
      // the moved elements now inherit from their new ancestors; one that becomes rendered opens now
      this.top = stack[stack.length - 1];
      for (let i = Math.max(1, sf); i < stack.length; i++) {
        const e = stack[i];
        const prev = stack[i - 1];
        if (this.isTableStructure(prev) && e.info.table === 0) {
          let t = i - 1;
          while (t > 0 && !(stack[t].info.table === T_TABLE && !stack[t].foreign)) t--;
          e.parent = stack[t].parent ?? prev;
          e.fosterOf = stack[t];
        } else {
          e.parent = prev;
          e.fosterOf = prev.fosterOf;
        }
        const was = e.rendered;
        const wasVisible = e.visible;
        inherit(e);
        if ((!was || !e.opened) && e.rendered) this.onOpen(e);
        else if (e.rendered && !wasVisible && e.visible && (e.disp === D_BLOCK || e.disp === D_TABLE)) {
          this.route(e.fosterOf);
          this.requireBreak(e.isP ? 2 : 1); // its opening line break now counts
        }
      }
    }
  }

  private anyOtherEndTag(name: string): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const e = this.stack[i];
      if (e.name === name && !e.foreign) {
        this.generateImpliedEndTags(name);
        while (this.stack.length - 1 >= i) this.pop();
        return;
      }
      if (this.isSpecial(e)) return;
    }
  }

  // ---- tree building: start tags ---------------------------------------------------------------------------

  /** SVG foreignObject/desc/title and MathML token elements hold HTML content. */
  private isIntegrationPoint(e: Entry): boolean {
    const n = e.name;
    return e.inSvg ? n === "foreignobject" || n === "desc" || n === "title" : n === "mi" || n === "mo" || n === "mn" || n === "ms" || n === "mtext";
  }

  private popForeign(): void {
    while (this.stack.length > 1 && this.top.foreign && !this.isIntegrationPoint(this.top)) this.pop();
  }

  private startTag(name: string, tagEnd: number): void {
    const top = this.top;
    if (top.foreign && !this.isIntegrationPoint(top)) {
      if (BREAKOUT.has(name) || (name === "font" && this.aFontAttr)) {
        this.popForeign();
      } else {
        // SVG: only <text> (and HTML in <foreignObject>) renders text, as a block; MathML: every element is a block
        const inSvg = top.inSvg;
        const svgText = inSvg && (name === "text" || name === "foreignobject");
        this.pushForeign = true;
        const e = this.push(name, inSvg ? (svgText ? SVG_TEXT_INFO : INLINE_INFO) : MATH_INFO);
        if (svgText) e.svgText = true;
        if (this.aSelfClosing && e.onStack) this.pop();
        return;
      }
    }
    if (name === "image") name = "img";
    const info = tagInfo(name);
    if (info.flags & F_IGNORE) return;

    const ctx = this.tableContext();
    if (ctx !== null) {
      const mode = ctx.info.table;
      if (mode !== T_CELL && mode !== T_CAPTION) {
        if (this.tableModeStart(name, info, mode, tagEnd)) return;
        // anything else: foster-parented, processed with the body rules below
      } else if (info.table !== 0 && info.table !== T_TABLE) {
        // a table part inside a cell or caption closes it
        if (mode === T_CELL) {
          if (!this.inScope("td", SCOPE_TABLE) && !this.inScope("th", SCOPE_TABLE)) return;
          this.closeCell();
        } else {
          if (!this.inScope("caption", SCOPE_TABLE)) return;
          this.generateImpliedEndTags(null);
          this.popUntil("caption");
          this.clearToMarker();
        }
        this.startTag(name, tagEnd);
        return;
      }
    }
    this.bodyStart(name, info, tagEnd);
  }

  /** Start tag in the "in table", "in table body", "in row" or "in column group" modes; false for "anything else". */
  private tableModeStart(name: string, info: TagInfo, mode: number, tagEnd: number): boolean {
    const t = info.table;
    if (mode === T_COLGROUP) {
      if (t === T_COL) {
        this.pushClosed(name, info);
        return true;
      }
      this.popUntil("colgroup");
      this.startTag(name, tagEnd);
      return true;
    }
    if (mode === T_ROW) {
      if (t === T_CELL) {
        this.clearBackTo(T_ROW);
        if (this.push(name, info).onStack) this.afe.push(null);
        return true;
      }
      if (t === T_CAPTION || t === T_COL || t === T_COLGROUP || t === T_SECTION || t === T_ROW) {
        this.clearBackTo(T_ROW);
        this.pop(); // tr
        this.startTag(name, tagEnd);
        return true;
      }
    } else if (mode === T_SECTION) {
      if (t === T_ROW) {
        this.clearBackTo(T_SECTION);
        this.push(name, info);
        return true;
      }
      if (t === T_CELL) {
        this.clearBackTo(T_SECTION);
        if (!this.withAttrs(null, () => this.push("tr", tagInfo("tr"))).onStack) return true; // too deep: dropped
        this.startTag(name, tagEnd);
        return true;
      }
      if (t === T_CAPTION || t === T_COL || t === T_COLGROUP || t === T_SECTION) {
        this.clearBackTo(T_SECTION);
        this.pop();
        this.startTag(name, tagEnd);
        return true;
      }
    } else {
      // in table
      if (t === T_CAPTION) {
        this.clearBackTo(T_TABLE);
        if (this.push(name, info).onStack) this.afe.push(null);
        return true;
      }
      if (t === T_COLGROUP || t === T_SECTION) {
        this.clearBackTo(T_TABLE);
        this.push(name, info);
        return true;
      }
      if (t === T_COL) {
        this.clearBackTo(T_TABLE);
        if (!this.withAttrs(null, () => this.push("colgroup", tagInfo("colgroup"))).onStack) return true;
        this.startTag(name, tagEnd);
        return true;
      }
      if (t === T_ROW || t === T_CELL) {
        this.clearBackTo(T_TABLE);
        if (!this.withAttrs(null, () => this.push("tbody", tagInfo("tbody"))).onStack) return true;
        this.startTag(name, tagEnd);
        return true;
      }
    }
    if (t === T_TABLE) {
      if (!this.inScope("table", SCOPE_TABLE)) return true;
      this.popUntil("table");
      this.startTag(name, tagEnd);
      return true;
    }
    if (name === "input" && this.aType !== null && this.aType.toLowerCase() === "hidden") return true;
    if (name === "form") {
      // a form in a table is inserted where it is and closed at once
      if (this.formPointer === null) {
        if (this.isTableStructure(this.top)) this.formPointer = newEntry(name, info, this.top); // renders nothing there
        else this.formPointer = this.pushClosed(name, info); // inside the foster-parented element that is open
      }
      return true;
    }
    return false; // script/style/template are skipped by the body rules like anywhere else
  }

  /** Start tag with the "in body" rules. */
  private bodyStart(name: string, info: TagInfo, tagEnd: number): void {
    const flags = info.flags;
    if (name === "svg" || name === "math") {
      this.reconstruct();
      this.pushForeign = true;
      const e = this.push(name, name === "svg" ? SVG_INFO : MATH_INFO);
      e.inSvg = name === "svg";
      if (this.aSelfClosing && e.onStack) this.pop();
      return;
    }
    if (info.table === T_TABLE) {
      if (!this.quirks) this.closeP();
      this.push(name, info);
      return;
    }
    if (info.table !== 0) return; // table parts outside a table are ignored
    if (flags & F_SKIP) {
      // content never rendered; an <iframe>/<textarea> box still sits on the line
      if (info.disp === D_ATOMIC) {
        this.reconstruct();
        this.pushClosed(name, info);
      }
      this.endPos = this.findRawEnd(name, tagEnd);
      if (name === "style") this.readSheet(this.s.slice(tagEnd, this.endPos));
      if (this.capture !== null && name !== "script") {
        const raw = this.s.slice(tagEnd, this.endPos);
        this.capture.push(name === "title" || name === "textarea" ? decodeEntities(raw) : raw);
      }
      return;
    }
    if (name === "form") {
      if (this.formPointer !== null) return; // no nested forms
      this.closeP();
      this.formPointer = this.push(name, info);
      return;
    }
    switch (name) {
      case "li":
        this.closeListItem("li", null);
        break;
      case "dd":
      case "dt":
        this.closeListItem("dd", "dt");
        break;
      case "option":
      case "optgroup":
        if (this.selectDepth > 0 && this.inScope("select", SCOPE_DEFAULT)) this.generateImpliedEndTags(name === "option" ? "optgroup" : null);
        else if (this.top.name === "option") this.pop();
        break;
      case "select":
        if (this.selectDepth > 0 && this.inScope("select", SCOPE_DEFAULT)) {
          this.popUntil("select"); // a select in a select closes it
          return;
        }
        break;
      case "input":
      case "keygen":
        if (this.selectDepth > 0 && this.inScope("select", SCOPE_DEFAULT)) this.popUntil("select");
        break;
      case "hr":
        if (this.selectDepth > 0 && this.inScope("select", SCOPE_DEFAULT)) this.generateImpliedEndTags(null);
        break;
      case "button":
        if (this.inScope("button", SCOPE_DEFAULT)) {
          this.generateImpliedEndTags(null);
          this.popUntil("button");
        }
        break;
      case "a":
        for (let i = this.afe.length - 1; i >= 0; i--) {
          const x = this.afe[i];
          if (x === null) break;
          if (x.name === "a") {
            this.adoptionAgency("a");
            const k = this.afe.indexOf(x);
            if (k >= 0) this.afe.splice(k, 1);
            if (x.onStack) {
              const si = this.stack.indexOf(x);
              this.stack.splice(si, 1);
              x.onStack = false;
              this.top = this.stack[this.stack.length - 1];
            }
            break;
          }
        }
        break;
      case "nobr":
        this.reconstruct();
        if (this.inScope("nobr", SCOPE_DEFAULT)) this.adoptionAgency("nobr");
        break;
      case "br":
        this.brTag();
        return;
    }
    if (flags & F_CLOSE_P || name === "li" || name === "dd" || name === "dt") this.closeP();
    if (flags & F_HEADING && this.top.info.flags & F_HEADING && !this.top.foreign) this.pop();
    if (!(flags & F_NO_RECON)) this.reconstruct();

    if (flags & F_VOID) {
      this.pushClosed(name, info);
      return;
    }
    const e = this.push(name, info);
    if (!e.onStack) return;
    if (flags & F_FORMAT) this.addFormatting(e);
    if (flags & F_MARKER) this.afe.push(null);
    if (flags & F_SKIP_NL) this.skipNewlineAt = tagEnd;
    if (flags & F_RAWTEXT) {
      const end = this.findRawEnd(name, tagEnd);
      if (this.capture !== null) this.capture.push(this.s.slice(tagEnd, end));
      else if (end > tagEnd && e.rendered && !e.inSelect) {
        this.route(e.fosterOf);
        this.tokPos = tagEnd;
        this.text(this.s.slice(tagEnd, end), e.ws, e.visible);
      }
      this.endPos = end;
    } else if (flags & F_PLAINTEXT) {
      if (e.rendered) {
        this.route(e.fosterOf);
        this.tokPos = tagEnd;
        this.text(this.s.slice(tagEnd), e.ws, e.visible);
      }
      this.endPos = this.n;
    }
  }

  private closeListItem(a: string, b: string | null): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const e = this.stack[i];
      if (!e.foreign && (e.name === a || (b !== null && e.name === b))) {
        this.generateImpliedEndTags(e.name);
        this.popUntil(e.name);
        return;
      }
      if (this.isSpecial(e) && e.name !== "address" && e.name !== "div" && e.name !== "p") return;
    }
  }

  private brTag(): void {
    this.reconstruct();
    if (this.capture !== null) return;
    const parent = this.parentForNew(false);
    const foster = this.fosterFor;
    if (parent.inSelect || parent.name === "select" || (parent.inSvg && !parent.svgText)) return;
    const e = newEntry("br", tagInfo("br"), parent);
    this.styleEntry(e);
    if (parent.detailsClosed) e.ownNone = true;
    inherit(e);
    if (!e.rendered) return;
    parent.prevText = 2;
    this.route(foster);
    // a collapsible space before a forced break is removed, unless the break itself preserves white space
    if (e.ws === 1 || e.ws === 3) this.resolveSpace();
    else this.spaceArr = null;
    if (e.visible) this.emit("\n");
    this.lineBoundary();
  }

  /** Position of `</name` (case-insensitive, followed by white space, '/' or '>') at or after `from`, or the end. */
  private findRawEnd(name: string, from: number): number {
    const s = this.s;
    const len = name.length;
    let p = from;
    for (;;) {
      const lt = s.indexOf("</", p);
      if (lt < 0) return this.n;
      let ok = true;
      for (let k = 0; k < len; k++) {
        let c = s.charCodeAt(lt + 2 + k);
        if (c >= 65 && c <= 90) c += 32;
        if (c !== name.charCodeAt(k)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        const c = s.charCodeAt(lt + 2 + len);
        if (isWs(c) || c === 47 || c === 62) return lt;
      }
      p = lt + 2;
    }
  }

  // ---- tree building: end tags ------------------------------------------------------------------------------

  private endTag(name: string): void {
    if (this.top.foreign) {
      for (let i = this.stack.length - 1; i > 0; i--) {
        const e = this.stack[i];
        if (!e.foreign) break;
        if (e.name === name) {
          while (this.stack.length - 1 >= i) this.pop();
          return;
        }
      }
      // not an open foreign element: </p> and </br> leave foreign content, others follow the HTML rules
      if (name === "p" || name === "br") this.popForeign();
    }
    const info = tagInfo(name);
    const t = info.table;
    const ctx = this.tableContext();
    if (ctx !== null) {
      const mode = ctx.info.table;
      const ignorable = name === "body" || name === "html";
      if (mode === T_CELL) {
        if (t === T_CELL) {
          if (!this.inScope(name, SCOPE_TABLE)) return;
          this.generateImpliedEndTags(null);
          this.popUntil(name);
          this.clearToMarker();
          return;
        }
        if (t === T_TABLE || t === T_SECTION || t === T_ROW) {
          if (!this.inScope(name, SCOPE_TABLE)) return;
          this.closeCell();
          this.endTag(name);
          return;
        }
        if (t === T_CAPTION || t === T_COL || t === T_COLGROUP || ignorable) return;
      } else if (mode === T_CAPTION) {
        if (t === T_CAPTION || t === T_TABLE) {
          if (!this.inScope("caption", SCOPE_TABLE)) return;
          this.generateImpliedEndTags(null);
          this.popUntil("caption");
          this.clearToMarker();
          if (t === T_TABLE) this.endTag(name);
          return;
        }
        if (t !== 0 || ignorable) return;
      } else if (mode === T_COLGROUP) {
        if (t === T_COLGROUP) {
          this.popUntil("colgroup");
          return;
        }
        if (t === T_COL) return;
        this.popUntil("colgroup");
        this.endTag(name);
        return;
      } else if (mode === T_ROW) {
        if (t === T_ROW) {
          this.clearBackTo(T_ROW);
          this.pop();
          return;
        }
        if (t === T_TABLE || t === T_SECTION) {
          if (!this.inScope(name, SCOPE_TABLE)) return;
          this.clearBackTo(T_ROW);
          this.pop();
          this.endTag(name);
          return;
        }
        if (t !== 0 || ignorable) return;
      } else if (mode === T_SECTION) {
        if (t === T_SECTION) {
          if (!this.inScope(name, SCOPE_TABLE)) return;
          this.clearBackTo(T_SECTION);
          this.pop();
          return;
        }
        if (t === T_TABLE) {
          this.clearBackTo(T_SECTION);
          this.pop();
          this.endTag(name);
          return;
        }
        if (t !== 0 || ignorable) return;
      } else {
        if (t === T_TABLE) {
          this.popUntil("table");
          return;
        }
        if (t !== 0 || ignorable) return;
      }
    } else if (t !== 0) {
      return; // table end tags outside a table
    }
    this.bodyEnd(name, info);
  }

  private bodyEnd(name: string, info: TagInfo): void {
    const flags = info.flags;
    if (flags & F_IGNORE) return;
    if (name === "p") {
      if (!this.inScope("p", SCOPE_BUTTON)) {
        // "</p>" with no open <p>: an empty paragraph
        this.withAttrs(null, () => this.pushClosed("p", info));
        return;
      }
      this.generateImpliedEndTags("p");
      this.popUntil("p");
      return;
    }
    if (name === "br") {
      this.withAttrs(null, () => this.brTag());
      return;
    }
    if (name === "form") {
      const node = this.formPointer;
      this.formPointer = null;
      if (node === null || !node.onStack) return;
      const i = this.stack.indexOf(node);
      for (let j = this.stack.length - 1; j > i; j--) if (this.isBoundary(this.stack[j], SCOPE_DEFAULT)) return;
      this.generateImpliedEndTags(null);
      if (this.top === node) {
        this.pop();
        return;
      }
      // the form leaves the stack but its open children stay open inside it: it ends when they do
      const k = this.stack.indexOf(node);
      const above = this.stack[k + 1];
      this.stack.splice(k, 1);
      node.onStack = false;
      (above.closeAlso ??= []).push(node);
      return;
    }
    if (name === "li") {
      if (!this.inScope("li", SCOPE_LIST)) return;
      this.generateImpliedEndTags("li");
      this.popUntil("li");
      return;
    }
    if (flags & F_HEADING) {
      if (!this.headingInScope()) return;
      this.generateImpliedEndTags(null);
      this.popUntilHeading();
      return;
    }
    if (flags & F_FORMAT) {
      this.adoptionAgency(name);
      return;
    }
    if (flags & F_SPECIAL) {
      if (!this.inScope(name, SCOPE_DEFAULT)) return;
      this.generateImpliedEndTags(name);
      this.popUntil(name);
      if (flags & F_MARKER) this.clearToMarker();
      return;
    }
    this.anyOtherEndTag(name);
  }

  // ---- text ---------------------------------------------------------------------------------------------------

  private textToken(from: number, to: number, literal = false): void {
    if (from === this.skipNewlineAt) {
      const c = this.s.charCodeAt(from);
      if (c === 10) from++;
      else if (c === 13) from += this.s.charCodeAt(from + 1) === 10 ? 2 : 1;
      if (from >= to) return;
    }
    let raw = this.s.slice(from, to);
    let top = this.top;
    if (top.info.table === T_COLGROUP && !top.foreign && !ONLY_WS_RE.test(raw)) {
      // leading white space stays in the column group; the rest closes it
      const lead = /^[ \t\n\r\f]*/.exec(raw) as RegExpExecArray;
      from += lead[0].length;
      raw = raw.slice(lead[0].length);
      this.pop();
      top = this.top;
    } else if (top.info.table === T_COLGROUP && !top.foreign) return; // white space in a column group: no box
    if (this.isTableStructure(top)) {
      // table text: white space stays in the table (and renders nothing), anything else is foster-parented
      if (ONLY_WS_RE.test(raw)) return;
      this.reconstruct();
    } else if (!top.foreign) this.reconstruct();
    top = this.top;
    if (this.capture !== null) {
      if (top.foreign && top.name === "script") return; // option.text leaves out scripts, SVG ones too
      this.capture.push(!literal && raw.indexOf("&") >= 0 ? decodeEntities(raw) : raw);
      return;
    }
    let parent = top;
    if (this.isTableStructure(top)) {
      parent = this.parentForNew(false);
      this.route(this.fosterFor);
    } else this.route(top.fosterOf);
    if (!parent.rendered || parent.detailsClosed || (parent.inSvg && !parent.svgText) || parent.inSelect || parent.name === "select")
      return;
    const d = parent.disp;
    if ((d === D_TABLE || d === D_INLINE_TABLE || d === D_ROW || d === D_SECTION || parent.flex) && ONLY_WS_RE.test(raw)) {
      // white space directly in a table or flex box has no box, unless it follows text (Chromium's rule)
      if (parent.prevText === 0 || (parent.ws === 0 && parent.prevText === 2)) return;
    }
    const last = raw.charCodeAt(raw.length - 1);
    parent.prevText = last === 32 || last === 10 || last === 9 || last === 13 || last === 12 ? 2 : 1;
    this.tokPos = from;
    if (!literal && raw.indexOf("&") >= 0) raw = decodeEntities(raw);
    if (raw.indexOf("\0") >= 0) raw = raw.replace(/\0/g, "");
    // text between anonymous table cells ends the anonymous row
    if (parent.pendingTab && d !== D_ROW && !ONLY_WS_RE.test(raw)) parent.pendingTab = false;
    if (parent.foreign && parent.name === "mi") raw = mathItalic(raw);
    this.text(raw, parent.ws, parent.visible);
  }

  // ---- tokenizer ----------------------------------------------------------------------------------------------

  /** Scans attributes from p (just after the tag name). Returns the index after '>' or -1 at end of input. */
  private scanAttrs(p: number): number {
    const s = this.s;
    const n = this.n;
    this.aStyle = null;
    this.aHidden = false;
    this.aType = null;
    this.aOpen = false;
    this.aSelfClosing = false;
    this.aFontAttr = false;
    this.aClass = null;
    this.aId = null;
    this.aMedia = null;
    this.aRawStart = p;
    let c = 0;
    for (;;) {
      // before attribute name
      while (p < n) {
        c = s.charCodeAt(p);
        if (c === 47) {
          if (s.charCodeAt(p + 1) === 62) {
            this.aSelfClosing = true;
            this.aRawEnd = p;
            return p + 2;
          }
        } else if (!isWs(c)) break;
        p++;
      }
      if (p >= n) return -1;
      if (c === 62) {
        this.aRawEnd = p;
        return p + 1;
      }
      // attribute name (the first character may be '=')
      const ns = p++;
      while (p < n) {
        c = s.charCodeAt(p);
        if (isWs(c) || c === 47 || c === 62 || c === 61) break;
        p++;
      }
      const ne = p;
      while (p < n && isWs((c = s.charCodeAt(p)))) p++;
      if (p >= n) return -1;
      let vs = -1;
      let ve = -1;
      if (c === 61) {
        p++;
        while (p < n && isWs((c = s.charCodeAt(p)))) p++;
        if (p >= n) return -1;
        if (c === 34 || c === 39) {
          const q = s.indexOf(c === 34 ? '"' : "'", p + 1);
          if (q < 0) return -1;
          vs = p + 1;
          ve = q;
          p = q + 1;
        } else if (c === 62) {
          vs = ve = p;
        } else {
          vs = p;
          while (p < n) {
            c = s.charCodeAt(p);
            if (isWs(c) || c === 62) break;
            p++;
          }
          ve = p;
        }
      }
      const len = ne - ns;
      if (len >= 2 && len <= 6) {
        const nm = s.slice(ns, ne).toLowerCase();
        if (nm === "class") {
          if (this.aClass === null && vs >= 0) this.aClass = s.slice(vs, ve);
        } else if (nm === "id") {
          if (this.aId === null && vs >= 0) this.aId = s.slice(vs, ve);
        } else if (nm === "media") {
          if (this.aMedia === null && vs >= 0) this.aMedia = s.slice(vs, ve);
        } else if (nm === "style") {
          if (this.aStyle === null) this.aStyle = vs >= 0 ? s.slice(vs, ve) : "";
        } else if (nm === "hidden") this.aHidden = true;
        else if (nm === "type") {
          if (this.aType === null) this.aType = vs >= 0 ? s.slice(vs, ve) : "";
        } else if (nm === "open") this.aOpen = true;
        else if (nm === "size" || nm === "color" || nm === "face") this.aFontAttr = true;
      }
    }
  }

  private doctype(from: number, to: number): void {
    if (this.sawDoctype) return;
    this.sawDoctype = true;
    const d = this.s.slice(from, to).toLowerCase().replace(/\s+/g, " ");
    // <!DOCTYPE html> → standards; the usual legacy public identifiers → quirks (the common cases of the spec's list)
    const m = /^<!doctype\s*([^\s>]*)\s*(?:public\s*["']([^"']*)["']\s*(?:["']([^"']*)["'])?|system\s*["']([^"']*)["'])?/.exec(d);
    if (!m || m[1] !== "html") return;
    const pub = m[2];
    const sys = m[3];
    if (pub === undefined) {
      this.quirks = false;
      return;
    }
    const p = pub.trim();
    if (p.startsWith("-//w3c//dtd html 4.01 transitional//") || p.startsWith("-//w3c//dtd html 4.01 frameset//")) {
      this.quirks = sys === undefined;
      return;
    }
    const quirky = [
      "-//w3c//dtd html 4.0 transitional//",
      "-//w3c//dtd html 4.0 frameset//",
      "-//w3c//dtd html 3",
      "-//w3c//dtd html 2",
      "-//w3c//dtd w3 html",
      "-//w3c//dtd html experimental",
      "-//w3o//",
      "-//ietf//",
      "-//netscape",
      "-//microsoft",
      "-//sq//",
      "-//softquad",
      "-//spyglass",
      "-//sun microsystems",
      "-//webtechs",
      "-//o'reilly",
      "-//metrius",
      "-//advasoft",
      "-//as//",
      "-//w30//",
      "+//silmaril//",
    ];
    if (p === "html" || p === "-/w3c/dtd html 4.0 transitional/en" || quirky.some((q) => p.startsWith(q))) return;
    this.quirks = false;
  }

  run(): HtmlText {
    const s = this.s;
    const n = this.n;
    let pos = 0;
    while (pos < n) {
      // the text run goes up to the next '<' that starts markup (a stray '<' is text)
      let lt = pos - 1;
      for (;;) {
        lt = s.indexOf("<", lt + 1);
        if (lt < 0) {
          lt = n;
          break;
        }
        const c = s.charCodeAt(lt + 1);
        if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 47 || c === 33 || c === 63 || lt + 1 >= n) break;
      }
      if (lt + 1 >= n && lt < n) lt = n; // a '<' at the very end is text
      if (lt > pos) this.textToken(pos, lt);
      if (lt >= n) break;
      this.tokPos = lt;
      const c = s.charCodeAt(lt + 1);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
        // start tag
        const p = tagNameEnd(s, lt + 2);
        const name = s.slice(lt + 1, p).toLowerCase();
        const end = this.scanAttrs(p);
        if (end < 0) break; // end of input inside a tag: the tag is dropped
        this.endPos = end;
        this.startTag(name, end);
        pos = this.endPos;
        continue;
      }
      if (c === 47) {
        const d = s.charCodeAt(lt + 2);
        if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90)) {
          const p = tagNameEnd(s, lt + 3);
          const name = s.slice(lt + 2, p).toLowerCase();
          const end = this.scanAttrs(p);
          if (end < 0) break;
          this.endTag(name);
          pos = end;
          continue;
        }
        if (d === 62) {
          pos = lt + 3; // "</>" is dropped
          continue;
        }
        if (lt + 2 >= n) {
          this.textToken(lt, n); // "</" at the very end is text
          break;
        }
        const gt = s.indexOf(">", lt + 2); // bogus comment
        pos = gt < 0 ? n : gt + 1;
        continue;
      }
      if (c === 33) {
        // <!-- comment -->, <!DOCTYPE>, <![CDATA[ (a bogus comment in HTML content)
        if (s.charCodeAt(lt + 2) === 45 && s.charCodeAt(lt + 3) === 45) {
          let p = lt + 4;
          if (s.charCodeAt(p) === 62) {
            pos = p + 1;
            continue;
          }
          if (s.charCodeAt(p) === 45 && s.charCodeAt(p + 1) === 62) {
            pos = p + 2;
            continue;
          }
          for (;;) {
            const dd = s.indexOf("--", p);
            if (dd < 0) {
              pos = n;
              break;
            }
            let q = dd + 2;
            while (s.charCodeAt(q) === 45) q++; // "--->" also ends it
            if (s.charCodeAt(q) === 62) {
              pos = q + 1;
              break;
            }
            if (s.charCodeAt(q) === 33 && s.charCodeAt(q + 1) === 62) {
              pos = q + 2;
              break;
            }
            p = q;
          }
          continue;
        }
        if (this.top.foreign && !this.isIntegrationPoint(this.top) && s.startsWith("[CDATA[", lt + 2)) {
          // a real CDATA section in SVG/MathML: its content is text, taken literally
          const close = s.indexOf("]]>", lt + 9);
          const stop = close < 0 ? n : close;
          if (stop > lt + 9) this.textToken(lt + 9, stop, true);
          pos = close < 0 ? n : close + 3;
          continue;
        }
        const gt = s.indexOf(">", lt + 2);
        const end = gt < 0 ? n : gt + 1;
        if (/^<!doctype/i.test(s.slice(lt, lt + 9))) this.doctype(lt, end);
        pos = end;
        continue;
      }
      if (c === 63) {
        const gt = s.indexOf(">", lt + 2); // <?xml ... ?> is a bogus comment
        pos = gt < 0 ? n : gt + 1;
        continue;
      }
      pos = lt + 1; // not reached: stray '<' are part of the text run
    }
    while (this.stack.length > 1) this.pop();
    this.route(null);
    return this.finish();
  }
}
