import type { AssetKind } from '../model/asset';
import { type Canvas, type Clip, type MediaClip, type TextClip, type Track, type TransitionKind, type VideoDraft, clipDuration, clipEnd, defaultTransform, draftDuration } from '../model/draft';
import { type ExportPreset, exportQualities } from '../model/draft-record';
import { AppError } from '../model/errors';
import { type Placement, type Rect, type Size, place, reframeFactor } from '../model/geometry';
import { numberExpression, revealFilter } from '../model/keyframes';
import { movingFilters, needsMovingPath } from './keyframe-filters';
import { type RampSound, atempoSteps, rampAudioFilters, rampFps, rampSetpts } from './speed-ramp-filters';
import { sourceOffsetAt } from '../model/clip-speed';
import { hasColour, isIdentityLook, lookFilters } from '../model/look';
import { lookCubePath } from './look-files';
import { chromaKeyFilters } from '../model/chroma-key-math';
import { BT709_OUTPUT_TAGS, type VideoColour, needsConversion, toBt709Filters } from '../model/video-colour';
import type { Orientation } from '../model/orientation';
import type { VariantPlan } from '../model/render-variant';
import { type VideoEncoder, SOFTWARE_ENCODER, encoderArgs, encoderFilters, encoderGlobalArgs, encoderPixFmt } from '../model/video-encoder';
import { XFADE_TRANSITION } from '../model/xfade';
import { readForwards, reverseNotReadyMessage, reversedAssetOf } from '../model/reverse';

/**
 * The export compiler: draft + facts about its sources + preset → ONE ffmpeg argument list with one filter
 * graph. Pure (no I/O, no clock), so golden tests pin its output. See docs/export.md for the graph's shape.
 *
 * Leanness matters as much as correctness: the render bench holds us to 1.10× the wall time of a
 * hand-written command. So sources are trimmed by input seeking (`-ss`/`-t` before `-i`: no decoding of
 * what is cut away), only the visible part of a source is cropped before scaling (fewer pixels scaled),
 * a clip that covers the canvas is used as the frame itself (no overlay onto a colour), the main track
 * is joined with `concat` (xfade only where a transition asks for it), and filters that would do nothing
 * (fps at the source's own rate, volume 1, crops of the whole frame) are left out.
 */

export type SourceFacts = {
  path: string;
  kind: AssetKind;
  /** Display size (rotation or orientation applied); null for audio. */
  width: number | null;
  height: number | null;
  /** A video's clockwise rotation (display matrix). ffmpeg applies it while decoding (autorotate), as the browser does. */
  rotation: number;
  /**
   * An image's EXIF orientation (absent: 1, as stored), applied here: images are decoded with -noautorotate,
   * because ffmpeg turns some formats by their EXIF (JPEG) and not others (PNG, TIFF).
   */
  orientation?: Orientation;
  durationSec: number | null;
  hasAudio: boolean;
  fps: number | null;
  /**
   * A video's matrix and range as the preview decodes it (model/video-colour.ts), read at export. Absent (tests,
   * goldens): taken as limited-range BT.709, the scale the graph works in, and nothing is converted.
   */
  colour?: VideoColour;
};

/** A text clip rasterised to a PNG (electron/render/text.ts), placed in canvas pixels. */
export type TextLayerFile = { path: string; left: number; top: number; width: number; height: number };

/**
 * A burned-in caption track as one input: an ffconcat list of same-size pictures with durations (caption-sequence.ts),
 * overlaid at (left, top) of the canvas. One input and one overlay per track, however many words it has.
 */
export type CaptionSequenceFile = { listPath: string; left: number; top: number };

export type CompiledExport = { args: string[]; durationSec: number; width: number; height: number; fps: number };

/** One output of a multi-output export: a channel's variant (null: the preset's size and fps) and its file. */
export type OutputRequest = { variant: VariantPlan | null; outputPath: string };
/** Several outputs compiled into one argument list; `durationSec` is the longest (what progress runs through). */
export type CompiledOutputs = {
  args: string[];
  outputs: { outputPath: string; durationSec: number; width: number; height: number; fps: number }[];
  durationSec: number;
};

/** Output audio: what every platform accepts. */
export const AUDIO_RATE = 48_000;
/** Ducking ramps: long enough not to click, short enough to land with the first word. */
export const DUCK_RAMP_SEC = 0.25;

// ── small pure helpers (exported for tests) ─────────────────────────────────

/** Seconds and factors in filter arguments: at most 6 decimals, never exponent notation. */
export function num(x: number): string {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? '0' : String(r);
}

const hex = (color: string) => `0x${color.slice(1).toLowerCase()}`;

/** Shorter than this is nothing at all once written with num()'s six decimals. */
const TINY_SEC = 1e-6;

/** A fade's length inside a clip of `dur`, or 0 when there is no fade to speak of (ffmpeg reads d=0 as "unset"). */
export function fadeLength(fade: number, dur: number): number {
  const d = Math.min(fade, dur);
  return d >= TINY_SEC ? d : 0;
}

/** A constant speed's atempo chain (speed-ramp-filters.ts atempoSteps), its factor to six decimals. */
export const atempoChain = (speed: number): string[] => atempoSteps(speed, num);

/** Output frame size for a preset: the preset's height with the canvas's aspect, in even pixels. */
export function outputSize(canvas: Size, preset: ExportPreset): Size {
  // x264 encodes 4:2:0 only at even sizes: an odd canvas (the schema allows any size) loses its last pixel.
  if (preset.height === 'canvas') return { width: Math.max(2, canvas.width - (canvas.width % 2)), height: Math.max(2, canvas.height - (canvas.height % 2)) };
  const height = preset.height;
  const width = Math.max(2, Math.round((canvas.width * height) / canvas.height / 2) * 2);
  return { width, height };
}

/**
 * The part of a placement that lands on the canvas: `src` is the source rectangle (source pixels) to crop,
 * `dst` where it goes on the canvas. Cropping first and scaling only what is seen is the fast order; the
 * rectangles are those of `place()`, clipped to the canvas (a rounding of at most half a source pixel).
 * Null when nothing of the source is visible.
 */
