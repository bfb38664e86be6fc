import type { Clip } from './draft';
import type { Keyframe, Point } from './keyframe-track';
import { pointAt, valueAt } from './keyframes';

/** Keeping a clip's keys inside it when a trim or a split changes which part of it stays (timeline.ts). */

type AnyTrack = Keyframe<number | Point>[];

function trackValueAt(track: AnyTrack, t: number): number | Point {
  return typeof track[0]!.value === 'number' ? valueAt(track as Keyframe<number>[], t) : pointAt(track as Keyframe<Point>[], t);
}

/**
 * A track cut to the clip-local window [from, to] and re-timed from `from`: keys outside go, and where a key
 * was cut off a key at the window's edge keeps the value shown there, so the part that stays plays as before
 * (exactly for linear and hold segments; an eased segment cut in two restarts its easing).
 */
export function cropTrack(track: AnyTrack, from: number, to: number): AnyTrack {
  const inside = track.filter((k) => k.t >= from - 1e-9 && k.t <= to + 1e-9).map((k) => ({ ...k, t: Math.max(0, k.t - from) }));
  const out: AnyTrack = [];
  if (track[0]!.t < from - 1e-9 && (inside.length === 0 || inside[0]!.t > 0)) {
    const before = track.filter((k) => k.t < from).at(-1)!;
    out.push({ t: 0, value: trackValueAt(track, from), easing: before.easing });
  }
  out.push(...inside);
  if (track.at(-1)!.t > to + 1e-9 && (out.length === 0 || out.at(-1)!.t < to - from)) {
    out.push({ t: to - from, value: trackValueAt(track, to), easing: 'linear' });
  }
  return out;
}

/** The clip's keys for its new window: it now shows clip-local [shift, shift + length] of what it showed before. */
export function cropKeyframes<C extends Clip>(clip: C, shift: number, length: number): C {
  if (!clip.keyframes) return clip;
  const entries = Object.entries(clip.keyframes) as [string, AnyTrack][];
  const next = Object.fromEntries(entries.map(([p, tr]) => [p, cropTrack(tr, shift, shift + length)]));
  return { ...clip, keyframes: next };
}
