import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AdjustKey, clipDuration, LOOK_RANGES, newVideoDraft, VideoDraft, type MediaClip } from './draft';
import { clipStateAt } from './keyframes';
import { FREEZE_SEC, freezeFrame, freezeFrameName, frameSourceTime, freezeTimeLabel } from './freeze-frame';
import { REVERSE_COPY_SHARE, readForwards, reversedAssetOf, reversedAssets, reversedKey, reversedRange, reverseChunks, reverseJobProgress, reverseRefusal } from './reverse';
import { type EditResult, findClip, newMediaClip, type SourceFacts, type SourceInfo, sourceTimeAt, splitClip } from './timeline';

const assets: Record<string, SourceFacts> = { v10: { kind: 'video', durationSec: 10 }, still: { kind: 'image', durationSec: null }, song: { kind: 'audio', durationSec: 30 } };
const info: SourceInfo = (id) => assets[id];
let n = 0;
const idFor = (p: string) => `${p}-${++n}`;
const ok = (r: EditResult): VideoDraft => {
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  return r.draft;
};

/** A draft with clip `c` (v10, in 2..6) on the main track and, optionally, more clips. */
function withClip(extra: Partial<MediaClip> = {}, trackIndex = 0): { doc: VideoDraft; clip: MediaClip } {
  const doc = newVideoDraft('t', '9:16', 30, idFor);
  const clip: MediaClip = { ...newMediaClip({ id: 'v10', kind: 'video', durationSec: 10 }, 0, idFor), id: 'c', in: 2, out: 6, ...extra };
  doc.tracks[trackIndex]!.clips.push(clip);
  return { doc, clip };
}

describe('reversed clips read forwards from the copy', () => {
  it('maps in..out to D − out .. D − in', () => {
    expect(reversedRange({ in: 2, out: 6 }, 10)).toEqual({ in: 4, out: 8 });
    expect(reversedRange({ in: 0, out: 10 }, 10)).toEqual({ in: 0, out: 10 });
  });

  it('the copy at the mapped time shows the source the clip plays at every moment (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 9, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.25, max: 4, noNaN: true }), (inS, len, p, speed) => {
        const D = 10;
        const out = Math.min(D, inS + len);
        const clip = { ...withClip({ in: inS, out, speed }).clip, reversed: true };
        const t = clip.start + p * ((out - inS) / speed);
        const mapped = { ...clip, ...reversedRange(clip, D) };
        // Played backwards, the clip shows source out − (t − start)·speed; the copy at time r shows source D − r.
        const wanted = out - (t - clip.start) * speed;
        expect(D - sourceTimeAt(mapped, t)).toBeCloseTo(Math.max(inS, wanted), 9);
      }),
    );
  });

  it('readForwards swaps reversed clips onto the copy and leaves the rest alone', () => {
    const { doc } = withClip({ reversed: true });
    doc.tracks[1]!.clips.push({ ...newMediaClip({ id: 'v10', kind: 'video', durationSec: 10 }, 0, idFor), id: 'fwd', in: 1, out: 3 });
    const read = readForwards(doc, (id) => (id === 'v10' ? 10 : null));
    const c = read.tracks[0]!.clips[0] as MediaClip;
    expect(c).toMatchObject({ assetId: reversedKey('v10'), in: 4, out: 8, start: 0 });
    expect(c.reversed).toBeUndefined();
    expect(read.tracks[1]!.clips[0]).toBe(doc.tracks[1]!.clips[0]);
    expect(reversedAssetOf(c.assetId)).toBe('v10');
    expect(reversedAssetOf('v10')).toBeNull();
    expect(reversedAssets(doc)).toEqual(['v10']);
    const plain = withClip().doc;
    expect(readForwards(plain, () => 10)).toBe(plain);
  });

  it('splits a reversed clip so the first part keeps the later source', () => {
    const { doc } = withClip({ reversed: true });
    const d = ok(splitClip(doc, 'c', 1, idFor));
    const [a, b] = d.tracks[0]!.clips as MediaClip[];
    expect([a!.in, a!.out, b!.in, b!.out]).toEqual([5, 6, 2, 5]);
  });

  it('splits a reversed clip with a speed curve so both parts show the source frame the whole clip showed', () => {
    // The curve runs in play order (model/reverse.ts): the split cuts it where the playhead is, mirrored.
    const speedRamp = { points: [{ at: 0, speed: 2 }, { at: 0.5, speed: 0.5 }, { at: 1, speed: 3 }] };
    const { doc, clip } = withClip({ reversed: true, speedRamp });
    // Source shown at timeline time t by a reversed clip: out − the curve's source offset at t.
    const shown = (c: MediaClip, t: number) => c.out - (sourceTimeAt(c, t) - c.in);
    const cut = Math.round(clipDuration(clip) * 0.4 * 30) / 30;
    const d = ok(splitClip(doc, 'c', cut, idFor));
    const [a, b] = d.tracks[0]!.clips as MediaClip[];
    for (let t = 0; t < clipDuration(clip) - 1e-6; t += 1 / 30) {
      const part = t < b!.start - 1e-9 ? a! : b!;
      expect(shown(part, t), `at ${t.toFixed(3)} s`).toBeCloseTo(shown(clip, t), 6);
    }
    expect(VideoDraft.safeParse(d).success).toBe(true);
  });

  it('cuts the source into whole-frame windows that cover it once', () => {
    const w = reverseChunks(2.5, 24);
    expect(w).toEqual([{ start: 0, end: 1 }, { start: 1, end: 2 }, { start: 2, end: 2.5 }]);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 120, noNaN: true }), fc.constantFrom(null, 24, 25, 29.97, 30, 60), (d, fps) => {
        const ws = reverseChunks(d, fps);
        expect(ws[0]!.start).toBe(0);
        expect(ws.at(-1)!.end).toBeCloseTo(d, 9);
        for (let i = 1; i < ws.length; i++) expect(ws[i]!.start).toBe(ws[i - 1]!.end);
        for (const x of ws) expect(x.end - x.start).toBeLessThanOrEqual(1.01);
      }),
    );
  });

  it('refuses what cannot be reversed, saying why', () => {
    expect(reverseRefusal({ name: 'a.jpg', kind: 'image', durationSec: null })).toMatch(/Only video clips can be reversed; “a.jpg” is a photo/);
    expect(reverseRefusal({ name: 'b.mov', kind: 'video', durationSec: null })).toMatch(/length of “b.mov” is unknown/);
    expect(reverseRefusal({ name: 'c.mp4', kind: 'video', durationSec: 4 })).toBeNull();
  });
});

