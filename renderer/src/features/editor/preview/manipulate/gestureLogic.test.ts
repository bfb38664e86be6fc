import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTextStyle, type TextClip } from '../../../../../../electron/model/draft';
import { snapTargets } from '../../../../../../electron/model/snap-guides';
import { gestureStep, type Gesture } from './gestureLogic';
import { textBox } from './manipulateLogic';

const canvas = { width: 1080, height: 1920 };
const title: TextClip = { id: 't', type: 'text', start: 0, duration: 2, text: 'Hi', style: defaultTextStyle, x: 0.3, y: 0.6, maxWidth: 0.9, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null };
const metrics = { width: 300, height: 120, centerX: 150, centerY: 60 };

function moveGesture(): Gesture {
  const box = textBox(title, metrics, canvas);
  return { kind: 'move', clip: title, box, start: { x: box.cx, y: box.cy }, corner: null, targets: snapTargets(canvas, []), threshold: 20, moved: false };
}

describe('gestureStep', () => {
  it('a press that barely moves is a click: no change', () => {
    const g = moveGesture();
    expect(gestureStep(g, { x: g.start.x + 3, y: g.start.y }, { shift: false, alt: false }, canvas, null).patch).toBeNull();
    expect(g.moved).toBe(false);
  });

  it('moving near the centre line snaps to it and shows the guide; Alt moves freely', () => {
    const g = moveGesture();
    const to = { x: g.start.x + (540 - g.box.cx) + 12, y: g.start.y - 200 };
    const snapped = gestureStep(g, to, { shift: false, alt: false }, canvas, null);
    expect(snapped.patch?.x).toBeCloseTo(0.5, 9);
    expect(snapped.guides).toContainEqual({ axis: 'x', at: 540, kind: 'centre' });
    const free = gestureStep(g, to, { shift: false, alt: true }, canvas, null);
    expect(free.patch?.x).toBeCloseTo(0.5 + 12 / 1080, 9);
    expect(free.guides).toEqual([]);
  });

  it('property: computed from the start, so the same pointer gives the same change whatever came before', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.double({ min: -500, max: 1500, noNaN: true }), y: fc.double({ min: -500, max: 2400, noNaN: true }) }), { minLength: 1, maxLength: 8 }), (path) => {
        const g = moveGesture();
        const last = path.at(-1)!;
        const fresh = moveGesture();
        fresh.moved = true;
        for (const p of path) gestureStep(g, p, { shift: false, alt: true }, canvas, null);
        if (!g.moved) return;
        expect(gestureStep(g, last, { shift: false, alt: true }, canvas, null)).toEqual(gestureStep(fresh, last, { shift: false, alt: true }, canvas, null));
      }),
    );
  });

  it('a corner drag scales text by its font size; rotating needs the schema’s rotation', () => {
    const g = { ...moveGesture(), kind: 'scale' as const, corner: 'se' as const };
    // Dragging the bottom-right corner to twice its distance from the top-left one doubles the size.
    const step = gestureStep(g, { x: g.box.cx + 1.5 * g.box.w, y: g.box.cy + 1.5 * g.box.h }, { shift: false, alt: false }, canvas, null);
    expect(step.patch?.style?.size).toBe(defaultTextStyle.size * 2);
    const r = { ...moveGesture(), kind: 'rotate' as const };
    expect(gestureStep(r, { x: 0, y: 0 }, { shift: false, alt: false }, canvas, null).patch).toBeNull();
    const rotated = gestureStep(r, { x: r.box.cx + 100, y: r.box.cy - 100 * Math.tan((80 * Math.PI) / 180) }, { shift: false, alt: false }, canvas, (_c, deg) => ({ x: deg }));
    expect(rotated.patch?.x).toBeCloseTo(10, 1);
  });
});
