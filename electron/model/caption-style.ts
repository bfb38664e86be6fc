import type { BrandKitContent } from './brand-kit';
import type { CaptionCue, CaptionTrack, CaptionWord } from './caption-track';
import { cueTokens } from './caption-track';
import type { TextStyle } from './draft-parts';
import { AppError } from './errors';
import { isVerticalFullScreen, type SafeZoneChannel, safeZoneChannels, safeZones, type Zone } from './safe-zones';
import { scaleTextStyle } from './text-presets';

/**
 * Burned-in caption styles (docs/captions.md "Styles and burn-in"). Pure: the export, the preview and the
 * tests all ask the same functions which words a caption shows at a time t, and how.
 *
 * A track's `styleId` (or a cue's, overriding it) names one preset below. Every preset takes its look (font,
 * size, colours, outline, box) from the draft's brand kit's caption style (its subtitle style when it has no
 * caption style; a plain white-on-outline look without a kit) and adds an animation:
 *  - `static`    the whole cue, as the kit styles it;
 *  - `karaoke`   the whole cue, the word being spoken in the highlight colour;
 *  - `one-word`  only the word being spoken, larger;
 *  - `pop-in`    words appear as they are spoken, each scaling up into place;
 *  - `line-box`  the whole cue, a box behind the line being spoken.
 * Word times come from the cue's `words`; a cue without them (an imported SRT) gets times shared out by the
 * words' lengths, so every style works on every cue.
 *
 * A word is "being spoken" from its start until the next word starts (the last one until the cue ends): the
 * highlight holds through a pause instead of blinking off, and a word that lasts zero seconds still shows.
 */

export const captionStyleIds = ['static', 'karaoke', 'one-word', 'pop-in', 'line-box'] as const;
export type CaptionStyleId = (typeof captionStyleIds)[number];

export const captionAnimations = ['static', 'highlight', 'oneWord', 'popIn', 'lineBox'] as const;
export type CaptionAnimation = (typeof captionAnimations)[number];

export type CaptionAnchor = 'top' | 'middle' | 'bottom';
/** Where the block goes: its edge `margin` (fraction of the canvas height) inside the anchored edge of the safe area. */
export type CaptionPosition = { anchor: CaptionAnchor; margin: number; maxWidth: number };
export type CaptionBox = { color: string; opacity: number; padding: number; radius: number };

export type CaptionStyle = {
  id: CaptionStyleId;
  animation: CaptionAnimation;
  /** Font, size (canvas pixels), colour, outline and the box behind the whole cue (null: none). */
  text: TextStyle;
  /** The spoken word's colour (karaoke). */
  highlightColor: string;
  /** The box behind the spoken line (line-box). */
  activeBox: CaptionBox;
  position: CaptionPosition;
};

/** Pop-in: the scales a word grows through, each shown for POP_IN_SEC / POP_IN_SCALES.length, then 1. */
export const POP_IN_SEC = 0.15;
export const POP_IN_SCALES = [0.6, 0.75, 0.9] as const;

/** The look without a kit: bold white with a black outline, readable on any footage. Sizes for a 1080-wide canvas. */
export const defaultCaptionText: TextStyle = {
  font: 'DejaVu Sans',
  size: 64,
  color: '#ffffff',
  bold: true,
  italic: false,
  align: 'center',
  stroke: { color: '#000000', width: 6 },
  box: null,
};
export const DEFAULT_HIGHLIGHT = '#ffd400';
const DEFAULT_POSITION: CaptionPosition = { anchor: 'bottom', margin: 0.04, maxWidth: 0.84 };

type KitLike = Pick<BrandKitContent, 'textStyles' | 'palette'>;

/**
 * The style a new track shows on the video with: Karaoke when its words are timed (a sync or a transcription),
 * else Static (typed, or an imported file). "None — file only" stays a choice in the style menu.
 */
export function shownStyleFor(cues: readonly Pick<CaptionCue, 'words'>[]): CaptionStyleId {
  return cues.some((c) => c.words?.length) ? 'karaoke' : 'static';
}