describe('the reverse job’s progress', () => {
  it('runs the copy then the preview proxy along one bar, rising, from 0 to 1', () => {
    const both = { copy: true, proxy: true };
    expect(reverseJobProgress('copy', 0, both)).toEqual({ fraction: 0, message: '0%' });
    expect(reverseJobProgress('copy', 1, both).fraction).toBe(REVERSE_COPY_SHARE);
    expect(reverseJobProgress('proxy', 0, both).fraction).toBe(REVERSE_COPY_SHARE);
    expect(reverseJobProgress('proxy', 0.5, both)).toEqual({ fraction: 0.875, message: 'Making the preview copy… 88%' });
    expect(reverseJobProgress('proxy', 1, both).fraction).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(reverseJobProgress('copy', lo, both).fraction).toBeLessThanOrEqual(reverseJobProgress('copy', hi, both).fraction);
        expect(reverseJobProgress('copy', hi, both).fraction).toBeLessThanOrEqual(reverseJobProgress('proxy', lo, both).fraction);
      }),
    );
  });

  it('gives the whole bar to the only phase there is', () => {
    // A source that needs no proxy (720p): the copy is the job.
    expect(reverseJobProgress('copy', 0.5, { copy: true, proxy: false })).toEqual({ fraction: 0.5, message: '50%' });
    // A copy made before previews had proxies: the proxy is the job.
    expect(reverseJobProgress('proxy', 0.5, { copy: false, proxy: true })).toEqual({ fraction: 0.5, message: 'Making the preview copy… 50%' });
    // Out-of-range reports from ffmpeg are held to the bar.
    expect(reverseJobProgress('proxy', 1.4, { copy: false, proxy: true }).fraction).toBe(1);
  });
});

