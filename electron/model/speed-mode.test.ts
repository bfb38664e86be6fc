import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rampArb } from './__tests__/ramp-arb';
import { clipDuration, newVideoDraft, type MediaClip, SPEED_MAX, type SpeedRamp, VideoDraft } from './draft';
import { playLimits, playOrder } from './clip-speed';
import { RAMP_PRESETS, rampPreset } from './speed-ramp-time';
import { type PutAsideCurve, switchToConstant, switchToCurve } from './speed-mode';
import { type EditResult, findClip, newMediaClip, setSpeedRamp, type SourceFacts, type SourceInfo, trimClip } from './timeline';

const assets: Record<string, SourceFacts> = { v20: { kind: 'video', durationSec: 20 } };
const info: SourceInfo = (id) => assets[id];
let n = 0;
const idFor = (p: string) => `${p}-${++n}`;
const ok = (r: EditResult): VideoDraft => {
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  return r.draft;
};
const flat: SpeedRamp = { points: [{ at: 0, speed: 1 }, { at: 1, speed: 1 }] };
const clipOf = (d: VideoDraft, id = 'c') => findClip(d, id)!.clip as MediaClip;

/** A draft whose clip `c` (v20, source in..out, on the main or overlay track, with keys) plays `ramp`, a clip after it. */
function curvedDraft(ramp: SpeedRamp, o: { inS: number; len: number; overlay: boolean; reversed: boolean; speed: number }): VideoDraft {
  const doc = newVideoDraft('t', '9:16', 30, idFor);
  const track = doc.tracks.findIndex((t) => t.kind === (o.overlay ? 'overlay' : 'main'));
  const base = newMediaClip({ id: 'v20', kind: 'video', durationSec: 20 }, 0, idFor);
  const keyframes: MediaClip['keyframes'] = { scale: [{ t: 0, value: 1, easing: 'linear' }, { t: 1, value: 1.5, easing: 'easeInOut' }] };
  doc.tracks[track]!.clips.push({ ...base, id: 'c', in: o.inS, out: o.inS + o.len, speed: o.speed, reversed: o.reversed || undefined, keyframes });
  // Far enough on an overlay for the slowest curve (a quarter speed over the whole range).
  doc.tracks[track]!.clips.push({ ...base, id: 'next', start: o.overlay ? 4 * o.len + 1 : 0, in: 0, out: 1 });
  return ok(setSpeedRamp(VideoDraft.parse(doc), 'c', ramp, info));
}

const shape = fc.record({
  inS: fc.integer({ min: 0, max: 10 }),
  len: fc.integer({ min: 1, max: 8 }),
  overlay: fc.boolean(),
  reversed: fc.boolean(),
  speed: fc.constantFrom(0.5, 1, 2),
});

