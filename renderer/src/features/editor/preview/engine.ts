import { type Asset, renditionExt } from '../../../../../electron/model/asset';
import { draftDuration, type MediaClip, type VideoDraft } from '../../../../../electron/model/draft';
import { activeLayersAt, sourceTimeAt, type ActiveLayer } from '../../../../../electron/model/timeline';
import { mediaUrl } from '../../../api/media';
import { useEditor } from '../../../store/editorStore';
import { drawFrame, type LayerSource } from './draw';
import { TextLayerCache } from './textLayers';

/**
 * Real-time playback of the timeline on a <canvas>. One hidden media element per media clip near the
 * playhead (video and audio from the originals, or from the asset's preview proxy when it has one), a master clock on requestAnimationFrame while playing, and
 * seeks while paused (scrubbing, frame steps). Media elements are resynced when they drift more than a frame
 * from the clock (at most once a second each, so a slow decoder is not made slower by constant seeking).
 * The canvas carries `data-ready` ("true" when every visible layer shows the frame for `data-time`).
 */
type MediaEl = HTMLVideoElement | HTMLAudioElement;
type Slot = { el: MediaEl; assetId: string; src: string; lastResync: number };

const IMAGE_EXTS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp', 'svg']);
/** Clips starting this soon get their element early so playback does not stall at the cut. */
const PRELOAD_SEC = 2;

export class PreviewEngine {
  private slots = new Map<string, Slot>();
  private images = new Map<string, HTMLImageElement>();
  private text: TextLayerCache;
  private raf = 0;
  private dirty = true;
  private clock: { t0: number; wall: number } | null = null;
  private unsub: () => void;
  private ctx: CanvasRenderingContext2D;

  constructor(private canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser cannot draw the preview (no 2D canvas).');
    this.ctx = ctx;
    this.text = new TextLayerCache(() => this.invalidate());
    this.unsub = useEditor.subscribe((s, prev) => {
      if (s.doc !== prev.doc || s.playhead !== prev.playhead || s.assets !== prev.assets) this.dirty = true;
      if (s.playing !== prev.playing) {
        this.clock = null;
        this.dirty = true;
      }
    });
    this.raf = requestAnimationFrame(this.tick);
  }

