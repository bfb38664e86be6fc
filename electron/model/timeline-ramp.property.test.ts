import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipDuration, clipEnd, newVideoDraft, RAMP_POINTS_MAX, RAMP_POINTS_STORED_MAX, SpeedRamp, type MediaClip, type VideoDraft } from './draft';
import { presetOfRamp, RAMP_PRESETS, rampPreset } from './speed-ramp-time';
import { spacedRampArb as rampArb } from './__tests__/ramp-arb';
import { activeLayersAt, findClip, insertClip, newMediaClip, normalizeDraft, setSpeed, setSpeedRamp, splitClip, trimClip, type EditResult, type SourceInfo } from './timeline';

/**
 * Timeline edits on ramped clips (docs/speed-ramps.md): a split or a trim cuts the curve, it never reshapes it, so
 * every timeline time that still shows the clip shows the same source frame as before the edit.
 */

const info: SourceInfo = (id) => (id === 'v' ? { kind: 'video', durationSec: 30 } : id === 'img' ? { kind: 'image', durationSec: null } : null);

function ok(r: EditResult): VideoDraft {
  if (!r.ok) throw new Error(r.message);
  return r.draft;
}

/** A 30 fps draft whose main track holds a video clip over source in..out, with `ramp`, and a plain clip after it. */
function rampedDraft(inT: number, out: number, ramp: SpeedRamp): VideoDraft {
  let n = 0;
  const idFor = (p: string) => `${p}-${++n}`;
  let d = newVideoDraft('ramp', '9:16', 30, idFor);
  const main = d.tracks.find((t) => t.kind === 'main')!.id;
  d = ok(insertClip(d, main, { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 30 }, 0, idFor), id: 'ramped', in: inT, out }, 0, info));
  d = ok(insertClip(d, main, { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 30 }, 0, idFor), id: 'after', in: 0, out: 2 }, 99, info));
  return ok(setSpeedRamp(d, 'ramped', ramp, info));
}

/** Source time the main track shows at `t`, or null when no media clip is there. */
function shown(d: VideoDraft, t: number): number | null {
  const l = activeLayersAt(d, t).find((x) => x.trackKind === 'main' && x.clip.type === 'media' && x.clip.id !== 'after');
  return l?.sourceTime ?? null;
}

const rangeArb = fc.tuple(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0.5, max: 15, noNaN: true })).map(([a, len]) => [a, a + len] as const);

