// A1-notation helpers shared by the pure layout steps and the adapter. Pure: no Office here.

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new Error(`Column index must be a whole number ≥ 0, got ${index}`);
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Cell address from 0-based row and column: (4, 1) → "B5". */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** Absolute cell address: (4, 1) → "$B$5" (names must not move when the sheet is sorted or copied). */
export function absoluteAddress(row: number, col: number): string {
  return `$${columnLetter(col)}$${row + 1}`;
}

/** Rectangle address from 0-based corners, inclusive: "A1:F24" (a single cell stays "A1"). */
export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const first = cellAddress(top, left);
  const last = cellAddress(bottom, right);
  return first === last ? first : `${first}:${last}`;
}

/** Sheet name as it must appear inside a formula: always quoted, embedded quotes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A rectangle of cells, 0-based and inclusive. */
export interface CellRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Last row and column index of a worksheet (1,048,576 rows, XFD columns). */
const LAST_ROW = 1_048_575;
const LAST_COL = 16_383;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * One rectangle in A1 notation, without a sheet name: "B5", "A1:F24", "$A$1:$B$2", whole columns "C:D",
 * whole rows "3:5". Null when it is none of these.
 */
export function parseRangeAddress(ref: string): CellRect | null {
  const a = ref.trim().replace(/\$/g, "").toUpperCase();
  let m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(a);
  if (m) {
    const top = Number(m[2]) - 1;
    const left = columnIndex(m[1]);
    const bottom = m[4] ? Number(m[4]) - 1 : top;
    const right = m[3] ? columnIndex(m[3]) : left;
    return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
  }
  m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(a);
  if (m) return { top: 0, left: Math.min(columnIndex(m[1]), columnIndex(m[2])), bottom: LAST_ROW, right: Math.max(columnIndex(m[1]), columnIndex(m[2])) };
  m = /^(\d+):(\d+)$/.exec(a);
  if (m) return { top: Math.min(Number(m[1]), Number(m[2])) - 1, left: 0, bottom: Math.max(Number(m[1]), Number(m[2])) - 1, right: LAST_COL };
  return null;
}

/**
 * The rectangles of a RangeAreas address, "'IMGN Operations'!A24, 'IMGN Operations'!H2:H3" (each area carries
 * its sheet name, quoted when needed, embedded quotes doubled). Null when any part cannot be read.
 */
export function parseAreasAddress(address: string): CellRect[] | null {
  const rects: CellRect[] = [];
  let i = 0;
  while (i < address.length) {
    while (i < address.length && (address[i] === " " || address[i] === ",")) i++;
    if (i >= address.length) break;
    if (address[i] === "'") {
      // Quoted sheet name: up to the quote that is not doubled.
      i++;
      while (i < address.length && !(address[i] === "'" && address[i + 1] !== "'")) i += address[i] === "'" ? 2 : 1;
      if (address[i + 1] !== "!") return null;
      i += 2;
    }
    const end = address.indexOf(",", i);
    const token = address.slice(i, end < 0 ? address.length : end);
    i = end < 0 ? address.length : end;
    const rect = parseRangeAddress(token.slice(token.lastIndexOf("!") + 1));
    if (!rect) return null;
    rects.push(rect);
  }
  return rects;
}

export function rectAddress(r: CellRect): string {
  return rangeAddress(r.top, r.left, r.bottom, r.right);
}

export function rectContains(outer: CellRect, inner: CellRect): boolean {
  return inner.top >= outer.top && inner.left >= outer.left && inner.bottom <= outer.bottom && inner.right <= outer.right;
}

export function rectIntersection(a: CellRect, b: CellRect): CellRect | null {
  const r = { top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) };
  return r.top <= r.bottom && r.left <= r.right ? r : null;
}

/** The cells of `a` outside `b`, as at most four rectangles (above, below, left, right). */
export function rectSubtract(a: CellRect, b: CellRect): CellRect[] {
  const overlap = rectIntersection(a, b);
  if (!overlap) return [a];
  const parts: CellRect[] = [];
  if (a.top < overlap.top) parts.push({ top: a.top, left: a.left, bottom: overlap.top - 1, right: a.right });
  if (a.bottom > overlap.bottom) parts.push({ top: overlap.bottom + 1, left: a.left, bottom: a.bottom, right: a.right });
  if (a.left < overlap.left) parts.push({ top: overlap.top, left: a.left, bottom: overlap.bottom, right: overlap.left - 1 });
  if (a.right > overlap.right) parts.push({ top: overlap.top, left: overlap.right + 1, bottom: overlap.bottom, right: a.right });
  return parts;
}
