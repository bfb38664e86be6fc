import type { Canvas } from '../../../../../electron/model/draft';
import { place, type Size } from '../../../../../electron/model/geometry';
import type { ActiveLayer } from '../../../../../electron/model/timeline';

/**
 * Draws one frame of the timeline on a 2D canvas, layer by layer, with the same placement maths as the
 * export (`place()`): source crop rect → dest rect, `pad` fill and blurred `backdrop` for fit/blur on the
 * main track. `k` is preview pixels per canvas pixel. Pure apart from the context it draws on.
 */
export type Drawable = { source: CanvasImageSource; width: number; height: number };
export type LayerSource =
  | { kind: 'media'; drawable: Drawable | null; size: Size }
  | { kind: 'text'; drawable: Drawable | null; left: number; top: number; width: number; height: number };

export type Rect = { x: number; y: number; w: number; h: number };

/**
 * `place()` gives the source rectangle in the ORIGINAL's display pixels (the asset's facts); the drawable may be
 * smaller (a preview proxy, a thumbnail standing in). Scale the rectangle to the drawable's pixels, so the
 * same part of the picture lands on the same canvas rectangle as in the export.
 */
export function scaleSourceRect(source: { x: number; y: number; width: number; height: number }, original: Size, drawable: { width: number; height: number }): Rect {
  const sx = drawable.width / original.width;
  const sy = drawable.height / original.height;
  return { x: source.x * sx, y: source.y * sy, w: source.width * sx, h: source.height * sy };
}

export function layerAlpha(layer: ActiveLayer): number {
  const tr = layer.transition;
  let a = layer.opacityFactor;
  // The outgoing clip stays opaque under the incoming one, which blends in by progress: that is xfade's
  // "fade" exactly, and the stand-in for the other kinds.
  if (tr && tr.role === 'to' && tr.kind !== 'fadeblack' && tr.kind !== 'fadewhite') a *= tr.progress;
  if (tr && (tr.kind === 'fadeblack' || tr.kind === 'fadewhite')) {
    // Through a colour: the first half shows only the outgoing clip, the second only the incoming one.
    const first = tr.progress < 0.5;
    if ((tr.role === 'from') !== first) a = 0;
  }
  if (layer.clip.type === 'media') a *= layer.clip.transform.opacity;
  return Math.max(0, Math.min(1, a));
}

export function drawFrame(ctx: CanvasRenderingContext2D, canvas: Canvas, k: number, layers: ActiveLayer[], sourceOf: (l: ActiveLayer) => LayerSource | null): void {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.filter = 'none';
  ctx.fillStyle = canvas.background;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(k, 0, 0, k, 0, 0);
  ctx.imageSmoothingQuality = 'high';

  let colourVeil: { colour: string; alpha: number } | null = null;
  for (const layer of layers) {
    const src = sourceOf(layer);
    if (!src || !src.drawable) continue;
    const alpha = layerAlpha(layer);
    if (alpha <= 0) continue;
    const d = src.drawable;
    if (src.kind === 'text') {
      ctx.globalAlpha = alpha;
      ctx.drawImage(d.source, src.left, src.top, src.width, src.height);
      continue;
    }
    if (layer.clip.type !== 'media') continue;
    const p = place(layer.clip.transform, src.size, canvas, layer.trackKind === 'main');
    const s = scaleSourceRect(p.source, src.size, d);
    const fadeAlpha = alpha / layer.clip.transform.opacity || 0;
    if (p.pad) {
      ctx.globalAlpha = fadeAlpha;
      ctx.fillStyle = p.pad;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
    }
    if (p.backdrop) {
      ctx.globalAlpha = fadeAlpha;
      ctx.filter = `blur(${p.backdrop.sigma * k}px)`;
      const b = p.backdrop.dest;
      ctx.drawImage(d.source, s.x, s.y, s.w, s.h, b.x, b.y, b.width, b.height);
      ctx.filter = 'none';
    }
    ctx.globalAlpha = alpha;
    ctx.drawImage(d.source, s.x, s.y, s.w, s.h, p.dest.x, p.dest.y, p.dest.width, p.dest.height);
    const tr = layer.transition;
    if (tr && (tr.kind === 'fadeblack' || tr.kind === 'fadewhite') && layer.trackKind === 'main') {
      const strength = tr.progress < 0.5 ? tr.progress * 2 : (1 - tr.progress) * 2;
      colourVeil = { colour: tr.kind === 'fadeblack' ? '#000000' : '#ffffff', alpha: Math.max(0, Math.min(1, strength)) };
    }
  }
  // Fade through black/white is drawn over the whole frame (overlays included): close enough for a preview of a
  // transition that lasts a fraction of a second; the export renders it exactly.
  if (colourVeil) {
    ctx.globalAlpha = colourVeil.alpha;
    ctx.fillStyle = colourVeil.colour;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  ctx.restore();
}
