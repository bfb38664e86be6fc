import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rampArb } from './__tests__/ramp-arb';
import { newVideoDraft, type MediaClip, type SpeedRamp, VideoDraft } from './draft';
import { rampPreset } from './speed-ramp-time';
import { switchToConstant, switchToCurve } from './speed-mode';
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
    expect(back.out).toBeLessThanOrEqual(clipOf(trimmed).out);
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
