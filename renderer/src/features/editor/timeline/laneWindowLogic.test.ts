import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipDuration, defaultTransform, type MediaClip } from '../../../../../electron/model/draft';
import { timeToX } from '../../../../../electron/model/timeline';
import { MIN_WINDOW_STEP_PX, clipsInWindow, laneWindow, sameWindow, shiftWindow } from './laneWindowLogic';

const clip = (id: string, start: number, length: number): MediaClip => ({
  id, type: 'media', assetId: 'a1', start, in: 0, out: length, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
  transform: defaultTransform('fill'), transitionIn: null, brand: null,
});
/** 300 one-second clips back to back, as the magnetic main track holds them. */
const packed = Array.from({ length: 300 }, (_, i) => clip(`c${i}`, i, 1));

describe('laneWindow', () => {
  it('is null (draw everything) before the lane has a size', () => {
    expect(laneWindow(0, 0)).toBeNull();
    expect(laneWindow(100, -5)).toBeNull();
    expect(laneWindow(Number.NaN, 800)).toBeNull();
  });
  it('reaches a viewport beyond each side of what is visible, for any scroll', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 5000, noNaN: true }), (scroll, viewport) => {
        const w = laneWindow(scroll, viewport)!;
        expect(w.fromPx).toBeLessThanOrEqual(Math.max(0, scroll - viewport));
        expect(w.toPx).toBeGreaterThanOrEqual(scroll + 2 * viewport);
        // Never more than a few viewports: that is the point.
        expect(w.toPx - w.fromPx).toBeLessThanOrEqual(3 * viewport + Math.max(MIN_WINDOW_STEP_PX, Math.round(viewport / 2)) + 1);
      }),
    );
  });
  it('stays the same while the scroll stays within a step, so a scroll re-renders rarely', () => {
    const viewport = 1000;
    const a = laneWindow(500, viewport);
    expect(sameWindow(a, laneWindow(501, viewport))).toBe(true);
    expect(sameWindow(a, laneWindow(999, viewport))).toBe(true);
    expect(sameWindow(a, laneWindow(1000, viewport))).toBe(false);
    // Scrolling a whole screen steps it twice at most.
    const seen = new Set<string>();
    for (let x = 0; x < viewport; x += 10) seen.add(JSON.stringify(laneWindow(3000 + x, viewport)));
    expect(seen.size).toBeLessThanOrEqual(2);
  });
  it('compares windows by value', () => {
    expect(sameWindow(null, null)).toBe(true);
    expect(sameWindow({ fromPx: 0, toPx: 10 }, { fromPx: 0, toPx: 10 })).toBe(true);
    expect(sameWindow({ fromPx: 0, toPx: 10 }, null)).toBe(false);
  });
});

describe('clipsInWindow', () => {
  it('draws every clip when there is no window (the same array)', () => {
    expect(clipsInWindow(packed, null, 80, [])).toBe(packed);
  });
  it('draws the clips in and near view of a 300-clip lane, not all of them', () => {
    const drawn = clipsInWindow(packed, laneWindow(0, 1200), 80, []);
    // 0 … 600 + 2·1200 px at 80 px/s: clips 0 to 37.
    expect(drawn.map((c) => c.id)).toEqual(packed.slice(0, 38).map((c) => c.id));
  });
  it('keeps the selected and revealed clips wherever they are, in track order', () => {
    const drawn = clipsInWindow(packed, laneWindow(0, 1200), 80, ['c250', 'c40']);
    expect(drawn.at(-2)!.id).toBe('c40');
    expect(drawn.at(-1)!.id).toBe('c250');
  });
  it('draws exactly the clips whose blocks overlap the window, plus the kept ones (any track, any zoom)', () => {
    const clipArb = fc.record({ start: fc.double({ min: 0, max: 600, noNaN: true }), length: fc.double({ min: 0.001, max: 30, noNaN: true }) });
    fc.assert(
      fc.property(
        fc.array(clipArb, { maxLength: 60 }),
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        fc.double({ min: 50, max: 4000, noNaN: true }),
        fc.double({ min: 8, max: 600, noNaN: true }),
        fc.array(fc.nat({ max: 70 }), { maxLength: 4 }),
        (specs, scroll, viewport, pps, kept) => {
          const clips = specs.map((s, i) => clip(`c${i}`, s.start, s.length));
          const keep = kept.map((k) => `c${k}`);
          const drawn = clipsInWindow(clips, laneWindow(scroll, viewport), pps, keep);
          // A subsequence of the track, in order.
          const order = drawn.map((c) => clips.indexOf(c));
          expect(order).toEqual([...order].sort((a, b) => a - b));
          for (const c of clips) {
            const left = timeToX(c.start, pps);
            const right = left + Math.max(2, timeToX(clipDuration(c), pps));
            // Anything on screen is drawn.
            if (left < scroll + viewport && right > scroll) expect(drawn).toContain(c);
            if (keep.includes(c.id)) expect(drawn).toContain(c);
          }
        },
      ),
    );
  });
});

describe('shiftWindow', () => {
  it('moves both ends, and keeps null (draw everything) and a zero shift as they are', () => {
    const w = laneWindow(1000, 800);
    expect(shiftWindow(w, -30)).toEqual({ fromPx: w!.fromPx - 30, toPx: w!.toPx - 30 });
    expect(shiftWindow(w, 0)).toBe(w);
    expect(shiftWindow(null, 12)).toBeNull();
  });
  it('draws, of clips shifted by d, the same ones as the window shifted by −d draws of the unshifted clips', () => {
    const w = laneWindow(5000, 1200);
    const d = 37;
    const moved = packed.map((c) => ({ ...c, start: c.start + d / 50 }));
    expect(clipsInWindow(moved, w, 50, []).map((c) => c.id)).toEqual(clipsInWindow(packed, shiftWindow(w, -d), 50, []).map((c) => c.id));
  });
});
