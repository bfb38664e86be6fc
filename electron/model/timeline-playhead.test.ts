import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTextStyle, draftDuration, newVideoDraft, type Fps, type VideoDraft } from './draft';
import { activeLayersAt, clampPlayhead, lastFrameStart, newTextClip } from './timeline';

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
  it('keeps the playhead within [0, the start of the last frame]: the draft length itself is past the last picture', () => {
    const d = draftEnding(10);
    expect(clampPlayhead(-1, d)).toBe(0);
    expect(clampPlayhead(4.2, d)).toBe(4.2);
    expect(clampPlayhead(10, d)).toBe(299 / 30);
    expect(clampPlayhead(14, d)).toBe(299 / 30);
    expect(clampPlayhead(299 / 30, d)).toBe(299 / 30);
    expect(clampPlayhead(Number.POSITIVE_INFINITY, d)).toBe(0);
    expect(clampPlayhead(Number.NaN, d)).toBe(0);
    expect(clampPlayhead(3, draftEnding(0))).toBe(0);
    expect(clampPlayhead(3, null)).toBe(0);
  });
});

describe('lastFrameStart', () => {
  it('is one frame before the end at the canvas fps', () => {
    expect(lastFrameStart(draftEnding(10))).toBe(299 / 30);
    expect(lastFrameStart(draftEnding(10, 24))).toBe(239 / 24);
    expect(lastFrameStart(draftEnding(2, 60))).toBe(119 / 60);
    // A one-frame draft rests on frame 0; an empty one too.
    expect(lastFrameStart(draftEnding(1 / 30))).toBe(0);
    expect(lastFrameStart(draftEnding(0))).toBe(0);
    expect(lastFrameStart(null)).toBe(0);
  });
  it('an end off the frame grid keeps the frame that starts before it; float noise past a boundary does not add one', () => {
    expect(lastFrameStart(draftEnding(3.01))).toBe(3);
    expect(lastFrameStart(draftEnding(3 + 1e-9))).toBe(89 / 30);
    expect(lastFrameStart(draftEnding(0.1 + 0.2 + 2.7))).toBe(89 / 30);
  });
  it('property: the last frame shows something and the next frame time is past the end, at every fps and length', () => {
    // Ends off the frame grid by up to half a frame, and by float noise around the edge tolerance.
    const off = fc.oneof(fc.double({ min: -0.49, max: 0.49, noNaN: true }), fc.double({ min: -1e-4, max: 1e-4, noNaN: true }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), off, fc.constantFrom<Fps>(24, 30, 60), (frames, dx, fps) => {
        const d = draftEnding((frames + dx) / fps, fps);
        const last = lastFrameStart(d);
        expect(last).toBeGreaterThanOrEqual(0);
        expect(activeLayersAt(d, last).length).toBe(1);
        expect(activeLayersAt(d, last + 1 / fps)).toEqual([]);
        expect(clampPlayhead(draftDuration(d), d)).toBe(last);
      }),
    );
  });
});
