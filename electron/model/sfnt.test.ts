import fs from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { embeddingOf, fontContainer, MAX_FONT_BYTES, readSfnt } from './sfnt';
import { buildTestFont } from './__tests__/sfnt-builder';

const lobster = () => new Uint8Array(fs.readFileSync(createRequire(import.meta.url).resolve('@expo-google-fonts/lobster/400Regular/Lobster_400Regular.ttf')));

/** Runs `f`; passes only when it returns or throws an AppError (never a RangeError or TypeError). */
function onlyAppErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof AppError)) throw new Error(`threw ${String(e)} instead of an AppError`);
    expect(e.message).toMatch(/\w/);
  }
}

describe('readSfnt', () => {
  it('reads a real TrueType font (Lobster): family, style, weight, embedding, metrics from hhea', () => {
    expect(readSfnt(lobster())).toEqual({ family: 'Lobster', subfamily: 'Regular', weight: 400, italic: false, embedding: 'installable', ascent: 1, descent: 0.25, ext: 'ttf' });
  });

  it('prefers the typographic family (nameID 16) and reads weight, italic, fsType and CFF outlines', () => {
    const f = readSfnt(buildTestFont({ family: 'Brand Sans Black', typoFamily: 'Brand Sans', subfamily: 'Black Italic', weight: 900, italic: true, fsType: 8, cff: true, unitsPerEm: 2048, ascender: 1638, descender: -410 }));
    expect(f).toEqual({ family: 'Brand Sans', subfamily: 'Black Italic', weight: 900, italic: true, embedding: 'editable', ascent: 0.7998, descent: 0.2002, ext: 'otf' });
  });

  it('reads a weight of 0 (unset in old fonts) as regular', () => {
    expect(readSfnt(buildTestFont({ weight: 0 })).weight).toBe(400);
  });

  it.each([
    [0, 'installable'],
    [2, 'restricted'],
    [4, 'preview-print'],
    [8, 'editable'],
    [4 | 8, 'editable'],
    [2 | 4, 'preview-print'],
    [0x100, 'installable'],
  ] as const)('fsType %i is %s', (fsType, expected) => {
    expect(embeddingOf(fsType)).toBe(expected);
  });

  it('refuses collections, WOFF 1, non-fonts and oversized files with what to do', () => {
    const ttc = new Uint8Array([0x74, 0x74, 0x63, 0x66, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(() => readSfnt(ttc)).toThrow(/font collection \(\.ttc\/\.otc\)[^]*single TTF or OTF/);
    expect(() => readSfnt(new Uint8Array([0x77, 0x4f, 0x46, 0x46, 0, 0, 0, 0]))).toThrow(/WOFF \(version 1\)/);
    expect(() => readSfnt(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(/not a font Postframe can use[^]*TTF, OTF or WOFF2/);
    const huge = new Uint8Array(MAX_FONT_BYTES + 1);
    huge.set([0, 1, 0, 0]);
    expect(() => readSfnt(huge)).toThrow(expect.objectContaining({ code: 'too_large' }));
  });

  it.each(['name', 'OS/2', 'hhea', 'cmap', 'head'])('refuses a font without its %s table, naming it', (table) => {
    expect(() => readSfnt(buildTestFont({ omit: [table] }))).toThrow(new RegExp(`no '${table.replace('/', '\\/')}' table`));
  });

  it('refuses a font without outlines and one without a family name', () => {
    expect(() => readSfnt(buildTestFont({ omit: ['glyf'] }))).toThrow(/no glyph outlines/);
    expect(() => readSfnt(buildTestFont({ family: '  ' }))).toThrow(/no family name/);
  });

  it('tells the container from the first bytes', () => {
    expect(fontContainer(lobster())).toBe('truetype');
    expect(fontContainer(buildTestFont({ cff: true }))).toBe('cff');
    expect(fontContainer(new TextEncoder().encode('wOF2....'))).toBe('woff2');
    expect(fontContainer(new Uint8Array([1, 2]))).toBeNull();
  });

  // ── fuzz: no input makes the reader throw anything but a clear AppError ──

  it('random bytes (with and without a font signature) only ever give a record or an AppError', () => {
    const signature = fc.constantFrom([0, 1, 0, 0], [0x4f, 0x54, 0x54, 0x4f], [0x74, 0x72, 0x75, 0x65], [0x74, 0x74, 0x63, 0x66], []);
    fc.assert(
      fc.property(signature, fc.uint8Array({ maxLength: 2048 }), (sig, rest) => {
        onlyAppErrors(() => readSfnt(new Uint8Array([...sig, ...rest])));
      }),
      { numRuns: 2000 },
    );
  });

  it('every truncation of a real font, and a real font with random bytes changed, gives a record or an AppError', () => {
    const real = lobster();
    // The directory and the small tables at the start are where a reader goes wrong; then a spread of cuts.
    const cuts = fc.oneof(fc.integer({ min: 0, max: 4096 }), fc.integer({ min: 0, max: real.length }));
    fc.assert(fc.property(cuts, (n) => onlyAppErrors(() => readSfnt(real.slice(0, n)))), { numRuns: 500 });
    const small = buildTestFont({ typoFamily: 'Fuzz' });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(small.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
        const b = small.slice();
        for (const [at, v] of edits) b[at] = v;
        onlyAppErrors(() => {
          const f = readSfnt(b);
          expect(f.family.length).toBeGreaterThan(0);
          expect(f.family.length).toBeLessThanOrEqual(200);
          expect(Number.isFinite(f.ascent) && Number.isFinite(f.descent)).toBe(true);
        });
      }),
      { numRuns: 3000 },
    );
  });
});
