import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftDuration, newVideoDraft, type Fps, type VideoDraft } from './draft';
import { insertClip, newMediaClip, newTextClip, TEXT_DEFAULT_SEC, TEXT_MIN_SEC, type SourceInfo } from './timeline';
import { titleSlot } from './title-slot';

let seq = 0;
const idFor = (p: string) => `${p}-${++seq}`;
const info: SourceInfo = () => ({ kind: 'video', durationSec: 600 });

/** A draft with a video from 0 to `videoSec` on the main track and titles over the given [start, end) spans. */
function draft(videoSec: number, titles: Array<[number, number]> = [], fps: Fps = 30): { d: VideoDraft; text: string } {
  const d = newVideoDraft('t', '9:16', fps, idFor);
  const [main, , text] = d.tracks;
  if (videoSec > 0) main!.clips.push({ ...newMediaClip({ id: 'v', kind: 'video', durationSec: videoSec }, 0, idFor), out: videoSec });
  for (const [s, e] of titles) text!.clips.push({ ...newTextClip('t', s, idFor), duration: e - s });
  return { d, text: text!.id };
}
const at = (playhead: number, videoSec: number, titles: Array<[number, number]> = []) => {
  const { d, text } = draft(videoSec, titles);
  const s = titleSlot(playhead, d, text, 3, { minSec: 0.1 });
  return [s.start, s.duration, s.place, s.lengthens];
};

describe('titleSlot', () => {
  it('starts at the playhead and ends by the next title or the draft end', () => {
    expect(at(2, 10)).toEqual([2, 3, 'playhead', false]);
    expect(at(8.5, 10)).toEqual([8.5, 1.5, 'playhead', false]);
    expect(at(2, 10, [[4, 6]])).toEqual([2, 2, 'playhead', false]);
  });
  it('with less than a second left in its gap, takes the gap’s last seconds', () => {
    expect(at(9.5, 10)).toEqual([7, 3, 'gapEnd', false]);
    expect(at(10, 10)).toEqual([7, 3, 'gapEnd', false]);
    expect(at(2, 2)).toEqual([0, 2, 'gapEnd', false]);
    expect(at(3.5, 10, [[0, 2], [4, 6]])).toEqual([2, 2, 'gapEnd', false]);
  });
  it('on another title, or in a gap too short, goes to the nearest gap with room (after on a tie), never after the end', () => {
    // The walk's cases: the playhead on a title (8 s video, title 2–4), and in a 2 s gap between titles.
    expect(at(2.1, 8, [[2, 4]])).toEqual([0, 2, 'nearest', false]);
    expect(at(5.2, 14, [[0, 5], [7, 14]])).toEqual([5.2, 1.8, 'playhead', false]);
    expect(at(3.9, 8, [[0, 3], [3, 4]])).toEqual([4, 3, 'nearest', false]);
    expect(at(1, 10, [[0, 2], [2.5, 5], [6, 10]])).toEqual([5, 1, 'nearest', false]);
    expect(at(9, 10, [[0, 4], [5, 10]])).toEqual([4, 1, 'nearest', false]);
  });
  it('lengthens the draft only when the track has no room within it, and says so', () => {
    expect(at(3, 8, [[0, 8]])).toEqual([8, 3, 'after', true]);
    expect(at(3, 8, [[0, 4], [4.5, 8]])).toEqual([8, 3, 'after', true]);
    // A tail shorter than a second is not room: the title starts there and runs past the end.
    expect(at(7.5, 8, [[0, 7.2]])).toEqual([7.2, 3, 'after', true]);
  });
  it('an empty draft gets the full length from 0', () => {
    expect(at(0, 0)).toEqual([0, 3, 'playhead', true]);
  });
  it('property: the title lands in free room on whole frames, at the playhead when its gap has room, and lengthens the draft only when the track is full', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 3, max: 200 }));
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 900 }), fc.array(span, { maxLength: 8 }), fc.integer({ min: -30, max: 1000 }), fc.constantFrom<Fps>(24, 30, 60), (videoF, spans, playF, fps) => {
        // Titles that do not overlap (the track's rule), placed one after another as the insert would.
        const start = draft(videoF / fps, [], fps);
        const text = start.text;
        let d = start.d;
        for (const [s, len] of spans) {
          const r = insertClip(d, text, { ...newTextClip('t', s / fps, idFor), duration: len / fps }, s / fps, info);
          if (r.ok) d = r.draft;
        }
        const end = Math.round(draftDuration(d) * fps);
        const playhead = Math.min(end, Math.max(0, playF)) / fps;
        const slot = titleSlot(playhead, d, text, TEXT_DEFAULT_SEC, { minSec: TEXT_MIN_SEC });
        const [s, f] = [Math.round(slot.start * fps), Math.round(slot.duration * fps)];
        expect(Math.abs(slot.start * fps - s)).toBeLessThan(1e-6);
        expect(f).toBeGreaterThanOrEqual(Math.ceil(TEXT_MIN_SEC * fps - 1e-6));
        expect(f).toBeLessThanOrEqual(Math.round(TEXT_DEFAULT_SEC * fps));
        // Free room: the insert keeps it where it was asked.
        const r = insertClip(d, text, { ...newTextClip('new', slot.start, () => 'new-title'), duration: slot.duration }, slot.start, info);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.draft.tracks.find((t) => t.id === text)!.clips.find((c) => c.id === 'new-title')!.start).toBeCloseTo(slot.start, 9);
        expect(slot.lengthens).toBe(s + f > end);
        if (!slot.lengthens) expect(s + f).toBeLessThanOrEqual(end);
        if (slot.place !== 'after') expect(slot.place === 'playhead').toBe(s === Math.round(playhead * fps));
        // Longer only when the track had no room (or the draft is shorter than a title's shortest length).
        if (slot.lengthens) expect(slot.place === 'after' || end < Math.ceil(TEXT_MIN_SEC * fps - 1e-6) || (end === 0 && slot.place === 'playhead')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
