// Pure checks behind "never over user cells": reading RangeAreas addresses and finding the user's cells in a new layout's way.
import { parseAreasAddress, parseRangeAddress, rectSubtract } from "../../src/excel/cells";
import { userCellsInTheWay } from "../../src/excel/plan";

describe("RangeAreas addresses", () => {
  test("quoted and unquoted sheet names, single cells, rectangles, absolute references", () => {
    expect(parseAreasAddress("'IMGN Operations'!A1:F23, 'IMGN Operations'!A25")).toEqual([
      { top: 0, left: 0, bottom: 22, right: 5 },
      { top: 24, left: 0, bottom: 24, right: 0 },
    ]);
    expect(parseAreasAddress("Sheet1!$B$2:$C$3,Sheet1!XFD1048576")).toEqual([
      { top: 1, left: 1, bottom: 2, right: 2 },
      { top: 1_048_575, left: 16_383, bottom: 1_048_575, right: 16_383 },
    ]);
    // Commas, quotes and "!" inside a quoted name do not split it.
    expect(parseAreasAddress("'Q1, Bob''s!'!H2, 'Q1, Bob''s!'!C:D")).toEqual([
      { top: 1, left: 7, bottom: 1, right: 7 },
      { top: 0, left: 2, bottom: 1_048_575, right: 3 },
    ]);
    expect(parseAreasAddress("")).toEqual([]);
    expect(parseAreasAddress("Sheet1!R1C1")).toBeNull();
    expect(parseRangeAddress("3:5")).toEqual({ top: 2, left: 0, bottom: 4, right: 16_383 });
  });

  test("subtracting a rectangle leaves at most four pieces", () => {
    expect(rectSubtract({ top: 0, left: 0, bottom: 9, right: 9 }, { top: 2, left: 2, bottom: 4, right: 4 })).toHaveLength(4);
    expect(rectSubtract({ top: 20, left: 0, bottom: 25, right: 5 }, { top: 0, left: 0, bottom: 22, right: 5 })).toEqual([{ top: 23, left: 0, bottom: 25, right: 5 }]);
    expect(rectSubtract({ top: 0, left: 0, bottom: 1, right: 1 }, { top: 0, left: 0, bottom: 1, right: 1 })).toEqual([]);
  });
});

describe("user cells in the way of a new layout", () => {
  const ours = "'IMGN Operations'!A1:C23, 'IMGN Operations'!E6:F23";
  test("nothing is needed when the new layout fits in the old rectangle", () => {
    expect(userCellsInTheWay("A1:F20", "A1:F23", undefined)).toEqual([]);
  });
  test("an unread sheet with a larger layout is unknown", () => {
    expect(userCellsInTheWay("A1:F27", "A1:F23", undefined)).toBeNull();
  });
  test("only non-empty cells inside the new area and outside the old one count", () => {
    expect(userCellsInTheWay("A1:F27", "A1:F23", [ours])).toEqual([]);
    expect(userCellsInTheWay("A1:F27", "A1:F23", [ours, "'IMGN Operations'!H2, 'IMGN Operations'!A40"])).toEqual([]);
    expect(userCellsInTheWay("A1:F27", "A1:F23", [`${ours}, 'IMGN Operations'!B24:G25`, "'IMGN Operations'!D27"])).toEqual([
      { top: 23, left: 1, bottom: 24, right: 5 },
      { top: 26, left: 3, bottom: 26, right: 3 },
    ]);
    // An area straddling the old edge: only its part outside the old rectangle is the user's.
    expect(userCellsInTheWay("A1:H23", "A1:F23", ["'X'!F2:G2"])).toEqual([{ top: 1, left: 6, bottom: 1, right: 6 }]);
  });
  test("an address that cannot be read counts as unknown", () => {
    expect(userCellsInTheWay("A1:F27", "A1:F23", ["'X'!R24C1"])).toBeNull();
  });
});
