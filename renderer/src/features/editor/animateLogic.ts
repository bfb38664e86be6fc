import { clipDuration, type Clip } from '../../../../electron/model/draft';
import { adjacentKey, animatableProps, keyIndexAt, keyTimes, propValueAt, propsKeyedAt, trackOf, type KeyValue } from '../../../../electron/model/keyframe-edit';
import type { Easing, KeyframeProp } from '../../../../electron/model/keyframe-track';
import { toFrames } from '../../../../electron/model/timeline-snap';

/**
 * What the Inspector's "Animate" section and the timeline's keyframe lane show, from the clip and the playhead:
 * pure, so the rules (which diamond is filled, where previous/next go) are tested without React.
 */

export type KeyRow = {
  prop: KeyframeProp;
  /** The property has a track (its value follows keys). */
  keyed: boolean;
  /** The playhead is on one of its keys. */
  onKey: boolean;
  /** The easing of the key under the playhead (from it to the next key). */
  easing: Easing | null;
  /** The key under the playhead is the track's last: its easing would shape nothing (no segment follows it). */
  lastKey: boolean;
  /** The value shown at the playhead. */
  value: KeyValue;
  prev: number | null;
  next: number | null;
};

/** The playhead in clip-local seconds, or null when it is outside the clip (no key can be added there). */
export function localTime(clip: Clip, playhead: number, fps: number): number | null {
  const f = toFrames(playhead - clip.start, fps);
  return f < 0 || f > toFrames(clipDuration(clip), fps) ? null : f / fps;
}

export function keyRows(clip: Clip, has: { picture: boolean; sound: boolean }, playhead: number, fps: number): KeyRow[] {
  const local = localTime(clip, playhead, fps);
  const at = local ?? Math.max(0, Math.min(clipDuration(clip), playhead - clip.start));
  return animatableProps(clip, has).map((prop) => {
    const track = trackOf(clip, prop);
    const i = local === null ? -1 : keyIndexAt(track, local, fps);
    return {
      prop,
      keyed: !!track,
      onKey: i >= 0,
      easing: i >= 0 ? track![i]!.easing : null,
      lastKey: i >= 0 && i === track!.length - 1,
      value: propValueAt(clip, prop, at),
      prev: adjacentKey(clip, at, -1, fps, [prop]),
      next: adjacentKey(clip, at, 1, fps, [prop]),
    };
  });
}

/** A value as the Inspector writes it: percentages for shares and sizes, degrees for turns. */
export function formatKeyValue(prop: KeyframeProp, v: KeyValue): string {
  if (typeof v !== 'number') return `${Math.round(v.x * 100)}%, ${Math.round(v.y * 100)}%`;
  return prop === 'rotation' ? `${Math.round(v)}°` : `${Math.round(v * 100)}%`;
}

/** Slider range and step for a number property's key value. */
export function valueRange(prop: KeyframeProp): { min: number; max: number; step: number } {
  switch (prop) {
    case 'scale': return { min: 0.1, max: 4, step: 0.01 };
    case 'rotation': return { min: -180, max: 180, step: 1 };
    case 'volume': return { min: 0, max: 2, step: 0.05 };
    case 'position': return { min: -0.5, max: 1.5, step: 0.01 };
    default: return { min: 0, max: 1, step: 0.01 };
  }
}

/** One diamond of the lane: a frame with keys, the properties keyed there, and its x in the lane. */
export type LaneDiamond = { t: number; props: KeyframeProp[]; x: number; current: boolean };

/** The lane's diamonds for a clip at `pxPerSec`; `current` marks the one under the playhead. */
export function laneDiamonds(clip: Clip, fps: number, pxPerSec: number, playhead: number): LaneDiamond[] {
  const here = toFrames(playhead - clip.start, fps);
  const seen = new Set<number>();
  const out: LaneDiamond[] = [];
  for (const t of keyTimes(clip)) {
    const f = toFrames(t, fps);
    if (seen.has(f)) continue;
    seen.add(f);
    out.push({ t, props: propsKeyedAt(clip, t, fps), x: (clip.start + t) * pxPerSec, current: f === here });
  }
  return out;
}

/** The property the K-less "add key" shortcut uses when none was touched yet: size for pictures, opacity for text. */
export function defaultKeyProp(clip: Clip, has: { picture: boolean; sound: boolean }): KeyframeProp | null {
  const props = animatableProps(clip, has);
  const first = clip.type === 'text' ? 'opacity' : 'scale';
  return props.includes(first) ? first : (props[0] ?? null);
}
