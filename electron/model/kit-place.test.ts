import { describe, expect, it } from 'vitest';
import { corners, type WatermarkPreset } from './brand-kit';
import { canvasPresets, Transform } from './draft';
import { place } from './geometry';
import { LOGO_WIDTH, logoTransform, watermarkRect, watermarkTransform, watermarkWidth } from './kit-place';

const canvases = Object.values(canvasPresets).map(({ width, height }) => ({ width, height }));
const logos = [
  { width: 600, height: 200 }, // wide wordmark
  { width: 512, height: 512 }, // square mark
  { width: 120, height: 400 }, // tall
  { width: 4000, height: 1000 }, // larger than the canvas
];

describe('watermark placement', () => {
  for (const corner of corners) {
    for (const canvas of canvases) {
      it(`${corner} on ${canvas.width}×${canvas.height}: the margin from both edges, the width, the aspect`, () => {
        for (const logo of logos) {
          const preset: WatermarkPreset = { logo: 'light', corner, margin: 0.05, size: 0.2, opacity: 0.7 };
          const t = watermarkTransform(preset, logo, canvas);
          expect(Transform.safeParse(t).success).toBe(true);
          expect(t.opacity).toBe(0.7);
          const r = watermarkRect(preset, logo, canvas);
          const gap = 0.05 * canvas.width;
          const left = corner.endsWith('left') ? r.x : canvas.width - (r.x + r.width);
          const top = corner.startsWith('top') ? r.y : canvas.height - (r.y + r.height);
          // Whole pixels: the gap is rounded once.
          expect(Math.abs(left - gap), `${logo.width}×${logo.height} horizontal gap`).toBeLessThanOrEqual(1);
          expect(Math.abs(top - gap), `${logo.width}×${logo.height} vertical gap`).toBeLessThanOrEqual(1);
          // Even-pixel sizes (place()): within 2 px of the wanted width, aspect within a pixel's worth. The wanted
          // width is the preset's, unless the logo would not fit the canvas's height between the margins.
          const fits = (logo.width / logo.height) * (canvas.height - 2 * gap) >= 0.2 * canvas.width;
          expect(watermarkWidth(preset, logo, canvas) === 0.2).toBe(fits);
          expect(Math.abs(r.width - watermarkWidth(preset, logo, canvas) * canvas.width)).toBeLessThanOrEqual(2);
          expect(Math.abs(r.height - (r.width * logo.height) / logo.width)).toBeLessThanOrEqual(2);
          // Inside the canvas.
          expect(r.x).toBeGreaterThanOrEqual(0);
          expect(r.y).toBeGreaterThanOrEqual(0);
          expect(r.x + r.width).toBeLessThanOrEqual(canvas.width);
          expect(r.y + r.height).toBeLessThanOrEqual(canvas.height);
        }
      });
    }
  }

  it('puts the four corners in four different places', () => {
    const canvas = { width: 1080, height: 1920 };
    const rects = corners.map((corner) => watermarkRect({ logo: 'dark', corner, margin: 0.04, size: 0.18, opacity: 1 }, { width: 300, height: 100 }, canvas));
    expect(new Set(rects.map((r) => `${r.x},${r.y}`)).size).toBe(4);
  });

  it('a zero margin touches the edges', () => {
    const r = watermarkRect({ logo: 'light', corner: 'bottom-right', margin: 0, size: 0.3, opacity: 1 }, { width: 300, height: 100 }, { width: 1080, height: 1920 });
    expect(r.x + r.width).toBe(1080);
    expect(r.y + r.height).toBe(1920);
  });
});

describe('logo placement', () => {
  it('centres the logo at the given point, LOGO_WIDTH of the canvas wide, aspect kept', () => {
    for (const canvas of canvases) {
      for (const logo of logos) {
        const { dest } = place(logoTransform(logo, canvas), logo, canvas, false);
        expect(Math.abs(dest.width - LOGO_WIDTH * canvas.width)).toBeLessThanOrEqual(2);
        expect(Math.abs(dest.x + dest.width / 2 - canvas.width / 2)).toBeLessThanOrEqual(1);
        expect(Math.abs(dest.y + dest.height / 2 - canvas.height / 2)).toBeLessThanOrEqual(1);
        expect(Math.abs(dest.height - (dest.width * logo.height) / logo.width)).toBeLessThanOrEqual(2);
      }
    }
  });
});
