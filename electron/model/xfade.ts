import type { TransitionKind } from './draft';
import type { Rect, Size } from './geometry';

/**
 * The main track's transitions as ffmpeg's `xfade` filter draws them (libavfilter/vf_xfade.c), so the preview
 * can draw exactly what the export will contain. The compiler writes `xfade=transition=<XFADE_TRANSITION[kind]>`;
 * this module holds the maths of those transitions:
 *
 *  - `xfadeProgress`: xfade's progress runs from 1 (first frame of the transition, all "from") down to 0, as
 *    `1 - (pts - start) / duration` in single precision, with no easing.
 *  - `xfadePixel`: per output pixel, which input pixels it is made of and with which weights (the reference,
 *    transcribed from vf_xfade.c; `xfade.ffmpeg.test.ts` holds it to the real filter, pixel by pixel).
 *  - `xfadePlan`: the same as a few drawing operations a 2D canvas can do (rectangles, offsets, alpha gradients,
 *    a noise mask), in canvas pixels. `planPixel` reads a plan back per pixel, so a test can compare the plan
 *    with the reference.
 *
 * Our own progress `p` (LayerTransition.progress) runs 0 → 1; xfade's is `P = 1 - p`.
 */

/** The xfade transition each kind compiles to. Our kinds are named after xfade's, one to one. */
export const XFADE_TRANSITION: Record<TransitionKind, string> = {
  fade: 'fade',
  dissolve: 'dissolve',
  fadeblack: 'fadeblack',
  fadewhite: 'fadewhite',
  wipeleft: 'wipeleft',
  wiperight: 'wiperight',
  slideleft: 'slideleft',
  slideright: 'slideright',
  circleopen: 'circleopen',
  smoothleft: 'smoothleft',
};

