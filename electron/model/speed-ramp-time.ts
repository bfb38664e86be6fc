import { rampedDuration, type SpeedRamp, type SpeedRampPoint } from './speed-ramp';

/**
 * Time under a speed ramp (docs/speed-ramps.md). The speed is linear in source time inside each segment,
 * v(s) = v0 + k·s, so the timeline time spent on the first s seconds of a segment is the closed form
 * τ(s) = ∫ ds / v = ln(1 + k·s / v0) / k, and its inverse is s(τ) = v0·(e^{kτ} − 1) / k (both → s = v0·τ as k → 0,
 * written with log1p/expm1 so they stay exact for tiny k). The preview, the timeline edits and the export all use
 * these functions, so a ramped clip shows the same source frame at the same timeline time everywhere.
 *
 * "Offsets" here are seconds from the clip's `in` (source) and from its `start` (timeline).
 */

type Seg = { s0: number; s1: number; v0: number; v1: number; k: number; t0: number; t1: number };

/** Seconds of timeline that `ds` source seconds last from speed v0 with slope k (speed per source second). */
function segTime(v0: number, k: number, ds: number): number {
  return k === 0 ? ds / v0 : Math.log1p((k * ds) / v0) / k;
}

/** Source seconds played in `dt` timeline seconds from speed v0 with slope k (the inverse of segTime). */
function segSource(v0: number, k: number, dt: number): number {
  return k === 0 ? v0 * dt : (v0 * Math.expm1(k * dt)) / k;
}

/** The ramp's segments over a source span of `span` seconds, with their timeline offsets. */
export function rampSegments(ramp: SpeedRamp, span: number): Seg[] {
  const out: Seg[] = [];
  let t = 0;
  const pts = ramp.points;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const s0 = a.at * span;
    const s1 = b.at * span;
    const len = s1 - s0;
    // Equal speeds (or a zero-length piece) are a constant segment; the same threshold as rampedDuration().
    const k = len > 0 && Math.abs(b.speed - a.speed) >= 1e-9 ? (b.speed - a.speed) / len : 0;
    const dt = len > 0 ? segTime(a.speed, k, len) : 0;
    out.push({ s0, s1, v0: a.speed, v1: b.speed, k, t0: t, t1: t + dt });
    t += dt;
  }
  return out;
}

/** Timeline offset at which source offset `s` (0..span) plays. Clamped to the span. */
export function rampTimeAt(ramp: SpeedRamp, span: number, s: number): number {
  const segs = rampSegments(ramp, span);
  const x = Math.min(Math.max(s, 0), span);
  for (const g of segs) if (x <= g.s1 || g === segs[segs.length - 1]) return g.t0 + segTime(g.v0, g.k, Math.min(x, g.s1) - g.s0);
  return 0;
}

/** Source offset shown at timeline offset `t` (0..rampedDuration). Clamped to the span. */
export function rampSourceAt(ramp: SpeedRamp, span: number, t: number): number {
  const segs = rampSegments(ramp, span);
  if (t <= 0) return 0;
  for (const g of segs) {
    if (t <= g.t1) return Math.min(g.s1, g.s0 + segSource(g.v0, g.k, t - g.t0));
  }
  return span;
}

/** Speed (source seconds per timeline second) at source fraction `f` (0..1) of the span. */
export function rampSpeedAtFraction(ramp: SpeedRamp, f: number): number {
  const pts = ramp.points;
  const x = Math.min(Math.max(f, 0), 1);
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (x <= b.at) return b.at === a.at ? b.speed : a.speed + ((b.speed - a.speed) * (x - a.at)) / (b.at - a.at);
  }
  return pts[pts.length - 1]!.speed;
}

/** Speed at timeline offset `t` (what the preview sets as the video's playback rate). */
export function rampSpeedAtTime(ramp: SpeedRamp, span: number, t: number): number {
  return span > 0 ? rampSpeedAtFraction(ramp, rampSourceAt(ramp, span, t) / span) : ramp.points[0]!.speed;
}

/**
 * The same curve (as a function of absolute source time, held at its end speeds beyond `oldIn..oldOut`) over a new
 * source range `newIn..newOut`: what a trim or a split keeps, exactly. Cutting never adds points; extending past an
 * end adds at most one point there (the old end, where the held speed begins), so the result may have more points
 * than the schema allows: the trim checks that (timeline.ts trimClip) rather than reshaping the curve.
 */
