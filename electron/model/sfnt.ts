import { AppError } from './errors';
import type { FontRecord } from './font';

/**
 * A small, strict reader of the sfnt container (TrueType/OpenType) for fonts a designer adds to the library.
 * It reads only what the library needs (names, weight, italic, embedding bits, vertical metrics) and checks
 * every offset against the file, so random or truncated bytes end in one clear AppError, never a RangeError
 * or a record with garbage in it. Pure: bytes in, facts out (tested with fast-check in sfnt.test.ts).
 */

/** Larger than any real single font (big CJK fonts are ~20 MB); a bigger file is a mistake or an attack. */
export const MAX_FONT_BYTES = 30 * 1024 * 1024;
/** Real fonts have 10–40 tables; thousands would only make us loop. */
const MAX_TABLES = 256;

export type FontContainer = 'truetype' | 'cff' | 'woff2' | 'woff' | 'collection';

export type SfntFacts = Pick<FontRecord, 'family' | 'subfamily' | 'weight' | 'italic' | 'embedding' | 'ascent' | 'descent'> & {
  /** TrueType (glyf) outlines store as .ttf, CFF outlines as .otf. */
  ext: 'ttf' | 'otf';
};

const notAFont = (why: string) => new AppError('unsupported_media', `This file is not a font Postframe can use: ${why}. Add a TTF, OTF or WOFF2 file.`);

/** What kind of font file the first four bytes announce, or null for something that is not a font at all. */
export function fontContainer(bytes: Uint8Array): FontContainer | null {
  if (bytes.length < 4) return null;
  const tag = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (tag === 'OTTO') return 'cff';
  if (tag === 'true' || (bytes[0] === 0 && bytes[1] === 1 && bytes[2] === 0 && bytes[3] === 0)) return 'truetype';
  if (tag === 'wOF2') return 'woff2';
  if (tag === 'wOFF') return 'woff';
  if (tag === 'ttcf') return 'collection';
  return null;
}

/** Refuses, with what to do, every container the library does not store as it is (the caller decodes WOFF2 first). */
export function requireSfnt(bytes: Uint8Array): 'truetype' | 'cff' {
  if (bytes.length > MAX_FONT_BYTES) {
    throw new AppError('too_large', `This font file is ${(bytes.length / 1048576).toFixed(1)} MB; Postframe takes font files up to ${MAX_FONT_BYTES / 1048576} MB.`);
  }
  const c = fontContainer(bytes);
  if (c === 'truetype' || c === 'cff') return c;
  if (c === 'collection') {
    throw new AppError('unsupported_media', 'This is a font collection (.ttc/.otc), which holds several fonts in one file. Add the single TTF or OTF files of the styles you need instead.');
  }
  if (c === 'woff') throw new AppError('unsupported_media', 'WOFF (version 1) files are not supported. Add the TTF, OTF or WOFF2 version of this font.');
  if (c === 'woff2') throw notAFont('it is still WOFF2-compressed');
  throw notAFont('it does not start like a TrueType or OpenType file');
}

type Table = { offset: number; length: number };

/** Bounds-checked big-endian reads inside one table: reading past its end is a broken file, said once. */
class Reader {
  constructor(
    private readonly view: DataView,
    private readonly table: Table,
    private readonly tag: string,
  ) {}
  private at(pos: number, size: number): number {
    if (pos < 0 || pos + size > this.table.length) throw notAFont(`its '${this.tag}' table is shorter than it says`);
    return this.table.offset + pos;
  }
  u16(pos: number): number {
    return this.view.getUint16(this.at(pos, 2));
  }
  i16(pos: number): number {
    return this.view.getInt16(this.at(pos, 2));
  }
  bytes(pos: number, length: number): Uint8Array {
    const start = this.at(pos, length);
    return new Uint8Array(this.view.buffer, this.view.byteOffset + start, length);
  }
  get length(): number {
    return this.table.length;
  }
}

/**
 * Reads a TrueType or OpenType file's facts. Refuses, with an AppError naming the problem: a file that is not a
 * single sfnt font (see `requireSfnt`), tables that point outside the file, missing required tables
 * (head, name, OS/2, hhea, cmap, and outlines: glyf+loca or CFF/CFF2), and a font without a family name.
 */
