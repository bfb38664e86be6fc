import type { Clip } from '../model/draft';
import { clipStateAt, exprNumber, numberExpression, pointExpressions, scaledSize, staticState, trackRange } from '../model/keyframes';

export { needsMovingPath } from '../model/keyframes';
import type { Size } from '../model/geometry';

/**
 * ffmpeg filters for a picture that moves, scales, turns or fades by keyframes (or is turned at all): the
 * export's side of model/keyframes.ts. The preview draws the same state (clipStateAt) with the same sizes:
 * the picture is `unit` × scale, rounded to even pixels, turned about its centre, centred at
 * `centre + (x − x₀, y − y₀) × canvas`. Expressions are written in `t − origin`, seconds from the clip's start.
 */

export type MovingPicture = {
  clip: Clip;
  /** Canvas pixels of the picture at scale 1, before rounding (crop × reframe factor; a text's PNG size). */
  unit: Size;
  /** The picture's centre in canvas pixels at its static position. */
  centre: { x: number; y: number };
  canvas: Size & { fps: number };
  /** The stream's time (`t`) at the clip's start: its timeline start for overlays, 0 for a main-track segment. */
  origin: number;
  /** Unique per clip: names the opacity filter that timed commands address. */
  name: string;
};

const n = exprNumber;

/**
 * Filters from a picture at any size (already cropped, upright, timed) to the turned, scaled, translucent RGBA
 * picture, and the overlay position expressions for it (overlay's `t` is the same stream time).
 */
export function movingFilters(m: MovingPicture): { alpha: string[]; geometry: string[]; x: string; y: string } {
  const s = staticState(m.clip);
  const k = m.clip.keyframes ?? {};
  const time = m.origin === 0 ? 't' : m.origin > 0 ? `(t-${n(m.origin)})` : `(t+${n(-m.origin)})`;
  // Alpha first, at the source's size; then size and turn last, right before overlay: a scale that changes the
  // frame size per frame (eval=frame) reaches only the filter directly after it (rotate, overlay) in ffmpeg 5.1.
  const filters: string[] = ['format=rgba'];
  const geometry: string[] = [];
  if (k.scale) {
    const S = numberExpression(k.scale, time);
    geometry.push(`scale=w='max(2,2*round(${n(m.unit.width)}*(${S})/2))':h='max(2,2*round(${n(m.unit.height)}*(${S})/2))':eval=frame`);
  } else {
    const size = scaledSize(m.unit, s.scale);
    geometry.push(`scale=${size.width}:${size.height}`);
  }
  if (k.opacity) {
    // colorchannelmixer's alpha gain takes timed commands: one per frame, each the model's value at that frame.
    const [lo, hi] = [k.opacity[0]!.t, k.opacity.at(-1)!.t];
    const frames = Math.ceil((hi - lo) * m.canvas.fps) + 1;
    const cmds: string[] = [];
    let last = NaN;
    for (let i = 0; i <= frames; i++) {
      const local = lo + i / m.canvas.fps;
      const v = clipStateAt(m.clip, m.clip.start + local).opacity;
      if (n(v) === n(last)) continue;
      last = v;
      cmds.push(`${n(Math.max(0, m.origin + local - 0.5 / m.canvas.fps))} colorchannelmixer@${m.name} aa ${n(v)}`);
    }
    filters.push(`sendcmd=c='${cmds.join(';')}'`, `colorchannelmixer@${m.name}=aa=${n(clipStateAt(m.clip, m.clip.start).opacity)}`);
  } else if (s.opacity < 1) {
    filters.push(`colorchannelmixer=aa=${n(s.opacity)}`);
  }
  if (k.rotation || s.rotation !== 0) {
    // A square box that holds the picture at any angle and its largest size (rotate's output size is fixed).
    const maxScale = k.scale ? trackRange(k.scale)[1] : s.scale;
    const big = scaledSize(m.unit, maxScale);
    const box = Math.ceil(Math.hypot(big.width, big.height) / 2) * 2 + 2;
    const angle = k.rotation ? numberExpression(k.rotation, time) : n(s.rotation);
    geometry.push(`rotate=a='(${angle})*PI/180':ow=${box}:oh=${box}:c=black@0`);
  }
  const cw = m.canvas.width;
  const ch = m.canvas.height;
  let cx = n(m.centre.x);
  let cy = n(m.centre.y);
  if (k.position) {
    const p = pointExpressions(k.position, time);
    cx = `${n(m.centre.x - s.x * cw)}+(${p.x})*${cw}`;
    cy = `${n(m.centre.y - s.y * ch)}+(${p.y})*${ch}`;
  }
  return { alpha: filters, geometry, x: `'round(${cx}-overlay_w/2)'`, y: `'round(${cy}-overlay_h/2)'` };
}