export function rampOver(ramp: SpeedRamp, oldIn: number, oldOut: number, newIn: number, newOut: number): SpeedRamp {
  const span = oldOut - oldIn;
  const abs = ramp.points.map((p) => ({ src: oldIn + p.at * span, speed: p.speed }));
  const speedAt = (src: number) => (src <= oldIn ? ramp.points[0]!.speed : src >= oldOut ? ramp.points[ramp.points.length - 1]!.speed : rampSpeedAtFraction(ramp, (src - oldIn) / span));
  const inner = abs.filter((p) => p.src > newIn && p.src < newOut);
  const len = newOut - newIn;
  const points: SpeedRampPoint[] = [{ at: 0, speed: speedAt(newIn) }];
  for (const p of inner) {
    const at = (p.src - newIn) / len;
    if (at > points[points.length - 1]!.at && at < 1) points.push({ at, speed: p.speed });
  }
  points.push({ at: 1, speed: speedAt(newOut) });
  return { points: dropStraight(points) };
}

/** Removes inner points that lie on the straight line between their neighbours (they change nothing). */
function dropStraight(points: SpeedRampPoint[]): SpeedRampPoint[] {
  const out: SpeedRampPoint[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const a = out[out.length - 1]!;
    const p = points[i]!;
    const b = points[i + 1]!;
    const onLine = a.speed + ((b.speed - a.speed) * (p.at - a.at)) / (b.at - a.at);
    if (Math.abs(onLine - p.speed) > 1e-9) out.push(p);
  }
  out.push(points[points.length - 1]!);
  return out;
}

/** Whether a ramp is in fact one constant speed (every point the same). */
export function rampIsConstant(ramp: SpeedRamp): boolean {
  return ramp.points.every((p) => Math.abs(p.speed - ramp.points[0]!.speed) < 1e-9);
}

/** Timeline seconds a span under the ramp lasts (re-exported beside its inverse for callers of this file). */
export { rampedDuration };

// ── presets ─────────────────────────────────────────────────────────────────

export const RAMP_PRESETS = ['montage', 'hero', 'bullet', 'flashIn', 'flashOut', 'jumpCut'] as const;
export type RampPreset = (typeof RAMP_PRESETS)[number];

/**
 * Curve presets modelled on CapCut's "Curve" speeds (shapes read off its preset thumbnails; speeds within this
 * app's 0.25×..4× range): Montage fast–slow–fast–slow–fast, Hero fast with a slow-motion middle, Bullet (bullet time)
 * a long slow hold in the middle, Flash in fast then normal, Flash out normal then fast, Jump cut normal with a fast
 * burst in the middle.
 */
export function rampPreset(name: RampPreset): SpeedRamp {
  const p = (pairs: [number, number][]): SpeedRamp => ({ points: pairs.map(([at, speed]) => ({ at, speed })) });
  switch (name) {
    case 'montage':
      return p([[0, 2], [0.2, 2], [0.35, 0.5], [0.5, 2], [0.65, 0.5], [0.8, 2], [1, 2]]);
    case 'hero':
      return p([[0, 2.5], [0.35, 2.5], [0.45, 0.35], [0.55, 0.35], [0.65, 2.5], [1, 2.5]]);
    case 'bullet':
      return p([[0, 2], [0.3, 2], [0.4, 0.3], [0.6, 0.3], [0.7, 2], [1, 2]]);
    case 'flashIn':
      return p([[0, 4], [0.3, 4], [0.5, 1], [1, 1]]);
    case 'flashOut':
      return p([[0, 1], [0.5, 1], [0.7, 4], [1, 4]]);
    case 'jumpCut':
      return p([[0, 1], [0.4, 1], [0.45, 4], [0.55, 4], [0.6, 1], [1, 1]]);
  }
}

/**
 * The preset a curve is, or null. Points are compared within 0.005 (at and speed): a curve read back from a saved
 * draft, or nudged by float noise, is still its preset; a point moved by hand in the curve editor is not.
 */
export function presetOfRamp(ramp: SpeedRamp): RampPreset | null {
  return RAMP_PRESETS.find((name) => sameRamp(ramp, rampPreset(name))) ?? null;
}

function sameRamp(a: SpeedRamp, b: SpeedRamp): boolean {
  return a.points.length === b.points.length && a.points.every((p, i) => Math.abs(p.at - b.points[i]!.at) < 0.005 && Math.abs(p.speed - b.points[i]!.speed) < 0.005);
}
