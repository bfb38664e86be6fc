import type { TextClip } from '../../../../../../electron/model/draft';
import type { LayerBox } from './manipulateLogic';

/** The in-place text box's border (editor.css `.dm-text-edit`), screen pixels: its words sit this far inside it. */
export const EDIT_BORDER_PX = 2;
/** Lines of a title are this many of its font size apart, rounded to whole pixels (electron/render/text-svg.ts LINE_HEIGHT). */
const LINE_HEIGHT = 1.2;
const MIN_WIDTH_PX = 80;

/**
 * Where the in-place text box goes, in screen pixels (`k` per canvas pixel), so that its lines lie on the lines
 * the preview draws (walk finding #52: a two-line title jumped ~16 px as the box opened, which was placed at the
 * top of the title's pixels with CSS's own 1.2 line height, and kept at least that tall). `top` is the centre of
 * the title's lines: the box is moved up by half its own height (`translateY(-50%)`), as the engine centres the
 * lines on (x, y), so it stays centred there as lines are typed. As wide as the title may grow before it wraps
 * (its maxWidth), so the words wrap where the title's do: centred on the lines, or from the left or right edge of
 * the words as drawn (inside a box's padding, or the outline's width) for left and right aligned titles.
 */
export function textEditPlacement(clip: TextClip, box: LayerBox, k: number, canvasWidth: number): { left: number; top: number; width: number; fontSize: number; lineHeight: number } {
  const s = clip.style;
  const width = Math.max(Math.max(box.w, clip.maxWidth * canvasWidth) * k, MIN_WIDTH_PX);
  const lines = box.lines ?? { x: box.cx, y: box.cy };
  const inset = s.box ? s.box.padding : s.stroke && s.stroke.width > 0 ? s.stroke.width : 0;
  const left =
    s.align === 'left'
      ? (box.cx - box.w / 2 + inset) * k - EDIT_BORDER_PX
      : s.align === 'right'
        ? (box.cx + box.w / 2 - inset) * k + EDIT_BORDER_PX - width
        : lines.x * k - width / 2;
  return { left, top: lines.y * k, width, fontSize: s.size * k, lineHeight: Math.round(s.size * LINE_HEIGHT) * k };
}
