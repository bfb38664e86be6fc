import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUBE_SIZE_MAX, parseCube, sampleCube, tabulate, writeCube } from './cube-lut';

const identity = (n: number) => tabulate(n, (r, g, b) => [r, g, b]);
const unit = fc.double({ min: 0, max: 1, noNaN: true });
/** The table rows of a written LUT, without its header. */
const tableRows = (text: string) => text.split('\n').filter((l) => /^[0-9-]/.test(l)).join('\n');

describe('.cube LUTs', () => {
  it('write then parse gives the same table at any size, red fastest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.double({ min: -0.5, max: 0.5, noNaN: true }), (n, k) => {
        const lut = tabulate(n, (r, g, b) => [r + k * g, g * (1 - k), b - k * r], 'T');
        const back = parseCube(writeCube(lut));
        expect(back.size).toBe(n);
        expect(back.title).toBe('T');
        back.data.forEach((v, i) => expect(v).toBeCloseTo(lut.data[i]!, 5));
        // Row 1 is red's second step: (1/(n-1), 0, 0).
        expect(back.data[3]).toBeCloseTo(1 / (n - 1), 5);
      }),
      { numRuns: 40 },
    );
  });

  it('reads comments, blank lines, CRLF, a title and a 0..1 domain', () => {
    const text = `# made by hand\r\nTITLE "Test"\r\n\r\nLUT_3D_SIZE 2\r\nDOMAIN_MIN 0 0 0\r\nDOMAIN_MAX 1 1 1\r\n${tableRows(writeCube(identity(2))).replace(/\n/g, '\r\n')}`;
    const lut = parseCube(text);
    expect(lut.title).toBe('Test');
    expect(Array.from(lut.data)).toEqual(Array.from(identity(2).data));
  });

  it('maps another input domain onto 0..1', () => {
    const rows = tableRows(writeCube(identity(3)));
    // A LUT over 0..2 that is the identity there halves 0..1 inputs' reach: at input 0.5 (its 0.25) it reads 0.25.
    const lut = parseCube(`LUT_3D_SIZE 3\nDOMAIN_MIN 0 0 0\nDOMAIN_MAX 2 2 2\n${rows}`);
    expect(sampleCube(lut, 1, 0.5, 0)[0]).toBeCloseTo(0.5, 5);
    expect(sampleCube(lut, 1, 0.5, 0)[1]).toBeCloseTo(0.25, 5);
  });

  it('trilinear sampling: the identity table gives the input back; grid points give the table', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 17 }), unit, unit, unit, (n, r, g, b) => {
        const out = sampleCube(identity(n), r, g, b);
        expect(out[0]).toBeCloseTo(r, 5);
        expect(out[1]).toBeCloseTo(g, 5);
        expect(out[2]).toBeCloseTo(b, 5);
      }),
    );
    const lut = tabulate(5, (r, g, b) => [r * r, Math.sqrt(g), 1 - b]);
    expect(sampleCube(lut, 0.25, 0.5, 0.75)).toEqual([lut.data[((3 * 5 + 2) * 5 + 1) * 3]!, lut.data[((3 * 5 + 2) * 5 + 1) * 3 + 1]!, lut.data[((3 * 5 + 2) * 5 + 1) * 3 + 2]!]);
  });

  it('refuses bad files with a message saying what is wrong and what to do', () => {
    const rows = (n: number) => tableRows(writeCube(identity(n)));
    const cases: [string, RegExp][] = [
      ['', /no LUT_3D_SIZE/],
      ['LUT_1D_SIZE 1024\n0 0 0', /1D LUT/],
      [`LUT_3D_SIZE ${CUBE_SIZE_MAX + 1}\n`, /LUT_3D_SIZE 66 is not a whole number/],
      ['LUT_3D_SIZE 1.5\n', /not a whole number/],
      [`LUT_3D_SIZE 3\n${rows(2)}`, /a 3³ LUT has 27 rows, this one has 8/],
      [`LUT_3D_SIZE 2\n${rows(2).replace('0.000000 0.000000 0.000000', '0 zero 0')}`, /"zero", which is not a number/],
      [`LUT_3D_SIZE 2\n${rows(2).replace('0.000000 0.000000 0.000000', '0 0')}`, /should have 3 numbers/],
      [`LUT_3D_SIZE 2\nDOMAIN_MIN 1 1 1\nDOMAIN_MAX 0 0 0\n${rows(2)}`, /DOMAIN_MAX must be above DOMAIN_MIN/],
      [`LUT_3D_SIZE 2\nFLAVOUR sweet\n${rows(2)}`, /unknown keyword FLAVOUR/],
      [`LUT_3D_SIZE 2\n0 0 0\nTITLE "late"\n`, /comes after the table started/],
    ];
    for (const [text, msg] of cases) {
      expect(() => parseCube(text)).toThrow(msg);
      expect(() => parseCube(text)).toThrow(/Export a 3D \.cube LUT/);
    }
  });

  it('never throws anything but its own error on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseCube(text);
        } catch (e) {
          expect((e as Error).message).toMatch(/This is not a LUT Postframe can use/);
        }
      }),
    );
  });
});