export function visiblePart(dest: Rect, source: Rect, canvas: Size): { src: Rect; dst: Rect } | null {
  const x0 = Math.max(0, dest.x);
  const y0 = Math.max(0, dest.y);
  const x1 = Math.min(canvas.width, dest.x + dest.width);
  const y1 = Math.min(canvas.height, dest.y + dest.height);
  if (x1 <= x0 || y1 <= y0) return null;
  const kx = dest.width / source.width;
  const ky = dest.height / source.height;
  // A sliver of a much enlarged source rounds to no source pixel: keep one, inside the source rectangle.
  const sx0 = Math.min(Math.round(source.x + (x0 - dest.x) / kx), source.x + source.width - 1);
  const sy0 = Math.min(Math.round(source.y + (y0 - dest.y) / ky), source.y + source.height - 1);
  const sx1 = Math.round(source.x + (x1 - dest.x) / kx);
  const sy1 = Math.round(source.y + (y1 - dest.y) / ky);
  return {
    src: { x: sx0, y: sy0, width: Math.max(1, sx1 - sx0), height: Math.max(1, sy1 - sy0) },
    dst: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
  };
}

/** Voice windows merged where they overlap or nearly touch (a ramp down and up again would just pump). */
export function mergeWindows(windows: readonly [number, number][], gap: number): [number, number][] {
  const sorted = [...windows].filter(([a, b]) => b > a).sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1] + gap) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Gain over time for a ducked track: `level` inside each voice window, 1 outside, with linear ramps of
 * DUCK_RAMP_SEC before a window starts and after it ends (so the music is already down at the first word).
 * One `volume` expression evaluated per audio frame: deterministic, and testable by reading samples.
 */
export function duckingExpression(windows: readonly [number, number][], level: number): string {
  const merged = mergeWindows(windows, 2 * DUCK_RAMP_SEC);
  const r = num(DUCK_RAMP_SEC);
  const terms = merged.map(([a, b]) => `clip((t-${num(a - DUCK_RAMP_SEC)})/${r},0,1)*clip((${num(b + DUCK_RAMP_SEC)}-t)/${r},0,1)`);
  return `1-${num(1 - level)}*(${terms.join('+')})`;
}

// ── graph building ──────────────────────────────────────────────────────────

class Graph {
  readonly inputArgs: string[] = [];
  readonly chains: string[] = [];
  private inputs = 0;
  private labels = 0;

  input(options: string[], file: string): number {
    this.inputArgs.push(...options, '-i', file);
    return this.inputs++;
  }

  label(prefix: string): string {
    return `[${prefix}${this.labels++}]`;
  }

  /** Adds `ins filters out`; with no filters and one input, the input label itself is the result. */
  chain(ins: string[], filters: string[], prefix: string): string {
    if (filters.length === 0 && ins.length === 1) return ins[0]!;
    const out = this.label(prefix);
    this.chains.push(`${ins.join('')}${filters.length ? filters.join(',') : prefix.startsWith('a') ? 'anull' : 'null'}${out}`);
    return out;
  }

  /** A source filter (color, anullsrc) as a labelled stream. */
  source(filter: string, prefix: string): string {
    const out = this.label(prefix);
    this.chains.push(`${filter}${out}`);
    return out;
  }
}

type Segment = { v: string; a: string | null; dur: number };
type AudioSource = { label: string; end: number };

type Ctx = {
  g: Graph;
  canvas: Canvas;
  sources: Map<string, SourceFacts>;
  clipName: (c: MediaClip) => string;
  /** How ramped clips' sound is stretched: rubberband when this ffmpeg has it (ffmpeg-abilities.ts). */
  rampSound: RampSound;
};

function facts(ctx: Ctx, clip: MediaClip): SourceFacts {
  const f = ctx.sources.get(clip.assetId);
  // A reversed clip reads its asset's reversed copy (model/reverse.ts); missing means its job has not finished.
  if (!f && reversedAssetOf(clip.assetId)) throw new AppError('conflict', reverseNotReadyMessage(ctx.clipName(clip)));
  if (!f) {
    throw new AppError('not_found', `The media of ${ctx.clipName(clip)} is no longer in the library. Remove that clip or put the media back, then export again.`);
  }
  return f;
}

const isVisual = (f: SourceFacts) => (f.kind === 'video' || f.kind === 'image') && f.width !== null && f.height !== null;

/** Input options that trim a source to what a clip uses, by seeking (fast) rather than by decoding. */
function sourceInput(ctx: Ctx, clip: MediaClip, f: SourceFacts, timelineDur: number, loopImage: boolean): number {
  if (f.kind === 'image') {
    // ffmpeg 5.1 turns a JPEG by its EXIF orientation (the decoder exports it as a display matrix) but not a PNG
    // or TIFF; uprightImage() turns every image from its facts, so ffmpeg must not turn any of them first.
    const own = ['-noautorotate'];
    return loopImage ? ctx.g.input([...own, '-loop', '1', '-framerate', String(ctx.canvas.fps), '-t', num(timelineDur)], f.path) : ctx.g.input(own, f.path);
  }
  const opts = clip.in > 0 ? ['-ss', num(clip.in)] : [];
  // A ramped clip needs the source its curve plays in that time (the model's inverse), not a constant multiple.
  opts.push('-t', num(clip.speedRamp ? sourceOffsetAt(clip, timelineDur) : timelineDur * clip.speed));
  return ctx.g.input(opts, f.path);
}

/** ffmpeg filters that bring pixels stored with each EXIF orientation upright (transpose: one pass over the frame). */
const UPRIGHT: Record<Orientation, string[]> = {
  1: [],
  2: ['hflip'],
  3: ['hflip', 'vflip'],
  4: ['vflip'],
  5: ['transpose=cclock_flip'], // the main diagonal
  6: ['transpose=clock'],
  7: ['transpose=clock_flip'], // the other diagonal
  8: ['transpose=cclock'],
};

/** Filters that bring an image upright, before anything is cropped: crops and placements are in upright pixels. */
function uprightImage(f: SourceFacts): string[] {
  return f.kind === 'image' ? UPRIGHT[f.orientation ?? 1] : [];
}

