import { z } from 'zod';
import { BrandMark, Crop, DRAFT_SCHEMA_VERSION, Fraction, HexColor, Id, Seconds, SPEED_MAX, SPEED_MIN, TemplateMark, TextRole, TextStyle } from './draft-parts';
import { ImageDraft } from './image-draft';
import { CaptionTracks } from './caption-track';
import { ClipKeyframes, Rotation } from './keyframe-track';
import { ClipLook } from './clip-look';
import { SpeedRamp, rampedDuration } from './speed-ramp';
import { ChromaKey } from './chroma-key';

export * from './draft-parts';
export * from './image-draft';
export * from './caption-track';
export * from './keyframe-track';
export * from './clip-look';
export * from './speed-ramp';
export * from './chroma-key';

/**
 * The draft document: what a creator edits and what export compiles. Versioned (`schemaVersion`); older
 * versions are migrated on load (draft-migrate.ts). Times are seconds on the timeline or in the source;
 * positions are fractions of the canvas (0..1, centre of the thing placed), so a draft survives a change of
 * canvas size. The JSON format is documented in docs/draft-format.md for other tools to write.
 */
export const canvasPresets = {
  '9:16': { width: 1080, height: 1920, label: 'Vertical 9:16 (TikTok, Reels, Shorts)' },
  '1:1': { width: 1080, height: 1080, label: 'Square 1:1' },
  '4:5': { width: 1080, height: 1350, label: 'Portrait 4:5 (feed)' },
  '16:9': { width: 1920, height: 1080, label: 'Landscape 16:9' },
} as const;
export const CanvasPreset = z.enum(['9:16', '1:1', '4:5', '16:9']);
export type CanvasPreset = z.infer<typeof CanvasPreset>;

export const Fps = z.union([z.literal(24), z.literal(30), z.literal(60)]);
export type Fps = z.infer<typeof Fps>;

export const Canvas = z.object({
  preset: CanvasPreset,
  width: z.number().int().min(16).max(4096),
  height: z.number().int().min(16).max(4096),
  fps: Fps,
  background: HexColor,
});
export type Canvas = z.infer<typeof Canvas>;

/** How a source fills the canvas: fill = cover and crop; fit = contain on a colour; blur = contain on a blurred, filled copy of itself. */
export const Reframe = z.enum(['fill', 'fit', 'blur']);
export type Reframe = z.infer<typeof Reframe>;

export const Transform = z.object({
  reframe: Reframe,
  /** Centre of the picture in the canvas (0.5, 0.5 = centred). */
  x: Fraction,
  y: Fraction,
  /** Multiplies the size the reframe gives (1 = exactly fill/fit). */
  scale: z.number().min(0.05).max(8),
  /** Fractions of the source cut from each side before reframing. */
  crop: Crop,
  /** Background for `fit`. */
  padColor: HexColor,
  /** 0..1; overlays may be translucent. */
  opacity: z.number().min(0).max(1),
  /** Degrees clockwise about the picture's centre (-180..180); drafts before version 4 had none (0). */
  rotation: Rotation.default(0),
});
export type Transform = z.infer<typeof Transform>;

/** xfade's own names; "fade" is the classic crossfade. */
export const transitionKinds = ['fade', 'dissolve', 'fadeblack', 'fadewhite', 'wipeleft', 'wiperight', 'slideleft', 'slideright', 'circleopen', 'smoothleft'] as const;
export const TransitionKind = z.enum(transitionKinds);
export type TransitionKind = z.infer<typeof TransitionKind>;
export const Transition = z.object({ kind: TransitionKind, duration: z.number().min(0.1).max(3) });
export type Transition = z.infer<typeof Transition>;

/** A video, image or audio asset placed on the timeline. */
export const MediaClip = z
  .object({
    id: Id,
    type: z.literal('media'),
    assetId: Id,
    /** Where the clip starts on the timeline. */
    start: Seconds,
    /** Source range in the asset (for images: 0 and the time it is shown). */
    in: Seconds,
    out: Seconds,
    speed: z.number().min(SPEED_MIN).max(SPEED_MAX),
    /** 1 = as recorded, 0 = silent, up to 2 = +6 dB. */
    volume: z.number().min(0).max(2),
    fadeIn: Seconds,
    fadeOut: Seconds,
    transform: Transform,
    /** Main track only: the transition from the clip before into this one (they overlap by its duration). */
    transitionIn: Transition.nullable(),
    /** A brand kit's logo, watermark, intro or outro placed by the editor (model/kit-apply.ts); null = ordinary media. */
    brand: BrandMark.nullable().default(null),
    /** In a template: a brand element creators cannot change, or a clip "New from template" asks to replace (absent = neither). */
    template: TemplateMark.optional(),
    /** Animated properties (keyframe-track.ts); absent = nothing moves. */
    keyframes: ClipKeyframes.optional(),
    /** Video and photo clips: colour adjustments and a LUT (clip-look.ts); absent = the picture as recorded. */
    look: ClipLook.optional(),
    /** Speed as a curve over the source (speed-ramp.ts); when present `speed` is not used. Absent = constant `speed`. */
    speedRamp: SpeedRamp.optional(),
    /** Video clips: the source range `in..out` plays backwards (sound too). Absent = forwards. */
    reversed: z.boolean().optional(),
    /** Video and photo clips: a colour keyed out (chroma-key.ts). Absent = opaque as recorded. */
    chromaKey: ChromaKey.optional(),
  })
  .refine((c) => c.out > c.in, { message: 'A clip must end after it starts (out > in)', path: ['out'] });
