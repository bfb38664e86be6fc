import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChromaKey, clipDuration, defaultTransform, DRAFT_SCHEMA_VERSION, newVideoDraft, rampedDuration, SpeedRamp, SPEED_MAX, SPEED_MIN, VideoDraft, type MediaClip } from './draft';
import { migrateDraft } from './draft-migrate';

/**
 * Version 6 (speed ramps, reverse, chroma key): any version-5 draft still reads, with none of them on any clip
 * (stray keys dropped); each survives a save and load; a ramp's timeline length is the integral of 1 / speed.
 */

const speedArb = fc.double({ min: SPEED_MIN, max: SPEED_MAX, noNaN: true });
const rampArb = fc
  .tuple(fc.uniqueArray(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { maxLength: 10 }), fc.array(speedArb, { minLength: 12, maxLength: 12 }))
  .map(([inner, speeds]): SpeedRamp => {
    const ats = [0, ...inner.sort((a, b) => a - b), 1];
    return { points: ats.map((at, i) => ({ at, speed: speeds[i]! })) };
  });
const keyArb = fc.record({
  color: fc.constantFrom('#00ff00', '#0047bb', '#12ab34'),
  similarity: fc.double({ min: 0.01, max: 1, noNaN: true }),
  blend: fc.double({ min: 0, max: 1, noNaN: true }).map((v) => v + 0),
});

function clip(extra: Partial<MediaClip>): MediaClip {
  return { id: 'c', type: 'media', assetId: 'a', start: 0, in: 1, out: 5, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null, ...extra };
}
function draftWith(c: MediaClip): VideoDraft {
  const d = newVideoDraft('v6', '9:16', 30, (p) => `${p}-1`);
  d.tracks[0]!.clips = [c];
  return d;
}

describe('draft version 6: speed ramps, reverse, chroma key', () => {
  it('a version 5 draft migrates with none of them, dropping stray keys', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (r, v, k) => {
        const json = JSON.parse(JSON.stringify(draftWith(clip({})))) as Record<string, unknown> & { tracks: { clips: Record<string, unknown>[] }[] };
        Object.assign(json.tracks[0]!.clips[0]!, { speedRamp: r, reversed: v, chromaKey: k });
        const read = migrateDraft({ ...json, schemaVersion: 5 });
        if (read.kind !== 'video') throw new Error('video');
        expect(read.schemaVersion).toBe(DRAFT_SCHEMA_VERSION);
        const c = read.tracks[0]!.clips[0]!;
        expect('speedRamp' in c || 'reversed' in c || 'chromaKey' in c).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('a ramp, a reverse and a key survive a save and load unchanged', () => {
    fc.assert(
      fc.property(rampArb, fc.boolean(), keyArb, (speedRamp, reversed, chromaKey) => {
        const d = draftWith(clip({ speedRamp, reversed, chromaKey }));
        const read = migrateDraft(JSON.parse(JSON.stringify(d)));
        expect(read).toEqual(d);
      }),
      { numRuns: 150 },
    );
  });

  it('a ramp lasts the integral of 1 / speed: between the slowest and fastest, and exact for a constant', () => {
    fc.assert(
      fc.property(rampArb, fc.double({ min: 0.1, max: 60, noNaN: true }), (ramp, src) => {
        const speeds = ramp.points.map((p) => p.speed);
        const d = rampedDuration(src, ramp);
        expect(d).toBeGreaterThanOrEqual(src / Math.max(...speeds) - 1e-9);
        expect(d).toBeLessThanOrEqual(src / Math.min(...speeds) + 1e-9);
        // A numeric integral agrees (midpoint rule, fine steps).
        let sum = 0;
        const n = 4000;
        for (let i = 0; i < n; i++) {
          const f = (i + 0.5) / n;
          const k = ramp.points.findIndex((p) => p.at >= f);
          const a = ramp.points[k - 1]!;
          const b = ramp.points[k]!;
          sum += src / n / (a.speed + ((b.speed - a.speed) * (f - a.at)) / (b.at - a.at));
        }
        expect(Math.abs(d - sum)).toBeLessThanOrEqual(2e-3 * d);
      }),
      { numRuns: 200 },
    );
    expect(clipDuration(clip({ speedRamp: { points: [{ at: 0, speed: 2 }, { at: 1, speed: 2 }] } }))).toBeCloseTo(2, 9);
    expect(clipDuration(clip({ speed: 2 }))).toBe(2);
  });

  it('refuses a ramp that does not span the clip or go forward, and a key out of range, naming why', () => {
    const bad = (r: unknown) => SpeedRamp.safeParse(r).error?.issues[0]?.message;
    expect(bad({ points: [{ at: 0, speed: 1 }] })).toMatch(/at least two/);
    expect(bad({ points: [{ at: 0.1, speed: 1 }, { at: 1, speed: 1 }] })).toMatch(/starts at the clip/);
    expect(bad({ points: [{ at: 0, speed: 1 }, { at: 0.9, speed: 1 }] })).toMatch(/ends at the clip/);
    expect(bad({ points: [{ at: 0, speed: 1 }, { at: 0.5, speed: 1 }, { at: 0.5, speed: 2 }, { at: 1, speed: 1 }] })).toMatch(/go forward/);
    expect(bad({ points: [{ at: 0, speed: 9 }, { at: 1, speed: 1 }] })).toMatch(/between/);
    expect(ChromaKey.safeParse({ color: '#00ff00', similarity: 0, blend: 0 }).error?.issues[0]?.message).toMatch(/similarity/);
    expect(VideoDraft.safeParse(draftWith(clip({ reversed: true }))).success).toBe(true);
  });
});