/**
 * The clip's look, then its chroma key, on its upright picture (before crop and placement, as the preview draws
 * them): model/look.ts, model/chroma-key-math.ts. A keyed picture leaves with an alpha plane.
 */
function look(ctx: Ctx, c: MediaClip, f: SourceFacts): string[] {
  if (f.kind !== 'video' && f.kind !== 'image') return [];
  // A photo's vignette keeps its alpha through pads named from a fresh graph label.
  const alphaName = f.kind === 'image' && c.look?.adjust.vignette ? ctx.g.label('la').slice(1, -1) : undefined;
  const looked = !c.look || isIdentityLook(c.look) ? [] : lookFilters(c.look, hasColour(c.look) ? lookCubePath(c.look) : null, f.kind === 'video', alphaName);
  // A video's pixels come to limited-range BT.709 first: the look's RGB round trip and the key's U/V assume it.
  const toBt709 = f.kind === 'video' ? toBt709Filters(f.colour) : [];
  return [...toBt709, ...looked, ...chromaKeyFilters(c.chromaKey, f.kind === 'video')];
}

function cropScale(part: { src: Rect; dst: Rect }, f: { width: number | null; height: number | null }): string[] {
  const out: string[] = [];
  const { src, dst } = part;
  if (src.x !== 0 || src.y !== 0 || src.width !== f.width || src.height !== f.height) out.push(`crop=${src.width}:${src.height}:${src.x}:${src.y}`);
  if (src.width !== dst.width || src.height !== dst.height) out.push(`scale=${dst.width}:${dst.height}`);
  // scale keeps the display aspect by changing SAR when the ratio moves a hair; concat and xfade need SAR 1.
  out.push('setsar=1');
  return out;
}

/** Crops a source to `src` (nothing when it is the whole frame). */
function cropOnly(src: Rect, f: { width: number | null; height: number | null }): string[] {
  return src.x !== 0 || src.y !== 0 || src.width !== f.width || src.height !== f.height ? [`crop=${src.width}:${src.height}:${src.x}:${src.y}`] : [];
}

/** Canvas pixels of a clip's cropped source at scale 1 (what keyframe-filters.ts scales by the animated scale). */
function unitSize(c: MediaClip, source: Rect, canvas: Size): Size {
  const k = reframeFactor(c.transform.reframe, source, canvas);
  return { width: source.width * k, height: source.height * k };
}

/**
 * The setpts that puts a clip's frames on the timeline: at its speed, or along its ramp (video only), shifted to
 * `at` seconds (null: from 0, with no shift written).
 */
function retime(c: MediaClip, f: SourceFacts, at: number | null): string {
  const shift = at === null ? '' : `+${num(at)}/TB`;
  if (f.kind === 'video' && c.speedRamp) return rampSetpts(c, at ?? 0);
  return f.kind === 'video' && c.speed !== 1 ? `setpts=(PTS-STARTPTS)/${num(c.speed)}${shift}` : `setpts=PTS-STARTPTS${shift}`;
}

/** A ramped overlay's frames put on the canvas's frame grid the way the preview picks them (see rampFps). */
const rampOverlayFps = (c: MediaClip, f: SourceFacts, fps: number): string[] => (c.speedRamp && f.kind === 'video' ? [rampFps(fps)] : []);

/**
 * A media clip's sound from `input` to a new label: its speed (constant, or along its ramp: rampSound), volume or
 * volume keys and fades, then `after` (a delay, ducking).
 */
function audioChain(ctx: Ctx, input: string, clip: MediaClip, dur: number, after: string[] = []): string {
  const speed = clip.speedRamp ? rampAudioFilters(clip, dur, ctx.rampSound) : atempoChain(clip.speed);
  return ctx.g.chain([input], [...speed, ...levelAndFades(clip, dur), ...after], 'a');
}

function levelAndFades(clip: MediaClip, dur: number): string[] {
  const out: string[] = [];
  // Keyed volume: the model's curve per audio frame, timed from the clip's start (asetpts makes t start at 0).
  if (clip.keyframes?.volume) out.push('asetpts=PTS-STARTPTS', `volume='${numberExpression(clip.keyframes.volume, 't')}':eval=frame`);
  else if (clip.volume !== 1) out.push(`volume=${num(clip.volume)}`);
  const fadeIn = fadeLength(clip.fadeIn, dur);
  if (fadeIn > 0) out.push(`afade=t=in:st=0:d=${num(fadeIn)}`);
  if (fadeLength(clip.fadeOut, dur) > 0) {
    const d = fadeLength(clip.fadeOut, dur);
    out.push(`afade=t=out:st=${num(dur - d)}:d=${num(d)}`);
  }
  return out;
}

function silence(ctx: Ctx, dur: number): string {
  return ctx.g.source(`anullsrc=r=${AUDIO_RATE}:cl=stereo:d=${num(dur)}`, 'as');
}

function colorSource(ctx: Ctx, color: string, dur: number): string {
  const { width, height, fps } = ctx.canvas;
  return ctx.g.source(`color=c=${hex(color)}:s=${width}x${height}:r=${fps}:d=${num(dur)}`, 'vc');
}

// ── main track ──────────────────────────────────────────────────────────────

type MainItem = { clip: MediaClip | null; start: number; dur: number; transition: { kind: TransitionKind; dur: number } | null };

/**
 * The main track as back-to-back items: clips in time order, gaps (background colour, silence) between
 * them and up to the end of the draft. A clip that the next one overlaps without a transition is cut where
 * the next starts; a transition's overlap is what the timeline shows (start of this clip vs end of the last).
 */