export type MediaClip = z.infer<typeof MediaClip>;

export const TextClip = z.object({
  id: Id,
  type: z.literal('text'),
  start: Seconds,
  duration: z.number().min(0.1),
  text: z.string().min(1).max(2000),
  style: TextStyle,
  /** Centre of the text block in the canvas. */
  x: Fraction,
  y: Fraction,
  /** Lines wrap at this fraction of the canvas width. */
  maxWidth: z.number().min(0.1).max(1),
  /** Degrees clockwise about the text block's centre (-180..180); drafts before version 4 had none (0). */
  rotation: Rotation.default(0),
  fadeIn: Seconds,
  fadeOut: Seconds,
  /** The kit role that styled it: applying another kit re-styles it with that kit's style for the role. */
  styleRole: TextRole.nullable().default(null),
  /** In a template: a brand element creators cannot change, or text "New from template" asks to replace (absent = neither). */
  template: TemplateMark.optional(),
  /** Animated properties (keyframe-track.ts); absent = nothing moves. */
  keyframes: ClipKeyframes.optional(),
});
export type TextClip = z.infer<typeof TextClip>;

export const TrackKind = z.enum(['main', 'overlay', 'text', 'audio']);
export type TrackKind = z.infer<typeof TrackKind>;

export const Ducking = z.object({
  enabled: z.boolean(),
  /** Gain of this track while someone speaks (0.3 ≈ −10 dB). */
  level: z.number().min(0).max(1),
});

export const Track = z.object({
  id: Id,
  kind: TrackKind,
  name: z.string().max(80),
  muted: z.boolean(),
  hidden: z.boolean(),
  /** Audio tracks: a music track with ducking is lowered while a voiceover-track clip plays (docs/export.md says why only those). */
  role: z.enum(['music', 'voiceover']).nullable(),
  ducking: Ducking.nullable(),
  clips: z.array(z.union([MediaClip, TextClip])),
});
export type Track = z.infer<typeof Track>;
export type Clip = MediaClip | TextClip;

export const VideoDraft = z.object({
  schemaVersion: z.literal(DRAFT_SCHEMA_VERSION),
  kind: z.literal('video'),
  name: z.string().min(1).max(200),
  canvas: Canvas,
  /** The brand kit the draft uses (swatches, text styles, logo); null = none. */
  kitId: Id.nullable().default(null),
  /** Bottom to top: the main track first, then overlays and text in stacking order; audio tracks anywhere. */
  tracks: z.array(Track).max(32),
  /**
   * Caption tracks (model/caption-track.ts), one per language or purpose; absent on drafts from before
   * captions (version 2) and on drafts that have none.
   */
  captions: CaptionTracks.optional(),
});
export type VideoDraft = z.infer<typeof VideoDraft>;

export const Draft = z.discriminatedUnion('kind', [VideoDraft, ImageDraft]);
export type Draft = z.infer<typeof Draft>;

// ── helpers ─────────────────────────────────────────────────────────────────

export function defaultTransform(reframe: Reframe = 'fill'): Transform {
  return { reframe, x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1, rotation: 0 };
}

export const defaultTextStyle: TextStyle = {
  font: 'DejaVu Sans',
  size: 96,
  color: '#ffffff',
  bold: true,
  italic: false,
  align: 'center',
  stroke: { color: '#000000', width: 6 },
  box: null,
};

/** Length of a clip on the timeline. */
export function clipDuration(c: Clip): number {
  if (c.type === 'text') return c.duration;
  return c.speedRamp ? rampedDuration(c.out - c.in, c.speedRamp) : (c.out - c.in) / c.speed;
}

export function clipEnd(c: Clip): number {
  return c.start + clipDuration(c);
}

/** The draft ends where its last clip on any track ends. */
export function draftDuration(d: VideoDraft): number {
  let end = 0;
  for (const t of d.tracks) for (const c of t.clips) end = Math.max(end, clipEnd(c));
  return end;
}

export function newVideoDraft(name: string, preset: CanvasPreset = '9:16', fps: Fps = 30, idFor: (prefix: string) => string, kitId: string | null = null): VideoDraft {
  const { width, height } = canvasPresets[preset];
  const track = (kind: TrackKind, trackName: string, role: Track['role'] = null): Track => ({
    id: idFor('track'), kind, name: trackName, muted: false, hidden: false, role,
    ducking: role === 'music' ? { enabled: true, level: 0.3 } : null, clips: [],
  });
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    kind: 'video',
    name,
    canvas: { preset, width, height, fps, background: '#000000' },
    kitId,
    tracks: [track('main', 'Main'), track('overlay', 'Overlay'), track('text', 'Text'), track('audio', 'Music', 'music'), track('audio', 'Voiceover', 'voiceover')],
  };
}