describe('freeze frame', () => {
  it('names the still by the clip’s media and the source moment', () => {
    expect(freezeTimeLabel(3.2)).toBe('0:03.20');
    expect(freezeTimeLabel(65.456)).toBe('1:05.46');
    // The media and the moment lead, so the media list's cut keeps what tells two stills apart (walk #51).
    expect(freezeFrameName('beach.mp4', 3.2)).toBe('beach.mp4 · 0:03.20 (freeze)');
  });

  it('finds the source frame shown at the playhead, forwards and reversed', () => {
    const { clip } = withClip();
    // 1 s into a clip from 2 s at 30 fps: source 3 s = frame 90.
    expect(frameSourceTime(clip, 1, 30)).toEqual({ at: 3, seek: 89.75 / 30 });
    // Reversed: 1 s in plays source 6 − 1 = 5 s backwards, the frame that ends there (149).
    expect(frameSourceTime({ ...clip, reversed: true }, 1, 30).at).toBeCloseTo(149 / 30, 9);
    expect(frameSourceTime(clip, 1, null)).toEqual({ at: 3, seek: 3 });
  });

  it('splits the clip and holds the frame for 3 s on the main track, rippling the rest', () => {
    const { doc } = withClip({ keyframes: { scale: [{ t: 0, value: 1, easing: 'linear' }, { t: 2, value: 2, easing: 'linear' }] }, look: { adjust: { exposure: 0.5 }, lut: null } });
    doc.tracks[0]!.clips.push({ ...newMediaClip({ id: 'v10', kind: 'video', durationSec: 10 }, 4, idFor), id: 'next', in: 0, out: 1 });
    const d = ok(freezeFrame(doc, 'c', 1, 'still', info, idFor));
    const clips = d.tracks[0]!.clips as MediaClip[];
    expect(clips.map((c) => [c.assetId, c.start, clipDuration(c)])).toEqual([
      ['v10', 0, 1],
      ['still', 1, FREEZE_SEC],
      ['v10', 4, 3],
      ['v10', 7, 1],
    ]);
    const still = clips[1]!;
    // The scale key's value 1 s in (1.5) is baked into the still's transform; the still has no keys and keeps the look.
    expect(still.transform.scale).toBeCloseTo(1.5, 9);
    expect(still.keyframes).toBeUndefined();
    expect(still.look).toEqual({ adjust: { exposure: 0.5 }, lut: null });
    expect(clips[0]!.out).toBe(3);
    expect(clips[2]!.in).toBe(3);
  });

  it('the still looks like the frame it holds: look, adjustments, chroma key, crop and framing carried, keys baked (property)', () => {
    const frac = fc.double({ min: 0, max: 1, noNaN: true }).map((v) => v + 0);
    const adjust = fc.record(
      Object.fromEntries(Object.entries(LOOK_RANGES).map(([k, [min, max]]) => [k, fc.double({ min, max, noNaN: true }).map((v) => v + 0)])) as Record<AdjustKey, fc.Arbitrary<number>>,
      { requiredKeys: [] },
    );
    const look = fc.option(fc.record({ adjust, lut: fc.option(fc.record({ id: fc.constantFrom('warm', 'teal-orange', 'asset-12'), strength: frac })) }), { nil: undefined });
    const key = fc.option(fc.record({ color: fc.constantFrom('#00ff00', '#0000ff', '#12ab34'), similarity: fc.double({ min: 0.01, max: 1, noNaN: true }), blend: frac }), { nil: undefined });
    const crop = fc.record({ left: fc.double({ min: 0, max: 0.4, noNaN: true }), top: fc.double({ min: 0, max: 0.4, noNaN: true }), right: fc.double({ min: 0, max: 0.4, noNaN: true }), bottom: fc.double({ min: 0, max: 0.4, noNaN: true }) });
    const moving: MediaClip['keyframes'] = {
      opacity: [{ t: 0, value: 1, easing: 'linear' }, { t: 3, value: 0.2, easing: 'linear' }],
      position: [{ t: 0, value: { x: 0.2, y: 0.5 }, easing: 'linear' }, { t: 3, value: { x: 0.8, y: 0.3 }, easing: 'easeInOut' }],
      rotation: [{ t: 1, value: 0, easing: 'linear' }, { t: 2, value: 45, easing: 'linear' }],
    };
    const keyed = fc.option(fc.constant(moving), { nil: undefined });
    fc.assert(
      fc.property(look, key, crop, fc.constantFrom<'fill' | 'fit' | 'blur'>('fill', 'fit', 'blur'), frac, keyed, fc.integer({ min: 0, max: 119 }), fc.boolean(), (lk, ck, cr, reframe, opacity, keyframes, frame, reversed) => {
        const { doc, clip: base } = withClip({ look: lk, chromaKey: ck, keyframes, reversed: reversed || undefined, speedRamp: undefined, volume: 0.5 });
        const clip = { ...base, transform: { ...base.transform, crop: cr, reframe, padColor: '#336699', opacity } };
        doc.tracks[0]!.clips[0] = clip;
        const at = frame / 30;
        const d = ok(freezeFrame(VideoDraft.parse(doc), 'c', at, 'still', info, idFor));
        expect(VideoDraft.safeParse(d).success).toBe(true);
        const still = (d.tracks[0]!.clips as MediaClip[]).find((c) => c.assetId === 'still')!;
        const state = clipStateAt(clip, at);
        // The picture's properties as they are at that frame; nothing that moves, plays or sounds.
        expect(still.look).toEqual(lk);
        expect(still.chromaKey).toEqual(ck);
        expect(still.transform).toEqual({ ...clip.transform, x: state.x, y: state.y, scale: state.scale, rotation: state.rotation, opacity: state.opacity });
        expect([still.keyframes, still.reversed, still.speedRamp, still.template]).toEqual([undefined, undefined, undefined, undefined]);
        expect([still.fadeIn, still.fadeOut, still.transitionIn, still.brand]).toEqual([0, 0, null, null]);
      }),
      { numRuns: 150 },
    );
  });

  it('at the clip’s first frame puts the still before it without a split', () => {
    const { doc } = withClip();
    const d = ok(freezeFrame(doc, 'c', 0, 'still', info, idFor));
    expect((d.tracks[0]!.clips as MediaClip[]).map((c) => [c.assetId, c.start])).toEqual([['still', 0], ['v10', 3]]);
  });

  it('on an overlay track pushes the later clips 3 s and leaves earlier ones', () => {
    const doc = newVideoDraft('t', '9:16', 30, idFor);
    const mk = (id: string, start: number): MediaClip => ({ ...newMediaClip({ id: 'v10', kind: 'video', durationSec: 10 }, start, idFor), id, in: 0, out: 2 });
    doc.tracks[1]!.clips.push(mk('early', 0), mk('c', 3), mk('late', 6));
    const d = ok(freezeFrame(doc, 'c', 4, 'still', info, idFor));
    expect(d.tracks[1]!.clips.map((c) => [(c as MediaClip).assetId, c.start, clipDuration(c)])).toEqual([
      ['v10', 0, 2],
      ['v10', 3, 1],
      ['still', 4, FREEZE_SEC],
      ['v10', 7, 1],
      ['v10', 9, 2],
    ]);
    expect(d.tracks[1]!.clips.at(-1)!.id).toBe('late');
  });

  it('one undo is the draft before: the edit never changes its input', () => {
    const { doc } = withClip();
    const before = JSON.stringify(doc);
    ok(freezeFrame(doc, 'c', 2, 'still', info, idFor));
    expect(JSON.stringify(doc)).toBe(before);
    expect(VideoDraft.safeParse(ok(freezeFrame(doc, 'c', 2, 'still', info, idFor))).success).toBe(true);
  });

  it('refuses off the clip, on a photo, and for a clip that is gone', () => {
    const { doc } = withClip();
    expect(freezeFrame(doc, 'c', 5, 'still', info, idFor)).toMatchObject({ ok: false, reason: 'near_edge' });
    expect(freezeFrame(doc, 'zzz', 1, 'still', info, idFor)).toMatchObject({ ok: false, reason: 'not_found' });
    const photo = newVideoDraft('p', '9:16', 30, idFor);
    photo.tracks[0]!.clips.push({ ...newMediaClip({ id: 'still', kind: 'image', durationSec: null }, 0, idFor), id: 'p' });
    expect(freezeFrame(photo, 'p', 1, 'still', info, idFor)).toMatchObject({ ok: false, reason: 'invalid_value' });
    expect(findClip(doc, 'c')).not.toBeNull();
  });
});
