import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClipKeyframes, easings, KEYFRAMES_MAX } from './keyframe-track';

const key = (t: number, value: number, easing: (typeof easings)[number] = 'linear') => ({ t, value, easing });

describe('keyframe tracks (schema)', () => {
  it('accepts a track exactly when its times strictly increase', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 10 }), fc.constantFrom(...easings), (times, easing) => {
        const ok = ClipKeyframes.safeParse({ opacity: times.map((t) => key(t, 0.5, easing)) }).success;
        expect(ok).toBe(times.every((t, i) => i === 0 || t > times[i - 1]!));
      }),
    );
  });
  it('refuses an empty track, too many keys, negative times and values out of range', () => {
    expect(ClipKeyframes.safeParse({ scale: [] }).success).toBe(false);
    expect(ClipKeyframes.safeParse({ scale: Array.from({ length: KEYFRAMES_MAX + 1 }, (_, i) => key(i, 1)) }).success).toBe(false);
    expect(ClipKeyframes.safeParse({ scale: Array.from({ length: KEYFRAMES_MAX }, (_, i) => key(i, 1)) }).success).toBe(true);
    expect(ClipKeyframes.safeParse({ scale: [key(-1, 1)] }).success).toBe(false);
    expect(ClipKeyframes.safeParse({ scale: [key(0, 0)] }).success).toBe(false);
    expect(ClipKeyframes.safeParse({ opacity: [key(0, 1.5)] }).success).toBe(false);
    expect(ClipKeyframes.safeParse({ volume: [key(0, 2)] }).success).toBe(true);
    expect(ClipKeyframes.safeParse({ rotation: [key(0, -720), key(1, 720)] }).success).toBe(true);
    expect(ClipKeyframes.safeParse({ rotation: [key(0, 721)] }).success).toBe(false);
    expect(ClipKeyframes.safeParse({ position: [{ t: 0, value: { x: -0.5, y: 1.5 }, easing: 'hold' }] }).success).toBe(true);
    expect(ClipKeyframes.safeParse({ position: [{ t: 0, value: 0.5, easing: 'hold' }] }).success).toBe(false);
    expect(ClipKeyframes.safeParse({ opacity: [{ t: 0, value: 1, easing: 'bounce' }] }).success).toBe(false);
  });
  it('an empty keyframes object is a still clip', () => {
    expect(ClipKeyframes.parse({})).toEqual({});
  });
});