export function mainItems(clips: readonly MediaClip[], total: number): MainItem[] {
  const sorted = [...clips].sort((a, b) => a.start - b.start);
  const items: MainItem[] = [];
  let cursor = 0;
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]!;
    const next = sorted[i + 1];
    let dur = clipDuration(c);
    if (next && !(next.transitionIn && next.start < c.start + dur)) dur = Math.min(dur, Math.max(0, next.start - c.start));
    if (c.start + dur > total) dur = total - c.start;
    if (dur <= 1e-6) continue;
    const prev = items.at(-1);
    let transition: MainItem['transition'] = null;
    if (c.transitionIn && prev?.clip && c.start < cursor - 1e-6) {
      const t = Math.min(cursor - c.start, prev.dur - 1e-3, dur - 1e-3);
      if (t > 0.01) transition = { kind: c.transitionIn.kind, dur: t };
    }
    if (!transition && c.start > cursor + 1e-6) items.push({ clip: null, start: cursor, dur: c.start - cursor, transition: null });
    if (!transition && c.start < cursor - 1e-6) {
      // Overlap without a transition (only possible at the very start of an unsorted edit): start after the last.
      dur -= cursor - c.start;
      if (dur <= 1e-6) continue;
      items.push({ clip: c, start: cursor, dur, transition: null });
      cursor += dur;
      continue;
    }
    items.push({ clip: c, start: c.start, dur, transition });
    cursor = c.start + dur;
  }
  if (total > cursor + 1e-6) items.push({ clip: null, start: cursor, dur: total - cursor, transition: null });
  return items;
}

function mainSegment(ctx: Ctx, item: MainItem, withAudio: boolean, needsFps: boolean): Segment {
  const { canvas } = ctx;
  const c = item.clip;
  const dur = item.dur;
  if (!c) return { v: colorSource(ctx, canvas.background, dur), a: withAudio ? silence(ctx, dur) : null, dur };
  const f = facts(ctx, c);
  const visual = isVisual(f);
  const k = visual || (f.hasAudio && withAudio) ? sourceInput(ctx, c, f, dur, true) : -1;

  let v: string;
  const p: Placement | null = visual ? place(c.transform, { width: f.width!, height: f.height! }, canvas, true) : null;
  const part = p ? visiblePart(p.dest, p.source, canvas) : null;
  if (p && needsMovingPath(c)) {
    v = movingMainSegment(ctx, c, f, p, k, item, dur);
  } else if (!p || !part) {
    v = colorSource(ctx, canvas.background, dur);
  } else {
    const head: string[] = [...uprightImage(f), ...look(ctx, c, f)];
    if (f.kind === 'video') {
      if (c.speed !== 1 || c.speedRamp) head.push(retime(c, f, null));
      if (c.speedRamp) head.push(rampFps(canvas.fps));
      else if (c.speed !== 1 || f.fps !== canvas.fps || needsFps) head.push(`fps=${canvas.fps}`);
    }
    const covers = part.dst.x === 0 && part.dst.y === 0 && part.dst.width === canvas.width && part.dst.height === canvas.height;
    // A keyed clip has see-through pixels: it goes over the pad (or background) colour like a faded one.
    const opaque = c.transform.opacity >= 1 && !c.chromaKey;
    const fades: string[] = [];
    if (fadeLength(c.fadeIn, dur) > 0) fades.push(`fade=t=in:st=0:d=${num(fadeLength(c.fadeIn, dur))}:color=${hex(canvas.background)}`);
    if (fadeLength(c.fadeOut, dur) > 0) {
      const d = fadeLength(c.fadeOut, dur);
      fades.push(`fade=t=out:st=${num(dur - d)}:d=${num(d)}:color=${hex(canvas.background)}`);
    }
    const fgFilters = cropScale(part, f);
    if (c.transform.opacity < 1) fgFilters.push('format=yuva420p', `colorchannelmixer=aa=${num(c.transform.opacity)}`);
    if (covers && opaque) {
      v = ctx.g.chain([`[${k}:v]`], [...head, ...fgFilters, ...fades], 'v');
    } else if (opaque && !p.backdrop) {
      // Letterbox by padding: cheaper than overlaying onto a colour frame.
      const pad = `pad=${canvas.width}:${canvas.height}:${part.dst.x}:${part.dst.y}:color=${hex(p.pad ?? canvas.background)}`;
      v = ctx.g.chain([`[${k}:v]`], [...head, ...fgFilters, pad, ...fades], 'v');
    } else {
      let base: string;
      let fgIn = `[${k}:v]`;
      if (p.backdrop) {
        const bdPart = visiblePart(p.backdrop.dest, p.source, canvas)!;
        const [a, b] = [ctx.g.label('s'), ctx.g.label('s')];
        ctx.g.chains.push(`[${k}:v]${[...head, 'split'].join(',')}${a}${b}`);
        head.length = 0;
        base = ctx.g.chain([a], [...cropScale(bdPart, f), `gblur=sigma=${p.backdrop.sigma}`], 'bd');
        fgIn = b;
      } else {
        base = colorSource(ctx, p.pad ?? canvas.background, dur);
      }
      const fg = ctx.g.chain([fgIn], [...head, ...fgFilters], 'fg');
      v = ctx.g.chain([base, fg], [`overlay=${part.dst.x}:${part.dst.y}:shortest=1`, ...fades], 'v');
    }
  }

  let a: string | null = null;
  if (withAudio) a = f.hasAudio && k >= 0 && c.volume > 0 ? audioChain(ctx, `[${k}:a:0]`, c, dur) : silence(ctx, dur);
  return { v, a, dur };
}

/**
 * A main-track clip that moves, scales, turns or fades by keyframes: its pad colour (or blurred backdrop, or the
 * canvas background) as the frame, the moving picture over it, then the clip's fades over the whole frame.
 */
