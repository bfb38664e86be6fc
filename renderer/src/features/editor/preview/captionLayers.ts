import { type CaptionPicture, captionFrameAt } from '../../../../../electron/model/caption-frames';
import type { CaptionTrack } from '../../../../../electron/model/caption-track';
import type { VideoDraft } from '../../../../../electron/model/draft';

/**
 * Burned-in caption tracks in the preview (docs/captions.md "Preview"): the engine rasterises a track's pictures
 * (`captions.render`, the export's own rasteriser, kit and text cache) and the preview draws, at t, the picture
 * the export shows on that frame (`captionFrameAt`), over everything else, as the export's overlays are.
 *
 * - A track is asked for again when it, the canvas or the kit changes: at once the first time, then after a pause
 *   in typing (DEBOUNCE_MS). The pictures shown stay until the new ones are decoded; an answer to an older request
 *   is dropped.
 * - Pictures are decoded ahead into ImageBitmaps for a window around t, so playing never waits for a file or a
 *   decode and never asks the engine anything per frame; bitmaps far from t are closed.
 */

export type CaptionRenderInput = { canvas: { width: number; height: number }; kitId: string | null; track: CaptionTrack };
export type CaptionLayerDeps = {
  render: (input: CaptionRenderInput) => Promise<{ frames: CaptionPicture[] }>;
  /** Decodes the PNG of a picture key (textLayerUrl(key)). */
  load: (key: string) => Promise<ImageBitmap>;
};
export type CaptionDraw = { image: ImageBitmap; key: string; left: number; top: number; width: number; height: number };

export const DEBOUNCE_MS = 300;
/** Pictures decoded ahead of t and kept behind it (seconds). */
export const AHEAD_SEC = 60;
export const BEHIND_SEC = 10;
/** Decoded pictures further than this from t (a multiple of the window) are closed. */
const KEEP_FACTOR = 2;
const RETRY_MS = 2000;

type TrackEntry = {
  /** The request key of the track as the document holds it now. */
  want: string;
  /** Pictures being drawn, and the request key they answer. */
  shown: CaptionPicture[];
  shownKey: string | null;
  /** An answer waiting for its pictures near t to be decoded before it replaces `shown`. */
  next: { key: string; frames: CaptionPicture[] } | null;
  /** Bumped per request: an answer whose number is not the latest is stale. */
  seq: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** The request key that failed (not asked again until RETRY_MS later). */
  failed: string | null;
};
type Bitmap = { image: ImageBitmap | null; failed: boolean };

/** What makes a track's pictures differ: the canvas size, the kit and the whole track (cues, words, styles). */
const keys = new WeakMap<CaptionTrack, string>();
function trackKey(track: CaptionTrack): string {
  let k = keys.get(track);
  if (k === undefined) keys.set(track, (k = JSON.stringify(track)));
  return k;
}
/** `kitVersion` changes when the kit is edited (its updatedAt), so a restyled kit redraws the captions. */
export function captionRequestKey(canvas: { width: number; height: number }, kitId: string | null, kitVersion: string, track: CaptionTrack): string {
  return `${canvas.width}x${canvas.height}|${kitId ?? ''}|${kitVersion}|${trackKey(track)}`;
}

/** The keys of the pictures shown within [from, to), in time order from `from`. */
export function keysWithin(frames: readonly CaptionPicture[], from: number, to: number): string[] {
  const out = new Set<string>();
  for (const f of frames) if (f.endSec > from && f.startSec < to) out.add(f.key);
  return [...out];
}

export class CaptionLayerCache {
  private tracks = new Map<string, TrackEntry>();
  private bitmaps = new Map<string, Bitmap>();
  /** Where the bitmap window was last laid out (it is redone when t moves a second or the pictures change). */
  private windowAt: { t: number; version: number } | null = null;
  private version = 0;

  constructor(
    private onChange: () => void,
    private deps: CaptionLayerDeps,
  ) {}

  /**
   * The caption pictures to draw over the frame showing at t, in the order of the draft's tracks (the export's
   * overlay order), and whether they are the document's current ones, decoded (`ready`). `kitVersion`: the draft
   * kit's updatedAt as the editor knows it ('' when it does not).
   */
  at(doc: VideoDraft, t: number, kitVersion = ''): { pictures: CaptionDraw[]; ready: boolean } {
    const burned = (doc.captions ?? []).filter((tr) => tr.styleId);
    for (const id of this.tracks.keys()) if (!burned.some((tr) => tr.id === id)) this.drop(id);
    const entries = burned.map((track) => this.entryFor(doc, track, kitVersion));
    this.layOutWindow(t);
    let ready = true;
    const pictures: CaptionDraw[] = [];
    for (const e of entries) {
      if (e.next && this.decoded(e.next.frames, t)) {
        e.shown = e.next.frames;
        e.shownKey = e.next.key;
        e.next = null;
        this.version++;
      }
      if (e.shownKey !== e.want && e.failed !== e.want) ready = false;
      const f = captionFrameAt(e.shown, t, doc.canvas.fps);
      if (!f) continue;
      const b = this.bitmaps.get(f.key);
      if (b?.image) pictures.push({ image: b.image, key: f.key, left: f.left, top: f.top, width: f.width, height: f.height });
      else if (!b?.failed) ready = false;
    }
    return { pictures, ready };
  }

