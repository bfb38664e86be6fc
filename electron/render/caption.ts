import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BrandKitContent } from '../model/brand-kit';
import { blockTop, type CaptionSegment, type CaptionStyle, captionPlacement, captionZones, cueStyleId, resolveCaptionStyle, stateKey, trackSegments } from '../model/caption-style';
import { type CaptionCue, type CaptionTrack, cueTokens } from '../model/caption-track';
import { AppError } from '../model/errors';
import type { SafeZoneChannel } from '../model/safe-zones';
import { type CaptionAnchor, CAPTION_LAYER_VERSION, type CaptionLook } from './caption-draw';
import type { CanvasSize } from './text-draw';
import { builtInFonts, type TextFonts } from './text-fonts';

/**
 * A burned-in caption track rasterised: every distinct look of every cue drawn once (caption-draw.ts, in the
 * text rasteriser's process), cached by content like text layers (`<cacheDir>/<key>.png` + `.json`), and placed.
 * The result is the track's timeline of pictures, which the preview draws (`captionFrameAt` in
 * model/caption-frames.ts) and the export burns in as one image sequence (caption-sequence.ts).
 *
 * The key hashes what changes the pixels: the cue's text, the look (style, highlight, line box, wrap width), the
 * canvas, the font files' ids and the state; not the cue's times or id (a cue moved in time reuses its pictures;
 * two cues with the same text share them) and not the position (placement only moves the picture).
 */

export type CaptionFrame = { startSec: number; endSec: number; cueId: string; key: string; path: string; left: number; top: number; width: number; height: number };
export type RasterizedCaptionTrack = { trackId: string; frames: CaptionFrame[] };

export function captionStateKeyHash(text: string, look: CaptionLook, canvas: CanvasSize, fontIds: readonly string[], state: string): string {
  const s = look.style;
  const parts = [
    CAPTION_LAYER_VERSION,
    text,
    [s.font, s.size, s.color.toLowerCase(), s.bold, s.italic, s.align],
    s.stroke ? [s.stroke.color.toLowerCase(), s.stroke.width] : null,
    s.box ? [s.box.color.toLowerCase(), s.box.opacity, s.box.padding, s.box.radius] : null,
    look.highlightColor.toLowerCase(),
    [look.activeBox.color.toLowerCase(), look.activeBox.opacity, look.activeBox.padding, look.activeBox.radius],
    look.maxWidth,
    canvas.width,
    canvas.height,
    [...fontIds].sort(),
    state,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export type CaptionRasterOptions = {
  kit: Pick<BrandKitContent, 'textStyles' | 'palette'> | null;
  canvas: CanvasSize;
  cacheDir: string;
  fonts?: TextFonts;
  /** Keep clear of this channel's overlay zones only; null: every vertical app's (model/caption-style.ts captionZones). */
  channel?: SafeZoneChannel | null;
  signal?: AbortSignal;
};

/** Rasterises a burned-in track (one with a styleId); null for a track that only travels as a sidecar. */
export async function rasterizeCaptionTrack(track: CaptionTrack, opts: CaptionRasterOptions): Promise<RasterizedCaptionTrack | null> {
  if (!track.styleId) return null;
  const fonts = opts.fonts ?? builtInFonts;
  const { canvas } = opts;
  const styles = new Map<string, CaptionStyle>();
  const styleOf = (cue: CaptionCue): CaptionStyle => {
    const id = cueStyleId(track, cue)!;
    let s = styles.get(id);
    if (!s) {
      s = resolveCaptionStyle(id, opts.kit, canvas.width);
      styles.set(id, s);
    }
    return s;
  };
  const segments = trackSegments(track, (c) => styleOf(c).animation);
  const byCue = new Map<string, CaptionSegment[]>();
  for (const s of segments) byCue.set(s.cueId, [...(byCue.get(s.cueId) ?? []), s]);
  const zones = captionZones(canvas, opts.channel ?? null);
  const frames: CaptionFrame[] = [];
  for (const cue of track.cues) {
    const segs = byCue.get(cue.id);
    if (!segs) continue;
    if (opts.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    const style = styleOf(cue);
    const placement = captionPlacement(style.position, canvas, zones);
    const look: CaptionLook = { style: style.text, highlightColor: style.highlightColor, activeBox: style.activeBox, maxWidth: placement.maxWidth };
    const face = fonts.resolve(style.text.font);
    // One word at a time shows the word on its own, centred where the cue would be: drawn as a one-word text.
    const tokens = cueTokens(cue.text);
    const pieces = segs.map((s) => {
      if (style.animation !== 'oneWord') return { text: cue.text, state: s.state };
      const i = s.state.words.findIndex((w) => w.shown);
      return { text: tokens[i]!, state: { words: [{ shown: true, highlighted: false, scale: 1 }], boxWord: null } };
    });
    const keys = pieces.map((p) => captionStateKeyHash(p.text, look, canvas, face.ids, stateKey(p.state)));
    const anchors = new Map<string, CaptionAnchor>();
    const missing = new Map<string, { key: string; text: string; state: CaptionSegment['state'] }[]>();
    for (let i = 0; i < pieces.length; i++) {
      const key = keys[i]!;
      const { text, state } = pieces[i]!;
      if (anchors.has(key) || missing.get(text)?.some((m) => m.key === key)) continue;
      const cached = await readCaptionAnchor(opts.cacheDir, key);
      if (cached) anchors.set(key, cached);
      else missing.set(text, [...(missing.get(text) ?? []), { key, text, state }]);
    }
    // One request per distinct text: the rasteriser draws its words once for all of its states.
    for (const [text, states] of missing) {
      const drawn = await fonts.drawCaption({ text, look, canvas, cacheDir: opts.cacheDir, metrics: face.metrics, states });
      states.forEach((m, i) => anchors.set(m.key, drawn[i]!));
    }
    for (const [i, s] of segs.entries()) {
      const key = keys[i]!;
      const a = anchors.get(key)!;
      const top = blockTop(placement, a.blockHeight) + a.blockHeight / 2 - a.centerY;
      frames.push({ startSec: s.startSec, endSec: s.endSec, cueId: s.cueId, key, path: path.join(opts.cacheDir, `${key}.png`), left: Math.round(placement.centerX - a.centerX), top: Math.round(top), width: a.width, height: a.height });
    }
  }
  return { trackId: track.id, frames };
}

async function readCaptionAnchor(cacheDir: string, key: string): Promise<CaptionAnchor | null> {
  try {
    const a = JSON.parse(await fs.readFile(path.join(cacheDir, `${key}.json`), 'utf8')) as CaptionAnchor;
    await fs.access(path.join(cacheDir, `${key}.png`));
    return [a.width, a.height, a.centerX, a.centerY, a.blockHeight].every((n) => typeof n === 'number' && Number.isFinite(n)) ? a : null;
  } catch {
    return null;
  }
}
