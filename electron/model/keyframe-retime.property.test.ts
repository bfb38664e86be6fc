import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipDuration, newVideoDraft, SPEED_MAX, SPEED_MIN, VideoDraft, type MediaClip, type SpeedRamp } from './draft';
import { playOrder, sourceOffsetAt } from './clip-speed';
import { applyPreset } from './keyframe-presets';
import { KEYFRAMES_MAX, type NumberTrack } from './keyframe-track';
import { valueAt } from './keyframes';
import { rampPreset } from './speed-ramp-time';
import { findClip, insertClip, newMediaClip, setSpeed, setSpeedRamp, type EditResult, type SourceInfo } from './timeline';
import { spacedRampArb } from './__tests__/ramp-arb';

/**
 * A speed change moves a clip's keys with the source frames they were on (keyframe-retime.ts): issue 15, where a
 * Ken Burns made before a Bullet curve ended 2 s before the clip did.
 */

const FPS = 30;
const info: SourceInfo = (id) => (id === 'v' ? { kind: 'video', durationSec: 30 } : null);

function ok(r: EditResult): VideoDraft {
  if (!r.ok) throw new Error(r.message);
  return r.draft;
}
function media(d: VideoDraft): MediaClip {
  const c = findClip(d, 'k')!.clip;
  if (c.type !== 'media') throw new Error('media');
  return c;
}

/** The absolute source second a clip shows `t` seconds after its start (a reversed clip counts down). */
function shownSource(c: MediaClip, t: number): number {
  const m = playOrder(c);
  const s = m.in + sourceOffsetAt(m, t);
  return c.reversed ? 0 - s : s;
}

/** A main-track video clip `k` over source in..out with scale keys on `frames` and volume keys on every other one. */
function keyedDraft(inT: number, out: number, reversed: boolean, frames: number[]): VideoDraft {
  let n = 0;
  const idFor = (p: string) => `${p}-${++n}`;
  let d = newVideoDraft('retime', '9:16', FPS, idFor);
  const main = d.tracks.find((t) => t.kind === 'main')!.id;
  d = ok(insertClip(d, main, { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 30 }, 0, idFor), id: 'k', in: inT, out, reversed }, 0, info));
  const len = Math.round(clipDuration(media(d)) * FPS);
  const fs = [...new Set(frames.map((f) => Math.min(f, len)))].sort((a, b) => a - b);
  const scale: NumberTrack = fs.map((f, i) => ({ t: f / FPS, value: 1 + i / 10, easing: 'linear' }));
  const volume: NumberTrack = fs.filter((_, i) => i % 2 === 0).map((f, i) => ({ t: f / FPS, value: 0.2 + i / 20, easing: 'easeIn' }));
  if (fs.length === 0) return d;
  const tracks = d.tracks.map((t) => ({ ...t, clips: t.clips.map((c) => (c.id === 'k' ? { ...c, keyframes: { scale, volume } } : c)) }));
  return { ...d, tracks };
}

type Change = { kind: 'speed'; speed: number } | { kind: 'ramp'; ramp: SpeedRamp } | { kind: 'constant' };
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.double({ min: SPEED_MIN, max: SPEED_MAX, noNaN: true }).map((speed): Change => ({ kind: 'speed', speed })),
  spacedRampArb.map((ramp): Change => ({ kind: 'ramp', ramp })),
);
function apply(d: VideoDraft, ch: Change): VideoDraft {
  if (ch.kind === 'speed') return ok(setSpeed(d, 'k', ch.speed));
  if (ch.kind === 'ramp') return ok(setSpeedRamp(d, 'k', ch.ramp, info));
  return ok(setSpeedRamp(d, 'k', null, info));
}

const setupArb = fc.record({
  inT: fc.double({ min: 0, max: 10, noNaN: true }),
  len: fc.double({ min: 1, max: 15, noNaN: true }),
  reversed: fc.boolean(),
  frames: fc.array(fc.nat({ max: 600 }), { minLength: 1, maxLength: KEYFRAMES_MAX }),
  first: fc.option(changeArb, { nil: null }),
  change: fc.oneof(changeArb, fc.constant<Change>({ kind: 'constant' })),
});

