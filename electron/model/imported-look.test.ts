import { describe, expect, it } from 'vitest';
import { tabulate, writeCube } from './cube-lut';
import { LookRecord, importedLookName, readImportedCube, uniqueLookName } from './imported-look';

const warm = writeCube(tabulate(5, (r, g, b) => [Math.min(1, r * 1.2), g, b * 0.7], 'Sunset Gold'));

describe('imported .cube looks', () => {
  it('reads a valid 3D LUT and names it by its TITLE, else by its file name', () => {
    const lut = readImportedCube(warm, 'sunset.cube');
    expect(lut.size).toBe(5);
    expect(lut.title).toBe('Sunset Gold');
    expect(importedLookName('sunset.cube', lut.title)).toBe('Sunset Gold');
    expect(importedLookName('/home/me/Film   Grade.CUBE', null)).toBe('Film Grade');
    expect(importedLookName('.cube', '  ')).toBe('Imported look');
    expect(importedLookName('x.cube', 'T'.repeat(300))).toHaveLength(120);
  });

  it('never names an import as another look in the row: a shipped name gets "(imported)", an imported one a number', () => {
    expect(uniqueLookName('Sunset Gold', [])).toBe('Sunset Gold');
    expect(uniqueLookName('Warm', [])).toBe('Warm (imported)');
    expect(uniqueLookName('teal & ORANGE', [])).toBe('teal & ORANGE (imported)');
    expect(uniqueLookName('Warm', ['Warm (imported)'])).toBe('Warm (imported) 2');
    expect(uniqueLookName('Sunset Gold', ['Sunset Gold', 'sunset gold 2'])).toBe('Sunset Gold 3');
    expect(uniqueLookName('T'.repeat(120), ['T'.repeat(120)]).length).toBeLessThanOrEqual(120);
    expect(LookRecord.shape.name.safeParse(uniqueLookName('W'.repeat(120), [], ['W'.repeat(120)])).success).toBe(true);
  });

  it('refuses broken files with the file name, the line and what to do', () => {
    const rows = warm.split('\n');
    const cases: [string, RegExp][] = [
      [rows.map((r, i) => (i === 6 ? '0.1 zero 0.3' : r)).join('\n'), /^grade\.cube: [^]*line 7 has "zero", which is not a number[^]*Export a 3D \.cube LUT/],
      [rows.map((r, i) => (i === 8 ? '0.1 0.2' : r)).join('\n'), /^grade\.cube: [^]*line 9 should have 3 numbers/],
      ['LUT_1D_SIZE 1024\n0 0 0\n', /^grade\.cube: [^]*it is a 1D LUT \(only 3D LUTs are supported\)/],
      ['LUT_3D_SIZE 66\n', /LUT_3D_SIZE 66 is not a whole number from 2 to 65/],
      ['LUT_3D_SIZE 2\n0 0 0\n', /a 2³ LUT has 8 rows, this one has 1/],
      ['hello world', /line 1 should have 3 numbers/],
      ['', /it has no LUT_3D_SIZE line/],
    ];
    for (const [text, message] of cases) expect(() => readImportedCube(text, 'grade.cube'), message.source).toThrow(message);
  });

  it('a record holds the SHA-256 id and the size the parser allows', () => {
    const ok = { id: 'a'.repeat(64), name: 'Warm', size: 33, fileName: 'warm.cube', sizeBytes: 10, addedAt: 'now' };
    expect(LookRecord.safeParse(ok).success).toBe(true);
    expect(LookRecord.safeParse({ ...ok, id: 'warm' }).success).toBe(false);
    expect(LookRecord.safeParse({ ...ok, size: 66 }).success).toBe(false);
  });
});
