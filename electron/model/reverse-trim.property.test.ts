import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipDuration, newVideoDraft, RAMP_POINTS_MAX, SPEED_MAX, SPEED_MIN, VideoDraft, type MediaClip, type SpeedRamp } from './draft';
import { spacedRampArb } from './__tests__/ramp-arb';
import { type EditResult, findClip, insertClip, newMediaClip, normalizeDraft, setSpeed, setSpeedRamp, type SourceInfo, sourceTimeAt, trimClip } from './timeline';

/**
 * Trimming a reversed clip (docs/reverse-freeze.md): it plays `out` down to `in`, so its start edge moves `out`
 * and its end edge moves `in`, with or without a speed curve. Every frame that stays shows what it showed.
 */

const D = 12;
const info: SourceInfo = (id) => (id === 'v' ? { kind: 'video', durationSec: D } : null);
const FPS = 30;

function ok(r: EditResult): VideoDraft {
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  return r.draft;
}

/** A draft with the reversed clip 'r' (source in..out) on the main track, or at 2 s on the overlay track. */
function reversedDraft(inT: number, out: number, speed: number, ramp: SpeedRamp | null, onMain: boolean): VideoDraft {
  let n = 0;
  const idFor = (p: string) => `${p}-${++n}`;
  let d = newVideoDraft('rev', '9:16', FPS, idFor);
  const track = d.tracks.find((t) => t.kind === (onMain ? 'main' : 'overlay'))!.id;
  const clip: MediaClip = { ...newMediaClip({ id: 'v', kind: 'video', durationSec: D }, 0, idFor), id: 'r', in: inT, out, speed, reversed: true };
  d = ok(insertClip(d, track, clip, onMain ? 0 : 2, info));
  return ramp ? ok(setSpeedRamp(d, 'r', ramp, info)) : d;
}

const clipOf = (d: VideoDraft) => findClip(d, 'r')!.clip as MediaClip;

/** The source a reversed clip shows at timeline time `t`: out − the offset it has played from its first frame. */
const shown = (c: MediaClip, t: number) => c.out - (sourceTimeAt(c, t) - c.in);

const rangeArb = fc.tuple(fc.double({ min: 0, max: 8, noNaN: true }), fc.double({ min: 0.5, max: 10, noNaN: true })).map(([a, len]) => [a, Math.min(D, a + len)] as const);
const curveArb = fc.option(spacedRampArb, { nil: null });
const speedArb = fc.double({ min: SPEED_MIN, max: SPEED_MAX, noNaN: true });

describe('trimming a reversed clip', () => {
  it('moves the edge in play order: the frames that stay show the same source, inside 0..D (property)', () => {
    fc.assert(
      fc.property(rangeArb, speedArb, curveArb, fc.boolean(), fc.boolean(), fc.double({ min: -0.5, max: 1.5, noNaN: true }), ([a, b], speed, ramp, onMain, startEdge, f) => {
        const d = reversedDraft(a, b, speed, ramp, onMain);
        const c = clipOf(d);
        const frames = Math.round(clipDuration(c) * FPS);
        const s = Math.round(c.start * FPS);
        // Anywhere from well before the clip to well after it: reveals more source as well as cutting.
        const to = (s + Math.round(f * frames)) / FPS;
        const r = trimClip(d, 'r', startEdge ? 'start' : 'end', to, info);
        // Only a curve past what the editor makes can be too full to show more (docs/speed-ramps.md).
        if (!r.ok && r.reason === 'ramp_full') return void expect(c.speedRamp!.points.length).toBeGreaterThan(RAMP_POINTS_MAX);
        const t = ok(r);
        const after = clipOf(t);
        expect(VideoDraft.safeParse(t).success).toBe(true);
        expect(after.reversed).toBe(true);
        expect(after.in).toBeGreaterThanOrEqual(0);
        expect(after.out).toBeLessThanOrEqual(D);
        expect(after.in).toBeLessThan(after.out);
        // The start edge moves `out` (the first frame shown), the end edge moves `in` (the last).
        if (startEdge) expect(Math.abs(after.in - c.in)).toBeLessThan(1e-9);
        else expect(after.out).toBe(c.out);
        const kept = Math.round(clipDuration(after) * FPS);
        // Timeline frame of the trimmed clip that shows what old frame k showed: a main-track start trim ripples
        // (the clip stays at 0 and its frames move by the change in length); otherwise frames stay where they were.
        const newS = Math.round(after.start * FPS);
        const moved = startEdge ? (onMain ? kept - frames : s - newS) : 0;
        for (let k = 0; k < frames; k++) {
          const j = k + moved; // frame index inside the trimmed clip
          if (j < 0 || j >= kept) continue;
          const x = (k + 0.5) / FPS;
          const y = after.start + (j + 0.5) / FPS;
          expect(Math.abs(shown(after, y) - shown(c, c.start + x))).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the start edge reveals later source up to the end of the asset, the end edge earlier source down to 0', () => {
    const d = reversedDraft(3, 7, 1, null, true);
    const head = clipOf(ok(trimClip(d, 'r', 'start', -20, info)));
    expect([head.in, head.out]).toEqual([3, D]);
    const tail = clipOf(ok(trimClip(d, 'r', 'end', 60, info)));
    expect([tail.in, tail.out]).toEqual([0, 7]);
    // Cutting 1 s off the start drops the first second played: the latest source.
    const cut = clipOf(ok(trimClip(d, 'r', 'start', 1, info)));
    expect([cut.in, cut.out]).toEqual([3, 6]);
    const end = clipOf(ok(trimClip(d, 'r', 'end', 1, info)));
    expect([end.in, end.out]).toEqual([6, 7]);
  });

  it('fits to whole frames in play order: the first frame (out) stays, and normalising again changes nothing', () => {
    fc.assert(
      fc.property(rangeArb, speedArb, curveArb, ([a, b], speed, ramp) => {
        const d = reversedDraft(a, b, speed, ramp, true);
        const c = clipOf(d);
        expect(c.out).toBeCloseTo(Math.min(b, D), 9);
        const frames = clipDuration(c) * FPS;
        expect(Math.abs(frames - Math.round(frames))).toBeLessThan(1e-6);
        expect(normalizeDraft(d, info)).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });

  it('a new speed keeps the first frame shown (out), whole frames giving way at in', () => {
    fc.assert(
      fc.property(rangeArb, speedArb, ([a, b], speed) => {
        const d = reversedDraft(a, b, 1, null, true);
        const c = clipOf(d);
        const after = clipOf(ok(setSpeed(d, 'r', speed)));
        expect(after.out).toBe(c.out);
        expect(after.in).toBeGreaterThanOrEqual(c.in - 1e-9);
        expect(shown(after, 0.5 / FPS)).toBeCloseTo(c.out - (0.5 / FPS) * after.speed, 9);
      }),
      { numRuns: 200 },
    );
  });
});
