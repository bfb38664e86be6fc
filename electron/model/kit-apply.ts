import { type BrandKitContent, defaultWatermark, type KitTextStyle, type LogoVariant } from './brand-kit';
import { type Clip, clipDuration, clipEnd, type Draft, type ImageMediaLayer, type MediaClip, type TextClip, type TextRole, type Track, type VideoDraft } from './draft';
import type { Size } from './geometry';
import { boxOfRect, LOGO_WIDTH, logoBox, logoTransform, watermarkRect, watermarkTransform } from './kit-place';
import { overlaySlot } from './overlay-slot';
import { withoutRamp } from './clip-speed';
import { type TextPresetId, scaleTextStyle, textPreset } from './text-presets';
import {
  clipFrames,
  type EditResult,
  findClip,
  insertClip,
  mainTrack,
  MAX_TIMELINE_SEC,
  newMediaClip,
  type SourceInfo,
  toFrames,
} from './timeline';

/**
 * Using a brand kit in a draft: pure functions from a draft and a kit to a new draft, each ONE edit (one undo
 * step in the editor). The draft remembers which kit it uses (`kitId`), which kit role styled each text clip
 * (`styleRole`) and which clips are the kit's logo, watermark, intro or outro (`brand`), so applying another
 * kit re-styles and re-points exactly those and leaves everything the creator styled by hand alone.
 */

/** What these functions read of a kit: its content and its id. */
export type Kit = Pick<BrandKitContent, 'name' | 'textStyles' | 'logos' | 'watermark' | 'intro' | 'outro'> & { id: string };

/** Display size of an asset (a logo), or null when the editor does not know it. */
export type SizeOf = (assetId: string) => Size | null;

/**
 * The built-in preset a role falls back to when a kit has no style for it, so applying a kit always decides
 * the look of every role-styled clip (and applying A then B is the same as applying B).
 */
export const roleFallback: Record<TextRole, TextPresetId> = { title: 'boldOutline', subtitle: 'subtitle', caption: 'captionBox', lowerThird: 'lowerThird' };

export type RoleStyle = Pick<KitTextStyle, 'style' | 'placement'> & { fromKit: boolean };

/** The kit's style for a role on a canvas `width` px wide (scaled like the built-in presets), or the fallback preset's. */
export function roleStyle(kit: Pick<Kit, 'textStyles'> | null, role: TextRole, width: number): RoleStyle {
  const own = kit?.textStyles.find((s) => s.role === role);
  const src = own ?? textPreset(roleFallback[role]);
  return { style: scaleTextStyle(src.style, width), placement: src.placement, fromKit: own != null };
}

/** A text clip in the kit's style for `role`, where the kit places that role, 3 s from `start`. */
export function kitTextClip(kit: Kit | null, role: TextRole, text: string, start: number, canvasWidth: number, id: string, duration: number): TextClip {
  const { style, placement } = roleStyle(kit, role, canvasWidth);
  return { id, type: 'text', start: Math.max(0, start), duration, text, style, ...placement, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: role };
}

/** The logo asset for a variant, falling back to the kit's other variant. */
export function kitLogo(kit: Pick<Kit, 'logos'>, variant: LogoVariant = 'light'): string | null {
  return kit.logos[variant] ?? kit.logos[variant === 'light' ? 'dark' : 'light'];
}

/** The watermark's logo: the preset's variant (or the other one when the kit has only that). */
export function watermarkLogo(kit: Pick<Kit, 'logos' | 'watermark'>): string | null {
  return kitLogo(kit, (kit.watermark ?? defaultWatermark).logo);
}

const refuse = (reason: 'not_found' | 'invalid_value' | 'track_busy' | 'too_short' | 'unknown_asset', message: string): EditResult => ({ ok: false, reason, message });
const NO_LOGO = 'This brand kit has no logo. Add a light or dark logo to the kit in the Brand room, then try again.';

// ── applying a kit ──────────────────────────────────────────────────────────

export type ApplyKitResult = {
  draft: Draft;
  /** Text clips re-styled to the kit. */
  restyled: number;
  /** Logo and watermark clips pointed at the kit's logo. */
  repointed: number;
  /** Logo or watermark clips left as they were because the kit has no logo. */
  keptLogos: number;
  /** Role-styled or brand-marked elements left as they were because a template locks them (docs/templates.md). */
  keptLocked: number;
};

/**
 * `locked`: also restyle and re-point a template's locked elements. Only someone holding 'templates.edit' may
 * save that (the engine refuses a creator's save), so by default they are left as the template has them.
 */
export type ApplyKitOptions = { locked?: boolean };

