import type { Canvas } from '../../../../../electron/model/draft';
import { place, reframeFactor, type Size } from '../../../../../electron/model/geometry';
import { clipStateAt, needsMovingPath, revealColumns, scaledSize, valueAt } from '../../../../../electron/model/keyframes';
import type { ActiveLayer } from '../../../../../electron/model/timeline';
import { xfadePlan } from '../../../../../electron/model/xfade';
import { drawTransition, type TransitionSurfaces } from './compose';
import { keyPaused, setPickSurface, useKeyPicker } from '../keyPicker';
import { lookedDrawable } from './lookLayer';

/**
 * Draws one frame of the timeline on a 2D canvas, layer by layer, with the same placement maths as the
 * export (`place()`): source crop rect → dest rect, `pad` fill and blurred `backdrop` for fit/blur on the
 * main track, and main-track transitions with the export's xfade maths (`xfadePlan`). `k` is preview pixels
 * per canvas pixel. Pure apart from the contexts it draws on.
 */
export type Drawable = { source: CanvasImageSource; width: number; height: number };
export type LayerSource =
  | { kind: 'media'; drawable: Drawable | null; size: Size; /** A photo: the same picture every frame. */ still?: boolean }
  | { kind: 'text'; drawable: Drawable | null; left: number; top: number; width: number; height: number };

export type Rect = { x: number; y: number; w: number; h: number };
/** A picture placed in canvas pixels, drawn over every layer (burned-in captions). */
export type Overlay = { image: CanvasImageSource; left: number; top: number; width: number; height: number };

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

/**
 * A layer's opacity from its fades and its transform. Main-track transitions are not in it: they combine two whole
 * frames (drawTransition), as the export's xfade does.
 */
export function layerAlpha(layer: ActiveLayer): number {
  let a = layer.opacityFactor;
  if (layer.clip.keyframes?.opacity) a *= clipStateAt(layer.clip, layer.time ?? layer.clip.start).opacity;
  else if (layer.clip.type === 'media') a *= layer.clip.transform.opacity;
  return Math.max(0, Math.min(1, a));
}

/**
 * Draws a picture that moves, scales or turns (keyframes, rotation) as the export's keyframe-filters.ts does:
 * `unit` × the animated scale in even pixels, turned about its centre, centred at the static centre shifted by
 * the animated position. `ctx` is in canvas pixels.
 */
function drawMoving(ctx: CanvasRenderingContext2D, canvas: Canvas, layer: ActiveLayer, d: Drawable, s: Rect, unit: Size, centre: { x: number; y: number }, x0: number, y0: number, shown = 1): void {
  const st = clipStateAt(layer.clip, layer.time ?? layer.clip.start);
  const size = scaledSize(unit, st.scale);
  if (shown <= 0) return;
  const cx = centre.x + (st.x - x0) * canvas.width;
  const cy = centre.y + (st.y - y0) * canvas.height;
  ctx.save();
  ctx.translate(Math.round(cx - size.width / 2) + size.width / 2, Math.round(cy - size.height / 2) + size.height / 2);
  ctx.rotate((st.rotation * Math.PI) / 180);
  // `shown`: the share of the picture's width a typewriter reveal uncovers (left part, before scaling).
  ctx.drawImage(d.source, s.x, s.y, s.w * shown, s.h, -size.width / 2, -size.height / 2, size.width * shown, size.height);
  ctx.restore();
}

/** The share of a text picture `width` px wide that its typewriter reveal shows now (whole columns, as the export's geq). */
export function textShown(layer: ActiveLayer, width: number): number {
  const track = layer.clip.keyframes?.reveal;
  if (!track || layer.clip.type !== 'text' || width <= 0) return 1;
  return revealColumns(valueAt(track, (layer.time ?? layer.clip.start) - layer.clip.start), width) / width;
}

