import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTransform, newVideoDraft, type MediaClip, type VideoDraft } from './draft';
import { adjacentBeatFrame, beatOffsets, clipBeatTimes, draftBeatTimes, nearestBeat } from './timeline-beats';
import { snapCandidates, snapDrop, snapSpan, snapToFrame } from './timeline-snap';

let n = 0;
const id = (p: string) => `${p}-${++n}`;
const music = (assetId: string, start: number, from: number, to: number, speed = 1): MediaClip => ({
  id: id('clip'), type: 'media', assetId, start, in: from, out: to, speed, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null,
});
const every = (step: number, until: number) => Array.from({ length: Math.floor(until / step) }, (_, i) => Math.round(i * step * 1000) / 1000);

describe('beats on the timeline', () => {
  it('places a beat at start + (b − in) / speed, only inside the clip’s in..out', () => {
    const beats = new Map([['song', [0.25, 0.75, 1.25, 1.75, 2.25]]]);
    expect(clipBeatTimes(music('song', 10, 0, 3), beats)).toEqual([10.25, 10.75, 11.25, 11.75, 12.25]);
    // Trimmed to 0.75..1.75: the beat at `out` belongs to what plays next.
    expect(clipBeatTimes(music('song', 4, 0.75, 1.75), beats)).toEqual([4, 4.5]);
    // Twice as fast: half as far apart.
    expect(clipBeatTimes(music('song', 0, 0, 3, 2), beats)).toEqual([0.125, 0.375, 0.625, 0.875, 1.125]);
    expect(clipBeatTimes(music('other', 0, 0, 3), beats)).toEqual([]);
  });

  it('offsets inside the block run from 0 at its start towards 1 at its end', () => {
    const beats = new Map([['song', [0.5, 1, 1.5]]]);
    expect(beatOffsets(music('song', 7, 0.5, 2.5, 2), beats)).toEqual([0, 0.25, 0.5]);
  });

  it('property: every beat time is within the clip and the offsets are in [0, 1)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 60, noNaN: true }), { maxLength: 40 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        fc.constantFrom(0.25, 0.5, 1, 1.5, 4),
        (raw, start, from, len, speed) => {
          const beats = new Map([['a', [...raw].sort((x, y) => x - y)]]);
          const c = music('a', start, from, from + len, speed);
          const times = clipBeatTimes(c, beats);
          const end = start + len / speed;
          for (const t of times) expect(t >= start - 1e-9 && t < end + 1e-9).toBe(true);
          for (const o of beatOffsets(c, beats)) expect(o >= -1e-9 && o < 1).toBe(true);
          expect([...times].sort((x, y) => x - y)).toEqual(times);
        },
      ),
    );
  });

  it('B and Shift+B: the next or previous beat’s frame, passing over the playhead’s own', () => {
    const times = [0.26, 0.76, 1.26];
    expect(adjacentBeatFrame(times, 0, 30, 1)).toBe(8 / 30);
    // On beat 0.26's frame (8): the next is 0.76 (frame 23), the previous none.
    expect(adjacentBeatFrame(times, 8 / 30, 30, 1)).toBe(23 / 30);
    expect(adjacentBeatFrame(times, 8 / 30, 30, -1)).toBeNull();
    expect(adjacentBeatFrame(times, 1, 30, -1)).toBe(23 / 30);
    expect(adjacentBeatFrame(times, 2, 30, 1)).toBeNull();
    const d = newVideoDraft('b', '9:16', 30, id);
    const tracks = d.tracks.map((t) => (t.kind === 'audio' && t.role === 'music' ? { ...t, clips: [music('x', 5, 0, 2), music('x', 0, 1, 2)] } : t));
    expect(draftBeatTimes({ ...d, tracks }, new Map([['x', [0.5, 1.5]]]))).toEqual([0.5, 5.5, 6.5]);
  });

  it('nearestBeat picks the closest within the threshold', () => {
    expect(nearestBeat([1, 1.5, 2], 1.6, 0.2)).toBe(1.5);
    expect(nearestBeat([1, 1.5, 2], 1.8, 0.2)).toBe(2);
    expect(nearestBeat([1, 1.5, 2], 3, 0.2)).toBeNull();
  });
});

describe('snapping to beats', () => {
  const draft = (): { d: VideoDraft; song: MediaClip; photo: MediaClip } => {
    const d = newVideoDraft('beats', '9:16', 30, id);
    const song = music('song', 1, 0, 8);
    const photo = music('photo', 0, 0, 0.8);
    const tracks = d.tracks.map((t) => (t.kind === 'audio' ? { ...t, clips: [song] } : t.kind === 'overlay' ? { ...t, clips: [photo] } : t));
    return { d: { ...d, tracks }, song, photo };
  };
  const beats = new Map([['song', every(0.5, 8).map((b) => b + 0.023)]]);

  it('adds the beats of every clip, on the timeline, to the candidates', () => {
    const { d } = draft();
    const c = snapCandidates(d, { beats });
    const has = (t: number) => c.some((x) => Math.abs(x - t) < 1e-9);
    expect([1.023, 1.523, 5.023, 8.523].every(has)).toBe(true);
    // A beat past the clip's out (file 8.023 → 9.023) is not on the timeline.
    expect(has(9.023)).toBe(false);
    // Without beats: only 0 and the edges.
    expect(snapCandidates(d)).toEqual([0, 0.8, 1, 9]);
  });

  it('a dragged clip’s own beats move with it, so they are not candidates', () => {
    const { d, song } = draft();
    expect(snapCandidates(d, { beats, excludeClipIds: [song.id] })).toEqual([0, 0.8]);
  });

  it('a photo dragged near a beat lands on it, head or tail, and on that beat’s frame', () => {
    const { d, photo } = draft();
    const c = snapCandidates(d, { beats, excludeClipIds: [photo.id] });
    const head = snapSpan(3.45, 0.8, c, 0.1);
    expect(head.target).toBeCloseTo(3.523, 9);
    expect(snapToFrame(head.time, 30)).toBe(snapToFrame(3.523, 30));
    const tail = snapSpan(5.25, 0.8, c, 0.1);
    expect(tail.target).toBeCloseTo(6.023, 9);
    expect(tail.time).toBeCloseTo(5.223, 9);
    // Both edges more than the threshold from any beat: left where it was.
    expect(snapSpan(3.373, 0.8, c, 0.1).target).toBeNull();
  });

  it('a drop from the bin snaps to a beat too', () => {
    const { d } = draft();
    const r = snapDrop(d, 2.04 * 100, 100, 0.8, { thresholdSec: 0.08, beats });
    expect(r.target).toBeCloseTo(2.023, 9);
    expect(r.time).toBe(snapToFrame(2.023, 30));
  });

  it('property: with beats the candidates are a superset of those without, still sorted and distinct', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 8, noNaN: true }), { maxLength: 30 }), (raw) => {
        const { d } = draft();
        const b = new Map([['song', [...raw].sort((x, y) => x - y)]]);
        const withBeats = snapCandidates(d, { beats: b });
        for (const t of snapCandidates(d)) expect(withBeats.some((x) => Math.abs(x - t) <= 1e-9)).toBe(true);
        for (let i = 1; i < withBeats.length; i++) expect(withBeats[i]! - withBeats[i - 1]!).toBeGreaterThan(1e-9);
      }),
    );
  });
});
