import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Crop } from './draft-parts';
import { cropAspectOf, cropAspects, cropForAspect, croppedRatio } from './image-crop';

describe('cropForAspect', () => {
  it('cuts the sides of a wide picture and the top and bottom of a tall one', () => {
    expect(cropForAspect(2000, 1000, 1)).toEqual({ left: 0.25, right: 0.25, top: 0, bottom: 0 });
    expect(cropForAspect(1000, 2000, 1)).toEqual({ left: 0, right: 0, top: 0.25, bottom: 0.25 });
  });

  it('gives a valid centred crop of the asked aspect, as large as fits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 8000 }), fc.integer({ min: 16, max: 8000 }), fc.constantFrom(...cropAspects), (w, h, a) => {
        const c = cropForAspect(w, h, a.ratio);
        expect(Crop.safeParse(c).success).toBe(true);
        expect(c.left).toBeCloseTo(c.right, 12);
        expect(c.top).toBeCloseTo(c.bottom, 12);
        // One pair of sides is whole: the crop is as large as the aspect allows.
        expect(Math.min(c.left + c.right, c.top + c.bottom)).toBe(0);
        // Where the schema's limit does not bind, the aspect is exact and recognised.
        if (Math.max(c.left, c.top) < 0.9) {
          expect(croppedRatio(w, h, c)).toBeCloseTo(a.ratio, 6);
          expect(cropAspectOf(w, h, c)).toBe(a.id);
        }
      }),
    );
  });

  it('a free crop is no channel aspect', () => {
    expect(cropAspectOf(1000, 1000, { left: 0.1, right: 0, top: 0.3, bottom: 0 })).toBe(null);
  });
});
