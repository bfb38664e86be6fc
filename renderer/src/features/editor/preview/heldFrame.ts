import type { Drawable } from './draw';
import { heldSize, type PixelSize } from './heldFrameLogic';
import { canConvert, type YuvColour, YuvConverter, type YuvFormat } from '../../../../../electron/model/yuvConvert';

/**
 * The last good picture of one video element, copied into a canvas at the size the preview draws it
 * (heldFrameLogic.ts). A <video> that seeks, or has not decoded its first frame yet, cannot be drawn (readyState
 * below HAVE_CURRENT_DATA), and drawing nothing for it is a black flash; the copy is drawn instead and outlives
 * any seek.
 *
 * The copy is refreshed only when the element presents a new frame (requestVideoFrameCallback; without it, when
 * its time moves), so a 30 fps clip is converted 30 times a second however fast the preview draws, and the
 * canvas gets a cheap unscaled copy each frame.
 *
 * How a frame is copied: its YUV planes are taken (`VideoFrame.copyTo`, a few ms) and only the copy's pixels are
 * converted here (electron/model/yuvConvert.ts), because Chromium's `drawImage(video)` converts the WHOLE frame in software
 * (~14 ms for a 540x960 proxy, whatever size it is drawn at). The picture is ready a few ms after the frame is
 * presented, on the main thread (a worker was measured and its pictures came too late: docs/performance.md).
 * `drawImage(video)` stays for what that path cannot take: no WebCodecs, a format or rotation not handled, a
 * copy that failed, and a resize of a copy already shown (redrawn at once, so it never shows a cleared canvas).
 */
export class HeldFrame {
  private readonly copy = document.createElement('canvas');
  /** Media time of the held picture; null before the first. */
  time: number | null = null;
  /** Media time of the element's last presented frame (requestVideoFrameCallback), for the trace; null before one. */
  presented: number | null = null;
  /** The element has a picture newer than the copy. */
  private fresh = true;
  private size: PixelSize | null = null;
  private readonly watchesFrames: boolean;
  /** The frame callback and its pending request (requestVideoFrameCallback's handle). */
  private next: VideoFrameRequestCallback | null = null;
  private request = 0;
  /** Planes are copied and converted here; false once that failed or cannot work for this element. */
  private planes: boolean;
  private converting = false;
  private readonly converter = new YuvConverter();
  private buffer = new Uint8Array(0);
  private image: ImageData | null = null;

  constructor(
    el: HTMLVideoElement,
    private readonly onFrame: () => void,
  ) {
    this.watchesFrames = typeof el.requestVideoFrameCallback === 'function';
    this.planes = this.watchesFrames && typeof VideoFrame === 'function';
    if (this.watchesFrames) {
      const next = (_now: number, meta: VideoFrameCallbackMetadata) => {
        this.presented = meta.mediaTime;
        this.fresh = true;
        // The conversion starts as the frame is presented, not at the canvas frame that will want it: the
        // picture is in a few ms later, before that draw. One at a time; a frame presented meanwhile is taken
        // when it is done (the newest then).
        if (this.planes && this.size && !this.converting && hasPicture(el)) this.convert(el, this.size);
        onFrame();
        this.request = el.requestVideoFrameCallback(next);
      };
      this.next = next;
      this.request = el.requestVideoFrameCallback(next);
    }
  }

  /**
   * The element is told to play: ask for its next frame anew. Chromium stops driving a detached element's frames
   * from the page's begin-frames once a waiting frame callback has seen no new frame for a while (a paused, pre-
   * rolled element), and falls back to rendering it on a 250 ms timer: the first ~250 ms after play() presented
   * no frame at all, then skipped 3–4 (measured: docs/performance.md, "Frames at a cut"). A new request turns
   * the begin-frames back on, and the first frame comes within a frame or two.
   */
  rearm(el: HTMLVideoElement): void {
    if (!this.next) return;
    el.cancelVideoFrameCallback(this.request);
    this.request = el.requestVideoFrameCallback(this.next);
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
    if (!hasPicture(el)) return;
    const size = heldSize({ width: el.videoWidth, height: el.videoHeight }, scale, this.size);
    const resized = size !== this.size;
    const moved = !this.watchesFrames && el.currentTime !== this.time;
    if (!this.fresh && !moved && !resized && this.time !== null) return;
    if (resized) [this.copy.width, this.copy.height] = [size.width, size.height];
    this.size = size;
    if (this.planes && !(resized && this.time !== null)) {
      if (!this.converting) this.convert(el, size);
      return;
    }
    this.drawElement(el);
  }

