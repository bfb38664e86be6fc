import type { Drawable } from './draw';
import { heldSize, type PixelSize } from './heldFrameLogic';

/**
 * The last good picture of one video element, copied into a canvas at the size the preview draws it
 * (heldFrameLogic.ts). A <video> that seeks, or has not decoded its first frame yet, cannot be drawn (readyState
 * below HAVE_CURRENT_DATA), and drawing nothing for it is a black flash; the copy is drawn instead and outlives
 * any seek.
 *
 * The copy is refreshed only when the element presents a new frame (requestVideoFrameCallback; without it, when
 * its time moves), so a 30 fps clip is scaled 30 times a second however fast the preview draws, and the canvas
 * gets a cheap unscaled copy each frame. The copy is made here, on the main thread: converting in a worker
 * (a VideoFrame drawn on an OffscreenCanvas) was measured and made the preview worse on this machine, as its
 * pictures arrived too late for the frame they belong to (docs/performance.md).
 */
export class HeldFrame {
  private readonly copy = document.createElement('canvas');
  /** Media time of the held picture; null before the first. */
  time: number | null = null;
  /** The element has a picture newer than the copy. */
  private fresh = true;
  private size: PixelSize | null = null;
  private readonly watchesFrames: boolean;

  constructor(el: HTMLVideoElement, onFrame: () => void) {
    this.watchesFrames = typeof el.requestVideoFrameCallback === 'function';
    if (this.watchesFrames) {
      const next = () => {
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
   * Copies the element's picture if it has one that is newer than the copy, or the copy is too small or far too
   * big for `scale` (copy pixels per video pixel wanted, at most 1).
   */
  update(el: HTMLVideoElement, scale: number): void {
    if (el.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || el.seeking || el.videoWidth === 0) return;
    const size = heldSize({ width: el.videoWidth, height: el.videoHeight }, scale, this.size);
    const resized = size !== this.size;
    const moved = !this.watchesFrames && el.currentTime !== this.time;
    if (!this.fresh && !moved && !resized && this.time !== null) return;
    if (resized) [this.copy.width, this.copy.height] = [size.width, size.height];
    this.size = size;
    const ctx = this.copy.getContext('2d', { alpha: false });
    if (!ctx) return;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(el, 0, 0, this.copy.width, this.copy.height);
    this.time = el.currentTime;
    this.fresh = false;
  }

  drawable(): Drawable | null {
    return this.time === null ? null : { source: this.copy, width: this.copy.width, height: this.copy.height };
  }
}