export function readSfnt(bytes: Uint8Array): SfntFacts {
  const kind = requireSfnt(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) throw notAFont('it ends inside its header');
  const numTables = view.getUint16(4);
  if (numTables === 0 || numTables > MAX_TABLES) throw notAFont(`its header lists ${numTables} tables`);
  if (12 + numTables * 16 > bytes.length) throw notAFont('it ends inside its table directory');
  const tables = new Map<string, Table>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
    const offset = view.getUint32(rec + 8);
    const length = view.getUint32(rec + 12);
    if (offset + length > bytes.length) throw notAFont(`its '${tag.trim()}' table lies past the end of the file (the file is cut short or damaged)`);
    tables.set(tag, { offset, length });
  }
  const missing = ['head', 'name', 'OS/2', 'hhea', 'cmap'].filter((t) => !tables.has(t));
  if (missing.length) throw notAFont(`it has no ${missing.map((t) => `'${t}'`).join(', ')} table${missing.length > 1 ? 's' : ''}`);
  const hasGlyf = tables.has('glyf') && tables.has('loca');
  const hasCff = tables.has('CFF ') || tables.has('CFF2');
  if (!hasGlyf && !hasCff) throw notAFont('it has no glyph outlines (glyf or CFF table); bitmap-only fonts are not supported');
  const table = (tag: string) => new Reader(view, tables.get(tag)!, tag);

  const head = table('head');
  const unitsPerEm = head.u16(18);
  if (unitsPerEm < 16 || unitsPerEm > 16384) throw notAFont(`its units per em (${unitsPerEm}) are out of range`);
  const macItalic = (head.u16(44) & 0x2) !== 0;

  const os2 = table('OS/2');
  const weightClass = os2.u16(4);
  const fsType = os2.u16(8);
  const fsSelection = os2.u16(62);

  const hhea = table('hhea');
  const ascender = hhea.i16(4);
  const descender = hhea.i16(6);

  const names = readNames(table('name'));
  const family = cleanName(names.get(16) ?? names.get(1) ?? '');
  if (!family) throw notAFont('it has no family name');
  const subfamily = cleanName(names.get(17) ?? names.get(2) ?? '') || 'Regular';

  return {
    family,
    subfamily,
    // 0 is "not set" in old fonts; anything over 1000 is out of the OS/2 range: read both as regular.
    weight: weightClass >= 1 && weightClass <= 1000 ? weightClass : 400,
    italic: (fsSelection & 0x1) !== 0 || macItalic,
    embedding: embeddingOf(fsType),
    ascent: round4(ascender / unitsPerEm),
    descent: round4(Math.abs(descender) / unitsPerEm),
    ext: kind === 'cff' || (!hasGlyf && hasCff) ? 'otf' : 'ttf',
  };
}

/**
 * OS/2 fsType, bits 0–3. The spec says to set at most one; where several are set, the least restrictive wins
 * (as the spec tells applications to read it).
 */
export function embeddingOf(fsType: number): FontRecord['embedding'] {
  const bits = fsType & 0xf;
  if (bits === 0) return 'installable';
  if (bits & 0x8) return 'editable';
  if (bits & 0x4) return 'preview-print';
  return 'restricted';
}

/**
 * The name table's strings by nameID, in the order a designer expects them: Windows Unicode English (US),
 * then any Windows Unicode, then Unicode platform, then Mac Roman (read as Latin-1, close enough for names).
 */
function readNames(name: Reader): Map<number, string> {
  const count = name.u16(2);
  const storage = name.u16(4);
  const best = new Map<number, { rank: number; text: string }>();
  for (let i = 0; i < count; i++) {
    const rec = 6 + i * 12;
    const platform = name.u16(rec);
    const encoding = name.u16(rec + 2);
    const language = name.u16(rec + 4);
    const id = name.u16(rec + 6);
    if (id !== 1 && id !== 2 && id !== 16 && id !== 17) continue;
    const length = name.u16(rec + 8);
    const offset = name.u16(rec + 10);
    let rank: number;
    let utf16: boolean;
    if (platform === 3 && (encoding === 1 || encoding === 10)) {
      rank = language === 0x409 ? 0 : 1;
      utf16 = true;
    } else if (platform === 0) {
      rank = 2;
      utf16 = true;
    } else if (platform === 1 && encoding === 0) {
      rank = 3;
      utf16 = false;
    } else continue;
    const prev = best.get(id);
    if (prev && prev.rank <= rank) continue;
    const raw = name.bytes(storage + offset, length);
    best.set(id, { rank, text: utf16 ? decodeUtf16be(raw) : String.fromCharCode(...raw) });
  }
  return new Map([...best].map(([id, v]) => [id, v.text]));
}

function decodeUtf16be(raw: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < raw.length; i += 2) s += String.fromCharCode((raw[i]! << 8) | raw[i + 1]!);
  return s;
}

/** Names are shown to people and written into SVG and fontconfig files: no control characters, no lone surrogates, ≤ 200 chars. */
function cleanName(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .trim()
      .slice(0, 200)
      .trim()
  );
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
