import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rampArb } from './__tests__/ramp-arb';
import { sourceOffsetAt, timelineOffsetOf } from './clip-speed';
import { clipDuration, defaultTransform, newVideoDraft, type MediaClip, type VideoDraft } from './draft';
import { readForwards, reversedKey } from './reverse';
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

  it('on a speed ramp a beat sits where the curve plays it: start + timelineOffsetOf(clip, b − in)', () => {
    const beats = new Map([['song', [1, 2, 3, 4, 5]]]);
    // 1× to 3× over the source (a ramp up): later beats crowd together.
    const c: MediaClip = { ...music('song', 10, 1, 5), speedRamp: { points: [{ at: 0, speed: 1 }, { at: 1, speed: 3 }] } };
    const times = clipBeatTimes(c, beats);
    expect(times).toEqual([1, 2, 3, 4].map((b) => 10 + timelineOffsetOf(c, b - 1)));
    expect(times[0]).toBe(10);
    // The gaps shrink as the speed rises, and the last beat is inside the (shorter than 4 s) clip.
    for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThan(times[i - 1]! - times[i - 2]!);
    expect(times[3]!).toBeLessThan(10 + clipDuration(c));
    // And it is the same instant whose frame shows that file time: the inverse map gives b back.
    for (const [i, t] of times.entries()) expect(1 + sourceOffsetAt(c, t - 10)).toBeCloseTo([1, 2, 3, 4][i]!, 9);
  });

  it('a reversed clip meets the file’s beats last-first: b shows at start + timelineOffsetOf(clip, out − b)', () => {
    const beats = new Map([['song', [0.5, 1.2, 1.5, 2.1, 2.5]]]);
    const c: MediaClip = { ...music('song', 4, 1, 2.5), reversed: true };
    const close = (got: number[], want: number[]) => {
      expect(got).toHaveLength(want.length);
      got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 9));
    };
    // Plays 2.5 → 1: the beat at 2.5 (its out) is its first instant, 2.1 is 0.4 s in, 1.2 is 1.3 s in.
    close(clipBeatTimes(c, beats), [4, 4.4, 5, 5.3]);
    // A beat at its in (1) would be its very end: left out, like a forwards clip's beat at out.
    expect(clipBeatTimes(c, new Map([['song', [1]]]))).toEqual([]);
    // Twice as fast, and under a ramp: through the same time map.
    close(clipBeatTimes({ ...c, speed: 2 }, beats), [4, 4.2, 4.5, 4.65]);
    const ramped: MediaClip = { ...c, speedRamp: { points: [{ at: 0, speed: 0.5 }, { at: 1, speed: 2 }] } };
    close(clipBeatTimes(ramped, beats), [2.5, 2.1, 1.5, 1.2].map((b) => 4 + timelineOffsetOf(ramped, 2.5 - b)));
    // Snapping goes by the same times: a photo dropped near 5.3 lands on the reversed clip's beat, not on 5.1.
    const d = newVideoDraft('rev', '9:16', 30, id);
    const rd = { ...d, tracks: d.tracks.map((t) => (t.kind === 'audio' ? { ...t, clips: [c] } : t)) };
    expect(snapDrop(rd, 5.26 * 100, 100, 0.5, { thresholdSec: 0.08, beats }).target).toBeCloseTo(5.3, 9);
    const ramp = { ...rd, tracks: rd.tracks.map((t) => (t.kind === 'audio' ? { ...t, clips: [ramped] } : t)) };
    expect(snapCandidates(ramp, { beats })).toEqual(expect.arrayContaining(clipBeatTimes(ramped, beats)));
  });

  it('property: a reversed clip’s beats sit where its forwards reading (the reversed copy) plays them', () => {
    const D = 40;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 40_000 }), { maxLength: 30 }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        fc.option(rampArb, { nil: undefined }),
        fc.constantFrom(0.5, 1, 2),
        (ms, start, from, len, speedRamp, speed) => {
          const file = ms.map((m) => m / 1000).sort((a, b) => a - b);
          const c: MediaClip = { ...music('song', start, from, from + len, speed), reversed: true, ...(speedRamp ? { speedRamp } : {}) };
          const d = newVideoDraft('r', '9:16', 30, id);
          const fwd = readForwards({ ...d, tracks: d.tracks.map((t) => (t.kind === 'audio' ? { ...t, clips: [c] } : t)) }, () => D);
          const f = fwd.tracks.flatMap((t) => t.clips)[0]!;
          // The copy's beats: file time b is copy time D − b.
          const copyBeats = new Map([[reversedKey('song'), file.map((b) => D - b).sort((a, b) => a - b)]]);
          const mine = clipBeatTimes(c, new Map([['song', file]]));
          const theirs = clipBeatTimes(f, copyBeats);
          // Equal up to float noise at the half-open ends (a beat exactly at an edge may fall either side).
          expect(Math.abs(mine.length - theirs.length)).toBeLessThanOrEqual(2);
          const near = (xs: number[], t: number) => xs.some((x) => Math.abs(x - t) < 1e-6);
          for (const t of mine) if (t > start + 1e-6 && t < start + clipDuration(c) - 1e-6) expect(near(theirs, t)).toBe(true);
          for (let i = 1; i < mine.length; i++) expect(mine[i]!).toBeGreaterThanOrEqual(mine[i - 1]!);
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
