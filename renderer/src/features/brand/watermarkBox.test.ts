import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corners } from '../../../../electron/model/brand-kit';
import { watermarkBox } from './watermarkBox';

describe('watermarkBox', () => {
  it('puts the logo in its corner, the margin away from both edges', () => {
    const canvas = { width: 1080, height: 1920 };
    const wm = { margin: 0.05, size: 0.2 };
    expect(watermarkBox(canvas, { ...wm, corner: 'top-left' }, 2)).toEqual({ left: 54, top: 54, width: 216, height: 108 });
    expect(watermarkBox(canvas, { ...wm, corner: 'bottom-right' }, 2)).toEqual({ left: 1080 - 54 - 216, top: 1920 - 54 - 108, width: 216, height: 108 });
  });

  it('always stays inside the canvas with the logo’s aspect', () => {
    fc.assert(
      fc.property(
        fc.record({ width: fc.integer({ min: 16, max: 4096 }), height: fc.integer({ min: 16, max: 4096 }) }),
        fc.constantFrom(...corners),
        fc.double({ min: 0, max: 0.25, noNaN: true }),
        fc.double({ min: 0.03, max: 0.6, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        (canvas, corner, margin, size, aspect) => {
          const b = watermarkBox(canvas, { corner, margin, size }, aspect);
          const eps = 1e-6;
          expect(b.left).toBeGreaterThanOrEqual(-eps);
          expect(b.top).toBeGreaterThanOrEqual(-eps);
          expect(b.left + b.width).toBeLessThanOrEqual(canvas.width + eps);
          expect(b.top + b.height).toBeLessThanOrEqual(canvas.height + eps);
          expect(b.width / b.height).toBeCloseTo(aspect, 6);
        },
      ),
    );
  });
});
