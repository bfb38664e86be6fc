import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newMediaClip } from '../../../../electron/model/timeline';
import { sourceRangeText } from './sourceRangeLogic';

const clip = (inSec: number, outSec: number, reversed: boolean) => {
  let n = 0;
  const c = newMediaClip({ id: 'a1', kind: 'video', durationSec: 20 }, 0, (p) => `${p}${++n}`);
  return { ...c, in: inSec, out: outSec, ...(reversed ? { reversed: true } : {}) };
};

describe('sourceRangeText (the Inspector\'s "From source")', () => {
  it('reads a forwards clip from in to out', () => {
    expect(sourceRangeText(clip(1, 4, false))).toBe('1.00 – 4.00 s');
  });

  it('reads a reversed clip in the order it plays: out first, marked backwards', () => {
    expect(sourceRangeText(clip(1, 4, true))).toBe('4.00 → 1.00 s, backwards');
    expect(sourceRangeText(clip(0, 2.5, true))).toBe('2.50 → 0.00 s, backwards');
  });

  it('a reversed clip always starts at the later source time (any range)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1900 }), fc.integer({ min: 1, max: 100 }), (a, len) => {
        const [i, o] = [a / 100, (a + len) / 100];
        const m = /^([\d.]+) → ([\d.]+) s, backwards$/.exec(sourceRangeText(clip(i, o, true)));
        expect(m).not.toBeNull();
        expect(Number(m![1])).toBeCloseTo(o, 2);
        expect(Number(m![2])).toBeCloseTo(i, 2);
      }),
    );
  });
});
