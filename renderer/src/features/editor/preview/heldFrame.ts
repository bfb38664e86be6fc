import type { Drawable } from './draw';
import { frameConverter } from './frameConverter';
import { heldSize, type PixelSize } from './heldFrameLogic';

/**
 * The last good picture of one video element, at the size the preview draws it (heldFrameLogic.ts). A <video>
 * that seeks, or has not decoded its first frame yet, cannot be drawn (readyState below HAVE_CURRENT_DATA), and
 * drawing nothing for it is a black flash; the held picture is drawn instead and outlives any seek.
 *
 * The picture is remade only when the element presents a new frame (requestVideoFrameCallback; without it, when
 * its time moves), so a 30 fps clip is converted 30 times a second however fast the preview draws, and the canvas
 * gets a cheap unscaled copy each frame. The conversion (YUV→RGB, the bulk of the preview's work) runs in a
 * worker (frameConverter.ts): the picture arrives a few milliseconds later and `onFrame` says so. One conversion
 * per element is in flight at a time; frames presented meanwhile are skipped for the newest. Where there is no
 * worker, the element is drawn into a canvas on the main thread, as before.
 */
export class HeldFrame {
  private readonly copy = document.createElement('canvas');
  private picture: Drawable | null = null;
  /** Media time of the held picture; null before the first. */
  time: number | null = null;
  /** The element has a picture newer than the held one (or the one being converted). */
  private fresh = true;
  private converting = false;
  private size: PixelSize | null = null;
  private disposed = false;
  private readonly watchesFrames: boolean;

  constructor(
    el: HTMLVideoElement,
    private readonly onFrame: () => void,
    /** How long a conversion took, from taking the picture to having it (ms). */
    private readonly onLatency: (ms: number) => void = () => {},
  ) {
    this.watchesFrames = typeof el.requestVideoFrameCallback === 'function';
    if (this.watchesFrames) {
      const next = () => {
        if (this.disposed) return;
        this.fresh = true;
        onFrame();
        el.requestVideoFrameCallback(next);
      };
      el.requestVideoFrameCallback(next);
    }
  }

  /** The element's picture changed (a seek ended): copy it again at the next draw. */
  invalidate(): void {
    this.fresh = true;
  }

  /**
   * The element is let go: a conversion still in flight is dropped. The held picture stays drawable (the track
   * may show it until its next clip has a picture) and is freed with this object.
   */
  dispose(): void {
    this.disposed = true;
  }

  /**
   * Remakes the picture if the element has one that is newer than the held one, or the held one is too small or
   * far too big for `scale` (picture pixels per video pixel wanted, at most 1).
   */
  update(el: HTMLVideoElement, scale: number): void {
    if (this.disposed || el.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || el.seeking || el.videoWidth === 0) return;
    const size = heldSize({ width: el.videoWidth, height: el.videoHeight }, scale, this.size);
    const resized = size !== this.size;
    const moved = !this.watchesFrames && el.currentTime !== this.time;
    if (!this.fresh && !moved && !resized && this.time !== null) return;
    if (this.converting) return; // the next arrives once this one has: fresh stays set
    this.size = size;
    this.fresh = false;
    const time = el.currentTime;
    const converter = frameConverter();
    if (!converter) return this.copyHere(el, size, time);
    this.converting = true;
    const asked = performance.now();
    let pending: Promise<ImageBitmap>;
    try {
      pending = converter.convert(el, size.width, size.height);
    } catch {
      // No picture to take after all (a race with a seek or a reload): this frame is drawn here instead.
      this.converting = false;
      return this.copyHere(el, size, time);
    }
    pending.then(
      (bitmap) => {
        this.converting = false;
        if (this.disposed) return bitmap.close();
        if (this.picture?.source instanceof ImageBitmap) this.picture.source.close();
        this.picture = { source: bitmap, width: bitmap.width, height: bitmap.height };
        this.time = time;
        this.onLatency(performance.now() - asked);
        this.onFrame();
      },
      () => {
        // The worker failed (frameConverter now answers null): the next draw copies on the main thread.
        this.converting = false;
        this.fresh = true;
        this.onFrame();
      },
    );
  }

  private copyHere(el: HTMLVideoElement, size: PixelSize, time: number): void {
    if (this.copy.width !== size.width || this.copy.height !== size.height) [this.copy.width, this.copy.height] = [size.width, size.height];
    const ctx = this.copy.getContext('2d', { alpha: false });
    if (!ctx) return;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(el, 0, 0, size.width, size.height);
    if (this.picture?.source instanceof ImageBitmap) this.picture.source.close();
    this.picture = { source: this.copy, width: size.width, height: size.height };
    this.time = time;
  }

  drawable(): Drawable | null {
    return this.picture;
  }
}
