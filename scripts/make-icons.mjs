// Draws the add-in icons (assets/icon-{16,32,64,80,128}.png) with a tiny PNG encoder on node's zlib,
// so they can be regenerated anywhere without ImageMagick. Run: node scripts/make-icons.mjs
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SIZES = [16, 32, 64, 80, 128];
const assetsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (row-major, 4 bytes each) → PNG file bytes. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const GREEN = [33, 115, 70, 255];
const WHITE = [255, 255, 255, 255];
const GRID = [190, 214, 200, 255];
const ACCENT = [16, 70, 42, 255];
const CLEAR = [0, 0, 0, 0];

/** A green rounded tile holding a white sheet: header row, grid lines and a bar chart of three rising bars. */
function drawIcon(size) {
  const px = Buffer.alloc(size * size * 4);
  const radius = Math.max(2, Math.round(size * 0.16));
  const inset = Math.max(2, Math.round(size * 0.16));
  const sheet = { x0: inset, y0: inset, x1: size - inset, y1: size - inset };
  const rows = 4;
  const cols = 3;
  const line = Math.max(1, Math.round(size / 40));
  const set = (x, y, c) => c.forEach((v, i) => (px[(y * size + x) * 4 + i] = v));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Rounded corners: outside the corner circles is transparent.
      const cx = x < radius ? radius - x - 0.5 : x >= size - radius ? x - (size - radius) + 0.5 : 0;
      const cy = y < radius ? radius - y - 0.5 : y >= size - radius ? y - (size - radius) + 0.5 : 0;
      if (cx * cx + cy * cy > radius * radius) { set(x, y, CLEAR); continue; }
      const inSheet = x >= sheet.x0 && x < sheet.x1 && y >= sheet.y0 && y < sheet.y1;
      if (!inSheet) { set(x, y, GREEN); continue; }
      const w = sheet.x1 - sheet.x0;
      const h = sheet.y1 - sheet.y0;
      const rx = x - sheet.x0;
      const ry = y - sheet.y0;
      const headerRow = ry < h / rows;
      const onRowLine = (ry % Math.round(h / rows)) < line && ry > 0;
      const onColLine = (rx % Math.round(w / cols)) < line && rx > 0;
      // Bars rise left to right in the lower three rows.
      const col = Math.min(cols - 1, Math.floor(rx / (w / cols)));
      const barTop = h - (h * (col + 2)) / (cols + 2);
      const barPad = Math.max(1, Math.round(w / cols / 4));
      const inBar = !headerRow && ry >= barTop && rx % Math.round(w / cols) >= barPad && rx % Math.round(w / cols) < Math.round(w / cols) - barPad;
      set(x, y, headerRow ? ACCENT : inBar ? GREEN : onRowLine || onColLine ? GRID : WHITE);
    }
  }
  return encodePng(size, px);
}

mkdirSync(assetsDir, { recursive: true });
for (const size of SIZES) {
  const file = join(assetsDir, `icon-${size}.png`);
  writeFileSync(file, drawIcon(size));
  console.log(`wrote ${file}`);
}
