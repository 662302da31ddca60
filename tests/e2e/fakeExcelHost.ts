// A fake Office/Excel host injected into the task pane page (page.addInitScript) in place of office.js:
// Office.onReady reports Excel, Excel.run gives a request context whose writes are queued and applied
// on context.sync() (as Excel does) into a recorded workbook the test reads back, and
// CustomFunctions.associate keeps the functions so the test can call them like Excel would.
// installFakeExcelHost runs inside the page: it must stay self-contained (no imports, no outer names).

export interface FakeCell {
  value?: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  wrapText?: boolean;
  indentLevel?: number;
  /** Border style by edge ("EdgeTop": "Continuous"). */
  borders?: Record<string, string>;
}

export interface FakeSheet {
  id: string;
  name: string;
  /** By A1 address ("B19"). */
  cells: Record<string, FakeCell>;
  frozenRows: number;
  /** Points, by column letter. */
  columnWidths: Record<string, number>;
}

export interface FakeWorkbook {
  sheets: FakeSheet[];
  names: { name: string; formula: string; comment?: string }[];
  settings: Record<string, unknown>;
  /** Explicit context.sync() calls, over all Excel.run batches. */
  syncs: number;
  runs: number;
  /** Calls and property writes the fake does not model, so a test can see what it ignored. */
  unmodelled: string[];
  /** Ids given to CustomFunctions.associate. */
  associated: string[];
}

/** A value a custom function passed to invocation.setResult: a plain value or a CustomFunctions.Error. */
export type FunctionResult = number | string | boolean | unknown[][] | { errorCode: string; message: string };

