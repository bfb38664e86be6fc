import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corners, type WatermarkPreset } from '../../../../electron/model/brand-kit';
import { place } from '../../../../electron/model/geometry';
import { watermarkTransform } from '../../../../electron/model/kit-place';
import { exportCanvasFor, watermarkBox } from './watermarkBox';

const preset = (p: Partial<WatermarkPreset>): WatermarkPreset => ({ logo: 'light', corner: 'bottom-right', margin: 0.05, size: 0.2, opacity: 0.8, ...p });

describe('watermarkBox', () => {
  it('puts the logo in its corner, the margin away from both edges', () => {
    const canvas = { width: 1080, height: 1920 };
    const logo = { width: 400, height: 200 };
    expect(watermarkBox(canvas, preset({ corner: 'top-left' }), logo)).toEqual({ left: 54, top: 54, width: 216, height: 108 });
    expect(watermarkBox(canvas, preset({ corner: 'bottom-right' }), logo)).toEqual({ left: 1080 - 54 - 216, top: 1920 - 54 - 108, width: 216, height: 108 });
    // The Brand room's 162×288 mock is the 1080×1920 export scaled by 0.15.
    expect(watermarkBox({ width: 162, height: 288 }, preset({ corner: 'top-left' }), logo)).toEqual({ left: 54 * 0.15, top: 54 * 0.15, width: 216 * 0.15, height: 108 * 0.15 });
  });

  it('is exactly the rectangle place() gives the export for the same preset, scaled to the frame', () => {
    fc.assert(
      fc.property(
        fc.record({ width: fc.integer({ min: 40, max: 800 }), height: fc.integer({ min: 40, max: 800 }) }),
        fc.option(fc.record({ width: fc.integer({ min: 16, max: 4096 }), height: fc.integer({ min: 16, max: 4096 }) }), { nil: undefined }),
        fc.constantFrom(...corners),
        fc.double({ min: 0, max: 0.25, noNaN: true }),
        fc.double({ min: 0.03, max: 0.6, noNaN: true }),
        fc.record({ width: fc.integer({ min: 8, max: 5000 }), height: fc.integer({ min: 8, max: 5000 }) }),
        (frame, given, corner, margin, size, logo) => {
          const wm = preset({ corner, margin, size });
          const canvas = given ?? exportCanvasFor(frame);
          const { dest } = place(watermarkTransform(wm, logo, canvas), logo, canvas, false);
          const k = frame.width / canvas.width;
          const b = watermarkBox(frame, wm, logo, canvas);
          expect(b.left).toBeCloseTo(dest.x * k, 9);
          expect(b.top).toBeCloseTo(dest.y * k, 9);
          expect(b.width).toBeCloseTo(dest.width * k, 9);
          expect(b.height).toBeCloseTo(dest.height * k, 9);
        },
      ),
    );
  });

  it('the export canvas a frame stands for keeps its aspect', () => {
    expect(exportCanvasFor({ width: 162, height: 288 })).toEqual({ width: 1080, height: 1920 });
    expect(exportCanvasFor({ width: 288, height: 162 })).toEqual({ width: 1080, height: 608 });
  });
});
