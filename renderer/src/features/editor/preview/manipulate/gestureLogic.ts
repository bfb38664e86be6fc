import type { Clip } from '../../../../../../electron/model/draft';
import type { Size } from '../../../../../../electron/model/geometry';
import { normaliseAngle, snapAngle, snapMove, type SnapTarget } from '../../../../../../electron/model/snap-guides';
import type { ClipPatch } from '../../../../../../electron/model/timeline';
import { angleTo, boundsOf, minFactorFor, movePatch, scaleByCorner, scalePatch, type Corner, type LayerBox, type Point } from './manipulateLogic';

/**
 * One pointer gesture on the preview (move, scale by a corner, rotate), from the state at its start to the clip
 * change for where the pointer is now. Always computed from the start (never added up step by step), so a long
 * drag does not drift and a gesture ending where it began changes nothing.
 */
export type Gesture = {
  kind: 'move' | 'scale' | 'rotate';
  clip: Clip;
  box: LayerBox;
  start: Point;
  corner: Corner | null;
  /** What the box may snap to (other layers, canvas, safe zones), fixed for the gesture. */
  targets: SnapTarget[];
  /** Snap distance in canvas pixels (a few screen pixels at the preview's size). */
  threshold: number;
  /** Set once the pointer has travelled far enough to be a drag, not a click. */
  moved: boolean;
};

export type Modifiers = { shift: boolean; alt: boolean };

export type GestureStep = { patch: ClipPatch | null; guides: SnapTarget[] };

/** Canvas pixels the pointer must travel before a press on a layer becomes a move (a click only selects). */
export function dragSlop(threshold: number): number {
  return threshold / 2;
}

/** Smallest a layer may be scaled to, on its shorter side, in canvas pixels. */
const MIN_SIDE_PX = 16;

/**
 * The clip change for a gesture with the pointer at `p`. Moving snaps (unless Alt) the box's edges and centre to
 * the targets; scaling keeps the aspect (Shift: about the centre); rotating snaps near multiples of 45° (Shift:
 * every 15°; Alt: free). `rotationPatch` writes an angle into the clip (absent while the schema has no rotation).
 */
export function gestureStep(g: Gesture, p: Point, mods: Modifiers, canvas: Size, rotationPatch: ((clip: Clip, deg: number) => ClipPatch) | null): GestureStep {
  if (g.kind === 'move') {
    const dx = p.x - g.start.x;
    const dy = p.y - g.start.y;
    if (!g.moved && Math.hypot(dx, dy) < dragSlop(g.threshold)) return { patch: null, guides: [] };
    g.moved = true;
    const b = boundsOf(g.box);
    const snapped = mods.alt ? { dx: 0, dy: 0, guides: [] } : snapMove({ left: b.left + dx, top: b.top + dy, right: b.right + dx, bottom: b.bottom + dy }, g.targets, g.threshold);
    return { patch: movePatch(g.clip, g.box, g.box.cx + dx + snapped.dx, g.box.cy + dy + snapped.dy, canvas), guides: snapped.guides };
  }
  if (g.kind === 'scale' && g.corner) {
    g.moved = true;
    const r = scaleByCorner(g.box, g.corner, p, mods.shift, minFactorFor(g.box, MIN_SIDE_PX));
    return { patch: scalePatch(g.clip, g.box, r.factor, r.cx, r.cy, canvas), guides: [] };
  }
  if (g.kind === 'rotate' && rotationPatch) {
    g.moved = true;
    const raw = angleTo(g.box, p);
    const deg = mods.alt ? normaliseAngle(raw) : mods.shift ? snapAngle(raw, 15, 7.5) : snapAngle(raw);
    return { patch: rotationPatch(g.clip, Math.round(deg * 10) / 10), guides: [] };
  }
  return { patch: null, guides: [] };
}
