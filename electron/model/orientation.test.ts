import { describe, expect, it } from 'vitest';
import { type Orientation, orientationTurn, toOrientation, uprightSize } from './orientation';

const ALL: Orientation[] = [1, 2, 3, 4, 5, 6, 7, 8];

/**
 * Where the upright pixel (x, y) of a W×H picture is stored, from the EXIF definition of each tag (which stored
 * row is the top, which stored column the left).
 */
function storedAt(o: Orientation, x: number, y: number, W: number, H: number): [number, number] {
  return ({
    1: [x, y], 2: [W - 1 - x, y], 3: [W - 1 - x, H - 1 - y], 4: [x, H - 1 - y],
    5: [y, x], 6: [y, W - 1 - x], 7: [H - 1 - y, W - 1 - x], 8: [H - 1 - y, x],
  } as const)[o] as [number, number];
}

/** Where a stored pixel lands after a mirror (left↔right) and then a clockwise turn, for stored size sw×sh. */
function shownAt(turn: { mirrored: boolean; rotation: number }, sx: number, sy: number, sw: number, sh: number): [number, number] {
  let [x, y, w, h] = [turn.mirrored ? sw - 1 - sx : sx, sy, sw, sh];
  for (let r = 0; r < turn.rotation; r += 90) [x, y, w, h] = [h - 1 - y, x, h, w];
  return [x, y];
}

describe('EXIF orientation', () => {
  it('a mirror then a clockwise turn puts every stored pixel where the EXIF definition says', () => {
    const [W, H] = [5, 3];
    for (const o of ALL) {
      const stored = o >= 5 ? { width: H, height: W } : { width: W, height: H };
      expect(uprightSize(stored, o), `orientation ${o}: size`).toEqual({ width: W, height: H });
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const [sx, sy] = storedAt(o, x, y, W, H);
          expect(shownAt(orientationTurn(o), sx, sy, stored.width, stored.height), `orientation ${o}: (${x}, ${y})`).toEqual([x, y]);
        }
      }
    }
  });

  it('reads only 1–8 as an orientation; anything else is "as stored"', () => {
    expect(ALL.map(toOrientation)).toEqual(ALL);
    for (const v of [0, 9, -6, 6.5, '6', null, undefined, Number.NaN]) expect(toOrientation(v), String(v)).toBe(1);
  });
});