describe('switching between Constant and Curve keeps the curve', () => {
  it('Constant then Curve gives back the same draft, exactly (property: any curve, range, track, direction)', () => {
    fc.assert(
      fc.property(rampArb, shape, (ramp, o) => {
        const before = curvedDraft(ramp, o);
        const { result, aside } = switchToConstant(before, 'c', info);
        const constant = ok(result);
        expect(clipOf(constant).speedRamp).toBeUndefined();
        expect(aside?.curved).toBe(clipOf(before));
        const back = ok(switchToCurve(constant, 'c', aside, flat, info));
        expect(back).toEqual(before);
        expect(VideoDraft.safeParse(back).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('after another edit of the clip, Curve applies the remembered curve to the clip as it is now', () => {
    const before = curvedDraft(rampPreset('hero'), { inS: 2, len: 6, overlay: false, reversed: false, speed: 1 });
    const { result, aside } = switchToConstant(before, 'c', info);
    // Trim the constant clip's end to 3 s: the clip is not the one the switch made any more.
    const trimmed = ok(trimClip(ok(result), 'c', 'end', 3, info));
    const back = clipOf(ok(switchToCurve(trimmed, 'c', aside, flat, info)));
    expect(back.speedRamp).toEqual(rampPreset('hero'));
    expect(back.in).toBe(2);
    // The trimmed range is kept (the length rounded up: the source has more), growing by less than a frame of Hero.
    expect(back.out).toBeGreaterThanOrEqual(clipOf(trimmed).out);
    expect(back.out - clipOf(trimmed).out).toBeLessThan(2.5 / 30);
  });

  it('with nothing put aside (a clip that never had a curve this session) Curve starts flat at its speed', () => {
    const doc = newVideoDraft('t', '9:16', 30, idFor);
    doc.tracks[0]!.clips.push({ ...newMediaClip({ id: 'v20', kind: 'video', durationSec: 20 }, 0, idFor), id: 'c', in: 0, out: 3 });
    expect(switchToConstant(doc, 'c', info).aside).toBeNull();
    expect(clipOf(ok(switchToCurve(doc, 'c', null, flat, info))).speedRamp).toEqual(flat);
  });

  it('a curve that no longer fits on an overlay track is refused with what to do, the draft unchanged', () => {
    const before = curvedDraft(rampPreset('bullet'), { inS: 0, len: 4, overlay: true, reversed: false, speed: 1 });
    const { result, aside } = switchToConstant(before, 'c', info);
    const constant = ok(result);
    // Another clip now starts right after the constant clip ends.
    const overlay = constant.tracks.find((t) => t.kind === 'overlay')!;
    const c = clipOf(constant);
    const crowded = { ...constant, tracks: constant.tracks.map((t) => (t !== overlay ? t : { ...t, clips: t.clips.map((x) => (x.id === 'next' ? { ...x, start: c.start + (c.out - c.in) / c.speed } : x)) })) };
    const r = switchToCurve(crowded, 'c', aside, flat, info);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/run into the next clip/);
  });
});

/**
 * A new user's walk: an 8.00 s clip given the Hero curve played 0.00–7.97 s (the fit to whole frames rounded the
 * length down), and Constant after it left 7.97 s at 1× (7:29, not 8:00). Each change cost up to a frame of source.
 */
describe('Constant and Curve never trim the source range while the source has frames', () => {
  const fps = 30;
  /** A draft whose clip `c` plays `frames` at a constant `speed` from `inS`, its source `durationSec` long. */
  function constantDraft(o: { inF: number; frames: number; speed: number; overlay: boolean; reversed: boolean; durationSec: number }): { d: VideoDraft; info: SourceInfo } {
    const src: SourceInfo = (id) => (id === 'src' ? { kind: 'video', durationSec: o.durationSec } : undefined);
    const doc = newVideoDraft('t', '9:16', fps, idFor);
    const track = doc.tracks.findIndex((t) => t.kind === (o.overlay ? 'overlay' : 'main'));
    const base = newMediaClip({ id: 'src', kind: 'video', durationSec: o.durationSec }, 0, idFor);
    const inS = o.inF / fps;
    const outS = inS + (o.frames * o.speed) / fps;
    // Reversed, the same stretch of source counted from the source's end (play order: `out` is the first frame).
    const range = o.reversed ? { in: o.durationSec - outS, out: o.durationSec - inS } : { in: inS, out: outS };
    doc.tracks[track]!.clips.push({ ...base, id: 'c', ...range, speed: o.speed, reversed: o.reversed || undefined });
    // Far enough on an overlay for the slowest curve.
    doc.tracks[track]!.clips.push({ ...base, id: 'next', start: o.overlay ? (4 * o.frames * o.speed) / fps + 2 : 0, in: 0, out: 1 });
    return { d: VideoDraft.parse(doc), info: src };
  }

  type Step = { kind: 'constant' } | { kind: 'curve' } | { kind: 'preset'; ramp: SpeedRamp };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.constant<Step>({ kind: 'constant' }),
    fc.constant<Step>({ kind: 'curve' }),
    fc.constantFrom(...RAMP_PRESETS).map((name): Step => ({ kind: 'preset', ramp: rampPreset(name) })),
    rampArb.map((ramp): Step => ({ kind: 'preset', ramp })),
  );
  /** One click in the Speed section, as SpeedSection.tsx makes it (the put-aside curve kept between clicks). */
  function apply(d: VideoDraft, step: Step, memo: { aside: PutAsideCurve | null }, info: SourceInfo): VideoDraft {
    const c = clipOf(d);
    if (step.kind === 'constant') {
      if (!c.speedRamp) return d;
      const { result, aside } = switchToConstant(d, 'c', info);
      if (aside) memo.aside = aside;
      return ok(result);
    }
    if (step.kind === 'curve') return c.speedRamp ? d : ok(switchToCurve(d, 'c', memo.aside, { points: [{ at: 0, speed: c.speed }, { at: 1, speed: c.speed }] }, info));
    // A clip too short for the curve keeps what it had (the Inspector shows why).
    const r = setSpeedRamp(d, 'c', step.ramp, info);
    return !r.ok && r.reason === 'too_short' ? d : ok(r);
  }

  it('any run of Constant, Curve and presets keeps the first frame and never ends the range earlier (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          inF: fc.integer({ min: 0, max: 90 }),
          frames: fc.integer({ min: 1, max: 300 }),
          speed: fc.constantFrom(0.5, 1, 1.5, 2),
          overlay: fc.boolean(),
          reversed: fc.boolean(),
          // How much source there is past the clip: none (it plays to the source's end), a part of a frame, or more.
          more: fc.constantFrom(0, 0.01, 0.05, 0.5, 3),
        }),
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        (o, steps) => {
          const durationSec = o.inF / fps + (o.frames * o.speed) / fps + o.more;
          const { d: d0, info } = constantDraft({ ...o, durationSec });
          const first = playOrder(clipOf(d0));
          const { hi } = playLimits(clipOf(d0), durationSec);
          const memo = { aside: null as PutAsideCurve | null };
          let d = d0;
          for (const step of steps) {
            d = apply(d, step, memo, info);
            const c = clipOf(d);
            const now = playOrder(c);
            expect(now.in).toBeCloseTo(first.in, 9);
            // Never past the source, never shorter than it was, except within a frame of the source's end (at most
            // a frame at 4×): there the length rounds down, and the next change gives it back.
            expect(now.out).toBeLessThanOrEqual(hi + 1e-9);
            expect(now.out).toBeGreaterThanOrEqual(Math.min(first.out, hi - SPEED_MAX / fps) - 1e-9);
            const len = clipDuration(c) * fps;
            expect(Math.abs(len - Math.round(len))).toBeLessThan(1e-6);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a curve then Constant gives back the constant clip’s range: never less, exactly when its frames are as long (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ inF: fc.integer({ min: 0, max: 90 }), frames: fc.integer({ min: 1, max: 300 }), speed: fc.constantFrom(0.5, 1, 1.5, 2), overlay: fc.boolean(), reversed: fc.boolean() }),
        fc.oneof(fc.constantFrom(...RAMP_PRESETS).map(rampPreset), rampArb),
        fc.constantFrom(0, 0.5, 3),
        (o, ramp, more) => {
          const durationSec = o.inF / fps + (o.frames * o.speed) / fps + more;
          const { d, info } = constantDraft({ ...o, durationSec });
          const r = setSpeedRamp(d, 'c', ramp, info);
          fc.pre(r.ok);
          const curved = clipOf(ok(r));
          const back = playOrder(clipOf(ok(switchToConstant(ok(r), 'c', info).result)));
          const was = playOrder(clipOf(d));
          expect(back.in).toBeCloseTo(was.in, 9);
          // Never shorter. The curve's fit moved `out` by less than one of its frames; when a constant frame is at
          // least that much source, the one whole-frame range there is the clip's own: exactly it comes back. (A
          // slower constant speed has several there; the longest is taken, so nothing is ever lost.)
          const curveFrame = (curved.out - curved.in) / Math.round(clipDuration(curved) * fps);
          expect(back.out).toBeGreaterThanOrEqual(was.out - 1e-9);
          expect(back.out - was.out).toBeLessThan(curveFrame + 1e-9);
          if (o.speed / fps >= curveFrame) expect(Math.round(clipDuration(back) * fps)).toBe(o.frames);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the walk: Hero on a whole 8.00 s clip, then Constant, plays the whole 8.00 s again at 1×', () => {
    const { d, info } = constantDraft({ inF: 0, frames: 240, speed: 1, overlay: false, reversed: false, durationSec: 8 });
    const hero = ok(setSpeedRamp(d, 'c', rampPreset('hero'), info));
    expect(clipOf(hero).speedRamp).toEqual(rampPreset('hero'));
    const { result } = switchToConstant(hero, 'c', info);
    const back = clipOf(ok(result));
    expect([back.in, back.out, back.speed]).toEqual([0, 8, 1]);
    expect(Math.round(clipDuration(back) * fps)).toBe(240);
  });

  it('the walk with room in the source: Hero keeps the whole 0.00–8.00 s range (the length rounds up)', () => {
    const { d, info } = constantDraft({ inF: 0, frames: 240, speed: 1, overlay: false, reversed: false, durationSec: 8.1 });
    const c = clipOf(ok(setSpeedRamp(d, 'c', rampPreset('hero'), info)));
    expect(c.speedRamp).toEqual(rampPreset('hero'));
    expect(c.in).toBe(0);
    expect(c.out).toBeGreaterThanOrEqual(8);
    expect(c.out).toBeLessThan(8 + 2.5 / fps);
    // And Constant gives back 0.00–8.00 s, 8:00 at 1× (not a frame more either).
    const back = clipOf(ok(switchToConstant(ok(setSpeedRamp(d, 'c', rampPreset('hero'), info)), 'c', info).result));
    expect([back.in, back.out, back.speed]).toEqual([0, 8, 1]);
  });
});