  drawable(): Drawable | null {
    return this.time === null ? null : { source: this.copy, width: this.copy.width, height: this.copy.height };
  }

  /** Chromium's own conversion, of the whole frame. */
  private drawElement(el: HTMLVideoElement): void {
    const ctx = this.copy.getContext('2d', { alpha: false });
    if (!ctx) return;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(el, 0, 0, this.copy.width, this.copy.height);
    this.time = el.currentTime;
    this.fresh = false;
  }

  /** Takes the element's current frame and converts it in the background; the picture is in when it is done. */
  private convert(el: HTMLVideoElement, size: PixelSize): void {
    let frame: VideoFrame;
    try {
      frame = new VideoFrame(el);
    } catch (err) {
      this.giveUp(el, err);
      return;
    }
    const colour: YuvColour = { matrix: frame.colorSpace.matrix, fullRange: frame.colorSpace.fullRange };
    const format = frame.format;
    if (!canConvert(format, colour) || turned(frame)) {
      frame.close();
      this.giveUp(el, null);
      return;
    }
    // The frame's own media time (requestVideoFrameCallback's mediaTime), not the element's clock later.
    const time = frame.timestamp / 1e6;
    this.fresh = false;
    this.converting = true;
    void this.convertFrame(frame, format, colour, size).then(
      (done) => {
        this.converting = false;
        if (done) this.time = time;
        else this.fresh = true;
        if (this.fresh && this.planes && this.size && hasPicture(el)) this.convert(el, this.size);
        this.onFrame();
      },
      (err: unknown) => {
        this.converting = false;
        this.giveUp(el, err);
      },
    );
  }

  private async convertFrame(frame: VideoFrame, format: YuvFormat, colour: YuvColour, size: PixelSize): Promise<boolean> {
    try {
      const bytes = frame.allocationSize();
      if (this.buffer.length < bytes) this.buffer = new Uint8Array(bytes);
      const layout = await frame.copyTo(this.buffer);
      // The copy was resized meanwhile: this frame is converted again at the new size.
      if (size !== this.size) return false;
      if (this.image?.width !== size.width || this.image.height !== size.height) this.image = new ImageData(size.width, size.height);
      this.converter.convert({ format, width: frame.visibleRect?.width ?? frame.codedWidth, height: frame.visibleRect?.height ?? frame.codedHeight, layout, data: this.buffer }, colour, this.image.data, size.width, size.height);
      const ctx = this.copy.getContext('2d', { alpha: false });
      if (!ctx) return false;
      ctx.putImageData(this.image, 0, 0);
      return true;
    } finally {
      frame.close();
    }
  }

  /** Back to drawImage for this element (logged once per page), and the picture copied that way at the next draw. */
  private giveUp(el: HTMLVideoElement, err: unknown): void {
    this.planes = false;
    this.fresh = true;
    if (!warned) {
      warned = true;
      console.warn('Preview: video frames are converted by the browser (slower).', err ?? `${el.currentSrc}: format not handled`);
    }
    this.onFrame();
  }
}

let warned = false;

/** The element shows a decoded picture (new VideoFrame(el) would throw without one). */
function hasPicture(el: HTMLVideoElement): boolean {
  return el.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && !el.seeking && el.videoWidth > 0;
}

/** A frame the element shows turned or mirrored (Chromium's VideoFrame.rotation / flip): left to drawImage. */
function turned(frame: VideoFrame): boolean {
  const f = frame as VideoFrame & { rotation?: number; flip?: boolean };
  return (f.rotation ?? 0) !== 0 || f.flip === true;
}
