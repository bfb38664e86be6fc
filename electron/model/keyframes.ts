import type { Clip } from './draft';
import type { Easing, Keyframe, NumberTrack, Point, PointTrack } from './keyframe-track';

/**
 * Keyframe maths, the one definition the preview evaluates and the export compiler writes as ffmpeg expressions
 * (`trackExpression` mirrors `valueAt` term for term, so both draw the same curve). Pure: no I/O, no clock.
 */

/** Eased progress (0..1 → 0..1) of a segment. Cubic curves: simple, and cheap to write as an ffmpeg expression. */
export function ease(easing: Easing, p: number): number {
  const q = Math.max(0, Math.min(1, p));
  switch (easing) {
    case 'linear': return q;
    case 'easeIn': return q * q * q;
    case 'easeOut': return 1 - (1 - q) ** 3;
    case 'easeInOut': return q < 0.5 ? 4 * q * q * q : 1 - (-2 * q + 2) ** 3 / 2;
    case 'hold': return 0;
  }
}

/** Where `t` (seconds from the clip's start) falls: before the first key, between keys i and i+1, or after the last. */
function locate<V>(track: readonly Keyframe<V>[], t: number): { i: number; p: number } {
  const last = track.length - 1;
  if (t <= track[0]!.t) return { i: 0, p: 0 };
  if (t >= track[last]!.t) return { i: last, p: 0 };
  let i = 0;
  while (track[i + 1]!.t <= t) i++;
  const a = track[i]!;
  const b = track[i + 1]!;
  return { i, p: ease(a.easing, (t - a.t) / (b.t - a.t)) };
}

/** A number track's value at `t`: the first key's value before it, the last one's after it, eased between. */
export function valueAt(track: readonly Keyframe<number>[], t: number): number {
  const { i, p } = locate(track, t);
  const a = track[i]!.value;
  const b = track[i + 1]?.value ?? a;
  return p === 0 ? a : a + (b - a) * p;
}

/** A position track's value at `t`, both coordinates on the same eased progress. */
export function pointAt(track: readonly Keyframe<Point>[], t: number): Point {
  const { i, p } = locate(track, t);
  const a = track[i]!.value;
  const b = track[i + 1]?.value ?? a;
  return p === 0 ? a : { x: a.x + (b.x - a.x) * p, y: a.y + (b.y - a.y) * p };
}

/** What a clip looks and sounds like at a moment: its static values, replaced by its tracks where it has them. */
export type ClipState = { x: number; y: number; scale: number; rotation: number; opacity: number; volume: number; reveal: number };

/** A clip's static (un-animated) state. Text has no scale or opacity of its own: 1. */
export function staticState(c: Clip): ClipState {
  if (c.type === 'text') return { x: c.x, y: c.y, scale: 1, rotation: c.rotation, opacity: 1, volume: 1, reveal: 1 };
  const tr = c.transform;
  return { x: tr.x, y: tr.y, scale: tr.scale, rotation: tr.rotation, opacity: tr.opacity, volume: c.volume, reveal: 1 };
}

/** The clip's state at timeline time `t` (keys are timed from the clip's start). */
export function clipStateAt(c: Clip, t: number): ClipState {
  const s = staticState(c);
  const k = c.keyframes;
  if (!k) return s;
  const local = t - c.start;
  if (k.position) ({ x: s.x, y: s.y } = pointAt(k.position, local));
  if (k.scale) s.scale = valueAt(k.scale, local);
  if (k.rotation) s.rotation = valueAt(k.rotation, local);
  if (k.opacity) s.opacity = valueAt(k.opacity, local);
  if (k.volume && c.type === 'media') s.volume = valueAt(k.volume, local);
  if (k.reveal && c.type === 'text') s.reveal = valueAt(k.reveal, local);
  return s;
}

/** Smallest and largest value a number track takes (eased curves stay between their keys' values). */
export function trackRange(track: readonly Keyframe<number>[]): [number, number] {
  const values = track.map((k) => k.value);
  return [Math.min(...values), Math.max(...values)];
}

