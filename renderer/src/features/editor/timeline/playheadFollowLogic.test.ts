import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FOLLOW_EDGE_PX, scrollToShow } from './playheadFollowLogic';

describe('scrollToShow', () => {
  it('leaves the view where it is while the playhead is in it', () => {
    expect(scrollToShow(500, 0, 1000)).toBeNull();
    expect(scrollToShow(0, 0, 1000)).toBeNull();
  });

  it('scrolls to a playhead past either edge (End, a beat jump), a fifth of the way in', () => {
    expect(scrollToShow(1625, 0, 1000)).toBe(1425);
    expect(scrollToShow(1000 - FOLLOW_EDGE_PX + 1, 0, 1000)).toBe(1000 - FOLLOW_EDGE_PX + 1 - 200);
    expect(scrollToShow(0, 800, 1000)).toBe(0);
    expect(scrollToShow(700, 800, 1000)).toBe(500);
  });

  it('always puts the playhead in view, and never scrolls before the start', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 100, max: 4000, noNaN: true }), (x, scrollLeft, visible) => {
        const to = scrollToShow(x, scrollLeft, visible);
        const left = to ?? scrollLeft;
        expect(left).toBeGreaterThanOrEqual(0);
        expect(x).toBeGreaterThanOrEqual(left);
        expect(x).toBeLessThanOrEqual(left + visible - FOLLOW_EDGE_PX + 1e-6);
      }),
    );
  });
});