/**
 * Makes `kit` the draft's kit: every text clip with a `styleRole` gets the kit's style for that role (scaled to
 * the canvas; text, timing and position kept), the draft's logo clips show the kit's logo (same centre and
 * width) and its watermark clips the kit's watermark logo placed per the kit's watermark preset. Clips without
 * a role or a brand mark are untouched. Unchanged tracks and clips keep their identity.
 */
export function applyKit(draft: Draft, kit: Kit, sizeOf: SizeOf, options: ApplyKitOptions = {}): ApplyKitResult {
  const canvas = draft.canvas;
  let restyled = 0;
  let repointed = 0;
  let keptLogos = 0;
  let keptLocked = 0;
  const frozen = (c: { template?: string | null; styleRole?: TextRole | null; brand?: string | null }): boolean => {
    if (options.locked || c.template !== 'locked') return false;
    if (c.styleRole != null || c.brand === 'logo' || c.brand === 'watermark') keptLocked++;
    return true;
  };
  const restyle = <T extends { styleRole: TextRole | null; style: TextClip['style']; template?: string | null }>(c: T): T => {
    if (c.styleRole == null || frozen(c)) return c;
    restyled++;
    return { ...c, style: roleStyle(kit, c.styleRole, canvas.width).style };
  };
  const repoint = <T extends { brand: MediaClip['brand']; assetId: string; transform: MediaClip['transform']; template?: string | null }>(c: T): T => {
    if ((c.brand !== 'logo' && c.brand !== 'watermark') || frozen(c)) return c;
    const assetId = c.brand === 'watermark' ? watermarkLogo(kit) : kitLogo(kit);
    const size = assetId ? sizeOf(assetId) : null;
    if (!assetId || !size) {
      keptLogos++;
      return c;
    }
    repointed++;
    if (c.brand === 'watermark') return { ...c, assetId, transform: watermarkTransform(kit.watermark ?? defaultWatermark, size, canvas) };
    // A logo keeps where the creator put it and how wide it was drawn.
    const old = sizeOf(c.assetId);
    const width = old ? logoWidth(c.transform, old, canvas) : LOGO_WIDTH;
    return { ...c, assetId, transform: { ...logoTransform(size, canvas, width, c.transform.x, c.transform.y), opacity: c.transform.opacity } };
  };
  if (draft.kind === 'video') {
    const tracks = draft.tracks.map((t) => {
      let changed = false;
      const clips = t.clips.map((c) => {
        const next: Clip = c.type === 'text' ? restyle(c) : repoint(c);
        if (next !== c) changed = true;
        return next;
      });
      return changed ? { ...t, clips } : t;
    });
    return { draft: { ...draft, kitId: kit.id, tracks }, restyled, repointed, keptLogos, keptLocked };
  }
  // Image layers have a box instead of a transform: a logo keeps its centre and width, a watermark goes where
  // the preset puts it, both at the new logo's aspect.
  const repointLayer = (l: ImageMediaLayer): ImageMediaLayer => {
    if ((l.brand !== 'logo' && l.brand !== 'watermark') || frozen(l)) return l;
    const assetId = l.brand === 'watermark' ? watermarkLogo(kit) : kitLogo(kit);
    const size = assetId ? sizeOf(assetId) : null;
    if (!assetId || !size) {
      keptLogos++;
      return l;
    }
    repointed++;
    if (l.brand === 'logo') return { ...l, assetId, box: logoBox(size, canvas, l.box.w, l.box.x, l.box.y, l.box.rotation) };
    const preset = kit.watermark ?? defaultWatermark;
    return { ...l, assetId, box: boxOfRect(watermarkRect(preset, size, canvas), canvas), opacity: preset.opacity };
  };
  const pages = draft.pages.map((p) => ({ ...p, layers: p.layers.map((l) => (l.type === 'text' ? restyle(l) : l.type === 'media' ? repointLayer(l) : l)) }));
  return { draft: { ...draft, kitId: kit.id, pages }, restyled, repointed, keptLogos, keptLocked };
}

/** Drawn width of a `fit` logo as a fraction of the canvas width (the inverse of logoTransform's scale). */
function logoWidth(t: MediaClip['transform'], logo: Size, canvas: Size): number {
  const contain = Math.min(canvas.width / logo.width, canvas.height / logo.height);
  return Math.min(1, (logo.width * contain * t.scale) / canvas.width);
}

// ── logo and watermark ──────────────────────────────────────────────────────

const withTracks = (draft: VideoDraft, tracks: Track[]): VideoDraft => ({ ...draft, tracks });

/** The draft's length without its watermark clips: what a watermark has to span. */
export function contentDuration(draft: VideoDraft): number {
  let end = 0;
  for (const t of draft.tracks) for (const c of t.clips) if (!(c.type === 'media' && c.brand === 'watermark')) end = Math.max(end, clipEnd(c));
  return end;
}

