import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * The report document's typeface: Noto Sans SC (SIL Open Font License 1.1), regular weight, from
 * the npm package `@openfonts/noto-sans-sc_all`, which ships it only as WOFF/WOFF2.
 *
 * Why it is converted: fontkit reads a WOFF table by inflating it again, in pure JavaScript, on
 * every access (`WOFFFont._getTableStream`), and pdfkit's subsetter reads the `glyf` table once per
 * glyph it embeds. With this font's 30 796 glyphs the `glyf` table is about 10 MB inflated, so a
 * report of a few hundred distinct characters inflated it a few hundred times: ~10 s per document.
 * The WOFF is unwrapped here once per process (each table inflated once with zlib, written back as
 * the plain TrueType file the WOFF was made from: WOFF 1.0 §5, the tables and their checksums are
 * the original's) and every document reads the TrueType from memory.
 */

const FONT_PACKAGE = '@openfonts/noto-sans-sc_all';
const FONT_FILE = 'files/noto-sans-sc-all-400.woff';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'

/** A WOFF 1.0 file as the sfnt (TrueType/OpenType) file it wraps. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.readUInt32BE(0) !== WOFF_SIGNATURE) throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = [];
  for (let i = 0; i < numTables; i += 1) {
    const entry = 44 + i * 20;
    const tag = woff.readUInt32BE(entry);
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const checksum = woff.readUInt32BE(entry + 16);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : Buffer.from(stored);
    if (data.length !== origLength) throw new Error(`WOFF table ${i} inflates to ${data.length} bytes, not ${origLength}`);
    tables.push({ tag, checksum, data });
  }
  tables.sort((a, b) => a.tag - b.tag);
  const padded = (n: number) => (n + 3) & ~3;
  const headerLength = 12 + 16 * numTables;
  const total = tables.reduce((sum, t) => sum + padded(t.data.length), headerLength);
  const out = Buffer.alloc(total);
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= numTables) {
    searchRange *= 2;
    entrySelector += 1;
  }
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange * 16, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange * 16, 10);
  let offset = headerLength;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    out.writeUInt32BE(table.tag, record);
    out.writeUInt32BE(table.checksum, record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(out, offset);
    offset += padded(table.data.length);
  });
  return out;
}

let cached: Buffer | null = null;

/** The report font as TrueType, unwrapped on first use and kept for the life of the process. */
export function reportFont(): Buffer {
  if (!cached) {
    const file = path.join(path.dirname(createRequire(__filename).resolve(`${FONT_PACKAGE}/package.json`)), FONT_FILE);
    cached = woffToSfnt(readFileSync(file));
  }
  return cached;
}
