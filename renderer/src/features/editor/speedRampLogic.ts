import { RAMP_POINTS_MAX, SPEED_MAX, SPEED_MIN, type SpeedRamp, type SpeedRampPoint } from '../../../../electron/model/draft';
import { rampSpeedAtFraction } from '../../../../electron/model/speed-ramp-time';

/**
 * The Speed section's curve editor (SpeedSection.tsx), outside React: where a point is drawn, what a drag or a key
 * does to the curve. Speed is drawn on a log scale (1× in the middle, 0.25× at the bottom, 4× at the top), so
 * half and double speed are the same distance from normal.
 */

/** Closest two points may come (a share of the clip), so each keeps a segment of its own. */
export const MIN_GAP = 0.02;
const LOG_MIN = Math.log(SPEED_MIN);
const LOG_SPAN = Math.log(SPEED_MAX) - LOG_MIN;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** Speeds are kept to two decimals: what the readout shows is what plays. */
const round2 = (v: number) => Math.round(v * 100) / 100;

/** 0 (bottom, 0.25×) .. 1 (top, 4×). */
export function speedToUnit(speed: number): number {
  return (Math.log(clamp(speed, SPEED_MIN, SPEED_MAX)) - LOG_MIN) / LOG_SPAN;
}

export function unitToSpeed(u: number): number {
  return round2(clamp(Math.exp(LOG_MIN + clamp(u, 0, 1) * LOG_SPAN), SPEED_MIN, SPEED_MAX));
}

/** An SVG path of the curve in a w×h box (y down), sampled so the log scale's bend shows. */
export function curvePath(ramp: SpeedRamp, w: number, h: number, samples = 48): string {
  const parts: string[] = [];
  for (let i = 0; i <= samples; i++) {
    const f = i / samples;
    const x = f * w;
    const y = (1 - speedToUnit(rampSpeedAtFraction(ramp, f))) * h;
    parts.push(`${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`);
  }
  return parts.join(' ');
}

/**
 * Moves point `i` to (`at`, `speed`): the first and last stay at 0 and 1, inner points stay MIN_GAP from their
 * neighbours; the speed stays in 0.25×..4×.
 */
export function movePoint(ramp: SpeedRamp, i: number, at: number, speed: number): SpeedRamp {
  const pts = ramp.points;
  const last = pts.length - 1;
  const lo = i === 0 ? 0 : i === last ? 1 : pts[i - 1]!.at + MIN_GAP;
  const hi = i === 0 ? 0 : i === last ? 1 : pts[i + 1]!.at - MIN_GAP;
  const p: SpeedRampPoint = { at: lo > hi ? pts[i]!.at : clamp(at, lo, hi), speed: round2(clamp(speed, SPEED_MIN, SPEED_MAX)) };
  return { points: pts.map((q, k) => (k === i ? p : q)) };
}

/**
 * Adds a point where the curve already is (so nothing plays differently until it is dragged): at `at` when given,
 * else in the middle of the widest gap. Null when the curve has its most points or there is no room.
 */
export function addPoint(ramp: SpeedRamp, at?: number): { ramp: SpeedRamp; index: number } | null {
  const pts = ramp.points;
  if (pts.length >= RAMP_POINTS_MAX) return null;
  let where = at;
  if (where === undefined) {
    let best = 0;
    for (let i = 1; i < pts.length; i++) if (pts[i]!.at - pts[i - 1]!.at > pts[best + 1]!.at - pts[best]!.at) best = i - 1;
    where = (pts[best]!.at + pts[best + 1]!.at) / 2;
  }
  const index = pts.findIndex((p) => p.at > where);
  if (index <= 0 || where - pts[index - 1]!.at < MIN_GAP || pts[index]!.at - where < MIN_GAP) return null;
  const point = { at: where, speed: round2(rampSpeedAtFraction(ramp, where)) };
  return { ramp: { points: [...pts.slice(0, index), point, ...pts.slice(index)] }, index };
}

/** Removes inner point `i` (the ends stay). Null for an end point. */
export function removePoint(ramp: SpeedRamp, i: number): SpeedRamp | null {
  if (i <= 0 || i >= ramp.points.length - 1) return null;
  return { points: ramp.points.filter((_, k) => k !== i) };
}

/** What an arrow key does to point `i`: up/down a speed step (Shift: bigger), left/right along the clip. */
export function nudgePoint(ramp: SpeedRamp, i: number, key: string, big: boolean): SpeedRamp | null {
  const p = ramp.points[i];
  if (!p) return null;
  const du = big ? 0.1 : 0.025;
  const da = big ? 0.05 : 0.01;
  switch (key) {
    case 'ArrowUp': return movePoint(ramp, i, p.at, unitToSpeed(speedToUnit(p.speed) + du));
    case 'ArrowDown': return movePoint(ramp, i, p.at, unitToSpeed(speedToUnit(p.speed) - du));
    case 'ArrowLeft': return movePoint(ramp, i, p.at - da, p.speed);
    case 'ArrowRight': return movePoint(ramp, i, p.at + da, p.speed);
    default: return null;
  }
}

/** A flat curve at `speed` with a point in the middle: what "Curve" starts from (it plays as before). */
export function flatRamp(speed: number): SpeedRamp {
  const s = round2(clamp(speed, SPEED_MIN, SPEED_MAX));
  return { points: [{ at: 0, speed: s }, { at: 0.5, speed: s }, { at: 1, speed: s }] };
}

/**
 * A clip's place in the editor's memory of curves put aside by switching to Constant (SpeedSection.tsx,
 * model/speed-mode.ts): its draft and its id, since clip ids repeat across drafts.
 */
export function curveMemoryKey(draftId: string | null, clipId: string): string {
  return `${draftId ?? ''}/${clipId}`;
}