/**
 * "Add logo": the kit's logo as an overlay clip at `at`, centred, LOGO_WIDTH of the canvas wide, for the
 * image default length, on the first overlay track where that span is free, else on a new overlay track
 * placed with the overlays (overlaySlot), so it lands at the playhead where the creator looks.
 */
export function addLogo(draft: VideoDraft, kit: Kit, sizeOf: SizeOf, at: number, info: SourceInfo, idFor: (prefix: string) => string): EditResult {
  const assetId = kitLogo(kit);
  if (!assetId) return refuse('invalid_value', NO_LOGO);
  const size = sizeOf(assetId);
  if (!size) return refuse('unknown_asset', 'The kit’s logo is not in this library any more. Add the logo to the kit again in the Brand room.');
  const clip: MediaClip = { ...newMediaClip({ id: assetId, kind: 'image', durationSec: null }, at, idFor), transform: logoTransform(size, draft.canvas), brand: 'logo' };
  const slot = overlaySlot({ ...draft, kitId: draft.kitId ?? kit.id }, clip.start, clipDuration(clip), LOGO_TRACK_NAME, idFor);
  if (!slot.ok) return slot;
  return insertClip(slot.draft, slot.trackId, clip, clip.start, info);
}

/** Names of the overlay tracks the kit commands add when the Overlay lane is busy at that time. */
export const LOGO_TRACK_NAME = 'Logo';
export const WATERMARK_TRACK_NAME = 'Watermark';

/**
 * "Add watermark": the kit's watermark logo from 0 to the end of the draft, placed per the kit's watermark
 * preset (defaultWatermark when the kit has none), on the Overlay lane when it is free for the whole draft,
 * else on a new overlay track placed with the overlays (overlaySlot). A draft that already has a watermark
 * gets it updated (span, logo and placement, on its track when that is still free) instead of a second.
 */
export function addWatermark(draft: VideoDraft, kit: Kit, sizeOf: SizeOf, info: SourceInfo, idFor: (prefix: string) => string): EditResult {
  const assetId = watermarkLogo(kit);
  if (!assetId) return refuse('invalid_value', NO_LOGO);
  const size = sizeOf(assetId);
  if (!size || !info(assetId)) return refuse('unknown_asset', 'The kit’s logo is not in this library any more. Add the logo to the kit again in the Brand room.');
  const fps = draft.canvas.fps;
  const frames = toFrames(contentDuration(draft), fps);
  if (frames < 1) return refuse('too_short', 'The watermark spans the whole draft: add some clips first, then add the watermark.');
  const transform = watermarkTransform(kit.watermark ?? defaultWatermark, size, draft.canvas);
  const existing = draft.tracks.flatMap((t) => t.clips).find((c): c is MediaClip => c.type === 'media' && c.brand === 'watermark');
  const clip: MediaClip = {
    ...newMediaClip({ id: assetId, kind: 'image', durationSec: null }, 0, idFor),
    ...(existing ? { id: existing.id, fadeIn: existing.fadeIn, fadeOut: existing.fadeOut } : {}),
    out: frames / fps,
    transform,
    brand: 'watermark',
  };
  let base: VideoDraft = { ...draft, kitId: draft.kitId ?? kit.id };
  const prefer = existing ? findClip(base, existing.id)!.track.id : null;
  if (existing) base = withTracks(base, base.tracks.map((t) => (t.clips.some((c) => c.id === existing.id) ? { ...t, clips: t.clips.filter((c) => c.id !== existing.id) } : t)));
  const slot = overlaySlot(base, 0, frames / fps, WATERMARK_TRACK_NAME, idFor, prefer);
  if (!slot.ok) return slot;
  return insertClip(slot.draft, slot.trackId, clip, 0, info);
}

export type WatermarkCoverage = 'spans' | 'partial' | 'none';

/**
 * Whether a visible watermark covers the whole draft (within half a frame at each end): what the policy's
 * `requireWatermark` asks for. An image draft has no time: a watermark layer covers it.
 */
export function watermarkCoverage(draft: Draft): WatermarkCoverage {
  if (draft.kind === 'image') {
    // Every page of a carousel is a picture of its own: each needs the watermark.
    const marked = draft.pages.filter((p) => p.layers.some((l) => l.type === 'media' && l.brand === 'watermark' && !l.hidden && l.opacity > 0)).length;
    return marked === 0 ? 'none' : marked === draft.pages.length ? 'spans' : 'partial';
  }
  const marks = draft.tracks.filter((t) => !t.hidden).flatMap((t) => t.clips.filter((c) => c.type === 'media' && c.brand === 'watermark' && c.transform.opacity > 0));
  if (marks.length === 0) return 'none';
  const slack = 0.5 / draft.canvas.fps;
  const end = contentDuration(draft);
  return marks.some((c) => c.start <= slack && clipEnd(c) >= end - slack) ? 'spans' : 'partial';
}