function movingMainSegment(ctx: Ctx, c: MediaClip, f: SourceFacts, p: Placement, k: number, item: MainItem, dur: number): string {
  const { canvas, g } = ctx;
  const head: string[] = [...uprightImage(f), ...look(ctx, c, f)];
  if (f.kind === 'video') {
    head.push(retime(c, f, null), c.speedRamp ? rampFps(canvas.fps) : `fps=${canvas.fps}`);
  } else {
    head.push('setpts=PTS-STARTPTS');
  }
  let base: string;
  let fgIn = `[${k}:v]`;
  if (p.backdrop) {
    const bdPart = visiblePart(p.backdrop.dest, p.source, canvas)!;
    const [a, b] = [g.label('s'), g.label('s')];
    g.chains.push(`[${k}:v]${[...head, 'split'].join(',')}${a}${b}`);
    head.length = 0;
    base = g.chain([a], [...cropScale(bdPart, f), `gblur=sigma=${p.backdrop.sigma}`], 'bd');
    fgIn = b;
  } else {
    base = colorSource(ctx, p.pad ?? canvas.background, dur);
  }
  // The segment's stream starts at 0 where the item starts; keys are timed from the clip's own start.
  const m = movingFilters({ clip: c, unit: unitSize(c, p.source, canvas), centre: { x: c.transform.x * canvas.width, y: c.transform.y * canvas.height }, canvas, origin: c.start - item.start, name: `op${g.chains.length}` });
  const fg = g.chain([fgIn], [...head, ...cropOnly(p.source, f), ...m.alpha, ...m.geometry], 'fg');
  const fades: string[] = [];
  if (fadeLength(c.fadeIn, dur) > 0) fades.push(`fade=t=in:st=0:d=${num(fadeLength(c.fadeIn, dur))}:color=${hex(canvas.background)}`);
  if (fadeLength(c.fadeOut, dur) > 0) {
    const d = fadeLength(c.fadeOut, dur);
    fades.push(`fade=t=out:st=${num(dur - d)}:d=${num(d)}:color=${hex(canvas.background)}`);
  }
  return g.chain([base, fg], [`overlay=x=${m.x}:y=${m.y}:shortest=1:format=auto`, 'format=yuv420p', ...fades], 'v');
}

function concat(ctx: Ctx, segs: Segment[], withAudio: boolean, thenFps: boolean): Segment {
  if (segs.length === 1) {
    const s = segs[0]!;
    return thenFps ? { ...s, v: ctx.g.chain([s.v], [`fps=${ctx.canvas.fps}`], 'v') } : s;
  }
  const ins = segs.flatMap((s) => (withAudio ? [s.v, s.a!] : [s.v]));
  const vOut = ctx.g.label('v');
  const aOut = withAudio ? ctx.g.label('a') : '';
  ctx.g.chains.push(`${ins.join('')}concat=n=${segs.length}:v=1:a=${withAudio ? 1 : 0}${vOut}${aOut}`);
  const dur = segs.reduce((s, x) => s + x.dur, 0);
  // xfade needs both inputs at the same frame rate and time base; concat's output has neither pinned.
  const v = thenFps ? ctx.g.chain([vOut], [`fps=${ctx.canvas.fps}`], 'v') : vOut;
  return { v, a: withAudio ? aOut : null, dur };
}

/** Compiles the main track into one video stream (and its sound) lasting exactly `total`. */
function compileMain(ctx: Ctx, track: Track | undefined, total: number): { v: string; a: AudioSource | null } {
  const clips = track && !track.hidden ? track.clips.filter((c): c is MediaClip => c.type === 'media') : [];
  const items = mainItems(clips, total);
  if (items.length === 0) return { v: colorSource(ctx, ctx.canvas.background, total), a: null };
  // Sound only when some clip brings any: otherwise amix would just mix a long silence. No main track at all
  // (a text-, overlay- or audio-only draft) is a canvas of the background colour.
  const withAudio = track !== undefined && !track.muted && items.some((it) => it.clip && it.clip.volume > 0 && ctx.sources.get(it.clip.assetId)?.hasAudio);
  const hasTransitions = items.some((it) => it.transition);

  let pending: Segment[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const inTransition = it.transition !== null || items[i + 1]?.transition != null;
    const seg = mainSegment(ctx, it, withAudio, hasTransitions && inTransition);
    if (it.transition && pending.length) {
      const prev = concat(ctx, pending, withAudio, pending.length > 1);
      const offset = prev.dur - it.transition.dur;
      const v = ctx.g.chain([prev.v, seg.v], [`xfade=transition=${XFADE_TRANSITION[it.transition.kind]}:duration=${num(it.transition.dur)}:offset=${num(offset)}`], 'v');
      const a = withAudio ? ctx.g.chain([prev.a!, seg.a!], [`acrossfade=d=${num(it.transition.dur)}`], 'a') : null;
      pending = [{ v, a, dur: prev.dur + seg.dur - it.transition.dur }];
    } else {
      pending.push(seg);
    }
  }
  const all = concat(ctx, pending, withAudio, false);
  return { v: all.v, a: all.a ? { label: all.a, end: all.dur } : null };
}

// ── overlays, text, audio tracks ────────────────────────────────────────────

const between = (a: number, b: number) => `enable='between(t,${num(a)},${num(b)})'`;

function overlayMedia(ctx: Ctx, base: string, c: MediaClip, withAudio: boolean, audio: AudioSource[]): string {
  const f = facts(ctx, c);
  const dur = clipDuration(c);
  // A clip too short to write down has no frame to show and no sound to play.
  if (dur < TINY_SEC) return base;
  const end = c.start + dur;
  const visual = isVisual(f);
  const p = visual ? place(c.transform, { width: f.width!, height: f.height! }, ctx.canvas, false) : null;
  const part = p ? visiblePart(p.dest, p.source, ctx.canvas) : null;
  const soundful = withAudio && f.kind !== 'image' && f.hasAudio && c.volume > 0;
  if (!part && !soundful) return base;
  const fadeIn = fadeLength(c.fadeIn, dur);
  const fadeOut = fadeLength(c.fadeOut, dur);
  const fades = fadeIn > 0 || fadeOut > 0;
  const moving = p !== null && needsMovingPath(c);
  // A still image without fades is one frame, shown for its window (overlay repeats its last frame).
  const still = f.kind === 'image' && !fades && !moving;
  const k = sourceInput(ctx, c, f, dur, !still);
  let out = base;
  if (p && moving) {
    // Moves, scales, turns or fades by keyframes: crop the whole shown part, then size, turn and place it per frame.
    const filters: string[] = [...uprightImage(f), ...look(ctx, c, f), retime(c, f, c.start), ...rampOverlayFps(c, f, ctx.canvas.fps)];
    filters.push(...cropOnly(p.source, f));
    const m = movingFilters({ clip: c, unit: unitSize(c, p.source, ctx.canvas), centre: { x: c.transform.x * ctx.canvas.width, y: c.transform.y * ctx.canvas.height }, canvas: ctx.canvas, origin: c.start, name: `op${ctx.g.chains.length}` });
    filters.push(...m.alpha);
    if (fadeIn > 0) filters.push(`fade=t=in:st=${num(c.start)}:d=${num(fadeIn)}:alpha=1`);
    if (fadeOut > 0) filters.push(`fade=t=out:st=${num(end - fadeOut)}:d=${num(fadeOut)}:alpha=1`);
    filters.push(...m.geometry);
    const fg = ctx.g.chain([`[${k}:v]`], filters, 'ov');
    out = ctx.g.chain([base, fg], [`overlay=x=${m.x}:y=${m.y}:${between(c.start, end)}:eof_action=pass`], 'v');
  } else if (part) {
    const filters: string[] = [...uprightImage(f), ...look(ctx, c, f)];
    if (!still) filters.push(retime(c, f, c.start), ...rampOverlayFps(c, f, ctx.canvas.fps));
    filters.push(...cropScale(part, f));
    if (c.transform.opacity < 1 || fades) filters.push('format=yuva420p');
    if (c.transform.opacity < 1) filters.push(`colorchannelmixer=aa=${num(c.transform.opacity)}`);
    if (fadeIn > 0) filters.push(`fade=t=in:st=${num(c.start)}:d=${num(fadeIn)}:alpha=1`);
    if (fadeOut > 0) filters.push(`fade=t=out:st=${num(end - fadeOut)}:d=${num(fadeOut)}:alpha=1`);
    const fg = ctx.g.chain([`[${k}:v]`], filters, 'ov');
    out = ctx.g.chain([base, fg], [`overlay=${part.dst.x}:${part.dst.y}:${between(c.start, end)}${still ? '' : ':eof_action=pass'}`], 'v');
  }
  if (soundful) audio.push({ label: audioChain(ctx, `[${k}:a:0]`, c, dur, delay(c.start)), end });
  return out;
}

