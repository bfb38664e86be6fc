import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type RawPixels, SIGNATURE_GRID, downscale, signatureOf } from '../model/visual-signature';
import { signatureGrid } from './signature-grid';

const N = SIGNATURE_GRID;

/** Random pixels of a picture at least as large as the grid. */
const pictures = (channels: 1 | 2 | 3 | 4) =>
  fc
    .record({ width: fc.integer({ min: N, max: 3 * N + 7 }), height: fc.integer({ min: N, max: 3 * N + 7 }), seed: fc.integer() })
    .map(({ width, height, seed }): RawPixels => {
      const data = new Uint8Array(width * height * channels);
      let s = seed >>> 0;
      for (let i = 0; i < data.length; i++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        data[i] = s >>> 24;
      }
      return { data, width, height, channels };
    });

describe('signatureGrid', () => {
  it('is the same square as the model’s own box downscale, level for level, for opaque pictures', () => {
    fc.assert(
      fc.property(fc.oneof(pictures(1), pictures(3)), (px) => {
        const grid = signatureGrid(px)!;
        const cells = downscale(px, N, N);
        const step = px.channels;
        for (let c = 0; c < N * N; c++) {
          expect(grid.data[c * step]).toBe(Math.round(cells.r[c]!));
          if (step === 3) {
            expect(grid.data[c * step + 1]).toBe(Math.round(cells.g[c]!));
            expect(grid.data[c * step + 2]).toBe(Math.round(cells.b[c]!));
          }
        }
        // So the signature is exactly the one signatureOf makes from the full pixels.
        expect(signatureOf(grid)).toEqual(signatureOf(px));
      }),
      { numRuns: 40 },
    );
  });

  it('weights colours by opacity as the model does, within a level of rounding', () => {
    fc.assert(
      fc.property(fc.oneof(pictures(2), pictures(4)), (px) => {
        const grid = signatureGrid(px)!;
        const cells = downscale(px, N, N);
        const step = px.channels;
        for (let c = 0; c < N * N; c++) {
          expect(Math.abs(grid.data[c * step + step - 1]! - cells.alpha[c]! * 255)).toBeLessThanOrEqual(0.5 + 1e-9);
          if (cells.alpha[c]! > 0) expect(Math.abs(grid.data[c * step]! - cells.r[c]!)).toBeLessThanOrEqual(0.5 + 1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('does not let transparent pixels colour a cell', () => {
    // 128×128 RGBA: in each 2×2 block one opaque red pixel and three fully transparent blue ones.
    const px: RawPixels = { data: new Uint8Array(128 * 128 * 4), width: 128, height: 128, channels: 4 };
    for (let y = 0; y < 128; y++) {
      for (let x = 0; x < 128; x++) {
        const i = (y * 128 + x) * 4;
        const opaque = x % 2 === 0 && y % 2 === 0;
        px.data.set(opaque ? [255, 0, 0, 255] : [0, 0, 255, 0], i);
      }
    }
    const grid = signatureGrid(px)!;
    for (let c = 0; c < N * N; c++) expect([...grid.data.subarray(c * 4, c * 4 + 4)]).toEqual([255, 0, 0, 64]);
  });

  it('leaves pictures smaller than the grid to libvips, and refuses a buffer that does not match its size', () => {
    expect(signatureGrid({ data: new Uint8Array(63 * 200 * 3), width: 63, height: 200, channels: 3 })).toBeNull();
    expect(() => signatureGrid({ data: new Uint8Array(100), width: 64, height: 64, channels: 3 })).toThrow(/not 64×64×3/);
  });

  it('is within a level or two of what libvips makes from a 480 px photo-like picture', async () => {
    const width = 480;
    const height = 360;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#2050c0"/>
      <circle cx="150" cy="160" r="90" fill="#f0d020"/><rect x="300" y="60" width="120" height="240" fill="#10a040"/></svg>`;
    const grain = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).png().toBuffer();
    const { data, info } = await sharp(Buffer.from(svg)).composite([{ input: grain, blend: 'soft-light' }]).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const grid = signatureGrid({ data, width: info.width, height: info.height, channels: info.channels })!;
    const vips = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).resize(N, N, { fit: 'fill' }).raw().toBuffer();
    let sum = 0;
    for (let i = 0; i < vips.length; i++) sum += Math.abs(vips[i]! - grid.data[i]!);
    expect(sum / vips.length, 'mean difference per channel, in levels of 255').toBeLessThan(3);
  });
});
