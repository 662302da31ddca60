// A small in-memory Excel for the adapter tests, built from office-addin-mock objects. Like the real
// Office.js it queues every write and applies it only at context.sync(), and loaded properties read back
// as error strings until the sync. It records the cells, formats, names and settings the add-in leaves.
import { OfficeMockObject } from "office-addin-mock";

const NOT_LOADED = "Error, property was not loaded";
const NOT_SYNCED = "Error, context.sync() was not called";

export interface FakeCell {
  value: string | number | null;
  formula: string | null;
  numberFormat: string;
  bold: boolean;
  italic: boolean;
  wrapText: boolean;
  indentLevel: number;
  topBorder: boolean;
  bottomBorder: boolean;
}

export interface FakeSheet {
  id: string;
  name: string;
  cells: Map<string, FakeCell>;
  columnWidths: Map<string, number>;
  frozenRows: number;
}

export interface FakeName {
  formula: string;
  comment: string;
}

const emptyCell = (): FakeCell => ({ value: null, formula: null, numberFormat: "General", bold: false, italic: false, wrapText: false, indentLevel: 0, topBorder: false, bottomBorder: false });

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function colLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B5", "A1:F24" → rectangle (0-based); "A:A" → null (a whole column, used for widths only). */
function parseRect(address: string): Rect | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
  if (!m) return null;
  const top = Number(m[2]) - 1;
  const left = colIndex(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) - 1 : top, right: m[3] ? colIndex(m[3]) : left };
}

/** Sheet name as Excel prints it in an address: quoted unless a letter or "_" then letters, digits, "_" and "." only. */
function addressSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * What Range.getSpecialCellsOrNullObject(type).address returns on the sheet's values-only used range: the
 * non-empty cells of that kind as rectangles (runs along each row, stacked when rows repeat the same run),
 * "Sheet1!A1:C3, Sheet1!E5"; null (a null object) when there are none.
 */