  destroy(): void {
    for (const id of [...this.tracks.keys()]) this.drop(id);
    for (const b of this.bitmaps.values()) b.image?.close();
    this.bitmaps.clear();
  }

  private entryFor(doc: VideoDraft, track: CaptionTrack, kitVersion: string): TrackEntry {
    const want = captionRequestKey(doc.canvas, doc.kitId, kitVersion, track);
    let e = this.tracks.get(track.id);
    if (!e) {
      e = { want: '', shown: [], shownKey: null, next: null, seq: 0, timer: null, failed: null };
      this.tracks.set(track.id, e);
    }
    if (e.want === want) return e;
    e.want = want;
    if (e.timer) clearTimeout(e.timer);
    e.timer = null;
    if (want === e.shownKey) {
      // Back to what is shown (an undo while typing): nothing to ask, and a late answer is stale.
      e.seq++;
      e.next = null;
      return e;
    }
    const input: CaptionRenderInput = { canvas: { width: doc.canvas.width, height: doc.canvas.height }, kitId: doc.kitId, track };
    const entry = e;
    // The first pictures at once; while typing, one request after a pause.
    if (e.shownKey === null && e.seq === 0) this.ask(entry, want, input);
    else e.timer = setTimeout(() => this.ask(entry, want, input), DEBOUNCE_MS);
    return e;
  }

  private ask(e: TrackEntry, key: string, input: CaptionRenderInput): void {
    e.timer = null;
    const mine = ++e.seq;
    this.deps.render(input).then(
      ({ frames }) => {
        if (e.seq !== mine) return;
        e.next = { key, frames };
        e.failed = null;
        this.version++;
        this.onChange();
      },
      () => {
        if (e.seq !== mine) return;
        // Keep what is shown; ask again a little later (the engine may be busy or restarting).
        e.failed = key;
        e.timer = setTimeout(() => {
          if (e.want === key && e.shownKey !== key) this.ask(e, key, input);
        }, RETRY_MS);
        this.onChange();
      },
    );
  }

  private drop(id: string): void {
    const e = this.tracks.get(id);
    if (e?.timer) clearTimeout(e.timer);
    if (e) e.seq++;
    this.tracks.delete(id);
    this.version++;
  }

  /** Whether every picture of `frames` near t has been decoded (or cannot be), so showing them never blinks. */
  private decoded(frames: readonly CaptionPicture[], t: number): boolean {
    return keysWithin(frames, t - 1, t + 5).every((k) => {
      const b = this.bitmaps.get(k);
      return b && (b.image || b.failed);
    });
  }

  /** Decodes what is shown (and about to be) within the window around t; closes what is far away. */
  private layOutWindow(t: number): void {
    const w = this.windowAt;
    if (w && w.version === this.version && Math.abs(w.t - t) < 1) return;
    this.windowAt = { t, version: this.version };
    const sets = [...this.tracks.values()].flatMap((e) => (e.next ? [e.shown, e.next.frames] : [e.shown]));
    const keep = new Set(sets.flatMap((f) => keysWithin(f, t - BEHIND_SEC * KEEP_FACTOR, t + AHEAD_SEC * KEEP_FACTOR)));
    for (const [key, b] of this.bitmaps) {
      if (keep.has(key)) continue;
      b.image?.close();
      this.bitmaps.delete(key);
    }
    // Nearest first: the picture at t, then what comes next.
    const wanted = sets.map((f) => keysWithin(f, t, t + AHEAD_SEC).concat(keysWithin(f, t - BEHIND_SEC, t)));
    for (const key of wanted.flat()) this.decode(key);
  }

  private decode(key: string): void {
    if (this.bitmaps.has(key)) return;
    const b: Bitmap = { image: null, failed: false };
    this.bitmaps.set(key, b);
    this.deps.load(key).then(
      (image) => {
        // Closed while it decoded (t moved far away): let it go.
        if (this.bitmaps.get(key) !== b) return image.close();
        b.image = image;
        this.onChange();
      },
      () => {
        if (this.bitmaps.get(key) !== b) return;
        b.failed = true;
        setTimeout(() => {
          if (this.bitmaps.get(key) === b) this.bitmaps.delete(key);
          this.version++;
          this.onChange();
        }, RETRY_MS);
        this.onChange();
      },
    );
  }
}