  invalidate = (): void => {
    this.dirty = true;
  };

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.unsub();
    for (const slot of this.slots.values()) this.release(slot);
    this.slots.clear();
  }

  private tick = (): void => {
    this.raf = requestAnimationFrame(this.tick);
    const s = useEditor.getState();
    const doc = s.doc;
    if (!doc) return;
    let t = s.playhead;
    if (s.playing) {
      const now = performance.now();
      if (!this.clock) this.clock = { t0: t, wall: now };
      t = this.clock.t0 + (now - this.clock.wall) / 1000;
      const end = draftDuration(doc);
      if (t >= end) {
        t = end;
        s.setPlaying(false);
      }
      s.setPlayhead(t);
      this.dirty = true;
    }
    if (!this.dirty) return;
    this.dirty = false;
    this.sync(doc, s.assets, t, s.playing);
    this.draw(doc, s.assets, t);
  };

  private sync(doc: VideoDraft, assets: Record<string, Asset>, t: number, playing: boolean): void {
    const fps = doc.canvas.fps;
    const live = new Set<string>();
    const muted = new Map(doc.tracks.map((tr) => [tr.id, tr.muted]));
    for (const layer of activeLayersAt(doc, t, { includeAudio: true })) {
      const c = layer.clip;
      if (c.type !== 'media') continue;
      const asset = assets[c.assetId];
      if (!asset || asset.kind === 'image') continue;
      live.add(c.id);
      const slot = this.slotFor(c, asset);
      const el = slot.el;
      const target = layer.sourceTime ?? c.in;
      el.muted = muted.get(layer.trackId) ?? false;
      el.volume = Math.max(0, Math.min(1, c.volume * layer.opacityFactor));
      if (playing) {
        if (el.playbackRate !== c.speed) el.playbackRate = c.speed;
        const now = performance.now();
        if (el.paused) {
          el.currentTime = target;
          slot.lastResync = now;
          el.play().catch(() => this.invalidate());
        } else if (Math.abs(el.currentTime - target) > 1 / fps && now - slot.lastResync > 1000 && !el.seeking) {
          el.currentTime = target;
          slot.lastResync = now;
        }
      } else {
        if (!el.paused) el.pause();
        // A hair past the frame's start so the decoder picks this frame, not the one before it.
        const want = target + 0.25 / fps;
        if (Math.abs(el.currentTime - want) > 0.5 / fps && !el.seeking) el.currentTime = want;
      }
    }
    // Warm up what comes next; pause and drop what left the neighbourhood of the playhead.
    for (const track of doc.tracks) {
      for (const c of track.clips) {
        if (c.type !== 'media' || live.has(c.id)) continue;
        const asset = assets[c.assetId];
        if (!asset || asset.kind === 'image') continue;
        if (c.start > t && c.start - t < PRELOAD_SEC) {
          live.add(c.id);
          const slot = this.slotFor(c, asset);
          if (!slot.el.paused) slot.el.pause();
          if (Math.abs(slot.el.currentTime - c.in) > 0.5 / fps && !slot.el.seeking) slot.el.currentTime = sourceTimeAt(c, c.start) + 0.25 / fps;
        }
      }
    }
    for (const [id, slot] of this.slots) {
      if (live.has(id)) continue;
      if (!slot.el.paused) slot.el.pause();
      // Keep a few paused elements around for scrubbing back; release the rest.
      if (this.slots.size > 12) {
        this.release(slot);
        this.slots.delete(id);
      }
    }
  }

  private slotFor(c: MediaClip, asset: Asset): Slot {
    // Heavy sources play from their proxy; draw() scales place()'s source rect to the proxy's pixels.
    const src = mediaUrl(asset.id, asset.hasProxy ? 'proxy' : 'original');
    let slot = this.slots.get(c.id);
    // A proxy that became ready while the draft is open replaces the original from the next frame on.
    if (slot && slot.assetId === c.assetId && slot.src === src) return slot;
    if (slot) this.release(slot);
    const el = document.createElement(asset.kind === 'audio' ? 'audio' : 'video');
    el.preload = 'auto';
    el.crossOrigin = null;
    if (el instanceof HTMLVideoElement) el.playsInline = true;
    const dirty = () => this.invalidate();
    el.addEventListener('seeked', dirty);
    el.addEventListener('loadeddata', dirty);
    el.addEventListener('playing', dirty);
    el.src = src;
    slot = { el, assetId: asset.id, src, lastResync: 0 };
    this.slots.set(c.id, slot);
    return slot;
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
      img.onload = () => this.invalidate();
      // SVG and HEIC are drawn from the rendition the export uses too; formats Chromium cannot decode (TIFF,
      // RAW) show their thumbnail.
      img.src = renditionExt(asset.ext) ? mediaUrl(asset.id, 'rendition') : IMAGE_EXTS.has(asset.ext.toLowerCase()) ? mediaUrl(asset.id, 'original') : mediaUrl(asset.id, 'thumb');
      this.images.set(asset.id, img);
    }
    return img;
  }

  private draw(doc: VideoDraft, assets: Record<string, Asset>, t: number): void {
    const canvas = this.canvas;
    const k = canvas.width / doc.canvas.width;
    const fps = doc.canvas.fps;
    let ready = true;
    const layers = activeLayersAt(doc, t);
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
        return { kind: 'media', drawable: { source: img, width: img.naturalWidth, height: img.naturalHeight }, size };
      }
      const el = this.slots.get(c.id)?.el;
      if (!(el instanceof HTMLVideoElement) || el.readyState < 2 || el.videoWidth === 0) {
        ready = false;
        return { kind: 'media', drawable: null, size };
      }
      if (el.seeking || Math.abs(el.currentTime - (layer.sourceTime ?? 0)) > 1.5 / fps) ready = false;
      return { kind: 'media', drawable: { source: el, width: el.videoWidth, height: el.videoHeight }, size };
    };
    drawFrame(this.ctx, doc.canvas, k, layers, sourceOf);
    canvas.dataset.time = t.toFixed(3);
    canvas.dataset.ready = String(ready);
    // Keep polling until every layer has its frame (seeks and decodes finish without a store change).
    if (!ready) this.dirty = true;
  }
}
