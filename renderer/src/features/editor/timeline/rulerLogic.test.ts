import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULER_LABEL_GAP_PX, rulerLabel, rulerStepFrames, rulerTicks } from './rulerLogic';

/** The editor store's zoom bounds (ZOOM_MIN, ZOOM_MAX; the store itself needs a window to load). */
const ZOOM_MIN = 8;
const ZOOM_MAX = 600;

describe('rulerLabel', () => {
  it('says minutes and seconds on a whole second, and only the frame between ("15f")', () => {
    expect(rulerLabel(0, 30)).toBe('0:00');
    expect(rulerLabel(30, 30)).toBe('0:01');
    expect(rulerLabel(45, 30)).toBe('15f');
    expect(rulerLabel(62 * 24 + 6, 24)).toBe('6f');
    expect(rulerLabel(3725 * 60, 60)).toBe('1:02:05');
  });
});

describe('rulerTicks', () => {
  it('at the highest zoom steps by whole frames that divide the second, labelled to the frame', () => {
    // 600 px a second at 30 fps: 20 px a frame, so a tick every 5 frames (100 px).
    expect(rulerStepFrames(ZOOM_MAX, 30)).toBe(5);
    expect(rulerTicks(ZOOM_MAX, 30, 1.2).map((k) => k.label)).toEqual(['0:00', '5f', '10f', '15f', '20f', '25f', '0:01', '5f', '10f']);
    expect(rulerStepFrames(ZOOM_MAX, 24)).toBe(4);
    expect(rulerStepFrames(ZOOM_MAX, 60)).toBe(10);
  });

  it('at the default and lowest zooms steps by whole seconds', () => {
    expect(rulerTicks(80, 30, 3).map((k) => k.label)).toEqual(['0:00', '0:01', '0:02', '0:03']);
    expect(rulerStepFrames(ZOOM_MIN, 30)).toBe(10 * 30);
  });

  it('at every zoom and rate: every second labelled once, frames between, ticks on frames and far enough apart not to overlap', () => {
    fc.assert(
      fc.property(fc.double({ min: ZOOM_MIN, max: ZOOM_MAX, noNaN: true }), fc.constantFrom(24, 30, 60), fc.integer({ min: 1, max: 400 }), (pps, fps, seconds) => {
        const ticks = rulerTicks(pps, fps, seconds);
        const clocks = ticks.filter((k) => !k.label.endsWith('f'));
        expect(new Set(clocks.map((k) => k.label)).size).toBe(clocks.length);
        for (const k of ticks) expect(k.label.endsWith('f')).toBe(Math.round(k.t * fps) % fps !== 0);
        for (const k of ticks) expect(Math.abs(k.t * fps - Math.round(k.t * fps))).toBeLessThan(1e-6);
        for (let i = 1; i < ticks.length; i++) expect((ticks[i]!.t - ticks[i - 1]!.t) * pps).toBeGreaterThanOrEqual(RULER_LABEL_GAP_PX - 1e-6);
        expect(ticks.at(-1)!.t).toBeGreaterThanOrEqual(seconds);
      }),
    );
  });
});