const delay = (start: number) => (start > 0 ? [`adelay=${Math.round(start * 1000)}:all=1`] : []);

function overlayText(ctx: Ctx, base: string, c: TextClip, layer: TextLayerFile | undefined): string {
  if (!layer) throw new AppError('internal', `The text "${c.text.slice(0, 40)}" was not rendered before export. Export again.`);
  const end = c.start + c.duration;
  const fadeIn = fadeLength(c.fadeIn, c.duration);
  const fadeOut = fadeLength(c.fadeOut, c.duration);
  const moving = needsMovingPath(c);
  const reveal = c.keyframes?.reveal;
  if (fadeIn <= 0 && fadeOut <= 0 && !moving && !reveal) {
    // One PNG frame, repeated by overlay inside its window: no per-frame decoding.
    const k = ctx.g.input([], layer.path);
    return ctx.g.chain([base, `[${k}:v]`], [`overlay=${layer.left}:${layer.top}:${between(c.start, end)}`], 'v');
  }
  const k = ctx.g.input(['-loop', '1', '-framerate', String(ctx.canvas.fps), '-t', num(c.duration)], layer.path);
  const filters = [`setpts=PTS-STARTPTS+${num(c.start)}/TB`];
  // The text's PNG is drawn at its static place; moving text sizes, turns and shifts that same picture.
  const m = moving
    ? movingFilters({ clip: c, unit: { width: layer.width, height: layer.height }, centre: { x: layer.left + layer.width / 2, y: layer.top + layer.height / 2 }, canvas: ctx.canvas, origin: c.start, name: `op${ctx.g.chains.length}` })
    : null;
  if (m) filters.push(...m.alpha);
  // Typewriter: the picture is uncovered left to right at its own size, before any scaling (as draw.ts does).
  if (reveal) filters.push(...(m ? [] : ['format=rgba']), revealFilter(reveal, `(T-${num(c.start)})`));
  if (fadeIn > 0) filters.push(`fade=t=in:st=${num(c.start)}:d=${num(fadeIn)}:alpha=1`);
  if (fadeOut > 0) filters.push(`fade=t=out:st=${num(end - fadeOut)}:d=${num(fadeOut)}:alpha=1`);
  if (m) filters.push(...m.geometry);
  const fg = ctx.g.chain([`[${k}:v]`], filters, 'tx');
  const at = m ? `x=${m.x}:y=${m.y}` : `${layer.left}:${layer.top}`;
  return ctx.g.chain([base, fg], [`overlay=${at}:${between(c.start, end)}:eof_action=pass`], 'v');
}

function audioTrack(ctx: Ctx, track: Track, voice: [number, number][], audio: AudioSource[]): void {
  const ducked = track.ducking?.enabled === true && track.role !== 'voiceover' && voice.length > 0;
  for (const c of track.clips) {
    if (c.type !== 'media' || c.volume <= 0) continue;
    const f = facts(ctx, c);
    if (!f.hasAudio) continue;
    const dur = clipDuration(c);
    if (dur < TINY_SEC) continue;
    const k = sourceInput(ctx, c, f, dur, false);
    const duck = ducked ? [`volume='${duckingExpression(voice, track.ducking!.level)}':eval=frame`] : [];
    audio.push({ label: audioChain(ctx, `[${k}:a:0]`, c, dur, [...delay(c.start), ...duck]), end: c.start + dur });
  }
}

/** When someone speaks: clips on voiceover tracks that are heard. */
export function voiceWindows(draft: VideoDraft): [number, number][] {
  const out: [number, number][] = [];
  for (const t of draft.tracks) {
    if (t.kind !== 'audio' || t.role !== 'voiceover' || t.hidden || t.muted) continue;
    for (const c of t.clips) if (c.type === 'media' && c.volume > 0) out.push([c.start, c.start + clipDuration(c)]);
  }
  return out;
}

/**
 * Reframes the finished canvas into a variant's frame (another size or aspect), with the same placement maths
 * as a clip on the main track: fill crops the middle, fit pads with black, blur puts the whole picture on a
 * blurred copy of itself. Titles and overlays go with the picture, so nothing drawn on the canvas is lost to a
 * fit or blur. A frame of the canvas's own aspect is just scaled.
 */