describe('keys follow the source when the speed changes', () => {
  it('every key that stays shows the source frame it showed, on the frame grid, never more keys than before', () => {
    fc.assert(
      fc.property(setupArb, ({ inT, len, reversed, frames, first, change }) => {
        const start = keyedDraft(inT, inT + len, reversed, frames);
        const before = first ? apply(start, first) : start;
        const snapshot = structuredClone(before);
        const after = apply(before, change);
        expect(before).toEqual(snapshot); // the edit never touches its input: undo restores the draft it kept
        expect(VideoDraft.safeParse(after).success).toBe(true);
        const b = media(before);
        const a = media(after);
        const aLen = Math.round(clipDuration(a) * FPS) / FPS;
        // Half a new frame of rounding, at up to the fastest speed, plus one frame where two keys became one.
        const tol = (1.5 * SPEED_MAX) / FPS + 1e-6;
        for (const prop of ['scale', 'volume'] as const) {
          const was = b.keyframes?.[prop] ?? [];
          const now = a.keyframes?.[prop] ?? [];
          expect(now.length).toBeLessThanOrEqual(Math.max(was.length, 1));
          now.forEach((k, i) => {
            expect(Math.abs(k.t * FPS - Math.round(k.t * FPS))).toBeLessThan(1e-6);
            expect(k.t).toBeGreaterThanOrEqual(0);
            expect(k.t).toBeLessThanOrEqual(aLen + 1e-9);
            if (i > 0) expect(k.t).toBeGreaterThan(now[i - 1]!.t);
          });
          for (const k of was) {
            const src = shownSource(b, k.t);
            // A key on source the new clip still plays has a key on (about) that frame; past the end it is cut.
            if (shownSource(a, aLen) !== src && Math.abs(shownSource(a, aLen) - src) < tol) continue;
            const lastSrc = shownSource(a, aLen);
            const inside = reversed ? src >= lastSrc : src <= lastSrc;
            if (!inside) continue;
            expect(now.some((n) => Math.abs(shownSource(a, n.t) - src) <= tol)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a Ken Burns made before a slowing curve still ends on the clip’s last frame (issue 15)', () => {
    let d = keyedDraft(0, 10, false, []);
    d = ok(applyPreset(d, 'k', 'kenBurnsIn'));
    const keyed = media(d).keyframes!.scale!;
    expect(keyed.at(-1)!.t).toBeCloseTo(10, 9);
    d = ok(setSpeedRamp(d, 'k', rampPreset('bullet'), info));
    const c = media(d);
    const len = clipDuration(c);
    expect(len).toBeGreaterThan(11);
    const scale = c.keyframes!.scale!;
    expect(scale.map((k) => k.value)).toEqual(keyed.map((k) => k.value));
    expect(Math.abs(scale.at(-1)!.t - len)).toBeLessThan(1 / FPS);
    // Still zooming in the last second (before the fix it held from 10 s).
    expect(valueAt(scale, len - 0.5)).toBeLessThan(valueAt(scale, len));
    // Back to a constant 1× (the curve kept the source range, its length rounded up): still first frame to last.
    d = ok(setSpeedRamp(d, 'k', null, info));
    d = ok(setSpeed(d, 'k', 1));
    const back = media(d);
    expect(back.keyframes!.scale!.map((k) => k.t)).toEqual([0, clipDuration(back)]);
    expect(clipDuration(back)).toBe(10);
  });

  it('doubling the speed halves the key times; a key on a source frame lands on its frame', () => {
    const d = keyedDraft(2, 8, false, [0, 30, 90, 179]);
    const c = media(ok(setSpeed(d, 'k', 2)));
    expect(c.keyframes!.scale!.map((k) => Math.round(k.t * FPS))).toEqual([0, 15, 45, 90]);
    expect(clipDuration(c)).toBeCloseTo(3, 9);
  });

  it('a speed-up that puts two keys on one frame keeps the later one', () => {
    const d = keyedDraft(0, 4, false, [30, 31]);
    const c = media(ok(setSpeed(d, 'k', 4)));
    expect(c.keyframes!.scale!).toEqual([{ t: 8 / FPS, value: 1.1, easing: 'linear' }]);
  });
});