/** Draws one layer with its placement; `ctx` is scaled to canvas pixels. */
function drawLayer(ctx: CanvasRenderingContext2D, canvas: Canvas, k: number, layer: ActiveLayer, src: LayerSource | null): void {
  if (!src || !src.drawable) return;
  const alpha = layerAlpha(layer);
  if (alpha <= 0) return;
  let d = src.drawable;
  const moving = needsMovingPath(layer.clip);
  if (src.kind === 'text') {
    ctx.globalAlpha = alpha;
    const shown = textShown(layer, src.width);
    if (moving && layer.clip.type === 'text') {
      const unit = { width: src.width, height: src.height };
      drawMoving(ctx, canvas, layer, d, { x: 0, y: 0, w: d.width, h: d.height }, unit, { x: src.left + src.width / 2, y: src.top + src.height / 2 }, layer.clip.x, layer.clip.y, shown);
    } else if (shown > 0) {
      ctx.drawImage(d.source, 0, 0, d.width * shown, d.height, src.left, src.top, src.width * shown, src.height);
    }
    return;
  }
  if (layer.clip.type !== 'media') return;
  const tr = layer.clip.transform;
  const p = place(tr, src.size, canvas, layer.trackKind === 'main');
  // A look is applied to the whole picture at about its shown size (lookLayer.ts), as the export applies it before placing.
  // So is a chroma key (after the look), unless the eyedropper is picking this clip's colour (keyPicker.ts).
  const key = layer.clip.chromaKey && !keyPaused(layer.clip.id) ? layer.clip.chromaKey : undefined;
  if (layer.clip.look || key) d = lookedDrawable(layer.clip.id, layer.clip.look, d, (p.dest.width * k * src.size.width) / Math.max(1, p.source.width), src.still === true, key);
  // The eyedropper samples this picture (looked, unkeyed), not the composited canvas (KeyPickLayer.tsx).
  if (keyPaused(layer.clip.id)) setPickSurface({ clipId: layer.clip.id, layer, size: src.size, canvas, drawable: d });
  const s = scaleSourceRect(p.source, src.size, d);
  const fadeAlpha = alpha / (layer.clip.keyframes?.opacity ? clipStateAt(layer.clip, layer.time ?? layer.clip.start).opacity : tr.opacity) || 0;
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
  if (moving) {
    const k = reframeFactor(tr.reframe, p.source, canvas);
    drawMoving(ctx, canvas, layer, d, s, { width: p.source.width * k, height: p.source.height * k }, { x: tr.x * canvas.width, y: tr.y * canvas.height }, tr.x, tr.y);
    return;
  }
  ctx.drawImage(d.source, s.x, s.y, s.w, s.h, p.dest.x, p.dest.y, p.dest.width, p.dest.height);
}

/** Clears `ctx` to the canvas background and scales it to canvas pixels. */
function begin(ctx: CanvasRenderingContext2D, canvas: Canvas, k: number): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.filter = 'none';
  ctx.fillStyle = canvas.background;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(k, 0, 0, k, 0, 0);
  ctx.imageSmoothingQuality = 'high';
}

/**
 * One frame: the main track first (through a transition when one runs), then the other tracks in their order,
 * then `overlays` (burned-in caption tracks, in the draft's order) — the order the compiler overlays them in.
 * `sourceOf` is asked once per layer.
 */
export function drawFrame(ctx: CanvasRenderingContext2D, canvas: Canvas, k: number, layers: ActiveLayer[], sourceOf: (l: ActiveLayer) => LayerSource | null, surfaces: TransitionSurfaces, overlays: readonly Overlay[] = []): void {
  ctx.save();
  begin(ctx, canvas, k);
  // The picked clip's picture is offered again only if this frame draws it.
  if (useKeyPicker.getState().clipId) setPickSurface(null);
  const sources = new Map(layers.map((l) => [l, sourceOf(l)]));
  const main = layers.filter((l) => l.trackKind === 'main');
  const from = main.find((l) => l.transition?.role === 'from');
  const to = main.find((l) => l.transition?.role === 'to');
  if (from && to && to.transition) {
    const [a, b] = surfaces.frames(ctx.canvas.width, ctx.canvas.height);
    for (const [c, layer] of [[a, from], [b, to]] as const) {
      begin(c, canvas, k);
      drawLayer(c, canvas, k, layer, sources.get(layer) ?? null);
    }
    drawTransition(ctx, xfadePlan(to.transition.kind, to.transition.progress, canvas), a, b, k, canvas, surfaces);
  }
  for (const layer of main) if (layer !== from && layer !== to) drawLayer(ctx, canvas, k, layer, sources.get(layer) ?? null);
  for (const layer of layers) if (layer.trackKind !== 'main') drawLayer(ctx, canvas, k, layer, sources.get(layer) ?? null);
  ctx.globalAlpha = 1;
  for (const o of overlays) ctx.drawImage(o.image, o.left, o.top, o.width, o.height);
  ctx.restore();
}
