import type { Size } from '../../../../../electron/model/geometry';
import type { AlphaStop, XfadePlan } from '../../../../../electron/model/xfade';
import { DissolveField } from './dissolveMask';

/**
 * Draws a main-track transition the way the export's xfade does (electron/model/xfade.ts has the maths): the
 * outgoing and incoming clips are each rendered to a whole frame first (background, pad, backdrop, picture,
 * fades: what the compiler's segments are), then the two frames are combined by the kind's plan. Overlays and
 * titles are drawn afterwards on top, as in the export.
 */
/** Rows of export pixels (1080 noise values each at 1080 wide) filled per animation frame ahead of a dissolve. */
const DISSOLVE_ROWS_PER_FRAME = 12;

export class TransitionSurfaces {
  private readonly a = document.createElement('canvas');
  private readonly b = document.createElement('canvas');
  private readonly mask = document.createElement('canvas');
  private field: DissolveField | null = null;

  /** Two frame-sized 2D contexts, cleared, for the outgoing and the incoming clip. */
  frames(width: number, height: number): [CanvasRenderingContext2D, CanvasRenderingContext2D] {
    return [this.prepare(this.a, width, height), this.prepare(this.b, width, height)];
  }

  private prepare(c: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
    if (c.width !== width || c.height !== height) [c.width, c.height] = [width, height];
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw the preview (no 2D canvas).');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = 'source-over';
    ctx.filter = 'none';
    return ctx;
  }

  private fieldFor(canvas: Size, width: number, height: number): DissolveField {
    const f = this.field;
    if (f && f.canvasWidth === canvas.width && f.canvasHeight === canvas.height && f.width === width && f.height === height) return f;
    return (this.field = new DissolveField(canvas.width, canvas.height, width, height));
  }

  /** Fills a little more of the dissolve's noise ahead of time (a few milliseconds), so the first dissolve frame does not stall. */
  warmDissolve(canvas: Size, width: number, height: number): void {
    const f = this.fieldFor(canvas, width, height);
    if (!f.complete) f.advance(DISSOLVE_ROWS_PER_FRAME);
  }

  /** The dissolve's mask for a canvas of `canvas` size drawn at width×height, at `threshold`. */
  dissolveMask(canvas: Size, width: number, height: number, threshold: number): HTMLCanvasElement {
    const field = this.fieldFor(canvas, width, height);
    const ctx = this.prepare(this.mask, width, height);
    const img = ctx.createImageData(width, height);
    field.alphaInto(threshold, img.data);
    ctx.putImageData(img, 0, 0);
    return this.mask;
  }
}

const alphaColour = (a: number) => `rgba(0,0,0,${Math.max(0, Math.min(1, a))})`;

function addStops(g: CanvasGradient, stops: readonly AlphaStop[]): CanvasGradient {
  for (const s of stops) g.addColorStop(Math.max(0, Math.min(1, s.at)), alphaColour(s.alpha));
  return g;
}

/** Multiplies the incoming frame's alpha by a mask (gradient or image), in place. */
function maskIncoming(b: CanvasRenderingContext2D, mask: CanvasGradient | HTMLCanvasElement): void {
  b.save();
  b.setTransform(1, 0, 0, 1, 0, 0);
  b.globalCompositeOperation = 'destination-in';
  if (mask instanceof HTMLCanvasElement) {
    b.imageSmoothingEnabled = false;
    b.drawImage(mask, 0, 0);
  } else {
    b.fillStyle = mask;
    b.fillRect(0, 0, b.canvas.width, b.canvas.height);
  }
  b.restore();
}

/**
 * Combines the outgoing frame `a` and the incoming frame `b` (both the size of `ctx`'s canvas) on `ctx` by `plan`,
 * whose lengths are canvas pixels; `k` is preview pixels per canvas pixel.
 */
export function drawTransition(ctx: CanvasRenderingContext2D, plan: XfadePlan, a: CanvasRenderingContext2D, b: CanvasRenderingContext2D, k: number, canvas: Size, surfaces: TransitionSurfaces): void {
  const W = ctx.canvas.width;
  const H = ctx.canvas.height;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalCompositeOperation = 'source-over';
  ctx.filter = 'none';
  ctx.globalAlpha = 1;
  switch (plan.type) {
    case 'blend': {
      // Sequential "over": colour, then a at α1, then b at α2 gives b·α2 + a·α1(1−α2) + colour·(1−α1)(1−α2),
      // which equals the plan's weights for α2 = to, α1 = from / (1 − to).
      if (plan.colourHex && plan.colour > 0) {
        ctx.fillStyle = plan.colourHex;
        ctx.fillRect(0, 0, W, H);
        ctx.globalAlpha = plan.to < 1 ? Math.min(1, plan.from / (1 - plan.to)) : 0;
      }
      if (ctx.globalAlpha > 0) ctx.drawImage(a.canvas, 0, 0);
      ctx.globalAlpha = plan.to;
      ctx.drawImage(b.canvas, 0, 0);
      break;
    }
    case 'clip': {
      ctx.drawImage(a.canvas, 0, 0);
      const r = plan.to;
      ctx.beginPath();
      ctx.rect(Math.round(r.x * k), Math.round(r.y * k), Math.round((r.x + r.width) * k) - Math.round(r.x * k), Math.round((r.y + r.height) * k) - Math.round(r.y * k));
      ctx.clip();
      ctx.drawImage(b.canvas, 0, 0);
      break;
    }
    case 'slide':
      // Whole preview pixels, so the pictures move without being resampled.
      ctx.drawImage(a.canvas, Math.round(plan.fromDx * k), 0);
      ctx.drawImage(b.canvas, Math.round(plan.toDx * k), 0);
      break;
    case 'linear':
      maskIncoming(b, addStops(b.createLinearGradient(plan.x0 * k, 0, plan.x1 * k, 0), plan.stops));
      ctx.drawImage(a.canvas, 0, 0);
      ctx.drawImage(b.canvas, 0, 0);
      break;
    case 'radial':
      maskIncoming(b, addStops(b.createRadialGradient(plan.cx * k, plan.cy * k, 0, plan.cx * k, plan.cy * k, plan.r * k), plan.stops));
      ctx.drawImage(a.canvas, 0, 0);
      ctx.drawImage(b.canvas, 0, 0);
      break;
    case 'dissolve':
      maskIncoming(b, surfaces.dissolveMask(canvas, W, H, plan.threshold));
      ctx.drawImage(a.canvas, 0, 0);
      ctx.drawImage(b.canvas, 0, 0);
      break;
  }
  ctx.restore();
}
