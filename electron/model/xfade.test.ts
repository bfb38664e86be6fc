import { describe, expect, it } from 'vitest';
import { transitionKinds, type TransitionKind } from './draft';
import { type Contribution, planPixel, progressOf, smoothstep, xfadePixel, xfadePlan, xfadeProgress, XFADE_TRANSITION } from './xfade';

const vertical = { width: 1080, height: 1920 };

/** Contributions as "source@x" → weight (the y never moves), zero weights left out. */
function canon(cs: Contribution[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of cs) if (c.weight > 1e-9) m.set(c.from === 'colour' ? 'colour' : `${c.from}@${c.x}`, (m.get(`${c.from}@${c.x}`) ?? 0) + c.weight);
  return m;
}

function maxDifference(a: Map<string, number>, b: Map<string, number>): number {
  let worst = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) worst = Math.max(worst, Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0)));
  return worst;
}

describe('xfade progress', () => {
  it('runs from 1 at the first frame of a transition to 0 at its last, in single precision, with no easing', () => {
    expect(xfadeProgress(0, 15)).toBe(1);
    expect(xfadeProgress(15, 15)).toBe(0);
    expect(xfadeProgress(5, 10)).toBe(0.5);
    expect(xfadeProgress(1, 10)).toBe(Math.fround(1 - Math.fround(0.1)));
    expect(xfadeProgress(20, 10)).toBe(0);
    expect(progressOf(0.25)).toBe(0.75);
  });
});

describe('each kind compiles to the xfade transition of its name', () => {
  it.each(transitionKinds)('%s', (kind) => expect(XFADE_TRANSITION[kind]).toBe(kind));
});

describe('the drawing plan at known points (vf_xfade.c, worked by hand)', () => {
  it('slideleft half-way: the outgoing picture half off the left edge, the incoming one from the middle', () => {
    expect(xfadePlan('slideleft', 0.5, vertical)).toEqual({ type: 'slide', fromDx: -540, toDx: 540 });
    expect(xfadePlan('slideleft', 0, vertical)).toEqual({ type: 'slide', fromDx: 0, toDx: 1080 });
    expect(xfadePlan('slideleft', 1, vertical)).toEqual({ type: 'slide', fromDx: -1080, toDx: 0 });
  });

  it('slideright moves the other way', () => {
    expect(xfadePlan('slideright', 0.25, vertical)).toEqual({ type: 'slide', fromDx: 270, toDx: -810 });
  });

  it('wipeleft shows the incoming clip right of column W·P, wiperight left of W·(1−P)', () => {
    // P = 0.75: columns 0..810 keep the outgoing clip (x > z takes the incoming one).
    expect(xfadePlan('wipeleft', 0.25, vertical)).toEqual({ type: 'clip', to: { x: 811, y: 0, width: 269, height: 1920 } });
    expect(xfadePlan('wiperight', 0.25, vertical)).toEqual({ type: 'clip', to: { x: 0, y: 0, width: 271, height: 1920 } });
  });

  it('fade is a linear crossfade', () => {
    expect(xfadePlan('fade', 0.25, vertical)).toEqual({ type: 'blend', from: 0.75, to: 0.25, colour: 0, colourHex: null });
  });

  it('fadeblack half-way is not all black: a third of the incoming clip already shows', () => {
    // s1 = smoothstep(0.8, 1, 0.5) = 0; s2 = smoothstep(0.2, 1, 0.5) = 0.31640625.
    const plan = xfadePlan('fadeblack', 0.5, vertical);
    expect(plan).toMatchObject({ type: 'blend', colourHex: '#000000' });
    if (plan.type !== 'blend') throw new Error('blend expected');
    expect(plan.from).toBe(0);
    expect(plan.to).toBeCloseTo((1 - 0.31640625) * 0.5, 6);
    expect(plan.colour).toBeCloseTo(0.31640625 * 0.5 + 0.5, 6);
    expect(plan.from + plan.to + plan.colour).toBeCloseTo(1, 9);
  });

  it('fadewhite passes through white; the outgoing clip is gone after the first fifth', () => {
    const plan = xfadePlan('fadewhite', 0.3, vertical);
    expect(plan).toMatchObject({ type: 'blend', colourHex: '#ffffff', from: 0 });
    expect(xfadePlan('fadewhite', 0.1, vertical)).toMatchObject({ type: 'blend' });
    const early = xfadePlan('fadewhite', 0.1, vertical);
    if (early.type !== 'blend') throw new Error('blend expected');
    expect(early.from).toBeGreaterThan(0);
  });

  it('smoothleft ramps the incoming clip in over one canvas width, moving left', () => {
    const plan = xfadePlan('smoothleft', 0.5, vertical);
    expect(plan).toMatchObject({ type: 'linear', x0: 0, x1: 1080 });
    expect(xfadePlan('smoothleft', 0.25, vertical)).toMatchObject({ x0: 540, x1: 1620 });
  });

  it('circleopen opens from the centre with an edge as soft as half the diagonal', () => {
    const plan = xfadePlan('circleopen', 0.5, vertical);
    expect(plan).toMatchObject({ type: 'radial', cx: 540, cy: 960 });
    if (plan.type !== 'radial') throw new Error('radial expected');
    expect(plan.r).toBeCloseTo(Math.hypot(540, 960), 6);
    expect(plan.stops[0]!.alpha).toBe(1);
    expect(plan.stops.at(-1)!.alpha).toBe(0);
  });

  it('dissolve takes the incoming clip where the noise is below our progress', () => {
    expect(xfadePlan('dissolve', 0.3, vertical)).toEqual({ type: 'dissolve', threshold: Math.fround(1 - Math.fround(0.7)) });
  });

  it('smoothstep is the cubic ease of GLSL', () => {
    expect(smoothstep(0, 1, -1)).toBe(0);
    expect(smoothstep(0, 1, 0.5)).toBe(0.5);
    expect(smoothstep(0, 1, 2)).toBe(1);
    expect(smoothstep(0.2, 1, 0.6)).toBeCloseTo(0.5, 12);
  });
});

