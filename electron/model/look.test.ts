import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClipLook } from './clip-look';
import { parseCube, sampleCube } from './cube-lut';
import { adjustColour, applyLookToPixels, isIdentityLook, lookColour, lookFilters, lookTable, SHARPEN_AMOUNT, VIGNETTE_ANGLE, vignetteAt } from './look';
import { shippedLooks, shippedLut, SHIPPED_LUT_SIZE } from './look-catalogue';

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const none: ClipLook = { adjust: {}, lut: null };

describe('look maths', () => {
  it('no adjustment changes nothing; the identity look is recognised', () => {
    fc.assert(
      fc.property(unit, unit, unit, (r, g, b) => {
        expect(adjustColour(r, g, b, {})).toEqual([r, g, b]);
      }),
    );
    expect(isIdentityLook(undefined)).toBe(true);
    expect(isIdentityLook({ adjust: { exposure: 0 }, lut: { id: 'warm', strength: 0 } })).toBe(true);
    expect(isIdentityLook({ adjust: { vignette: 0.1 }, lut: null })).toBe(false);
    expect(lookFilters(none, null)).toEqual([]);
  });

  it('exposure brightens monotonically, one stop doubles linear light', () => {
    fc.assert(
      fc.property(unit, fc.double({ min: -2, max: 1.9, noNaN: true }), (v, e) => {
        const lo = adjustColour(v, v, v, { exposure: e })[0];
        const hi = adjustColour(v, v, v, { exposure: e + 0.1 })[0];
        expect(hi).toBeGreaterThanOrEqual(lo - 1e-12);
      }),
    );
    // sRGB 0.5 is 0.214 linear; doubled 0.428 is sRGB 0.686.
    expect(adjustColour(0.5, 0.5, 0.5, { exposure: 1 })[0]).toBeCloseTo(0.6858, 3);
  });

  it('warm temperature raises red and lowers blue; tint + lowers green; saturation −1 is grey', () => {
    const [r, g, b] = adjustColour(0.5, 0.5, 0.5, { temperature: 1 });
    expect(r).toBeGreaterThan(0.5);
    expect(g).toBeCloseTo(0.5, 9);
    expect(b).toBeLessThan(0.5);
    expect(adjustColour(0.5, 0.5, 0.5, { tint: 1 })[1]).toBeLessThan(0.5);
    fc.assert(
      fc.property(unit, unit, unit, (r0, g0, b0) => {
        const [x, y, z] = adjustColour(r0, g0, b0, { saturation: -1 });
        expect(x).toBeCloseTo(y, 9);
        expect(y).toBeCloseTo(z, 9);
      }),
    );
  });

  it('contrast pivots on mid-grey and stays in 0..1', () => {
    fc.assert(
      fc.property(unit, fc.double({ min: -1, max: 1, noNaN: true }), (v, c) => {
        const out = adjustColour(v, v, v, { contrast: c })[0];
        expect(out).toBeGreaterThanOrEqual(0);
        expect(out).toBeLessThanOrEqual(1);
        if (c > 0) expect(Math.abs(out - 0.5)).toBeGreaterThanOrEqual(Math.abs(v - 0.5) - 1e-12);
      }),
    );
    expect(adjustColour(0.5, 0.5, 0.5, { contrast: 1 })[0]).toBe(0.5);
  });

  it('a LUT is mixed in by its strength', () => {
    fc.assert(
      fc.property(unit, unit, unit, unit, (r, g, b, s) => {
        const warm = shippedLut('warm')!;
        const full = sampleCube(warm, r, g, b);
        const out = lookColour(r, g, b, { adjust: {}, lut: { id: 'warm', strength: s } }, warm);
        [r, g, b].forEach((v, c) => expect(out[c]).toBeCloseTo(v + (full[c]! - v) * s, 9));
      }),
    );
  });

  it('the baked table equals the maths at its grid points and close to it between them', () => {
    const look: ClipLook = { adjust: { exposure: 0.4, contrast: 0.2, saturation: 0.3 }, lut: { id: 'warm', strength: 0.8 } };
    const t = lookTable(look);
    fc.assert(
      fc.property(unit, unit, unit, (r, g, b) => {
        const exact = lookColour(r, g, b, look, shippedLut('warm'));
        const baked = sampleCube(t, r, g, b);
        exact.forEach((v, c) => expect(Math.abs(v - baked[c]!)).toBeLessThan(0.02));
      }),
    );
    expect(() => lookTable({ adjust: {}, lut: { id: 'nope', strength: 1 } })).toThrow(/Unknown look "nope"/);
  });

  it('vignette is 1 at the centre, falls to cos(angle)⁴ at the corners', () => {
    expect(vignetteAt(50, 50, 100, 100, 1)).toBe(1);
    expect(vignetteAt(0, 0, 100, 100, 1)).toBeCloseTo(Math.cos(VIGNETTE_ANGLE) ** 4, 9);
    expect(vignetteAt(0, 0, 100, 100, 0)).toBe(1);
    fc.assert(
      fc.property(unit, unit, (x, y) => {
        expect(vignetteAt(x * 100, y * 60, 100, 60, 0.7)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('writes the filters ffmpeg runs: trilinear lut3d, vignette without dither, luma unsharp', () => {
    const look: ClipLook = { adjust: { exposure: 0.5, vignette: 0.5, sharpen: 0.4 }, lut: null };
    expect(lookFilters(look, '/tmp/postframe-looks/ab.cube')).toEqual([
      'lut3d=file=/tmp/postframe-looks/ab.cube:interp=trilinear',
      'format=rgb24',
      `vignette=angle=${VIGNETTE_ANGLE * 0.5}:dither=0`,
      `unsharp=luma_msize_x=5:luma_msize_y=5:luma_amount=${Math.round(SHARPEN_AMOUNT * 0.4 * 1e6) / 1e6}:chroma_amount=0`,
    ]);
    expect(lookFilters({ adjust: { vignette: 1 }, lut: null }, null)).toEqual(['format=rgb24', `vignette=angle=${VIGNETTE_ANGLE}:dither=0`]);
    // Video: to RGB and back with BT.709 around the colour work.
    expect(lookFilters({ adjust: { vignette: 1 }, lut: null }, null, true)).toEqual(['scale=in_color_matrix=bt709:out_color_matrix=bt709', 'format=rgb24', `vignette=angle=${VIGNETTE_ANGLE}:dither=0`, 'scale=in_color_matrix=bt709:out_color_matrix=bt709', 'format=yuv420p']);
    // A photo's vignette with pad names keeps its alpha: split off, merged back after.
    expect(lookFilters({ adjust: { vignette: 1 }, lut: null }, null, false, 'la3')).toEqual([
      `format=rgba,split=2[la3c][la3a];[la3a]alphaextract[la3m];[la3c]format=rgb24,vignette=angle=${VIGNETTE_ANGLE}:dither=0[la3v];[la3v][la3m]alphamerge`,
    ]);
    expect(lookFilters({ adjust: {}, lut: { id: 'warm', strength: 1 } }, 'C:\\tmp\\a.cube')[0]).toBe('lut3d=file=C\\:/tmp/a.cube:interp=trilinear');
  });

  it('the pixel pass applies the table and keeps alpha', () => {
    const look: ClipLook = { adjust: { exposure: 1 }, lut: null };
    const t = lookTable(look);
    const px = new Uint8ClampedArray([128, 128, 128, 77, 0, 0, 0, 255]);
    applyLookToPixels(px, 2, 1, look, t);
    expect(px[0]).toBeGreaterThan(170);
    expect(px[3]).toBe(77);
    expect(px[4]).toBe(0);
  });
});

describe('shipped looks', () => {
  it('each resources/luts file is its look function at the shipped size', () => {
    for (const look of shippedLooks) {
      const file = parseCube(fs.readFileSync(path.join(__dirname, '..', '..', 'resources', 'luts', `${look.id}.cube`), 'utf8'));
      expect(file.size).toBe(SHIPPED_LUT_SIZE);
      const fn = shippedLut(look.id)!;
      file.data.forEach((v, i) => expect(Math.abs(v - fn.data[i]!)).toBeLessThan(1e-6));
    }
  });
  it('every shipped look stays in 0..1 and changes the picture', () => {
    for (const look of shippedLooks) {
      const t = shippedLut(look.id)!;
      expect(t.data.every((v) => v >= 0 && v <= 1)).toBe(true);
      const mid = sampleCube(t, 0.6, 0.45, 0.3);
      expect(Math.max(...mid.map((v, c) => Math.abs(v - [0.6, 0.45, 0.3][c]!)))).toBeGreaterThan(0.005);
    }
  });
});
