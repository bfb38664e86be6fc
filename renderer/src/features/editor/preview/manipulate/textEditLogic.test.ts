import { describe, expect, it } from 'vitest';
import { defaultTextStyle, type TextClip } from '../../../../../../electron/model/draft';
import { textBox } from './manipulateLogic';
import { EDIT_BORDER_PX, textEditPlacement } from './textEditLogic';

const canvas = { width: 1080, height: 1920 };
const title: TextClip = { id: 't', type: 'text', start: 0, duration: 2, text: 'One\nTwo', style: { ...defaultTextStyle, size: 100, stroke: null, box: null }, x: 0.5, y: 0.25, maxWidth: 0.8, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null };

describe('the in-place text box', () => {
  it('centres its lines on the lines the engine drew, not on the top of their pixels (walk #52)', () => {
    // A two-line block whose pixels start 30 px below its lines' top and end 10 px above their bottom: the ink is
    // off the lines' centre (480) by 10 px, which the old box, hung from the ink's top, turned into a jump.
    const box = textBox(title, { width: 400, height: 200, centerX: 200, centerY: 90 }, canvas);
    expect(box.cy).toBe(490);
    const at = textEditPlacement(title, box, 0.5, canvas.width);
    expect(at.top).toBe(240);
    expect(at.lineHeight).toBe(60);
    expect(at.fontSize).toBe(50);
    expect(at.left).toBe(270 - at.width / 2);
    expect(at.width).toBe(0.8 * 1080 * 0.5);
  });

  it('left and right aligned titles start where their words are drawn, inside a box’s padding', () => {
    const box = textBox(title, { width: 400, height: 200, centerX: 200, centerY: 100 }, canvas);
    const left = { ...title, style: { ...title.style, align: 'left' as const, box: { color: '#000000', opacity: 1, padding: 20, radius: 0 } } };
    expect(textEditPlacement(left, box, 1, canvas.width).left).toBe(340 + 20 - EDIT_BORDER_PX);
    const right = { ...left, style: { ...left.style, align: 'right' as const } };
    const r = textEditPlacement(right, box, 1, canvas.width);
    expect(r.left + r.width).toBe(740 - 20 + EDIT_BORDER_PX);
  });
});