/** Pixels to compare: a grid, every column of the first row (so wipe and slide edges are hit), the corners. */
function* pixels(W: number, H: number): Generator<[number, number]> {
  for (let x = 0; x < W; x++) yield [x, 0];
  const sx = Math.max(1, Math.floor(W / 19));
  const sy = Math.max(1, Math.floor(H / 29));
  for (let y = 1; y < H; y += sy) for (let x = 0; x < W; x += sx) yield [x, y];
  yield [W - 1, H - 1];
}

const TOLERANCE: Partial<Record<TransitionKind, number>> = { smoothleft: 0.003, circleopen: 0.003 };

describe('every plan draws what xfade computes, pixel for pixel', () => {
  const sizes = [vertical, { width: 1920, height: 1080 }, { width: 45, height: 80 }];
  const progresses = [0, 0.04, 0.25, 0.5, 0.61, 0.9, 1];
  it.each(transitionKinds)('%s', (kind) => {
    for (const size of sizes) {
      const { width: W, height: H } = size;
      for (const p of progresses) {
        const plan = xfadePlan(kind, p, size);
        let mismatched = 0;
        let n = 0;
        for (const [x, y] of pixels(W, H)) {
          n++;
          const want = canon(xfadePixel(kind, progressOf(p), x, y, W, H));
          const got = canon(planPixel(plan, x, y, W));
          const d = maxDifference(want, got);
          if (kind === 'dissolve') {
            if (d > 0) mismatched++;
          } else {
            expect(d, `${kind} at p=${p}, ${W}x${H}, pixel ${x},${y}: ${JSON.stringify([...want])} vs ${JSON.stringify([...got])}`).toBeLessThanOrEqual(TOLERANCE[kind] ?? 1e-9);
          }
        }
        // The dissolve's threshold is the same comparison rearranged; single-precision rounding may flip a rare pixel.
        expect(mismatched / n, `${kind} at p=${p}`).toBeLessThan(0.002);
      }
    }
  });
});