const f32 = Math.fround;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** xfade's smoothstep (GLSL's): 0 below e0, 1 above e1, a cubic ease between. */
export function smoothstep(e0: number, e1: number, x: number): number {
  const t = clamp01((x - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
}

/**
 * xfade's progress P for the frame `elapsed` time units into a transition of `duration` units (its own
 * single-precision sum: `av_clipf(1.f - ((float)elapsed / duration), 0, 1)`). Our progress p is elapsed/duration.
 */
export function xfadeProgress(elapsed: number, duration: number): number {
  return clamp01(f32(1 - f32(f32(elapsed) / f32(duration))));
}

/** P for our progress p (0 → 1), in xfade's precision. */
export const progressOf = (p: number): number => clamp01(f32(1 - f32(p)));

/** The per-pixel noise of xfade's dissolve (`frand`), in single precision as the C code computes it. */
export function xfadeNoise(x: number, y: number): number {
  const r = f32(f32(Math.sin(f32(f32(x * f32(12.9898)) + f32(y * f32(78.233))))) * f32(43758.545));
  return f32(r - Math.floor(r));
}

export type Contribution = { from: 'from' | 'to' | 'colour'; weight: number; x: number; y: number };

/** The colour a transition passes through (fadeblack, fadewhite), as RGB. */
export function transitionColour(kind: TransitionKind): '#000000' | '#ffffff' | null {
  return kind === 'fadeblack' ? '#000000' : kind === 'fadewhite' ? '#ffffff' : null;
}

/**
 * What the output pixel (x, y) of a W×H transition frame is made of at xfade progress P: the reference,
 * written as vf_xfade.c computes it (`mix(a, b, m) = a·m + b·(1 − m)`; `a` is the outgoing clip).
 */
export function xfadePixel(kind: TransitionKind, P: number, x: number, y: number, W: number, H: number): Contribution[] {
  const from = (weight: number, sx = x): Contribution => ({ from: 'from', weight, x: sx, y });
  const to = (weight: number, sx = x): Contribution => ({ from: 'to', weight, x: sx, y });
  const pick = (m: number): Contribution[] => [from(m), to(1 - m)];
  switch (kind) {
    case 'fade':
      return pick(P);
    case 'wipeleft':
      return x > Math.trunc(f32(W * P)) ? [to(1)] : [from(1)];
    case 'wiperight':
      return x > Math.trunc(f32(W * f32(1 - P))) ? [from(1)] : [to(1)];
    case 'slideleft':
    case 'slideright': {
      const z = Math.trunc(f32((kind === 'slideleft' ? -P : P) * W));
      const zx = z + x;
      const zz = (zx % W) + W * (zx % W < 0 ? 1 : 0);
      return zx >= 0 && zx < W ? [to(1, zz)] : [from(1, zz)];
    }
    case 'fadeblack':
    case 'fadewhite': {
      // mix(mix(a, bg, s1), mix(bg, b, s2), P), s1 = smoothstep(1-phase, 1, P), s2 = smoothstep(phase, 1, P)
      const phase = f32(0.2);
      const s1 = smoothstep(1 - phase, 1, P);
      const s2 = smoothstep(phase, 1, P);
      return [from(s1 * P), to((1 - s2) * (1 - P)), { from: 'colour', weight: (1 - s1) * P + s2 * (1 - P), x, y }];
    }
    case 'smoothleft': {
      // mix(b, a, smoothstep(0, 1, 1 + x/W − 2P))
      const s = smoothstep(0, 1, 1 + x / W - P * 2);
      return [to(s), from(1 - s)];
    }
    case 'circleopen': {
      // mix(a, b, smoothstep(0, 1, dist/z + (P − 0.5)·3)), centre and half-diagonal in whole pixels
      const cx = Math.trunc(W / 2);
      const cy = Math.trunc(H / 2);
      const z = Math.hypot(cx, cy);
      const s = smoothstep(0, 1, Math.hypot(x - cx, y - cy) / z + (P - 0.5) * 3);
      return pick(s);
    }
    case 'dissolve':
      // smooth = frand·2 + P·2 − 1.5; the outgoing pixel where smooth >= 0.5
      return f32(f32(f32(xfadeNoise(x, y) * 2) + f32(P * 2)) - 1.5) >= 0.5 ? [from(1)] : [to(1)];
  }
}

/** A stop of an alpha ramp: `at` 0..1 along the ramp, `alpha` of the incoming clip there. */
export type AlphaStop = { at: number; alpha: number };

/**
 * How to draw a transition frame from two full frames on a 2D canvas, in canvas pixels:
 *  - `blend`: `from` at weight `from`, `to` at weight `to`, a flat colour at `colour` (weights sum to 1);
 *  - `clip`: `from` everywhere, `to` inside the rectangle (wipes);
 *  - `slide`: both moved horizontally by their offsets;
 *  - `linear`: `to` over `from` with an alpha ramp along x from x0 (first stop) to x1 (last stop), held beyond;
 *  - `radial`: `to` over `from` with an alpha ramp by distance from (cx, cy), 0 → r, held beyond;
 *  - `dissolve`: `to` where the dissolve noise at a canvas pixel is below `threshold`, else `from`.
 */
export type XfadePlan =
  | { type: 'blend'; from: number; to: number; colour: number; colourHex: '#000000' | '#ffffff' | null }
  | { type: 'clip'; to: Rect }
  | { type: 'slide'; fromDx: number; toDx: number }
  | { type: 'linear'; x0: number; x1: number; stops: AlphaStop[] }
  | { type: 'radial'; cx: number; cy: number; r: number; stops: AlphaStop[] }
  | { type: 'dissolve'; threshold: number };

/** Stops of a smoothstep ramp: piecewise linear, within 0.2 % of the curve (error ≤ 6h²/8 for step h). */
export const RAMP_STEPS = 24;
/** Stops between positions `at0` and `at1` (0..1 of the ramp's length), sampling `alphaAt` there. */
function ramp(alphaAt: (at: number) => number, at0: number, at1: number): AlphaStop[] {
  return Array.from({ length: RAMP_STEPS + 1 }, (_, i) => {
    const at = at0 + ((at1 - at0) * i) / RAMP_STEPS;
    return { at, alpha: alphaAt(at) };
  });
}

/** The drawing plan of `kind` at our progress p (0 → 1) on a canvas of `size` (the export's canvas). */
export function xfadePlan(kind: TransitionKind, p: number, size: Size): XfadePlan {
  const P = progressOf(p);
  const { width: W, height: H } = size;
  switch (kind) {
    case 'fade':
      return { type: 'blend', from: P, to: 1 - P, colour: 0, colourHex: null };
    case 'fadeblack':
    case 'fadewhite': {
      const [a, b, c] = xfadePixel(kind, P, 0, 0, W, H);
      return { type: 'blend', from: a!.weight, to: b!.weight, colour: c!.weight, colourHex: transitionColour(kind) };
    }
    case 'wipeleft': {
      const z = Math.trunc(f32(W * P));
      return { type: 'clip', to: { x: z + 1, y: 0, width: Math.max(0, W - z - 1), height: H } };
    }
    case 'wiperight': {
      const z = Math.trunc(f32(W * f32(1 - P)));
      return { type: 'clip', to: { x: 0, y: 0, width: Math.min(W, z + 1), height: H } };
    }
    case 'slideleft': {
      const shift = -Math.trunc(f32(-P * W)); // pixels of `to` still off the right edge
      return { type: 'slide', fromDx: shift - W, toDx: shift };
    }
    case 'slideright': {
      const shift = Math.trunc(f32(P * W));
      return { type: 'slide', fromDx: W - shift, toDx: -shift };
    }
    case 'smoothleft':
      // u = 1 + x/W − 2P runs 0 → 1 between these columns.
      return { type: 'linear', x0: (2 * P - 1) * W, x1: 2 * P * W, stops: ramp((u) => smoothstep(0, 1, u), 0, 1) };
    case 'circleopen': {
      const cx = Math.trunc(W / 2);
      const cy = Math.trunc(H / 2);
      const z = Math.hypot(cx, cy);
      const c = (P - 0.5) * 3;
      // u = d/z + c; `to` has alpha 1 − smoothstep(u), which reaches 0 at d = z·(1 − c).
      const r = Math.max(1e-3, z * (1 - c));
      // Fully incoming inside d = −c·z (u < 0), so the stops only span the soft edge.
      const inner = Math.min(1, Math.max(0, (-c * z) / r));
      return { type: 'radial', cx, cy, r, stops: ramp((at) => 1 - smoothstep(0, 1, (at * r) / z + c), inner, 1) };
    }
    case 'dissolve':
      // frand·2 + 2P − 1.5 < 0.5  ⇔  frand < 1 − P: the incoming clip where the noise is below 1 − P.
      return { type: 'dissolve', threshold: f32(1 - P) };
  }
}

/** Linear interpolation through alpha stops at position u (0..1), held at the ends. */
export function rampAt(stops: readonly AlphaStop[], u: number): number {
  if (u <= stops[0]!.at) return stops[0]!.alpha;
  for (let i = 1; i < stops.length; i++) {
    const b = stops[i]!;
    if (u <= b.at) {
      const a = stops[i - 1]!;
      return a.alpha + ((b.alpha - a.alpha) * (u - a.at)) / (b.at - a.at);
    }
  }
  return stops.at(-1)!.alpha;
}

/** The pixel (x, y) a plan draws, as contributions (the plan read back, for comparing with `xfadePixel`). */
export function planPixel(plan: XfadePlan, x: number, y: number, W: number): Contribution[] {
  const at = (from: Contribution['from'], weight: number, sx = x): Contribution => ({ from, weight, x: sx, y });
  switch (plan.type) {
    case 'blend':
      return [at('from', plan.from), at('to', plan.to), at('colour', plan.colour)];
    case 'clip': {
      const r = plan.to;
      return x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height ? [at('to', 1)] : [at('from', 1)];
    }
    case 'slide': {
      const tx = x - plan.toDx;
      if (tx >= 0 && tx < W) return [at('to', 1, tx)];
      return [at('from', 1, x - plan.fromDx)];
    }
    case 'linear': {
      const a = rampAt(plan.stops, (x - plan.x0) / (plan.x1 - plan.x0));
      return [at('to', a), at('from', 1 - a)];
    }
    case 'radial': {
      const a = rampAt(plan.stops, Math.hypot(x - plan.cx, y - plan.cy) / plan.r);
      return [at('from', 1 - a), at('to', a)];
    }
    case 'dissolve':
      return xfadeNoise(x, y) < plan.threshold ? [at('to', 1)] : [at('from', 1)];
  }
}