export function isCaptionStyleId(id: string): id is CaptionStyleId {
  return (captionStyleIds as readonly string[]).includes(id);
}

/**
 * The style a track (or cue) is burned in with, for a canvas `canvasWidth` pixels wide (kit sizes are for 1080).
 * An unknown id (a draft from a newer Postframe, or hand-written) is refused with what to do.
 */
export function resolveCaptionStyle(styleId: string, kit: KitLike | null, canvasWidth: number): CaptionStyle {
  if (!isCaptionStyleId(styleId)) {
    throw new AppError('invalid_input', `A caption track uses the style “${styleId}”, which Postframe does not know. Pick one of ${captionStyleIds.join(', ')} for it, then export again.`);
  }
  const kitStyle = kit?.textStyles.find((s) => s.role === 'caption') ?? kit?.textStyles.find((s) => s.role === 'subtitle') ?? null;
  const base = scaleTextStyle(kitStyle?.style ?? defaultCaptionText, canvasWidth);
  const y = kitStyle?.placement.y ?? 1;
  const position: CaptionPosition = {
    anchor: y < 1 / 3 ? 'top' : y > 2 / 3 ? 'bottom' : 'middle',
    margin: DEFAULT_POSITION.margin,
    maxWidth: kitStyle?.placement.maxWidth ?? DEFAULT_POSITION.maxWidth,
  };
  const swatch = kit?.palette.find((s) => s.role === 'accent') ?? kit?.palette.find((s) => s.role === 'secondary');
  // A highlight the same colour as the text would show nothing: fall back to the default yellow.
  const highlightColor = swatch && swatch.color.toLowerCase() !== base.color.toLowerCase() ? swatch.color.toLowerCase() : DEFAULT_HIGHLIGHT;
  const size = base.size;
  const activeBox: CaptionBox = base.box
    ? { ...base.box, opacity: Math.max(base.box.opacity, 0.6) }
    : { color: '#000000', opacity: 0.7, padding: Math.round(size * 0.2), radius: Math.round(size * 0.2) };
  const common = { highlightColor, activeBox, position };
  switch (styleId) {
    case 'static':
      return { id: styleId, animation: 'static', text: base, ...common };
    case 'karaoke':
      return { id: styleId, animation: 'highlight', text: base, ...common };
    case 'one-word':
      return { id: styleId, animation: 'oneWord', text: { ...base, size: Math.min(400, Math.round(size * 1.4)) }, ...common };
    case 'pop-in':
      return { id: styleId, animation: 'popIn', text: base, ...common };
    case 'line-box':
      // The spoken line's box replaces a box behind the whole cue (two boxes would hide the point).
      return { id: styleId, animation: 'lineBox', text: { ...base, box: null }, ...common };
  }
}

/** The style id a cue is drawn with: its own, else its track's; null when the track is not burned in. */
export function cueStyleId(track: Pick<CaptionTrack, 'styleId'>, cue: Pick<CaptionCue, 'styleId'>): string | null {
  if (!track.styleId) return null;
  return cue.styleId ?? track.styleId;
}

// ── word times ──────────────────────────────────────────────────────────────

/**
 * The cue's word times: its own `words`, or (without them) the cue's time shared out by each word's length plus
 * one (a space's worth, so short words still get time), end to end.
 */
