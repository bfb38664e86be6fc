import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { easings, type Easing, type NumberTrack } from './keyframe-track';
import { ease, numberExpression, pointAt, valueAt } from './keyframes';

/**
 * A small evaluator of the ffmpeg expression language subset the compiler writes (numbers, t, + - * /, unary
 * minus, if/lt/pow), so the property "the export's expression is the preview's curve" is checked here, not
 * only by rendering.
 */
function evalFfmpeg(src: string, t: number): number {
  let i = 0;
  const peek = () => src[i];
  const expect1 = (c: string) => {
    if (src[i] !== c) throw new Error(`expected ${c} at ${i} in ${src}`);
    i++;
  };
  const primary = (): number => {
    if (peek() === '(') {
      i++;
      const v = sum();
      expect1(')');
      return v;
    }
    if (peek() === '-') {
      i++;
      return -primary();
    }
    const m = /^[0-9.]+/.exec(src.slice(i));
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    const name = /^[a-z]+/.exec(src.slice(i))![0];
    i += name.length;
    if (name === 't') return t;
    expect1('(');
    const args = [sum()];
    while (peek() === ',') {
      i++;
      args.push(sum());
    }
    expect1(')');
    if (name === 'if') return args[0] !== 0 ? args[1]! : args[2]!;
    if (name === 'lt') return args[0]! < args[1]! ? 1 : 0;
    if (name === 'pow') return args[0]! ** args[1]!;
    throw new Error(`unknown function ${name}`);
  };
  const product = (): number => {
    let v = primary();
    while (peek() === '*' || peek() === '/') v = src[i++] === '*' ? v * primary() : v / primary();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') v = src[i++] === '+' ? v + product() : v - product();
    return v;
  };
  const v = sum();
  if (i !== src.length) throw new Error(`trailing input at ${i} in ${src}`);
  return v;
}

const easing = fc.constantFrom(...easings);
/** Tracks with strictly increasing times on a millisecond grid (what the editor writes). */
const track = (minLength = 1): fc.Arbitrary<NumberTrack> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 20_000 }), { minLength, maxLength: 8 })
    .chain((ms) => fc.tuple(fc.constant([...ms].sort((a, b) => a - b)), fc.array(fc.record({ value: fc.double({ min: -720, max: 720, noNaN: true }), easing }), { minLength: ms.length, maxLength: ms.length })))
    .map(([ms, keys]) => ms.map((m, i) => ({ t: m / 1000, value: keys[i]!.value, easing: keys[i]!.easing })));
const time = fc.double({ min: -5, max: 30, noNaN: true });

describe('ease', () => {
  it('starts at 0 and ends at 1 (hold: stays at 0), and never leaves 0..1 nor goes back', () => {
    fc.assert(
      fc.property(easing, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (e: Easing, p, q) => {
        expect(ease(e, 0)).toBe(0);
        expect(ease(e, 1)).toBe(e === 'hold' ? 0 : 1);
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        expect(ease(e, lo)).toBeLessThanOrEqual(ease(e, hi) + 1e-12);
        expect(ease(e, p)).toBeGreaterThanOrEqual(0);
        expect(ease(e, p)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('valueAt', () => {
  it('ends clamp: the first key holds before it, the last after it, and every key is hit exactly', () => {
    fc.assert(
      fc.property(track(), fc.double({ min: 0, max: 100, noNaN: true }), (tr, d) => {
        expect(valueAt(tr, tr[0]!.t - d)).toBe(tr[0]!.value);
        expect(valueAt(tr, tr.at(-1)!.t + d)).toBe(tr.at(-1)!.value);
        for (const k of tr) expect(valueAt(tr, k.t)).toBe(k.value);
      }),
    );
  });
  it('is monotone between two keys and stays between their values', () => {
    fc.assert(
      fc.property(track(2), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (tr, pick, p, q) => {
        const i = pick % (tr.length - 1);
        const [a, b] = [tr[i]!, tr[i + 1]!];
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        const v1 = valueAt(tr, a.t + lo * (b.t - a.t));
        const v2 = valueAt(tr, a.t + hi * (b.t - a.t));
        const sign = Math.sign(b.value - a.value);
        expect(sign * (v2 - v1)).toBeGreaterThanOrEqual(-1e-9);
        expect(Math.min(a.value, b.value) - 1e-9).toBeLessThanOrEqual(v1);
        expect(v1).toBeLessThanOrEqual(Math.max(a.value, b.value) + 1e-9);
      }),
    );
  });
  it('hold holds: a hold key keeps its value until the next key', () => {
    fc.assert(
      fc.property(track(2), fc.double({ min: 0, max: 0.999, noNaN: true }), (tr, p) => {
        const held = tr.map((k) => ({ ...k, easing: 'hold' as const }));
        for (let i = 0; i + 1 < held.length; i++) expect(valueAt(held, held[i]!.t + p * (held[i + 1]!.t - held[i]!.t))).toBe(held[i]!.value);
      }),
    );
  });
  it('linear halfway is the mean; ease-in is behind it and ease-out ahead of it', () => {
    const keys = (easing: Easing): NumberTrack => [{ t: 1, value: 0, easing }, { t: 3, value: 10, easing: 'linear' }];
    expect(valueAt(keys('linear'), 2)).toBe(5);
    expect(valueAt(keys('easeIn'), 2)).toBeCloseTo(1.25);
    expect(valueAt(keys('easeOut'), 2)).toBeCloseTo(8.75);
    expect(valueAt(keys('easeInOut'), 2)).toBeCloseTo(5);
  });
  it('a position moves both coordinates along the same eased progress', () => {
    const tr = [{ t: 0, value: { x: 0, y: 1 }, easing: 'easeOut' as const }, { t: 2, value: { x: 1, y: 0 }, easing: 'linear' as const }];
    const p = pointAt(tr, 0.5);
    expect(p.x + p.y).toBeCloseTo(1);
    expect(p.x).toBeCloseTo(ease('easeOut', 0.25));
  });
});

describe('numberExpression (what the export evaluates)', () => {
  it('is valueAt at every time, whatever the keys and easings', () => {
    fc.assert(
      fc.property(track(), time, fc.integer({ min: 0, max: 100_000 }).map((ms) => ms / 1000), (tr, local, start) => {
        const expr = numberExpression(tr, `(t-${start})`);
        // Expressions carry six decimals: compare at that precision, scaled to the values' size.
        expect(evalFfmpeg(expr, start + local)).toBeCloseTo(valueAt(tr, local), 2);
      }),
      { numRuns: 300 },
    );
  });
});