// ── intro and outro ─────────────────────────────────────────────────────────

/**
 * "Add intro/outro": the kit's intro becomes the first clip of the main track and its outro the last. Every
 * other clip (overlays, text, audio) moves later by the intro's length so it stays with the footage it was
 * placed on; a watermark that spanned the draft is stretched to span it again. A draft that already starts
 * with an intro (or ends with an outro) gets it replaced, not a second one.
 */
export function addIntroOutro(draft: VideoDraft, kit: Kit, info: SourceInfo, idFor: (prefix: string) => string): EditResult {
  if (!kit.intro && !kit.outro) return refuse('invalid_value', 'This brand kit has no intro or outro clip. Add them to the kit in the Brand room, then try again.');
  const main = mainTrack(draft);
  if (!main) return refuse('not_found', 'This draft has no main track to put the intro and outro on.');
  const fps = draft.canvas.fps;
  const spanned = watermarkCoverage(draft) === 'spans';
  let d: VideoDraft = { ...draft, kitId: draft.kitId ?? kit.id };
  let shiftF = 0;
  const mainClips = () => mainTrack(d)!.clips;
  const withoutMain = (id: string) => ({ ...d, tracks: d.tracks.map((t) => (t.id === main.id ? { ...t, clips: t.clips.filter((c) => c.id !== id) } : t)) });

  if (kit.intro) {
    const facts = info(kit.intro);
    if (!facts) return refuse('unknown_asset', 'The kit’s intro clip is not in this library any more. Add it to the kit again in the Brand room.');
    const first = mainClips()[0];
    if (first?.type === 'media' && first.brand === 'intro') {
      shiftF -= clipFrames(first, fps);
      d = withoutMain(first.id);
    }
    const clip: MediaClip = { ...newMediaClip({ id: kit.intro, kind: facts.kind, durationSec: facts.durationSec }, 0, idFor), brand: 'intro' };
    const r = insertClip(d, main.id, clip, 0, info);
    if (!r.ok) return r;
    d = r.draft;
    shiftF += clipFrames(findClip(d, clip.id)!.clip, fps);
  }
  if (shiftF !== 0) d = shiftOthers(d, main.id, shiftF);
  if (kit.outro) {
    const facts = info(kit.outro);
    if (!facts) return refuse('unknown_asset', 'The kit’s outro clip is not in this library any more. Add it to the kit again in the Brand room.');
    const clips = mainClips();
    const last = clips[clips.length - 1];
    if (last?.type === 'media' && last.brand === 'outro') d = withoutMain(last.id);
    const clip: MediaClip = { ...newMediaClip({ id: kit.outro, kind: facts.kind, durationSec: facts.durationSec }, 0, idFor), brand: 'outro' };
    const r = insertClip(d, main.id, clip, MAX_TIMELINE_SEC, info);
    if (!r.ok) return r;
    d = r.draft;
  }
  if (spanned) d = respanWatermarks(d);
  return { ok: true, draft: d, clipId: null };
}

/**
 * Moves every clip off the main track by `shiftF` frames (not watermarks: they start at 0 and span the draft).
 * When moving earlier, a clip is kept at or after 0 and after the clip before it on its track, so nothing overlaps.
 */
function shiftOthers(draft: VideoDraft, mainId: string, shiftF: number): VideoDraft {
  const fps = draft.canvas.fps;
  const tracks = draft.tracks.map((t) => {
    if (t.id === mainId || t.clips.length === 0) return t;
    let prevEnd = 0;
    const clips = [...t.clips]
      .sort((a, b) => a.start - b.start)
      .map((c) => {
        if (c.type === 'media' && c.brand === 'watermark') {
          prevEnd = toFrames(c.start, fps) + clipFrames(c, fps);
          return c;
        }
        const startF = Math.max(prevEnd, 0, toFrames(c.start, fps) + shiftF);
        prevEnd = startF + clipFrames(c, fps);
        return { ...c, start: startF / fps };
      });
    return { ...t, clips };
  });
  return { ...draft, tracks };
}

/** Watermark clips stretched (or shortened) to span the draft from 0. */
function respanWatermarks(draft: VideoDraft): VideoDraft {
  const fps = draft.canvas.fps;
  const end = toFrames(contentDuration(draft), fps) / fps;
  if (end <= 0) return draft;
  return {
    ...draft,
    tracks: draft.tracks.map((t) =>
      t.clips.some((c) => c.type === 'media' && c.brand === 'watermark')
        ? { ...t, clips: t.clips.map((c) => (c.type === 'media' && c.brand === 'watermark' ? { ...withoutRamp(c), start: 0, in: 0, out: end * c.speed } : c)) }
        : t,
    ),
  };
}