/** The even pixel size of `unit` × `scale`, as geometry.place() rounds it: what preview and export both draw. */
export function scaledSize(unit: { width: number; height: number }, scale: number): { width: number; height: number } {
  const even = (v: number) => Math.max(2, Math.round(v / 2) * 2);
  return { width: even(unit.width * scale), height: even(unit.height * scale) };
}

/** Whether a clip needs the moving-picture path: keyframes on its picture, or a turn. */
export function needsMovingPath(c: Clip): boolean {
  const k = c.keyframes;
  const turned = staticState(c).rotation !== 0;
  return turned || !!(k && (k.position || k.scale || k.rotation || k.opacity));
}

// ── ffmpeg expressions ──────────────────────────────────────────────────────

/** Numbers in expressions: six decimals, never exponent notation (as compiler.ts num()). */
export function exprNumber(x: number): string {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? '0' : String(r);
}

const n = exprNumber;

/** `ease()` as an ffmpeg expression of the progress expression `p` (already inside 0..1). */
export function easeExpression(easing: Easing, p: string): string {
  switch (easing) {
    case 'linear': return p;
    case 'easeIn': return `pow(${p},3)`;
    case 'easeOut': return `(1-pow(1-${p},3))`;
    case 'easeInOut': return `if(lt(${p},0.5),4*pow(${p},3),1-pow(2-2*${p},3)/2)`;
    case 'hold': return '0';
  }
}

/**
 * `valueAt(track, T)` as an ffmpeg expression, where `time` is an expression of seconds from the clip's start
 * (e.g. `(t-2.5)`): nested `if(lt(T,tᵢ₊₁), segment i, …)`, the first value before the first key and the last
 * after the last. `pick` reads the number out of a key's value (x or y of a position).
 */
export function trackExpression<V>(track: readonly Keyframe<V>[], time: string, pick: (v: V) => number): string {
  const last = track.length - 1;
  let expr = n(pick(track[last]!.value));
  for (let i = last - 1; i >= 0; i--) {
    const a = track[i]!;
    const b = track[i + 1]!;
    const va = pick(a.value);
    const vb = pick(b.value);
    const p = `(${time}-${n(a.t)})/${n(b.t - a.t)}`;
    const seg = va === vb || a.easing === 'hold' ? n(va) : `${n(va)}+${n(vb - va)}*${easeExpression(a.easing, p)}`;
    expr = `if(lt(${time},${n(b.t)}),${seg},${expr})`;
  }
  // Before the first key: its value (the first segment's progress would be negative).
  return last === 0 ? expr : `if(lt(${time},${n(track[0]!.t)}),${n(pick(track[0]!.value))},${expr})`;
}

export const numberExpression = (track: NumberTrack, time: string) => trackExpression(track, time, (v) => v);
export const pointExpressions = (track: PointTrack, time: string) => ({ x: trackExpression(track, time, (v) => v.x), y: trackExpression(track, time, (v) => v.y) });

// ── typewriter reveal ───────────────────────────────────────────────────────

/**
 * How many pixel columns of a text's picture `reveal` shows, from the left: the typewriter animation uncovers
 * the rasterised text (the same PNG in preview and export) left to right. The export writes the same rounding
 * as `revealExpression`.
 */
export function revealColumns(reveal: number, width: number): number {
  return Math.round(width * Math.max(0, Math.min(1, reveal)));
}

/**
 * An ffmpeg `geq` filter keeping the alpha of the first `revealColumns` columns of an RGBA picture and clearing
 * the rest; `time` is an expression of seconds from the clip's start in geq's own variables (e.g. `(T-2)`).
 */
export function revealFilter(track: NumberTrack, time: string): string {
  const r = numberExpression(track, time);
  return `geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lt(X,round(W*clip(${r},0,1))),alpha(X,Y),0)'`;
}