function reframeCanvas(ctx: Ctx, v: string, out: Size, reframe: VariantPlan['reframe']): string {
  const { canvas, g } = ctx;
  if (out.width === canvas.width && out.height === canvas.height) return v;
  const p = place(defaultTransform(reframe), canvas, out, true);
  const part = visiblePart(p.dest, p.source, out)!;
  const fg = cropScale(part, canvas);
  const covers = part.dst.x === 0 && part.dst.y === 0 && part.dst.width === out.width && part.dst.height === out.height;
  if (covers) return g.chain([v], fg, 'v');
  if (!p.backdrop) return g.chain([v], [...fg, `pad=${out.width}:${out.height}:${part.dst.x}:${part.dst.y}:color=${hex(p.pad ?? '#000000')}`], 'v');
  const [a, b] = [g.label('s'), g.label('s')];
  g.chains.push(`${v}split${a}${b}`);
  const bd = g.chain([a], [...cropScale(visiblePart(p.backdrop.dest, p.source, out)!, canvas), `gblur=sigma=${p.backdrop.sigma}`], 'bd');
  const top = g.chain([b], fg, 'fg');
  return g.chain([bd, top], [`overlay=${part.dst.x}:${part.dst.y}`], 'v');
}

// ── the compiler ────────────────────────────────────────────────────────────

/** The longest draft (and the furthest source time) Postframe renders: a day, far past any social video. */
export const MAX_TIMELINE_SEC = 24 * 3600;

/**
 * Refuses drafts the schema accepts but no export can honour, each with what to do; everything else compiles.
 * (Times are finite and non-negative by the schema; this bounds them so every number stays a plain decimal.)
 */