export function cueWordTimes(cue: Pick<CaptionCue, 'text' | 'startSec' | 'endSec' | 'words'>): CaptionWord[] {
  if (cue.words) return cue.words;
  const tokens = cueTokens(cue.text);
  const weights = tokens.map((t) => [...t].length + 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const span = cue.endSec - cue.startSec;
  let acc = 0;
  return tokens.map((text, i) => {
    const startSec = cue.startSec + (span * acc) / total;
    acc += weights[i]!;
    const endSec = i === tokens.length - 1 ? cue.endSec : cue.startSec + (span * acc) / total;
    return { text, startSec, endSec };
  });
}

/** When each word is the one being spoken: from its start to the next word's start (the last: to the cue's end). */
export function wordWindows(cue: Pick<CaptionCue, 'text' | 'startSec' | 'endSec' | 'words'>): [number, number][] {
  const words = cueWordTimes(cue);
  return words.map((w, i) => [w.startSec, i + 1 < words.length ? words[i + 1]!.startSec : cue.endSec]);
}

// ── states ──────────────────────────────────────────────────────────────────

/** How one word looks in a state: shown or not, in the highlight colour or not, and its scale (1 = in place). */
export type WordLook = { shown: boolean; highlighted: boolean; scale: number };
/** What a cue shows at one moment: each of its words' look, and which word's line has the box behind it. */
export type CaptionState = { words: WordLook[]; boxWord: number | null };

/** The word being spoken at t (the last one started), or null before the first starts. */
export function activeWord(windows: readonly [number, number][], t: number): number | null {
  let active: number | null = null;
  for (let i = 0; i < windows.length; i++) if (windows[i]![0] <= t) active = i;
  return active;
}

/** The cue's state at time t (t inside the cue; outside it the caller shows nothing). */
export function cueStateAt(cue: Pick<CaptionCue, 'text' | 'startSec' | 'endSec' | 'words'>, animation: CaptionAnimation, t: number): CaptionState {
  const windows = wordWindows(cue);
  const a = activeWord(windows, t);
  const look = (shown: boolean, highlighted = false, scale = 1): WordLook => ({ shown, highlighted, scale });
  switch (animation) {
    case 'static':
      return { words: windows.map(() => look(true)), boxWord: null };
    case 'highlight':
      return { words: windows.map((_, i) => look(true, i === a)), boxWord: null };
    case 'oneWord':
      return { words: windows.map((_, i) => look(i === a)), boxWord: null };
    case 'lineBox':
      return { words: windows.map(() => look(true)), boxWord: a };
    case 'popIn':
      return { words: windows.map((w, i) => look(a !== null && i <= a, false, i === a ? popScale(w[0], t) : 1)), boxWord: null };
  }
}

/** The moment pop-in step `j` (1…) of a word that started at `start` begins: one formula for states and segments alike. */
function popStepAt(start: number, j: number): number {
  return start + (POP_IN_SEC * j) / POP_IN_SCALES.length;
}

/** The pop-in scale at t of a word that started at `start` (steps counted, not divided: no rounding between the two). */
export function popScale(start: number, t: number): number {
  let step = 0;
  while (step < POP_IN_SCALES.length && popStepAt(start, step + 1) <= t) step++;
  return t >= start && step < POP_IN_SCALES.length ? POP_IN_SCALES[step]! : 1;
}

/** True when the state draws nothing (one-word or pop-in before the first word). */
export function isEmptyState(s: CaptionState): boolean {
  return !s.words.some((w) => w.shown);
}

/** A short stable string per distinct state (equal states, equal keys): what the rasteriser caches by. */
export function stateKey(s: CaptionState): string {
  const words = s.words.map((w) => (w.shown ? (w.highlighted ? 'H' : w.scale === 1 ? 'S' : `s${w.scale}`) : '-')).join('.');
  return `${words}|${s.boxWord ?? ''}`;
}

/** One stretch of time during which a track shows one state of one cue. */
export type CaptionSegment = { cueId: string; startSec: number; endSec: number; state: CaptionState };

/**
 * The times at which a cue's look may change inside [from, to): word starts and the pop-in steps. The state is
 * constant between two of them (and right-continuous: the state at a boundary is the one after it).
 */
function changeTimes(cue: Pick<CaptionCue, 'text' | 'startSec' | 'endSec' | 'words'>, animation: CaptionAnimation, from: number, to: number): number[] {
  const times = [from];
  if (animation !== 'static') {
    for (const [start, end] of wordWindows(cue)) {
      times.push(start);
      if (animation === 'popIn') {
        for (let j = 1; j <= POP_IN_SCALES.length; j++) {
          const at = popStepAt(start, j);
          if (at < end) times.push(at);
        }
      }
    }
  }
  return [...new Set(times.filter((t) => t >= from && t < to))].sort((a, b) => a - b);
}

/**
 * What a burned-in track shows, as segments in time order that never overlap: each cue from its start until it
 * ends or the next cue starts (overlapping cues: the later one takes over, so at most one cue shows at a time),
 * cut where its look changes; stretches where a cue shows nothing are left out. `styleOf` gives each cue's
 * animation (the track's, or the cue's own style's).
 */
export function trackSegments(track: Pick<CaptionTrack, 'cues'>, animationOf: (cue: CaptionCue) => CaptionAnimation): CaptionSegment[] {
  const out: CaptionSegment[] = [];
  track.cues.forEach((cue, i) => {
    const next = track.cues[i + 1];
    const end = Math.min(cue.endSec, next ? next.startSec : Infinity);
    if (!(end > cue.startSec)) return;
    const animation = animationOf(cue);
    const times = changeTimes(cue, animation, cue.startSec, end);
    times.forEach((start, j) => {
      const stop = times[j + 1] ?? end;
      const state = cueStateAt(cue, animation, start);
      if (isEmptyState(state)) return;
      const last = out.at(-1);
      if (last && last.cueId === cue.id && last.endSec === start && stateKey(last.state) === stateKey(state)) last.endSec = stop;
      else out.push({ cueId: cue.id, startSec: start, endSec: stop, state });
    });
  });
  return out;
}

/** The segment showing at t, or null (binary search: segments are in order and do not overlap). */
export function segmentAt<T extends { startSec: number; endSec: number }>(segments: readonly T[], t: number): T | null {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (t < s.startSec) hi = mid - 1;
    else if (t >= s.endSec) lo = mid + 1;
    else return s;
  }
  return null;
}

