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
