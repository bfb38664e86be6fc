import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newMediaClip } from '../../../../electron/model/timeline';
import { sourceRange } from './sourceRangeLogic';

const clip = (inSec: number, outSec: number, reversed: boolean) => {
  let n = 0;
  const c = newMediaClip({ id: 'a1', kind: 'video', durationSec: 20 }, 0, (p) => `${p}${++n}`);
  return { ...c, in: inSec, out: outSec, ...(reversed ? { reversed: true } : {}) };
};

describe('sourceRangeText (the Inspector\'s "From source")', () => {
  it('reads a forwards clip from in to out', () => {
    expect(sourceRange(clip(1, 4, false))).toEqual({ text: '1.00 → 4.00 s', title: undefined });
  });

  it('reads a reversed clip in the order it plays: out first, and says so in words in its title', () => {
    expect(sourceRange(clip(1, 4, true))).toEqual({ text: '4.00 → 1.00 s', title: 'Plays backwards: from 4.00 s of the file down to 1.00 s' });
    expect(sourceRange(clip(0, 2.5, true)).text).toBe('2.50 → 0.00 s');
  });

  it('a reversed clip always starts at the later source time (any range)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1900 }), fc.integer({ min: 1, max: 100 }), (a, len) => {
        const [i, o] = [a / 100, (a + len) / 100];
        const m = /^([\d.]+) → ([\d.]+) s$/.exec(sourceRange(clip(i, o, true)).text);
        expect(m).not.toBeNull();
        expect(Number(m![1])).toBeCloseTo(o, 2);
        expect(Number(m![2])).toBeCloseTo(i, 2);
      }),
    );
  });
});
