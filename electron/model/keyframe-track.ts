import { z } from 'zod';
import { Fraction, Seconds } from './draft-parts';

/**
 * Keyframes of a clip (docs/draft-format.md "Keyframes"): per animatable property, a track of keys. The maths
 * that turns a track into a value at a time lives in keyframes.ts, shared by the preview and the export.
 *
 * Invariants the schema holds, so the preview, the compiler and any other tool can rely on them:
 * - `t` is seconds from the clip's start on the timeline (after speed), so a key stays on its frame when the
 *   clip moves; keys of a track are in strictly increasing `t` (one key per time), at least one per track
 *   (a track without keys is absent) and at most KEYFRAMES_MAX (each key becomes a term of an ffmpeg expression);
 * - a key's `easing` shapes the way from it to the next key ('hold' keeps its value until the next key);
 * - while a track exists its value replaces the clip's static one (transform.x/y, scale, rotation, opacity,
 *   volume); text clips animate position, scale (a factor of the styled size), rotation, opacity and `reveal`
 *   (the share of characters shown, for the typewriter animation); media clips do not use `reveal`.
 */

export const KEYFRAMES_MAX = 48;

/** Degrees, clockwise on screen; a still clip turns at most half a turn either way. */
export const ROTATION_MIN = -180;
export const ROTATION_MAX = 180;
export const Rotation = z.number().finite().min(ROTATION_MIN).max(ROTATION_MAX);
/** Keys may spin further (a full turn and back) than a still clip is turned. */
export const KEY_ROTATION_MAX = 720;

export const easings = ['linear', 'easeIn', 'easeOut', 'easeInOut', 'hold'] as const;
export const Easing = z.enum(easings);
export type Easing = z.infer<typeof Easing>;

export const Point = z.object({ x: Fraction, y: Fraction });
export type Point = z.infer<typeof Point>;

function track<V extends z.ZodTypeAny>(value: V) {
  return z
    .array(z.object({ t: Seconds.max(24 * 3600), value, easing: Easing }))
    .min(1, 'A keyframe track has at least one key (remove the track instead)')
    .max(KEYFRAMES_MAX, `A property can have at most ${KEYFRAMES_MAX} keyframes`)
    .refine((keys) => keys.every((k, i) => i === 0 || k.t > keys[i - 1]!.t), 'Keyframes must be in time order, one per time');
}

export const keyframeProps = ['position', 'scale', 'rotation', 'opacity', 'volume', 'reveal'] as const;
export type KeyframeProp = (typeof keyframeProps)[number];

export const ClipKeyframes = z.object({
  /** Centre of the clip in the canvas, as transform.x/y (or a text's x/y). */
  position: track(Point).optional(),
  scale: track(z.number().min(0.05).max(8)).optional(),
  rotation: track(z.number().finite().min(-KEY_ROTATION_MAX).max(KEY_ROTATION_MAX)).optional(),
  opacity: track(z.number().min(0).max(1)).optional(),
  /** Media clips: as MediaClip.volume (1 = as recorded, up to 2). */
  volume: track(z.number().min(0).max(2)).optional(),
  /** Text clips: the share of characters shown (0..1), for the typewriter animation. */
  reveal: track(z.number().min(0).max(1)).optional(),
});
export type ClipKeyframes = z.infer<typeof ClipKeyframes>;

export type Keyframe<V> = { t: number; value: V; easing: Easing };
export type NumberTrack = Keyframe<number>[];
export type PointTrack = Keyframe<Point>[];
