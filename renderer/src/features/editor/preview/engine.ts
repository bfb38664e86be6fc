import { type Asset, renditionExt } from '../../../../../electron/model/asset';
import { draftDuration, type MediaClip, type VideoDraft } from '../../../../../electron/model/draft';
import { frameShownAt } from '../../../../../electron/model/caption-frames';
import { place } from '../../../../../electron/model/geometry';
import { activeLayersAt, clampPlayhead, lastFrameStart, sourceTimeAt, speedAt, type ActiveLayer } from '../../../../../electron/model/timeline';
import { call } from '../../../api/client';
import { mediaUrl, textLayerUrl } from '../../../api/media';
import { useEditor } from '../../../store/editorStore';
import { kitById, useKits } from '../kitStore';
import { CaptionLayerCache } from './captionLayers';
import { TransitionSurfaces } from './compose';
import { drawFrame, type LayerSource } from './draw';
import { frameInputs, sameFrameInputs, type FrameInputs } from './frameInputsLogic';
import { HeldFrame } from './heldFrame';
import { advanceClock, type Clock, type Master, startClock } from './playbackClock';
import { clipsStartingSoon, clipsToBuffer, preRollSound, startsClock } from './playStartLogic';
import { driftOf, holdTime, type MediaState, reachableTime, startLagSec, type SyncAction, whileHolding, whilePlaying, whilePreRolled } from './playbackSync';
import { type TraceLayer, type TraceRow, traceSink } from './previewTrace';
import { TextLayerCache } from './textLayers';
import { playbackSource, readableDraft } from './reversedPreview';
import { idleSlotOf } from './slotPoolLogic';
import { useReversedCopies } from './reversedCopies';
import { type ReversedPlayback, reversedAssets } from '../../../../../electron/model/reverse';
import { withoutLook } from '../../../../../electron/model/look-edit';

/**
 * Real-time playback of the timeline on a <canvas> (docs/renderer.md, "Preview playback").
 *
 * - One hidden media element per media clip near the playhead (from the asset's preview proxy when it has one).
 * - The clock follows the main-track clip that is heard (playbackClock.ts): it starts when that element moves and
 *   waits for it after a stall, never faster than the wall clock; gaps, photos, titles and a recording voiceover
 *   run on the wall clock. The other elements follow the clock: small drift is closed by nudging their
 *   playbackRate, only large drift (a stall) by a seek, aimed where the clock will be when the seek ends
 *   (playbackSync.ts).
 * - Every video element's last good picture is held (HeldFrame: a copy at the size it is drawn, refreshed when
 *   the element presents a new frame) and that is what is drawn, so an element that seeks or waits shows its
 *   previous frame instead of nothing; a clip whose element has no picture yet shows the last picture its
 *   track drew.
 * - Clips that start within PRELOAD_SEC get their element early, paused on their first frame (pre-roll), so a
 *   cut or transition starts playing without a seek; with its sound already on, since an element unmuted while it
 *   plays stalls. Clips of one take share its elements (slotPoolLogic.ts): a new one costs a load and a decoder.
 * - Burned-in caption tracks are drawn over everything from pictures decoded ahead (captionLayers.ts).
 * - The canvas carries `data-time`, `data-ready` ("true" when every visible layer shows the frame for
 *   `data-time`), `data-captions` (the caption pictures drawn, by key) and `data-media-elements` (how many
 *   media elements it has made) for tests.
 */
type MediaEl = HTMLVideoElement | HTMLAudioElement;

/**
 * What the engine plays: the editor's store by default; the approver's review (queue/review) gives its own small
 * store for a draft it shows, so one player serves both (docs/review.md).
 */