function checkRenderable(draft: VideoDraft, sources: Map<string, SourceFacts>, clipName: (c: Clip) => string, full: number): void {
  const mains = draft.tracks.filter((t) => t.kind === 'main');
  if (mains.length > 1) {
    throw new AppError('invalid_input', `This draft has ${mains.length} main tracks; a draft has one. Move the clips of the others onto overlay tracks (docs/draft-format.md), then export again.`);
  }
  // The main track is the bottom picture: a picture track listed under it would be drawn over it by the export
  // and under it by the preview. Only a hand-written draft can do that; say how to fix it.
  const below = mains[0] ? draft.tracks.slice(0, draft.tracks.indexOf(mains[0])).find((t) => t.kind !== 'audio' && !t.hidden && t.clips.length > 0) : undefined;
  if (below) {
    throw new AppError('invalid_input', `The ${below.name || below.kind} track is listed before the main track, so it would be hidden under it. List the main track first (tracks go bottom to top, docs/draft-format.md), then export again.`);
  }
  for (const t of draft.tracks) {
    for (const c of t.clips) {
      const end = clipEnd(c);
      if (end > MAX_TIMELINE_SEC || (c.type === 'media' && c.out > MAX_TIMELINE_SEC)) {
        throw new AppError('invalid_input', `${cap(clipName(c))} reaches ${hours(Math.max(end, c.type === 'media' ? c.out : 0))}; Postframe renders drafts of up to 24 hours. Fix that clip's times, then export again.`);
      }
      if (c.type !== 'media' || t.hidden) continue;
      const f = sources.get(c.assetId);
      if (f && f.kind !== 'image' && f.durationSec !== null && f.durationSec > 0 && c.in >= f.durationSec) {
        throw new AppError('invalid_input', `${cap(clipName(c))} starts at ${num(Math.round(c.in * 100) / 100)} s of its media, which lasts ${num(Math.round(f.durationSec * 100) / 100)} s. Trim the clip to a part of the media, then export again.`);
      }
    }
  }
  if (full < 1 / draft.canvas.fps) {
    throw new AppError('invalid_input', `This draft lasts ${num(full)} s, shorter than one frame. Make a clip longer (at least 1/${draft.canvas.fps} s), then export again.`);
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const hours = (sec: number) => (sec >= 1e6 * 3600 ? 'a time far past a day' : `${Math.round(sec / 360) / 10} hours`);

export function compileExport(
  draft: VideoDraft,
  sources: Map<string, SourceFacts>,
  texts: Map<string, TextLayerFile>,
  preset: ExportPreset,
  outputPath: string,
  /** A channel's render variant: its size, reframe, fps, duration cap and bitrate cap replace the preset's size and fps. */
  variant: VariantPlan | null = null,
  /** Burned-in caption tracks, drawn over everything else in the order given. */
  captions: readonly CaptionSequenceFile[] = [],
  encoder: VideoEncoder = SOFTWARE_ENCODER,
  /** How ramped clips' sound is stretched: 'mean' works on every ffmpeg; the export asks for 'rubberband' where it is. */
  rampSound: RampSound = 'mean',
): CompiledExport {
  const { args, outputs } = compileOutputs(draft, sources, texts, preset, [{ variant, outputPath }], captions, encoder, rampSound);
  return { args, ...outputs[0]! };
}

/**
 * Several outputs of one draft in ONE ffmpeg process (docs/export.md, "Every channel in one pass"): the draft is
 * decoded and composited once, then `split`/`asplit` feed each output its own reframe, fps, duration cap and
 * bitrate cap. With one output the graph is exactly compileExport's. The composition lasts as long as the longest
 * output; a shorter one is cut at its cap by `-t` (a clip crossing that cap is cut, not faded out there).
 */
export function compileOutputs(
  given: VideoDraft,
  sources: Map<string, SourceFacts>,
  texts: Map<string, TextLayerFile>,
  preset: ExportPreset,
  outputs: readonly OutputRequest[],
  captions: readonly CaptionSequenceFile[] = [],
  encoder: VideoEncoder = SOFTWARE_ENCODER,
  rampSound: RampSound = 'mean',
): CompiledOutputs {
  // Reversed clips are read forwards from their asset's reversed copy (its facts under reversedKey in `sources`).
  const draft = readForwards(given, (id) => sources.get(id)?.durationSec ?? null);
  const full = draftDuration(draft);
  if (full <= 0) throw new AppError('invalid_input', 'This draft is empty. Add a clip to the timeline, then export.');
  if (outputs.length === 0) throw new AppError('invalid_input', 'Nothing to export: choose at least one channel or preset.');
  // The composition is built for the longest output; each output stops at its channel's cap (`-t`).
  const totals = outputs.map(({ variant }) => (variant?.maxDurationSec != null ? Math.min(full, variant.maxDurationSec) : full));
  const total = Math.max(...totals);
  const names = new Map<string, string>();
  draft.tracks.forEach((t) => t.clips.forEach((c, i) => names.set(c.id, `clip ${i + 1} on the ${t.name || t.kind} track`)));
  const clipName = (c: Clip) => names.get(c.id) ?? 'a clip';
  checkRenderable(draft, sources, clipName, full);
  const g = new Graph();
  const ctx: Ctx = { g, canvas: draft.canvas, sources, clipName, rampSound };

  const audio: AudioSource[] = [];
  const mainTrack = draft.tracks.find((t) => t.kind === 'main');
  const main = compileMain(ctx, mainTrack, total);
  let v = main.v;
  if (main.a) audio.push(main.a);

  for (const t of draft.tracks) {
    if (t.hidden || t.kind === 'audio') continue;
    for (const c of [...t.clips].sort((a, b) => a.start - b.start)) {
      // The main track's media is the base picture; text on it is drawn over it, as the preview does.
      if (c.type === 'text') v = overlayText(ctx, v, c, texts.get(c.id));
      else if (t !== mainTrack) v = overlayMedia(ctx, v, c, !t.muted, audio);
    }
  }
  for (const c of captions) {
    // The list's pictures are single frames; overlay holds each until the next (eof: the last, a blank band).
    const k = g.input(['-f', 'concat', '-safe', '0'], c.listPath);
    v = g.chain([v, `[${k}:v]`], [`overlay=${c.left}:${c.top}:eof_action=repeat`], 'v');
  }
  const voice = voiceWindows(draft);
  for (const t of draft.tracks) if (t.kind === 'audio' && !t.hidden && !t.muted) audioTrack(ctx, t, voice, audio);

  return outputTail(ctx, draft, preset, outputs, totals, total, v, audio, encoder);
}

/**
 * The output tail: the composited picture and sound, split into one branch per output (reframe, fps) and one
 * `-map … output` group per output with its own encoder settings and duration.
 */
function outputTail(
  ctx: Ctx,
  draft: VideoDraft,
  preset: ExportPreset,
  outputs: readonly OutputRequest[],
  totals: readonly number[],
  total: number,
  composed: string,
  audio: AudioSource[],
  encoder: VideoEncoder,
): CompiledOutputs {
  const { g } = ctx;
  const n = outputs.length;
  const vIns = n === 1 ? [composed] : splitInto(g, composed, n, 'split', 'o');
  const branches = outputs.map(({ variant }, i) => {
    let v = vIns[i]!;
    const out = variant ? { width: variant.width, height: variant.height } : outputSize(draft.canvas, preset);
    const fps = variant ? variant.fps : preset.fps === 'canvas' ? draft.canvas.fps : preset.fps;
    // A lower frame rate drops frames BEFORE the reframe, so the frames dropped are never scaled (or blurred); a
    // higher one repeats frames after it, so each repeat is not scaled again. The same frames come out either way.
    const rate = fps !== draft.canvas.fps ? [`fps=${fps}`] : [];
    const early = fps < draft.canvas.fps;
    const tail: string[] = [];
    if (early) tail.push(...rate);
    if (variant) {
      if (early) v = g.chain([v], tail.splice(0), 'v');
      v = reframeCanvas(ctx, v, out, variant.reframe);
    } else if (out.width !== draft.canvas.width || out.height !== draft.canvas.height) tail.push(`scale=${out.width}:${out.height}`, 'setsar=1');
    if (!early) tail.push(...rate);
    tail.push(...encoderFilters(encoder));
    v = g.chain([v], tail, 'v');
    if (v.includes(':')) v = g.chain([v], ['null'], 'v'); // a bare input stream still goes through the graph
    return { v, out, fps };
  });

  // Always an audio stream (silence when nothing plays), so the file plays everywhere.
  let a: string;
  const end = Math.max(0, ...audio.map((s) => s.end));
  if (audio.length === 0) a = g.source(`anullsrc=r=${AUDIO_RATE}:cl=stereo`, 'as');
  else {
    const pad = end < total - 1e-3 ? ['apad'] : [];
    a = audio.length === 1
      ? g.chain([audio[0]!.label], pad, 'a')
      : g.chain(audio.map((s) => s.label), [`amix=inputs=${audio.length}:normalize=0:duration=longest`, ...pad], 'a');
    if (a.includes(':')) a = g.chain([a], ['anull'], 'a');
  }
  const aOuts = n === 1 ? [a] : splitInto(g, a, n, 'asplit', 'ao');

  const crf = exportQualities[preset.quality];
  const converted = [...ctx.sources.values()].some((f) => f.kind === 'video' && needsConversion(f.colour));
  const outArgs = outputs.flatMap(({ variant, outputPath }, i) => [
    '-map', branches[i]!.v, '-map', aOuts[i]!,
    // Capped quality: the preset's, but never above the channel's rate (a one-second VBV buffer keeps the average
    // honest, so the file fits the size limit the cap was computed from).
    ...encoderArgs(encoder, crf, variant?.videoBitrateKbps ?? null),
    ...encoderPixFmt(encoder),
    // Converted sources' pixels are BT.709 now, whatever their own tag said (it may reach the file untouched).
    ...(converted ? BT709_OUTPUT_TAGS : []),
    '-c:a', 'aac', '-b:a', '128k', '-ar', String(AUDIO_RATE), '-ac', '2',
    '-t', num(totals[i]!),
    '-movflags', '+faststart',
    outputPath,
  ]);
  const args = ['-hide_banner', ...encoderGlobalArgs(encoder), ...g.inputArgs, '-filter_complex', g.chains.join(';'), ...outArgs];
  return {
    args,
    outputs: branches.map((b, i) => ({ outputPath: outputs[i]!.outputPath, durationSec: totals[i]!, width: b.out.width, height: b.out.height, fps: b.fps })),
    durationSec: total,
  };
}

/** `[in]split=n[p0][p1]…`: one copy of a stream per output. */
function splitInto(g: Graph, input: string, n: number, filter: 'split' | 'asplit', prefix: string): string[] {
  const labels = Array.from({ length: n }, () => g.label(prefix));
  g.chains.push(`${input}${filter}=${n}${labels.join('')}`);
  return labels;
}
