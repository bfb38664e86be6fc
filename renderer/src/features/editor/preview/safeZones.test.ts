import { describe, expect, it } from 'vitest';
import { isTallZone, safeZones } from './safeZones';

describe('safe zones', () => {
  it('every zone lies inside the frame (so a label kept inside its zone is inside the canvas)', () => {
    for (const zones of Object.values(safeZones)) {
      for (const z of zones) {
        expect(z.x).toBeGreaterThanOrEqual(0);
        expect(z.y).toBeGreaterThanOrEqual(0);
        expect(z.x + z.w).toBeLessThanOrEqual(1 + 1e-9);
        expect(z.y + z.h).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
  });
  it('the buttons column is tall on a 9:16 canvas; the caption band and app bar are not', () => {
    const tiktok = safeZones.tiktok;
    const byLabel = (l: string) => tiktok.find((z) => z.label === l)!;
    expect(isTallZone(byLabel('buttons'), 9 / 16)).toBe(true);
    expect(isTallZone(byLabel('caption'), 9 / 16)).toBe(false);
    expect(isTallZone(byLabel('top'), 9 / 16)).toBe(false);
  });
});