export type PlaybackState = {
  doc: VideoDraft | null;
  assets: Record<string, Asset>;
  playhead: number;
  playing: boolean;
  /** Timeline seconds per wall second while playing (the editor's J/K/L shuttle); 1 when not given. */
  shuttleRate?: number;
  setPlayhead: (t: number) => void;
  setPlaying: (p: boolean) => void;
};
export type EngineOptions = {
  /** While true the clock is the wall clock (a voiceover records: its take is placed by wall time). */
  wallClock?: () => boolean;
  /** The clip shown without its look (Compare held), if any; call invalidate() when it changes. */
  lookSetAside?: () => string | null;
};
export type PlaybackSource = {
  getState(): PlaybackState;
  subscribe(listener: (s: PlaybackState, prev: PlaybackState) => void): () => void;
};
type Slot = {
  el: MediaEl;
  assetId: string;
  src: string;
  held: HeldFrame | null;
  /** When the engine last seeked it (performance.now()), and when the seek in flight began. */
  lastSeekAt: number;
  seekStartedAt: number | null;
  /** How long its seeks take (seconds, smoothed): a playing element is seeked this far ahead. */
  seekSec: number;
  /** How long it takes from play() to moving (seconds, smoothed): a pre-rolled element starts this far ahead of its cut. */
  startSec: number;
  /** Set at play() until the element moves: when (performance.now()) and from where. */
  starting: { at: number; from: number } | null;
};

const IMAGE_EXTS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp', 'svg']);
/** Clips starting this soon get their element early, paused on their first frame. */
const PRELOAD_SEC = 2;
/** Elements kept for clips away from the playhead (scrubbing back is instant); the rest are released. */
const KEEP_SLOTS = 12;

export class PreviewEngine {
  private slots = new Map<string, Slot>();
  private images = new Map<string, HTMLImageElement>();
  /** The last picture drawn per track, shown while a clip on it has none yet (null once its element is gone). */
  private lastByTrack = new Map<string, () => LayerSource | null>();
  private text: TextLayerCache;
  private captions: CaptionLayerCache;
  private surfaces = new TransitionSurfaces();
  /** Whether the draft (by identity) has a dissolve, so its noise is prepared ahead. */
  private dissolveIn: { doc: VideoDraft; yes: boolean } | null = null;
  private raf = 0;
  private dirty = true;
  /** The draft, its media or its kit changed since the last draw (not only the playhead). */
  private docChanged = true;
  /** The canvas frame last drawn and whether every layer showed its picture for it. */
  private shown: { frame: number; ready: boolean } | null = null;
  /** Bumped by what changes the picture without a new document or playhead (frameInputsLogic.ts). */
  private seq = 0;
  /** What the canvas shows at rest, when it was drawn with every layer current. */
  private drawnAtRest: FrameInputs | null = null;
  private clock: Clock | null = null;
  /** Media elements made so far (`data-media-elements`: clips of one take share theirs, slotPoolLogic.ts). */
  private elementsMade = 0;
  /**
   * Start-up time of this page's elements so far (seconds, smoothed): a new element's first guess. Each element
   * of a cut starts once, and the start-up time is the machine's more than the element's: with 0.1 s guessed for
   * each, the new clip of every cut was started too early and came in two frames ahead.
   */
  private startSec = 0.1;
  /** performance.now() of Play while it waits for its media (playStartLogic.ts); null once the clock runs. */
  private playPressedAt: number | null = null;
  /** The per-draw trace, when the page asked for one (previewTrace.ts). */
  private trace: TraceRow[] | null = traceSink();
  /** The canvas frame whose time the store's playhead was last given while playing. */
  private storedFrame = -1;
  private unsub: () => void;
  private unsubKits: () => void;
  private unsubReversed: () => void;
  private ctx: CanvasRenderingContext2D;