describe('timeline edits on ramped clips', () => {
  it('a ramp lands on whole frames, and normalising again changes nothing', () => {
    fc.assert(
      fc.property(rangeArb, rampArb, ([a, b], r) => {
        const d = rampedDraft(a, b, r);
        const c = findClip(d, 'ramped')!.clip as MediaClip;
        expect(c.speedRamp).toBeDefined();
        const frames = clipDuration(c) * 30;
        expect(Math.abs(frames - Math.round(frames))).toBeLessThan(1e-6);
        expect(normalizeDraft(d, info)).toEqual(d);
      }),
      { numRuns: 300 },
    );
  });

  it('split then play = unsplit play: the same source at every frame, two ramps that meet at the cut speed', () => {
    fc.assert(
      fc.property(rangeArb, rampArb, fc.double({ min: 0, max: 1, noNaN: true }), ([a, b], r, f) => {
        const d = rampedDraft(a, b, r);
        const c = findClip(d, 'ramped')!.clip as MediaClip;
        const frames = Math.round(clipDuration(c) * 30);
        fc.pre(frames >= 2);
        const at = Math.min(frames - 1, 1 + Math.floor(f * (frames - 1))) / 30;
        const split = splitClip(d, 'ramped', at, () => 'second');
        const s = ok(split);
        const first = findClip(s, 'ramped')!.clip as MediaClip;
        const second = findClip(s, 'second')!.clip as MediaClip;
        expect(first.speedRamp!.points.at(-1)!.speed).toBeCloseTo(second.speedRamp!.points[0]!.speed, 9);
        expect(clipEnd(second)).toBeCloseTo(clipEnd(c), 6);
        for (let k = 0; k < frames; k++) {
          const t = (k + 0.5) / 30;
          expect(Math.abs(shown(s, t)! - shown(d, t)!)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a trim cuts the curve: the frames that stay show the same source', () => {
    fc.assert(
      fc.property(rangeArb, rampArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), ([a, b], r, f, startEdge) => {
        const d = rampedDraft(a, b, r);
        const c = findClip(d, 'ramped')!.clip as MediaClip;
        const frames = Math.round(clipDuration(c) * 30);
        fc.pre(frames >= 2);
        const cut = Math.min(frames - 1, 1 + Math.floor(f * (frames - 1)));
        const t = ok(trimClip(d, 'ramped', startEdge ? 'start' : 'end', cut / 30, info));
        const after = findClip(t, 'ramped')!.clip as MediaClip;
        expect(SpeedRamp.safeParse(after.speedRamp).success).toBe(true);
        // A start trim on the main track ripples: the clip stays at 0 and what was at `cut` is now at 0.
        const shift = startEdge ? cut : 0;
        const kept = startEdge ? frames - cut : cut;
        expect(Math.round(clipDuration(after) * 30)).toBe(kept);
        for (let k = 0; k < kept; k++) {
          const x = (k + 0.5) / 30;
          expect(Math.abs(shown(t, x)! - shown(d, x + shift / 30)!)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a trim that reveals more source plays it at the end speed', () => {
    const d = rampedDraft(5, 9, rampPreset('flashIn'));
    const c = findClip(d, 'ramped')!.clip as MediaClip;
    const longer = ok(trimClip(d, 'ramped', 'end', clipDuration(c) + 1, info));
    const after = findClip(longer, 'ramped')!.clip as MediaClip;
    expect(after.out).toBeCloseTo(c.out + 1, 6); // flash in ends at 1×
    const earlier = ok(trimClip(d, 'ramped', 'start', -0.5, info));
    const head = findClip(earlier, 'ramped')!.clip as MediaClip;
    expect(head.in).toBeCloseTo(c.in - 0.5 * 4, 6); // and starts at 4×
    expect(head.speedRamp!.points[0]!.speed).toBe(4);
  });

  it('a full curve (12 points) still grows at both ends unchanged; only a hand-made 14-point one is refused', () => {
    const zigzag = (n: number): SpeedRamp => ({ points: Array.from({ length: n }, (_, i) => ({ at: i / (n - 1), speed: i % 2 ? 0.5 : 2 })) });
    const d = rampedDraft(5, 9, zigzag(RAMP_POINTS_MAX));
    const c = findClip(d, 'ramped')!.clip as MediaClip;
    const grown = ok(trimClip(ok(trimClip(d, 'ramped', 'end', clipDuration(c) + 1, info)), 'ramped', 'start', -0.5, info));
    const after = findClip(grown, 'ramped')!.clip as MediaClip;
    expect(after.speedRamp!.points).toHaveLength(RAMP_POINTS_MAX + 2);
    // The start trim rippled the clip by half a second: every frame it had still shows the same source.
    for (let k = 0; k < Math.round(clipDuration(c) * 30); k++) {
      const x = (k + 0.5) / 30;
      expect(Math.abs(shown(grown, x + 0.5)! - shown(d, x)!)).toBeLessThan(1e-6);
    }
    const full = rampedDraft(5, 9, zigzag(RAMP_POINTS_STORED_MAX));
    const refused = trimClip(full, 'ramped', 'end', clipDuration(findClip(full, 'ramped')!.clip) + 1, info);
    expect(refused).toMatchObject({ ok: false, reason: 'ramp_full' });
    expect(refused.ok || refused.message).toMatch(/Remove a point/);
  });

  it('a constant speed removes the ramp; setting none goes back to the constant speed', () => {
    const d = rampedDraft(0, 8, rampPreset('bullet'));
    const c = findClip(d, 'ramped')!.clip as MediaClip;
    expect(clipDuration(c)).not.toBeCloseTo(8, 1);
    const s = findClip(ok(setSpeed(d, 'ramped', 2)), 'ramped')!.clip as MediaClip;
    expect(s.speedRamp).toBeUndefined();
    expect(Math.abs(clipDuration(s) - c.out / 2)).toBeLessThan(1 / 30);
    const none = findClip(ok(setSpeedRamp(d, 'ramped', null, info)), 'ramped')!.clip as MediaClip;
    expect(none.speedRamp).toBeUndefined();
    expect(Math.abs(clipDuration(none) - c.out)).toBeLessThan(1 / 30);
  });

  it('refuses text, photos, a bad curve, and a curve that runs into the next clip off the main track', () => {
    const d = rampedDraft(0, 4, rampPreset('hero'));
    expect(setSpeedRamp(d, 'nope', null, info).ok).toBe(false);
    const bad = setSpeedRamp(d, 'ramped', { points: [{ at: 0, speed: 9 }, { at: 1, speed: 1 }] }, info);
    expect(bad.ok || bad.message).toMatch(/between 0.25× and 4×/);
    let n = 10;
    const idFor = (p: string) => `${p}-${++n}`;
    const overlay = d.tracks.find((t) => t.kind === 'overlay')!;
    let o = ok(insertClip(d, overlay.id, { ...newMediaClip({ id: 'img', kind: 'image', durationSec: null }, 0, idFor), id: 'photo' }, 0, info));
    expect(setSpeedRamp(o, 'photo', rampPreset('hero'), info)).toMatchObject({ ok: false, reason: 'invalid_value' });
    o = ok(insertClip(o, overlay.id, { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 30 }, 4, idFor), id: 'ov', in: 0, out: 2 }, 4, info));
    o = ok(insertClip(o, overlay.id, { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 30 }, 6, idFor), id: 'next', in: 0, out: 2 }, 6, info));
    expect(setSpeedRamp(o, 'ov', { points: [{ at: 0, speed: 0.25 }, { at: 1, speed: 0.25 }] }, info)).toMatchObject({ ok: false, reason: 'track_busy' });
  });

  it('after a preset is applied the clip is that preset (any length, forwards or reversed: the fit keeps the points)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.constantFrom(...RAMP_PRESETS), fc.boolean(), fc.integer({ min: 0, max: 60 }), (frames, name, reversed, at) => {
        let n = 0;
        const idFor = (p: string) => `${p}-${++n}`;
        let d = newVideoDraft('ramp', '9:16', 30, idFor);
        const main = d.tracks.find((t) => t.kind === 'main')!.id;
        const clip = { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 30 }, 0, idFor), id: 'c', in: at / 30, out: (at + frames) / 30, reversed };
        d = ok(insertClip(d, main, clip, 0, info));
        const r = setSpeedRamp(d, 'c', rampPreset(name), info);
        // A clip too short for the curve is refused, not applied (one frame under Bullet's fast ends is < 1 frame).
        fc.pre(r.ok);
        const c = findClip(ok(r), 'c')!.clip as MediaClip;
        expect(c.speedRamp).toEqual(rampPreset(name));
        expect(presetOfRamp(c.speedRamp!)).toBe(name);
        const len = clipDuration(c) * 30;
        expect(Math.abs(len - Math.round(len))).toBeLessThan(1e-6);
        // The source range is kept (rounded UP where the source has room: a reversed clip gives way at `in`, which
        // needs up to a frame at 4× before it), growing by less than a frame of the curve.
        if (!reversed || at >= 4) expect(c.out - c.in).toBeGreaterThanOrEqual(frames / 30 - 1e-12);
        expect(c.out - c.in - frames / 30).toBeLessThan((c.out - c.in) / Math.round(len) + 1e-12);
      }),
      { numRuns: 400 },
    );
  });

  it('a 2 s clip under Bullet stays Bullet (walk finding #20)', () => {
    const c = findClip(rampedDraft(0, 2, rampPreset('bullet')), 'ramped')!.clip as MediaClip;
    expect(presetOfRamp(c.speedRamp!)).toBe('bullet');
  });
});