function specialCellsAddress(sheet: FakeSheet, type: string): string | null {
  const hit = (cell: FakeCell): boolean => (type === "Formulas" ? cell.formula !== null : cell.formula === null && cell.value !== null && cell.value !== "");
  const byRow = new Map<number, number[]>();
  for (const [address, cell] of sheet.cells) {
    if (!hit(cell)) continue;
    const rect = parseRect(address)!;
    byRow.set(rect.top, [...(byRow.get(rect.top) ?? []), rect.left]);
  }
  const open: Rect[] = [];
  const done: Rect[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = byRow.get(row)!.sort((a, b) => a - b);
    const runs: Rect[] = [];
    for (const c of cols) {
      const last = runs[runs.length - 1];
      if (last && last.right === c - 1) last.right = c;
      else runs.push({ top: row, bottom: row, left: c, right: c });
    }
    for (const run of runs) {
      const above = open.find((o) => o.bottom === row - 1 && o.left === run.left && o.right === run.right);
      if (above) above.bottom = row;
      else open.push(run);
    }
    for (let i = open.length - 1; i >= 0; i--) if (open[i].bottom < row) done.push(...open.splice(i, 1));
  }
  done.push(...open);
  if (done.length === 0) return null;
  const at = (r: number, c: number) => `${colLetters(c)}${r + 1}`;
  return done
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((r) => `${addressSheetName(sheet.name)}!${at(r.top, r.left)}${r.top === r.bottom && r.left === r.right ? "" : `:${at(r.bottom, r.right)}`}`)
    .join(", ");
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly names = new Map<string, FakeName>();
  readonly settings = new Map<string, unknown>();
  syncCount = 0;
  /** Office.js calls made, in order ("worksheets.add IMGN Operations", "range.values 'IMGN Operations'!A1:F24", ...). */
  readonly calls: string[] = [];
  private queue: (() => void)[] = [];
  private toSync: OfficeMockObject[] = [];
  private afterSync: (() => void)[] = [];
  private nextId = 1;

  addSheet(name: string, cells: Record<string, string | number> = {}): FakeSheet {
    const sheet: FakeSheet = { id: `{sheet-${this.nextId++}}`, name, cells: new Map(), columnWidths: new Map(), frozenRows: 0 };
    for (const [address, value] of Object.entries(cells)) sheet.cells.set(address, { ...emptyCell(), value });
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name.toUpperCase() === name.toUpperCase());
    if (!found) throw new Error(`No sheet "${name}" (sheets: ${this.sheets.map((s) => s.name).join(", ")})`);
    return found;
  }

  cell(sheetName: string, address: string): FakeCell {
    return this.sheet(sheetName).cells.get(address) ?? emptyCell();
  }

  /** The rectangle as rows of what each cell holds: its formula, else its value, else null. */
  rows(sheetName: string, address: string): (string | number | null)[][] {
    return this.grid(sheetName, address, (c) => c.formula ?? c.value);
  }

  /** The rectangle's number formats. */
  formats(sheetName: string, address: string): string[][] {
    return this.grid(sheetName, address, (c) => c.numberFormat);
  }

  private grid<T>(sheetName: string, address: string, pick: (cell: FakeCell) => T): T[][] {
    const rect = parseRect(address);
    if (!rect) throw new Error(`bad address ${address}`);
    const out: T[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row: T[] = [];
      for (let c = rect.left; c <= rect.right; c++) row.push(pick(this.cell(sheetName, `${colLetters(c)}${r + 1}`)));
      out.push(row);
    }
    return out;
  }

  /** A deep copy of everything the workbook holds, to compare before and after. */
  snapshot(): unknown {
    return JSON.parse(
      JSON.stringify({
        sheets: this.sheets.map((s) => ({ ...s, cells: [...s.cells.entries()], columnWidths: [...s.columnWidths.entries()] })),
        names: [...this.names.entries()],
        settings: [...this.settings.entries()],
      }),
    );
  }

  /** The request context handed to the code under test. */
  context(): Excel.RequestContext {
    const workbook = new OfficeMockObject({
      worksheets: {
        load: () => worksheets,
        add: (name: string) => {
          this.calls.push(`worksheets.add ${name}`);
          this.queue.push(() => {
            if (this.sheets.some((s) => s.name.toUpperCase() === name.toUpperCase())) throw new Error(`ItemAlreadyExists: a sheet named "${name}" exists`);
            this.addSheet(name);
          });
          return this.sheetProxy(name);
        },
        getItem: (nameOrId: string) => this.sheetProxy(nameOrId),
        getItemOrNullObject: (nameOrId: string) => this.inspectionProxy(nameOrId),
      },
      names: {
        load: () => names,
        getItem: (name: string) => ({
          delete: () => {
            this.calls.push(`names.delete ${name}`);
            this.queue.push(() => {
              if (!this.names.delete(this.nameKey(name))) throw new Error(`ItemNotFound: name ${name}`);
            });
          },
        }),
        add: (name: string, formula: string, comment: string) => {
          this.calls.push(`names.add ${name}`);
          this.queue.push(() => {
            if (this.names.has(this.nameKey(name))) throw new Error(`ItemAlreadyExists: name ${name}`);
            this.names.set(name, { formula, comment });
          });
        },
      },
      settings: {
        getItemOrNullObject: (key: string) => this.settingProxy(key),
        add: (key: string, value: unknown) => {
          this.calls.push(`settings.add ${key}`);
          this.queue.push(() => this.settings.set(key, value));
        },
      },
    });
    const worksheets = workbook.worksheets as OfficeMockObject;
    const names = workbook.names as OfficeMockObject;
    worksheets.items = NOT_LOADED;
    names.items = NOT_LOADED;
    this.afterSync.push(() => {
      worksheets.items = this.sheets.map((s) => ({ id: s.id, name: s.name }));
      names.items = [...this.names.keys()].map((name) => ({ name }));
    });
    const context = new OfficeMockObject({
      workbook: {},
      sync: async () => {
        this.syncCount++;
        this.calls.push("sync");
        const commands = this.queue;
        this.queue = [];
        for (const command of commands) command();
        for (const mock of this.toSync) await mock.sync();
        await new Promise((resolve) => setImmediate(resolve));
        for (const done of this.afterSync) done();
      },
    });
    context.workbook = workbook;
    return context as unknown as Excel.RequestContext;
  }

  private nameKey(name: string): string {
    return [...this.names.keys()].find((k) => k.toUpperCase() === name.toUpperCase()) ?? name;
  }

  private settingProxy(key: string): OfficeMockObject {
    const has = this.settings.has(key);
    const item = new OfficeMockObject({ value: has ? (this.settings.get(key) as string) : undefined });
    let synced = false;
    Object.defineProperty(item, "isNullObject", { get: () => (synced ? !has : NOT_SYNCED) });
    this.toSync.push(item);
    this.afterSync.push(() => {
      synced = true;
    });
    return item;
  }

  /**
   * worksheets.getItemOrNullObject(nameOrId), supporting only what sync 1 reads: load("id"), isNullObject, and
   * getUsedRangeOrNullObject(true).getSpecialCellsOrNullObject("Constants" | "Formulas").load("address").
   * Everything is read as of the next sync, like Office.js; reading it earlier gives the not-synced error.
   */
  private inspectionProxy(nameOrId: string): object {
    this.calls.push(`inspect ${nameOrId}`);
    let found: FakeSheet | null | undefined;
    const areas = new Map<string, string | null>();
    const requested: string[] = [];
    this.afterSync.push(() => {
      if (found !== undefined) return; // loaded once, at the sync that followed the request
      found = this.sheets.find((s) => s.id === nameOrId || s.name.toUpperCase() === nameOrId.toUpperCase()) ?? null;
      for (const type of requested) areas.set(type, found ? specialCellsAddress(found, type) : null);
    });
    const sheet = {
      load: () => sheet,
      get isNullObject(): boolean | string {
        return found === undefined ? NOT_SYNCED : found === null;
      },
      get id(): string {
        return found ? found.id : NOT_LOADED;
      },
      getUsedRangeOrNullObject: (valuesOnly?: boolean) => {
        if (valuesOnly !== true) throw new Error("the fake reads only the values-only used range");
        return {
          getSpecialCellsOrNullObject: (type: string) => {
            if (type !== "Constants" && type !== "Formulas") throw new Error(`unsupported special cells ${type}`);
            requested.push(type);
            const result = {
              load: (what: string) => {
                if (what !== "address") throw new Error(`unsupported load ${what}`);
                return result;
              },
              get isNullObject(): boolean | string {
                return found === undefined ? NOT_SYNCED : areas.get(type) === null;
              },
              get address(): string {
                return areas.get(type) ?? NOT_LOADED;
              },
            };
            return result;
          },
        };
      },
    };
    return sheet;
  }

  private findSheet(nameOrId: string): FakeSheet {
    const found = this.sheets.find((s) => s.id === nameOrId || s.name.toUpperCase() === nameOrId.toUpperCase());
    if (!found) throw new Error(`ItemNotFound: sheet "${nameOrId}"`);
    return found;
  }

  private sheetProxy(nameOrId: string): OfficeMockObject {
    return new OfficeMockObject({
      getRange: (address: string) => this.rangeProxy(nameOrId, address),
      freezePanes: {
        freezeRows: (count: number) => {
          this.calls.push(`freezeRows ${nameOrId} ${count}`);
          this.queue.push(() => {
            this.findSheet(nameOrId).frozenRows = count;
          });
        },
      },
    });
  }

  /** Applies `change` to every cell of the rectangle at sync time. */
  private eachCell(sheetRef: string, address: string, change: (cell: FakeCell, row: number, col: number) => void): void {
    const sheet = this.findSheet(sheetRef);
    const rect = parseRect(address);
    if (!rect) throw new Error(`Unsupported address for cell writes: ${address}`);
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const key = `${colLetters(c)}${r + 1}`;
        const cell = sheet.cells.get(key) ?? emptyCell();
        change(cell, r - rect.top, c - rect.left);
        sheet.cells.set(key, cell);
      }
    }
  }

  /** A property that queues a write on set and, like an unloaded proxy property, reads back as an error string. */
  private writeOnly(target: object, property: string, label: string, apply: (value: never) => void): void {
    Object.defineProperty(target, property, {
      get: () => NOT_LOADED,
      set: (value: never) => {
        this.calls.push(label);
        this.queue.push(() => apply(value));
      },
    });
  }

  private rangeProxy(sheetRef: string, address: string): OfficeMockObject {
    const where = `${sheetRef}!${address}`;
    const range = new OfficeMockObject({
      clear: (applyTo: string) => {
        this.calls.push(`range.clear ${where} ${applyTo}`);
        this.queue.push(() => {
          const sheet = this.findSheet(sheetRef);
          const rect = parseRect(address);
          if (!rect) throw new Error(`Unsupported clear address ${address}`);
          for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) sheet.cells.delete(`${colLetters(c)}${r + 1}`);
        });
      },
      format: { font: {}, borders: {} },
    });
    const grid = <T>(value: T[][], r: number, c: number): T | undefined => {
      if (!Array.isArray(value) || !Array.isArray(value[r])) throw new Error(`${where}: a grid was expected`);
      return value[r][c];
    };
    const checkShape = (value: unknown[][]): void => {
      const rect = parseRect(address);
      if (!rect || value.length !== rect.bottom - rect.top + 1 || value.some((row) => row.length !== rect.right - rect.left + 1)) {
        throw new Error(`InvalidArgument: the grid written to ${where} does not match its size`);
      }
    };
    this.writeOnly(range, "values", `range.values ${where}`, (value: (string | number | null)[][]) => {
      checkShape(value);
      this.eachCell(sheetRef, address, (cell, r, c) => {
        const v = grid(value, r, c);
        if (v === null || v === undefined) return;
        cell.value = v;
        cell.formula = null;
      });
    });
    this.writeOnly(range, "formulas", `range.formulas ${where}`, (value: (string | null)[][]) => {
      checkShape(value);
      this.eachCell(sheetRef, address, (cell, r, c) => {
        const f = grid(value, r, c);
        if (f === null || f === undefined) return;
        cell.formula = f;
        cell.value = null;
      });
    });
    this.writeOnly(range, "numberFormat", `range.numberFormat ${where}`, (value: string[][]) => {
      checkShape(value);
      this.eachCell(sheetRef, address, (cell, r, c) => {
        const f = grid(value, r, c);
        if (f !== null && f !== undefined) cell.numberFormat = f;
      });
    });
    const format = range.format as OfficeMockObject;
    const font = format.font as OfficeMockObject;
    this.writeOnly(font, "bold", `bold ${where}`, (v: boolean) => this.eachCell(sheetRef, address, (cell) => (cell.bold = v)));
    this.writeOnly(font, "italic", `italic ${where}`, (v: boolean) => this.eachCell(sheetRef, address, (cell) => (cell.italic = v)));
    this.writeOnly(format, "wrapText", `wrapText ${where}`, (v: boolean) => this.eachCell(sheetRef, address, (cell) => (cell.wrapText = v)));
    this.writeOnly(format, "indentLevel", `indentLevel ${where}`, (v: number) => this.eachCell(sheetRef, address, (cell) => (cell.indentLevel = v)));
    this.writeOnly(format, "columnWidth", `columnWidth ${where}`, (v: number) => {
      const m = /^([A-Z]+):\1$/.exec(address);
      if (!m) throw new Error(`columnWidth expected on a whole column, got ${address}`);
      this.findSheet(sheetRef).columnWidths.set(m[1], v);
    });
    (format.borders as OfficeMockObject).getItem = (edge: string) => {
      const border = {};
      this.writeOnly(border, "style", `border ${edge} ${where}`, (style: string) =>
        this.eachCell(sheetRef, address, (cell) => {
          if (style !== "Continuous") throw new Error(`unexpected border style ${style}`);
          if (edge === "EdgeTop") cell.topBorder = true;
          else if (edge === "EdgeBottom") cell.bottomBorder = true;
          else throw new Error(`unexpected border edge ${edge}`);
        }),
      );
      return border;
    };
    return range;
  }
}