  constructor(
    private canvas: HTMLCanvasElement,
    private source: PlaybackSource = useEditor,
    private options: EngineOptions = {},
  ) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser cannot draw the preview (no 2D canvas).');
    this.ctx = ctx;
    this.text = new TextLayerCache(() => this.invalidate());
    this.captions = new CaptionLayerCache(this.invalidate, { render: (input) => call('captions.render', input), load: loadBitmap });
    this.unsub = source.subscribe((s, prev) => {
      if (s.doc !== prev.doc || s.assets !== prev.assets) this.docChanged = true;
      if (s.doc !== prev.doc || s.playhead !== prev.playhead || s.assets !== prev.assets) this.dirty = true;
      if (s.playing !== prev.playing) {
        this.seq++;
        this.clock = null;
        this.playPressedAt = null;
        delete this.canvas.dataset.waiting;
        this.storedFrame = -1;
        this.dirty = true;
      }
    });
    // A kit edited in the Brand room restyles burned-in captions.
    this.unsubKits = useKits.subscribe((s, prev) => {
      if (s.kits !== prev.kits) this.invalidate();
    });
    // A reversed copy that became ready is drawn from the next frame on.
    this.unsubReversed = useReversedCopies.subscribe((s, prev) => {
      if (s.ready !== prev.ready) this.invalidate();
    });
    this.raf = requestAnimationFrame(this.tick);
  }

  /** Draw again (the canvas was resized, a text or caption picture arrived). */
  invalidate = (): void => {
    this.dirty = this.docChanged = true;
    this.seq++;
  };

  /** A media element has a new picture: drawn at the next frame that wants it. */
  private pictureChanged = (): void => {
    this.dirty = true;
    this.seq++;
  };

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.unsub();
    this.unsubKits();
    this.unsubReversed();
    this.captions.destroy();
    for (const slot of this.slots.values()) this.release(slot);
    this.slots.clear();
  }

  private tick = (): void => {
    this.raf = requestAnimationFrame(this.tick);
    const s = this.source.getState();
    const doc = s.doc;
    if (!doc) return;
    // A draft with a dissolve gets its noise ready a little each frame, before one is drawn.
    if (this.canvas.width > 0 && this.canvas.height > 0 && this.hasDissolve(doc)) this.surfaces.warmDissolve(doc.canvas, this.canvas.width, this.canvas.height);
    // At rest the preview shows a frame that has a picture: the draft's length is one frame past its last one.
    let t = clampPlayhead(s.playhead, doc);
    // Play waits (briefly) for the media it is about to show; meanwhile the preview stays as at rest, so the
    // elements keep landing on their frames and their pictures are copied.
    const playing = s.playing && this.mayStart(doc, s.assets, t);
    // The shuttle's speed: the clock and every element run this much faster (a voiceover's take is placed by wall
    // time, so while one records the timeline runs at 1×).
    const rate = playing && !this.options.wallClock?.() ? (s.shuttleRate ?? 1) : 1;
    if (playing) {
      const now = performance.now();
      if (!this.clock) this.clock = startClock(t, now);
      else {
        const heard = this.options.wallClock?.() ? null : this.masterAt(this.readable(doc, s.assets), this.clock.t);
        this.clock = advanceClock(this.clock, now, heard, doc.canvas.fps, rate);
      }
      t = this.clock.t;
      // The last frame plays for its whole length; then playback stops on it (not on the black past the end).
      const ended = t >= draftDuration(doc);
      if (ended) {
        t = lastFrameStart(doc);
        s.setPlaying(false);
      }
      // The store hears of the playhead once per canvas frame, not every animation frame: each change re-renders
      // the transport's timecode, the timeline's playhead and whatever else follows it, and at 60 Hz for a 30 fps
      // draft half of that work showed nothing new.
      const shownFrame = Math.floor(t * doc.canvas.fps + 1e-6);
      if (ended || shownFrame !== this.storedFrame) {
        this.storedFrame = shownFrame;
        s.setPlayhead(t);
      }
      this.dirty = true;
    }
    if (!this.dirty) return;
    this.dirty = false;
    // Reversed clips play forwards from their asset's reversed copy (reversedPreview.ts), as the export reads them.
    const read = this.readable(doc, s.assets);
    this.sync(read.doc, read.assets, t, playing, rate);
    // While playing, a canvas frame already drawn with every layer's picture current is not drawn again: the
    // display runs at 60 Hz and the draft at 30 fps or less, and a picture a video presents meanwhile belongs
    // to the next canvas frame. Half the compositing on the main thread, the same frames shown.
    const frame = Math.floor(t * doc.canvas.fps + 1e-6);
    if (playing && !this.docChanged && this.shown?.frame === frame && this.shown.ready) return;
    this.docChanged = false;
    const layers = activeLayersAt(read.doc, t);
    // At rest, a new document that shows the same at the playhead (a trim or drag of clips elsewhere, on every
    // pointer move) leaves the canvas as it is.
    const inputs = playing ? null : frameInputs(read.doc, read.assets, t, this.seq, layers);
    if (inputs && this.drawnAtRest && sameFrameInputs(inputs, this.drawnAtRest)) return;
    const ready = this.draw(read.doc, read.assets, t, layers);
    this.shown = { frame, ready };
    this.drawnAtRest = inputs && ready ? inputs : null;
  };

  private readableOf: { doc: VideoDraft; assets: Record<string, Asset>; ready: Record<string, ReversedPlayback>; aside: string | null; out: ReturnType<typeof readableDraft> } | null = null;

  private readable(doc: VideoDraft, assets: Record<string, Asset>): ReturnType<typeof readableDraft> {
    const copies = useReversedCopies.getState();
    const aside = this.options.lookSetAside?.() ?? null;
    const m = this.readableOf;
    if (m?.doc !== doc || m.assets !== assets || m.ready !== copies.ready || m.aside !== aside) {
      for (const id of reversedAssets(doc)) if (!copies.ready[id]) copies.ensure(id);
      this.readableOf = { doc, assets, ready: copies.ready, aside, out: readableDraft(aside ? withoutLook(doc, aside) : doc, assets, copies.ready) };
    }
    return this.readableOf!.out;
  }

  /**
   * The element the clock follows at `t`: the main-track clip that is heard (the incoming one in a transition),
   * where its element is on the timeline. Null where nothing on the main track is heard.
   */
  private masterAt({ doc, assets }: ReturnType<typeof readableDraft>, t: number): Master | null {
    for (const layer of activeLayersAt(doc, t)) {
      const c = layer.clip;
      if (layer.trackKind !== 'main' || layer.transition?.role === 'from' || c.type !== 'media' || assets[c.assetId]?.kind !== 'video') continue;
      const el = this.slots.get(c.id)?.el;
      if (!el || el.muted || el.volume <= 0) return null;
      return { key: c.id, currentTime: el.currentTime, position: t - driftOf(el, layer.sourceTime ?? c.in, speedAt(c, t - c.start)) };
    }
    return null;
  }

  /** Whether the clock may start (or runs already): what Play is about to show is ready, or it waited long enough. */
  private mayStart(doc: VideoDraft, assets: Record<string, Asset>, t: number): boolean {
    // A recording voiceover's take is placed by wall time from Play: the timeline may not wait.
    if (this.clock || this.options.wallClock?.()) return true;
    const now = performance.now();
    this.playPressedAt ??= now;
    const read = this.readable(doc, assets);
    if (!startsClock(this.unready(read.doc, read.assets, t), (now - this.playPressedAt) / 1000)) {
      this.dirty = true;
      this.canvas.dataset.waiting = 'true';
      return false;
    }
    this.playPressedAt = null;
    delete this.canvas.dataset.waiting;
    return true;
  }

  /** How many of the clips Play is about to show have no picture (or, for sound, no data) yet. */
  private unready(doc: VideoDraft, assets: Record<string, Asset>, t: number): number {
    let n = 0;
    for (const id of clipsToBuffer(doc, assets, t)) {
      const slot = this.slots.get(id);
      if (!slot) n++;
      else if (slot.el.error) continue;
      else if (slot.el.seeking || slot.el.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || (slot.held && slot.held.time === null)) n++;
    }
    return n;
  }

  private hasDissolve(doc: VideoDraft): boolean {
    if (this.dissolveIn?.doc !== doc) {
      const yes = doc.tracks.some((tr) => tr.kind === 'main' && tr.clips.some((c) => c.type === 'media' && c.transitionIn?.kind === 'dissolve'));
      this.dissolveIn = { doc, yes };
    }
    return this.dissolveIn.yes;
  }

  /** `rate`: the shuttle's speed; each element plays at its clip's speed times it, and what comes next is pre-rolled as many wall seconds ahead. */
  private sync(doc: VideoDraft, assets: Record<string, Asset>, t: number, playing: boolean, rate: number): void {
    const fps = doc.canvas.fps;
    const now = performance.now();
    const live = new Set<string>();
    const muted = new Map(doc.tracks.map((tr) => [tr.id, tr.muted]));
    const layers = activeLayersAt(doc, t, { includeAudio: true });
    const soon = clipsStartingSoon(doc, t, PRELOAD_SEC * rate);
    // Every clip that has an element this frame: an element of any other clip may be taken over (slotFor).
    const wanted = new Set([...layers.map((l) => l.clip), ...soon.map((s) => s.clip)].map((c) => c.id));
    for (const layer of layers) {
      const c = layer.clip;
      if (c.type !== 'media') continue;
      const asset = assets[c.assetId];
      if (!asset || asset.kind === 'image') continue;
      live.add(c.id);
      const slot = this.slotFor(c, asset, wanted);
      const el = slot.el;
      el.muted = muted.get(layer.trackId) ?? false;
      el.volume = Math.max(0, Math.min(1, c.volume * layer.opacityFactor));
      const target = layer.sourceTime ?? c.in;
      const state = stateOf(el);
      const action = playing
        ? // A ramped clip plays at the curve's speed of this moment (the element's rate follows it; a drift re-seeks).
          whilePlaying(state, { target, speed: speedAt(c, t - c.start) * rate, fps, now, lastSeekAt: slot.lastSeekAt, seekSec: slot.seekSec, min: c.in, max: c.out, master: this.clock?.master?.key === c.id, soundOnly: asset.kind === 'audio' })
        : whileHolding(state, holdTime(target, fps), fps);
      this.apply(slot, action, now);
    }
    // Pre-roll what comes next: its element waits, paused, on the clip's first frame.
    const k = this.canvas.width / doc.canvas.width;
    for (const { clip: c, main, muted: trackMuted } of soon) {
      if (live.has(c.id)) continue;
      const asset = assets[c.assetId];
      if (!asset || asset.kind === 'image') continue;
      live.add(c.id);
      const slot = this.slotFor(c, asset, wanted);
      const sound = preRollSound(c, trackMuted, fps);
      slot.el.muted = sound.muted;
      slot.el.volume = sound.volume;
      const hold = holdTime(sourceTimeAt(c, c.start), fps);
      // Started its start-up time before the cut, so it is moving at the in-point when the cut comes.
      const state = stateOf(slot.el);
      this.apply(slot, whilePreRolled(state, { playing, hold, speed: speedAt(c, 0) * rate, fps, startsIn: (c.start - t) / rate, startSec: slot.startSec }), now);
      // Its held copy is made as it lands on the first frame, so the cut's first draw has its picture.
      this.updateHeld(slot, c, asset, doc, main, k);
    }
    for (const [id, slot] of this.slots) {
      if (live.has(id)) continue;
      if (!slot.el.paused) slot.el.pause();
      // Keep a few paused elements around for scrubbing back; release the rest.
      if (this.slots.size > KEEP_SLOTS) {
        this.release(slot);
        this.slots.delete(id);
      }
    }
  }

  private apply(slot: Slot, a: SyncAction, now: number): void {
    const el = slot.el;
    this.measureStart(slot, now);
    if (a.rate !== null && el.playbackRate !== a.rate) el.playbackRate = a.rate;
    if (a.seekTo !== null) {
      el.currentTime = a.seekTo;
      // Only a seek of a playing element starts its re-seek window and times its seeks: a paused element's seek
      // (a pre-roll, a scrub) is no correction, and the first one waits for the file to load (a second or more
      // just after a draft opens), which would aim its next correction that far ahead.
      if (!a.pause && (a.play || !el.paused)) {
        slot.lastSeekAt = now;
        slot.seekStartedAt = now;
      }
    }
    if (a.pause && !el.paused) el.pause();
    if (a.play) {
      if (el.paused && a.seekTo === null) slot.starting = { at: now, from: el.currentTime };
      if (el.paused && el instanceof HTMLVideoElement) slot.held?.rearm(el);
      el.play().catch(() => this.pictureChanged());
    }
  }

  /** Learns the element's start-up time the first time it moves after play() (a pause or seek meanwhile voids it). */
  private measureStart(slot: Slot, now: number): void {
    const st = slot.starting;
    const el = slot.el;
    if (!st) return;
    if (el.paused || el.seeking) slot.starting = null;
    else if (el.currentTime > st.from + 1e-3) {
      const lag = startLagSec((now - st.at) / 1000, el.currentTime - st.from, el.playbackRate);
      slot.startSec = slot.startSec * 0.5 + lag * 0.5;
      this.startSec = this.startSec * 0.5 + lag * 0.5;
      slot.starting = null;
    }
  }

  /** The element of clip `c`: its own, else an idle one of the same media (`wanted`: the clips that keep theirs), else a new one. */
  private slotFor(c: MediaClip, asset: Asset, wanted: ReadonlySet<string>): Slot {
    // Heavy sources play from their proxy; draw() scales place()'s source rect to the proxy's pixels.
    const from = playbackSource(asset);
    const src = mediaUrl(from.assetId, from.variant, asset.mediaRev);
    const slot = this.slots.get(c.id);
    // A proxy that became ready while the draft is open replaces the original from the next frame on.
    if (slot && slot.assetId === c.assetId && slot.src === src) return slot;
    if (slot) this.release(slot);
    // A take cut into clips (jump cuts) plays from the take's idle elements (two, taking turns at the cuts): a new
    // element loads, and starts a decoder, on the two shared cores, which stalled animation frames for ~0.5 s
    // before each such cut (docs/performance.md, "Cuts without a hiccup, and one element per take"); an idle one
    // only seeks.
    const idle = idleSlotOf(this.slots, src, wanted);
    if (idle) {
      this.slots.delete(idle.id);
      Object.assign(idle.slot, { assetId: asset.id, lastSeekAt: 0, seekStartedAt: null, starting: null });
      this.slots.set(c.id, idle.slot);
      return idle.slot;
    }
    const el = document.createElement(asset.kind === 'audio' ? 'audio' : 'video');
    this.canvas.dataset.mediaElements = String(++this.elementsMade);
    el.preload = 'auto';
    el.crossOrigin = null;
    // At the shuttle's 2× and 4× the sound keeps its pitch (Chromium's default; said, as it is what L relies on).
    el.preservesPitch = true;
    if (el instanceof HTMLVideoElement) el.playsInline = true;
    const held = el instanceof HTMLVideoElement ? new HeldFrame(el, this.pictureChanged) : null;
    const created: Slot = { el, assetId: asset.id, src, held, lastSeekAt: 0, seekStartedAt: null, seekSec: 0.1, startSec: this.startSec, starting: null };
    el.addEventListener('seeked', () => {
      if (created.seekStartedAt !== null) {
        const took = (performance.now() - created.seekStartedAt) / 1000;
        created.seekSec = created.seekSec * 0.5 + took * 0.5;
        created.seekStartedAt = null;
      }
      created.held?.invalidate();
      // A playing element's frames stopped while it sought: ask for the next one anew (HeldFrame.rearm).
      if (!el.paused && el instanceof HTMLVideoElement) created.held?.rearm(el);
      this.pictureChanged();
    });
    el.addEventListener('loadeddata', this.pictureChanged);
    el.addEventListener('playing', this.pictureChanged);
    el.src = src;
    this.slots.set(c.id, created);
    return created;
  }

  private release(slot: Slot): void {
    slot.el.pause();
    slot.el.removeAttribute('src');
    slot.el.load();
  }

  private imageFor(asset: Asset): HTMLImageElement {
    let img = this.images.get(asset.id);
    if (!img) {
      img = new Image();
      img.decoding = 'async';
      img.onload = () => this.pictureChanged();
      // SVG and HEIC are drawn from the rendition the export uses too; formats Chromium cannot decode (TIFF,
      // RAW) show their thumbnail. Chromium turns a JPEG or PNG by its EXIF orientation and shows a WebP as
      // stored: the rule the facts and the export follow (media/images.ts, e2e/browser/orientation.spec.ts).
      img.src = renditionExt(asset.ext) ? mediaUrl(asset.id, 'rendition') : IMAGE_EXTS.has(asset.ext.toLowerCase()) ? mediaUrl(asset.id, 'original') : mediaUrl(asset.id, 'thumb');
      this.images.set(asset.id, img);
    }
    return img;
  }

  /** Draws the frame at `t`; true when every layer showed its picture for it. */
  private draw(doc: VideoDraft, assets: Record<string, Asset>, t: number, layers: ActiveLayer[]): boolean {
    const canvas = this.canvas;
    const k = canvas.width / doc.canvas.width;
    const fps = doc.canvas.fps;
    let ready = true;
    const traced: TraceLayer[] | null = this.trace ? [] : null;
    const sourceOf = (layer: ActiveLayer): LayerSource | null => {
      const c = layer.clip;
      if (c.type === 'text') {
        const e = this.text.get(doc.canvas, c);
        if (e.status === 'loading') ready = false;
        if (e.status !== 'ready' || !e.img || !e.layer) return null;
        const { left, top, width, height } = e.layer;
        return { kind: 'text', drawable: { source: e.img, width, height }, left, top, width, height };
      }
      const asset = assets[c.assetId];
      if (!asset || !asset.width || !asset.height) {
        ready = false;
        return null;
      }
      const size = { width: asset.width, height: asset.height };
      if (asset.kind === 'image') {
        const img = this.imageFor(asset);
        if (!img.complete || img.naturalWidth === 0) {
          ready = false;
          return { kind: 'media', drawable: null, size };
        }
        const still: LayerSource = { kind: 'media', drawable: { source: img, width: img.naturalWidth, height: img.naturalHeight }, size, still: true };
        this.remember(layer, () => still);
        return still;
      }
      const slot = this.slots.get(c.id);
      const held = slot?.held ?? null;
      if (slot) this.updateHeld(slot, c, asset, doc, layer.trackKind === 'main', k);
      // A clip running to or past its media's end shows the element's last picture there (reachableTime).
      const current = !!slot && !slot.el.seeking && held?.time != null && Math.abs(held.time - reachableTime(layer.sourceTime ?? 0, slot.el.duration)) <= 1.5 / fps;
      if (!current) ready = false;
      if (traced && slot) traced.push(traceLayer(layer, slot.el, held?.time ?? null, held?.presented ?? null, current));
      const fromHeld = (): LayerSource | null => {
        const drawable = held?.drawable() ?? null;
        return drawable ? { kind: 'media', drawable, size } : null;
      };
      const now = fromHeld();
      if (!now) return this.lastByTrack.get(layer.trackId)?.() ?? { kind: 'media', drawable: null, size };
      this.remember(layer, fromHeld);
      return now;
    };
    const captions = this.captions.at(doc, t, kitById(useKits.getState().kits, doc.kitId)?.updatedAt ?? '');
    if (!captions.ready) ready = false;
    drawFrame(this.ctx, doc.canvas, k, layers, sourceOf, this.surfaces, captions.pictures);
    canvas.dataset.time = t.toFixed(3);
    // The frame drawn, exactly: data-time is rounded and can sit on the other side of a frame's edge.
    canvas.dataset.frame = String(frameShownAt(t, fps));
    canvas.dataset.captions = captions.pictures.map((p) => p.key).join(' ');
    canvas.dataset.ready = String(ready);
    if (traced) this.trace?.push({ now: performance.now(), t, playing: this.source.getState().playing, ready, layers: traced });
    // Keep polling until every layer has its frame (seeks and decodes finish without a store change).
    if (!ready) this.dirty = true;
    return ready;
  }

  /** Refreshes a video slot's held copy at the size the preview draws its clip (`k`: preview pixels per canvas pixel). */
  private updateHeld(slot: Slot, c: MediaClip, asset: Asset, doc: VideoDraft, main: boolean, k: number): void {
    const el = slot.el;
    if (k <= 0 || !slot.held || !(el instanceof HTMLVideoElement) || el.videoWidth <= 0 || !asset.width || !asset.height) return;
    const size = { width: asset.width, height: asset.height };
    // Copy pixels per video pixel that the preview draws this layer at.
    const p = place(c.transform, size, doc.canvas, main);
    slot.held.update(el, (p.dest.width * k) / ((p.source.width * el.videoWidth) / size.width));
  }

  private remember(layer: ActiveLayer, picture: () => LayerSource | null): void {
    // During a transition the incoming clip is the track's newest picture.
    if (layer.transition?.role !== 'from') this.lastByTrack.set(layer.trackId, picture);
  }
}

/** A caption picture's PNG (served like a text layer's), decoded before it is ever drawn. */
async function loadBitmap(key: string): Promise<ImageBitmap> {
  const img = new Image();
  img.src = textLayerUrl(key);
  await img.decode();
  return createImageBitmap(img);
}

function stateOf(el: MediaEl): MediaState {
  return { paused: el.paused, seeking: el.seeking, ended: el.ended, currentTime: el.currentTime, duration: el.duration, playbackRate: el.playbackRate, audible: !el.muted && el.volume > 0 };
}

function traceLayer(layer: ActiveLayer, el: MediaEl, held: number | null, presented: number | null, current: boolean): TraceLayer {
  const c = layer.clip;
  const want = layer.sourceTime ?? 0;
  return { track: layer.trackKind, clip: c.id, clipStart: c.start, current, held, presented, want, currentTime: el.currentTime, seeking: el.seeking, readyState: el.readyState, rate: el.playbackRate, paused: el.paused };
}
