import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTextStyle, draftDuration, newVideoDraft, type Fps, type VideoDraft } from './draft';
import { clampPlayhead, newTextClip, placeAtPlayhead, TEXT_DEFAULT_SEC } from './timeline';

let seq = 0;
const idFor = (p: string) => `${p}-${++seq}`;

/** A draft whose text track holds one title from 0 to `endSec` (so the draft ends there). */
function draftEnding(endSec: number, fps: Fps = 30): VideoDraft {
  const d = newVideoDraft('t', '9:16', fps, idFor);
  if (endSec <= 0) return d;
  const text = d.tracks.find((t) => t.kind === 'text')!;
  const clip = { ...newTextClip('hi', 0, idFor, defaultTextStyle), duration: endSec };
  return { ...d, tracks: d.tracks.map((t) => (t.id === text.id ? { ...t, clips: [clip] } : t)) };
}

describe('clampPlayhead', () => {
  it('keeps the playhead within [0, the draft end]', () => {
    const d = draftEnding(10);
    expect(clampPlayhead(-1, d)).toBe(0);
    expect(clampPlayhead(4.2, d)).toBe(4.2);
    expect(clampPlayhead(10, d)).toBe(10);
    expect(clampPlayhead(14, d)).toBe(10);
    expect(clampPlayhead(Number.NaN, d)).toBe(0);
    expect(clampPlayhead(3, draftEnding(0))).toBe(0);
    expect(clampPlayhead(3, null)).toBe(0);
  });
});

describe('placeAtPlayhead', () => {
  it('starts at the playhead and ends by the draft end', () => {
    expect(placeAtPlayhead(2, draftEnding(10), 3)).toEqual({ start: 2, duration: 3 });
    expect(placeAtPlayhead(8.5, draftEnding(10), 3)).toEqual({ start: 8.5, duration: 1.5 });
  });
  it('at the end it takes the last seconds of the draft instead of adding time after it', () => {
    expect(placeAtPlayhead(10, draftEnding(10), 3)).toEqual({ start: 7, duration: 3 });
    expect(placeAtPlayhead(9.5, draftEnding(10), 3)).toEqual({ start: 7, duration: 3 });
    expect(placeAtPlayhead(2, draftEnding(2), 3)).toEqual({ start: 0, duration: 2 });
  });
  it('an empty draft gets the full length from 0', () => {
    expect(placeAtPlayhead(0, draftEnding(0), 3)).toEqual({ start: 0, duration: 3 });
  });
  it('property: a title added at any playhead never lengthens the draft, on whole frames', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.double({ min: -5, max: 200, noNaN: true }), fc.constantFrom<Fps>(24, 30, 60), (endFrames, playhead, fps) => {
        const d = draftEnding(endFrames / fps, fps);
        const end = draftDuration(d);
        const p = placeAtPlayhead(clampPlayhead(playhead, d), d, TEXT_DEFAULT_SEC, { minSec: 0.1 });
        expect(p.start).toBeGreaterThanOrEqual(0);
        if (end >= 0.1) expect(p.start + p.duration).toBeLessThanOrEqual(end + 1e-9);
        expect(p.duration).toBeGreaterThanOrEqual(0.1 - 1e-9);
        expect(p.start * fps).toBeCloseTo(Math.round(p.start * fps), 6);
        expect(p.duration * fps).toBeCloseTo(Math.round(p.duration * fps), 6);
      }),
    );
  });
});