export function installFakeExcelHost(): void {
  type Grid = unknown[][] | unknown;
  type Op = () => void;

  const workbook: FakeWorkbook = { sheets: [{ id: "{sheet-1}", name: "Sheet1", cells: {}, frozenRows: 0, columnWidths: {} }], names: [], settings: {}, syncs: 0, runs: 0, unmodelled: [], associated: [] };
  const functions: Record<string, (...args: unknown[]) => unknown> = {};
  let nextSheetId = 2;

  const columnIndex = (letters: string): number => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const columnLetters = (index: number): string => {
    let s = "";
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  /** "A1:F24" / "B7" / "C:C" → rows/cols (rows null for whole columns). */
  const parseAddress = (address: string) => {
    const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
    const [a, b = a] = local.replace(/\$/g, "").split(":");
    const pa = /^([A-Z]+)(\d*)$/i.exec(a);
    const pb = /^([A-Z]+)(\d*)$/i.exec(b);
    if (!pa || !pb) throw new Error(`fake Excel: cannot read address ${address}`);
    const whole = pa[2] === "" || pb[2] === "";
    return { col0: columnIndex(pa[1]), col1: columnIndex(pb[1]), row0: whole ? null : Number(pa[2]) - 1, row1: whole ? null : Number(pb[2]) - 1 };
  };

  /** Records what the fake ignores and keeps going (nested properties and calls included). */
  const tolerant = (path: string): object =>
    new Proxy(function () {}, {
      get: (_t, key) => (key === "then" ? undefined : tolerant(`${path}.${String(key)}`)),
      set: (_t, key, value) => {
        workbook.unmodelled.push(`${path}.${String(key)} = ${JSON.stringify(value)}`);
        return true;
      },
      apply: () => {
        workbook.unmodelled.push(`${path}()`);
        return tolerant(`${path}()`);
      },
    });

  const withFallback = <T extends object>(path: string, target: T): T =>
    new Proxy(target, {
      get: (t, key, receiver) => (key in t || typeof key === "symbol" || key === "then" || key === "toJSON" ? Reflect.get(t, key, receiver) : (tolerant(`${path}.${String(key)}`) as unknown)),
      set: (t, key, value, receiver) => {
        if (key in t) return Reflect.set(t, key, value, receiver);
        workbook.unmodelled.push(`${path}.${String(key)} = ${JSON.stringify(value)}`);
        return true;
      },
    });

  function makeContext() {
    const queue: Op[] = [];
    const afterSync: Op[] = [];
    const findSheet = (name: string): FakeSheet => {
      const sheet = workbook.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (!sheet) throw Object.assign(new Error(`ItemNotFound: no worksheet ${name}`), { code: "ItemNotFound" });
      return sheet;
    };

    const rangeApi = (sheetOf: () => FakeSheet, address: string) => {
      const at = parseAddress(address);
      const eachCell = (grid: Grid, apply: (cell: FakeCell, value: unknown) => void) => (): void => {
        const sheet = sheetOf();
        if (at.row0 === null || at.row1 === null) throw new Error(`fake Excel: cell writes to whole columns (${address}) are not modelled`);
        for (let r = at.row0; r <= at.row1; r++) {
          for (let c = at.col0; c <= at.col1; c++) {
            const value = Array.isArray(grid) ? (grid[r - at.row0] as unknown[] | undefined)?.[c - at.col0] : grid;
            if (Array.isArray(grid) && (grid.length !== at.row1 - at.row0 + 1 || (grid[r - at.row0] as unknown[]).length !== at.col1 - at.col0 + 1)) {
              throw new Error(`fake Excel: a ${grid.length}-row array does not fit ${address} (InvalidArgument, as Excel would say)`);
            }
            if (value === null || value === undefined) continue;
            const key = `${columnLetters(c)}${r + 1}`;
            apply((sheet.cells[key] ??= {}), value);
          }
        }
      };
      const font = withFallback(`range(${address}).format.font`, {
        set bold(v: boolean) { queue.push(eachCell(v, (cell) => (cell.bold = v))); },
        set italic(v: boolean) { queue.push(eachCell(v, (cell) => (cell.italic = v))); },
      });
      const format = withFallback(`range(${address}).format`, {
        font,
        set wrapText(v: boolean) { queue.push(eachCell(v, (cell) => (cell.wrapText = v))); },
        set indentLevel(v: number) { queue.push(eachCell(v, (cell) => (cell.indentLevel = v))); },
        borders: {
          getItem: (edge: string) => withFallback(`range(${address}).format.borders(${edge})`, {
            set style(v: string) { queue.push(eachCell(v, (cell) => ((cell.borders ??= {})[edge] = v))); },
          }),
        },
        set columnWidth(width: number) {
          queue.push(() => {
            for (let c = at.col0; c <= at.col1; c++) sheetOf().columnWidths[columnLetters(c)] = width;
          });
        },
      });
      return withFallback(`range(${address})`, {
        address,
        format,
        set values(grid: Grid) { queue.push(eachCell(grid, (cell, v) => { cell.value = v as FakeCell["value"]; delete cell.formula; })); },
        set formulas(grid: Grid) {
          queue.push(eachCell(grid, (cell, v) => {
            if (typeof v === "string" && v.startsWith("=")) cell.formula = v;
            else cell.value = v as FakeCell["value"];
          }));
        },
        set numberFormat(grid: Grid) { queue.push(eachCell(grid, (cell, v) => (cell.numberFormat = String(v)))); },
        clear() {
          queue.push(() => {
            const sheet = sheetOf();
            for (const key of Object.keys(sheet.cells)) {
              const m = /^([A-Z]+)(\d+)$/.exec(key);
              if (!m) continue;
              const c = columnIndex(m[1]);
              const r = Number(m[2]) - 1;
              if (c >= at.col0 && c <= at.col1 && (at.row0 === null || at.row1 === null || (r >= at.row0 && r <= at.row1))) delete sheet.cells[key];
            }
          });
        },
        load() { return this; },
      });
    };

    const sheetApi = (sheetOf: () => FakeSheet, known: FakeSheet | null) =>
      withFallback("worksheet", {
        get name() { return (known ?? sheetOf()).name; },
        get id() { return (known ?? sheetOf()).id; },
        getRange: (address: string) => rangeApi(sheetOf, address),
        freezePanes: { freezeRows: (rows: number) => queue.push(() => (sheetOf().frozenRows = rows)) },
        load() { return this; },
      });

    /** A collection whose items are readable only after load() and context.sync(), as in Excel. */
    const collection = <T>(path: string, items: () => T[]) => {
      let loaded: T[] | null = null;
      return {
        load: (): void => {
          afterSync.push(() => (loaded = items()));
        },
        items: (): T[] => {
          if (!loaded) throw new Error(`PropertyNotLoaded: ${path}.items was read before load() and context.sync()`);
          return loaded;
        },
      };
    };

    const sheetItems = collection("worksheets", () => workbook.sheets.map((s) => sheetApi(() => s, s)));
    const worksheets = withFallback("worksheets", {
      load(this: object) {
        sheetItems.load();
        return this;
      },
      get items() {
        return sheetItems.items();
      },
      add(name: string) {
        const sheet: FakeSheet = { id: `{sheet-${nextSheetId++}}`, name, cells: {}, frozenRows: 0, columnWidths: {} };
        queue.push(() => {
          if (workbook.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: worksheet ${name}`);
          workbook.sheets.push(sheet);
        });
        return sheetApi(() => sheet, sheet);
      },
      getItem: (name: string) => sheetApi(() => findSheet(name), null),
      /** Read side of ExcelApi 1.9: which cells of a sheet hold constants or formulas (addresses only). */
      getItemOrNullObject: (nameOrId: string) => {
        const find = (): FakeSheet | undefined => workbook.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === nameOrId.toLowerCase());
        const item = {
          isNullObject: true,
          id: "",
          name: "",
          load() {
            return item;
          },
          getUsedRangeOrNullObject: () => ({
            getSpecialCellsOrNullObject: (kind: string) => {
              const areas = { isNullObject: true, address: "", load: () => areas };
              afterSync.push(() => {
                const sheet = find();
                const keys = sheet ? Object.keys(sheet.cells).filter((k) => (kind === "Formulas" ? sheet.cells[k].formula !== undefined : sheet.cells[k].formula === undefined && sheet.cells[k].value !== undefined && sheet.cells[k].value !== "")) : [];
                areas.isNullObject = keys.length === 0;
                areas.address = keys.map((k) => `'${sheet?.name.replace(/'/g, "''")}'!${k}`).join(",");
              });
              return areas;
            },
          }),
        };
        afterSync.push(() => {
          const sheet = find();
          item.isNullObject = !sheet;
          item.id = sheet?.id ?? "";
          item.name = sheet?.name ?? "";
        });
        return item;
      },
    });

    const nameItems = collection("names", () => workbook.names.map((n) => ({ name: n.name, formula: n.formula })));
    const names = withFallback("names", {
      load(this: object) {
        nameItems.load();
        return this;
      },
      get items() {
        return nameItems.items();
      },
      add: (name: string, formula: string, comment?: string) => {
        queue.push(() => {
          if (workbook.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: name ${name}`);
          workbook.names.push({ name, formula, comment });
        });
      },
      getItem: (name: string) => ({
        delete: () =>
          queue.push(() => {
            const at = workbook.names.findIndex((n) => n.name.toLowerCase() === name.toLowerCase());
            if (at < 0) throw new Error(`ItemNotFound: name ${name}`);
            workbook.names.splice(at, 1);
          }),
      }),
    });

    const settings = withFallback("settings", {
      getItemOrNullObject(key: string) {
        const item = { isNullObject: true, value: undefined as unknown, load() { return item; } };
        afterSync.push(() => {
          item.isNullObject = !(key in workbook.settings);
          item.value = workbook.settings[key];
        });
        return item;
      },
      add: (key: string, value: unknown) => queue.push(() => (workbook.settings[key] = value)),
    });

    const context = {
      workbook: withFallback("workbook", { worksheets, names, settings }),
      sync: async (): Promise<void> => {
        workbook.syncs += 1;
        for (const op of queue.splice(0)) op();
        for (const op of afterSync.splice(0)) op();
      },
      /** Excel.run sends what is still queued when the batch ends. */
      flush: (): void => {
        for (const op of queue.splice(0)) op();
      },
    };
    return context;
  }

  const hostWindow = window as unknown as Record<string, unknown>;
  hostWindow.__fakeWorkbook = workbook;
  hostWindow.__customFunctions = functions;
  hostWindow.Excel = {
    run: async (batch: (context: unknown) => Promise<unknown>) => {
      workbook.runs += 1;
      const context = makeContext();
      const result = await batch(context);
      context.flush();
      return result;
    },
  };
  const readyInfo = { host: "Excel", platform: "PC" };
  hostWindow.Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    onReady: (callback?: (info: typeof readyInfo) => void) => {
      if (callback) setTimeout(() => callback(readyInfo), 0);
      return Promise.resolve(readyInfo);
    },
    context: { requirements: { isSetSupported: () => true } },
    actions: { associate: () => undefined },
  };
  class FakeFunctionError {
    constructor(public errorCode: string, public message = "") {}
  }
  hostWindow.CustomFunctions = {
    associate: (id: string, fn: (...args: unknown[]) => unknown) => {
      functions[id] = fn;
      workbook.associated.push(id);
    },
    Error: FakeFunctionError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!", notSupported: "#N/A", connect: "#CONNECT!", busy: "#BUSY!" },
  };
}