// ── placement ───────────────────────────────────────────────────────────────

/**
 * The app overlay zones captions keep out of: the named channel's, or on a full-screen vertical canvas all of
 * TikTok's, Reels' and Shorts' together (a draft is usually posted to several); none on other canvases.
 */
export function captionZones(canvas: { width: number; height: number }, channel: SafeZoneChannel | null = null): Zone[] {
  if (channel) return safeZones[channel];
  return isVerticalFullScreen(canvas) ? safeZoneChannels.flatMap((c) => safeZones[c]) : [];
}

/**
 * Where a caption block goes on the canvas (pixels): horizontally centred, wrapping at `maxWidth` (a fraction of
 * the canvas width, narrowed so neither side reaches an app's button column), and `edgeY` the line its anchored
 * edge sits on: `margin` inside the safe area (below the apps' top bars, above their caption bands).
 */
export type CaptionPlacement = { centerX: number; edgeY: number; anchor: CaptionAnchor; maxWidth: number };

export function captionPlacement(position: CaptionPosition, canvas: { width: number; height: number }, zones: readonly Zone[]): CaptionPlacement {
  let top = 0;
  let bottom = 1;
  let right = 1;
  for (const z of zones) {
    if (z.label === 'top') top = Math.max(top, z.y + z.h);
    else if (z.label === 'caption') bottom = Math.min(bottom, z.y);
    // The button columns stand beside the lower two thirds: a caption at the top passes above them.
    else if (position.anchor !== 'top') right = Math.min(right, z.x);
  }
  // Centred, so the narrowest side decides: a block reaching past `right` on one side would reach under the buttons.
  const half = Math.min(0.5, right - 0.5);
  const maxWidth = Math.max(0.1, Math.min(position.maxWidth, 2 * half));
  const edge = position.anchor === 'top' ? top + position.margin : position.anchor === 'bottom' ? bottom - position.margin : (top + bottom) / 2;
  return { centerX: canvas.width / 2, edgeY: Math.round(edge * canvas.height), anchor: position.anchor, maxWidth };
}

/** The top of a block `blockHeight` pixels tall placed by `p` (its centre line for `middle`). */
export function blockTop(p: CaptionPlacement, blockHeight: number): number {
  return Math.round(p.anchor === 'top' ? p.edgeY : p.anchor === 'bottom' ? p.edgeY - blockHeight : p.edgeY - blockHeight / 2);
}
