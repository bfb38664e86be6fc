import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTextStyle, defaultTransform, type MediaClip, type TextClip } from '../../../../../../electron/model/draft';
import { place } from '../../../../../../electron/model/geometry';
import { newVideoDraft } from '../../../../../../electron/model/draft';
import { updateClip, type ActiveLayer } from '../../../../../../electron/model/timeline';
import { angleTo, boundsOf, layerBoxes, containsPoint, cornerPoints, corners, cycleLayer, hitTest, mediaBox, pressTarget, liesWithin, minFactorFor, shownBox, provisionalTextBox, movePatch, nudgeDelta, rotateHandleOffset, rotateHandlePoint, rotatePatch, rotationOf, scaleByCorner, scalePatch, textBox, type LayerBox } from './manipulateLogic';

const canvas = { width: 1080, height: 1920 };
const media = (over: Partial<MediaClip['transform']> = {}): MediaClip => ({
  id: 'm', type: 'media', assetId: 'a', start: 0, in: 0, out: 2, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
  transform: { ...defaultTransform('fit'), ...over }, transitionIn: null, brand: null,
});
const text: TextClip = { id: 't', type: 'text', start: 0, duration: 2, text: 'Hi', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.9, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null };
const box = (over: Partial<LayerBox> = {}): LayerBox => ({ clipId: 'b', kind: 'media', trackKind: 'overlay', cx: 500, cy: 800, w: 300, h: 200, rotation: 0, ...over });

describe('boxes', () => {
  it('a media box is the rectangle place() draws', () => {
    const c = media({ scale: 0.5, x: 0.25, y: 0.3 });
    const b = mediaBox(c, { width: 300, height: 300 }, canvas, 'overlay');
    const d = place(c.transform, { width: 300, height: 300 }, canvas, false).dest;
    expect([b.cx - b.w / 2, b.cy - b.h / 2, b.w, b.h]).toEqual([d.x, d.y, d.width, d.height]);
  });

  it('a text box not measured yet is estimated around its centre, as wide as it wraps, a line per line', () => {
    const b = provisionalTextBox({ ...text, text: 'One\nTwo', x: 0.5, y: 0.25, maxWidth: 0.8, rotation: 10, style: { ...text.style, size: 100 } }, canvas);
    expect([b.cx, b.cy, b.w, b.h, b.rotation, b.kind]).toEqual([540, 480, 864, 240, 10, 'text']);
  });

  it('a text box sits where the rasterised block is placed', () => {
    const b = textBox({ ...text, x: 0.5, y: 0.25 }, { width: 400, height: 120, centerX: 200, centerY: 60 }, canvas);
    expect([b.cx, b.cy, b.w, b.h]).toEqual([540, 480, 400, 120]);
  });
});

describe('hit testing', () => {
  it('picks the topmost box under the point, and none outside', () => {
    const below = box({ clipId: 'below', w: 1000, h: 1000 });
    const above = box({ clipId: 'above' });
    expect(hitTest([below, above], { x: 500, y: 800 })?.clipId).toBe('above');
    expect(hitTest([below, above], { x: 900, y: 800 })?.clipId).toBe('below');
    expect(hitTest([below, above], { x: 1070, y: 10 })).toBeNull();
  });

  it('a press inside the selected layer takes it even under another layer; elsewhere the topmost', () => {
    const title = box({ clipId: 'title', kind: 'text', w: 600, h: 150 });
    const logo = box({ clipId: 'logo' });
    expect(pressTarget([title, logo], title, { x: 500, y: 800 })?.clipId).toBe('title');
    expect(pressTarget([title, logo], null, { x: 500, y: 800 })?.clipId).toBe('logo');
    expect(pressTarget([title, logo], logo, { x: 780, y: 800 })?.clipId).toBe('title'); // outside the selected logo
    expect(pressTarget([title, logo], title, { x: 20, y: 20 })).toBeNull();
  });

  it('a title over a selected full-frame video: a press on the title takes the title, elsewhere the video (walk 8, finding 55)', () => {
    const video = box({ clipId: 'video', trackKind: 'main', cx: 540, cy: 960, w: 1080, h: 1920 });
    const title = box({ clipId: 'title', kind: 'text', trackKind: 'text', cx: 540, cy: 477, w: 934, h: 82 });
    expect(liesWithin(title, video)).toBe(true);
    expect(liesWithin(video, title)).toBe(false);
    for (const selected of [video, title, null]) {
      expect(pressTarget([video, title], selected, { x: 540, y: 477 })?.clipId, `selected ${selected?.clipId}`).toBe('title');
      expect(pressTarget([video, title], selected, { x: 80, y: 440 })?.clipId).toBe('title');
      expect(pressTarget([video, title], selected, { x: 540, y: 1200 })?.clipId).toBe('video');
    }
  });

  it("a title's outline and click area sit a few pixels outside its letters; a media box keeps its edges", () => {
    const title = box({ clipId: 'title', kind: 'text', w: 600, h: 100 });
    const video = box({ clipId: 'video', w: 1080, h: 1920, cx: 540, cy: 960 });
    expect(shownBox(title, 20)).toMatchObject({ cx: 500, cy: 800, w: 640, h: 140 });
    expect(shownBox(video, 20)).toBe(video);
    // Just above the letters: the title with the slack, the video under it without.
    expect(hitTest([video, title], { x: 500, y: 740 }, 20)?.clipId).toBe('title');
    expect(hitTest([video, title], { x: 500, y: 740 })?.clipId).toBe('video');
    expect(hitTest([video, title], { x: 500, y: 725 }, 20)?.clipId).toBe('video');
    expect(pressTarget([video, title], title, { x: 500, y: 740 }, 20)?.clipId).toBe('title');
    // Rotated with the title: the slack turns with it.
    const turned = shownBox({ ...title, rotation: 90 }, 20);
    expect(boundsOf(turned)).toMatchObject({ left: 430, right: 570 });
  });

  it('follows rotation: a corner of the unrotated box is outside when turned 45°', () => {
    const b = box({ w: 200, h: 200, rotation: 45 });
    expect(containsPoint(b, { x: 595, y: 895 })).toBe(false);
    expect(containsPoint(b, { x: 500, y: 800 + 130 })).toBe(true);
  });

  it('property: a box contains its centre and not a point beyond its bounds', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: 4, max: 2000, noNaN: true }), fc.double({ min: 4, max: 2000, noNaN: true }), (rotation, w, h) => {
        const b = box({ rotation, w, h });
        expect(containsPoint(b, { x: b.cx, y: b.cy })).toBe(true);
        const bd = boundsOf(b);
        expect(containsPoint(b, { x: bd.right + 1, y: b.cy })).toBe(false);
        for (const p of Object.values(cornerPoints(b))) expect(containsPoint(b, p, 1e-6)).toBe(true);
      }),
    );
  });
});

describe('scaling by a corner', () => {
  it('property: the opposite corner stays put, the aspect is kept, the dragged corner follows the diagonal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corners), fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: 0.2, max: 4, noNaN: true }), (corner, rotation, k) => {
        const b = box({ rotation });
        const cs = cornerPoints(b);
        const anchor = { nw: cs.se, ne: cs.sw, se: cs.nw, sw: cs.ne }[corner];
        const target = { x: anchor.x + (cs[corner].x - anchor.x) * k, y: anchor.y + (cs[corner].y - anchor.y) * k };
        const r = scaleByCorner(b, corner, target, false, 0.01);
        expect(r.factor).toBeCloseTo(k, 6);
        const after = cornerPoints({ ...b, cx: r.cx, cy: r.cy, w: b.w * r.factor, h: b.h * r.factor });
        const keep = { nw: after.se, ne: after.sw, se: after.nw, sw: after.ne }[corner];
        expect(keep.x).toBeCloseTo(anchor.x, 6);
        expect(keep.y).toBeCloseTo(anchor.y, 6);
      }),
    );
  });

  it('from the centre keeps the centre; never below the minimum', () => {
    const b = box();
    const r = scaleByCorner(b, 'se', { x: 800, y: 1000 }, true, 0.1);
    expect([r.cx, r.cy]).toEqual([500, 800]);
    expect(r.factor).toBeCloseTo(2, 6);
    expect(scaleByCorner(b, 'se', { x: 0, y: 0 }, false, 0.1).factor).toBe(0.1);
    expect(minFactorFor(b, 20)).toBeCloseTo(0.1, 6);
  });

  it('scales media by transform.scale and text by font size and wrap width', () => {
    const m = media({ scale: 0.5 });
    const mb = mediaBox(m, { width: 300, height: 300 }, canvas, 'overlay');
    expect(scalePatch(m, mb, 2, mb.cx, mb.cy, canvas).transform?.scale).toBeCloseTo(1, 6);
    const tb = textBox(text, { width: 400, height: 120, centerX: 200, centerY: 60 }, canvas);
    const p = scalePatch(text, tb, 0.5, tb.cx, tb.cy - 100, canvas);
    expect(p.style?.size).toBe(48);
    expect(p.maxWidth).toBeCloseTo(0.45, 6);
    expect(p.y).toBeCloseTo(0.5 - 100 / 1920, 9);
  });
});

describe('moving, rotating, keys', () => {
  it('moves the clip’s point by the box’s shift, in canvas fractions', () => {
    const m = media({ x: 0.3, y: 0.4 });
    const b = box();
    const p = movePatch(m, b, b.cx + 108, b.cy - 192, canvas);
    expect(p.transform?.x).toBeCloseTo(0.4, 9);
    expect(p.transform?.y).toBeCloseTo(0.3, 9);
  });

  it('the rotate handle’s angle is 0 straight above and 90 to the right', () => {
    const b = box();
    expect(angleTo(b, rotateHandlePoint(b, 40))).toBeCloseTo(0, 9);
    expect(angleTo(b, { x: b.cx + 100, y: b.cy })).toBeCloseTo(90, 9);
    expect(angleTo(b, rotateHandlePoint({ ...b, rotation: -30 }, 40))).toBeCloseTo(-30, 9);
  });

  it('the rotate handle flips inside the box when there is no room above it, and still turns the box from 0°', () => {
    expect(rotateHandleOffset(box(), 40, 10, canvas)).toBe(40);
    const full = box({ cx: 540, cy: 960, w: 1080, h: 1920 });
    expect(rotateHandleOffset(full, 40, 10, canvas)).toBe(-40);
    expect(angleTo(full, rotateHandlePoint(full, rotateHandleOffset(full, 40, 10, canvas)))).toBeCloseTo(0, 9);
    // Near the top but with room for the whole circle: above; a small box at the top: inside, short of its centre.
    expect(rotateHandleOffset(box({ cy: 160, h: 200 }), 40, 10, canvas)).toBe(40);
    expect(rotateHandleOffset(box({ cy: 30, h: 40 }), 40, 10, canvas)).toBe(-10);
    // A box turned 90° has its "top" at the side: the canvas's side edge decides.
    expect(rotateHandleOffset(box({ cx: 1000, rotation: 90 }), 40, 10, canvas)).toBe(-40);
  });

  it('arrows nudge by 1 or 10 canvas pixels; Tab walks the stack from the top', () => {
    expect(nudgeDelta('ArrowLeft', false)).toEqual({ x: -1, y: 0 });
    expect(nudgeDelta('ArrowDown', true)).toEqual({ x: 0, y: 10 });
    expect(nudgeDelta('a', false)).toBeNull();
    const bs = [box({ clipId: 'a' }), box({ clipId: 'b' }), box({ clipId: 'c' })];
    expect(cycleLayer(bs, null, false)).toBe('c');
    expect(cycleLayer(bs, 'c', false)).toBe('b');
    expect(cycleLayer(bs, 'a', false)).toBeNull();
    expect(cycleLayer(bs, 'c', true)).toBeNull();
    expect(cycleLayer(bs, null, true)).toBe('a');
  });
});

describe('rotation', () => {
  it('turns media by transform.rotation and text by its own, clamped to −180..180 by updateClip', () => {
    const doc = newVideoDraft('d', '9:16', 30, (p) => `${p}-1`);
    const tracks = doc.tracks.map((tr) => (tr.kind === 'overlay' ? { ...tr, clips: [media()] } : tr.kind === 'text' ? { ...tr, clips: [text] } : tr));
    const d0 = { ...doc, tracks };
    const r1 = updateClip(d0, 'm', rotatePatch(media(), 10));
    const r2 = updateClip(d0, 't', rotatePatch(text, 400));
    if (!r1.ok || !r2.ok) throw new Error('refused');
    const m = r1.draft.tracks.find((tr) => tr.kind === 'overlay')!.clips[0]!;
    const tx = r2.draft.tracks.find((tr) => tr.kind === 'text')!.clips[0]!;
    expect(rotationOf(m)).toBe(10);
    expect(rotationOf(tx)).toBe(180);
    expect(mediaBox(m as MediaClip, { width: 300, height: 300 }, canvas, 'overlay').rotation).toBe(10);
  });
});

describe('animated layers', () => {
  it('a box sits where the keys put the layer at that time: a moving logo and a popping title', () => {
    const logo: MediaClip = { ...media({ scale: 0.5 }), start: 1, keyframes: { position: [{ t: 0, value: { x: 0.2, y: 0.5 }, easing: 'linear' }, { t: 2, value: { x: 0.8, y: 0.5 }, easing: 'linear' }] } };
    const title: TextClip = { ...text, keyframes: { scale: [{ t: 0, value: 1, easing: 'linear' }, { t: 2, value: 2, easing: 'linear' }] } };
    const layer = (clip: MediaClip | TextClip, trackKind: 'overlay' | 'text', time: number): ActiveLayer => ({ trackId: trackKind, trackKind, clip, sourceTime: null, opacityFactor: 1, transition: null, time });
    const layers = (t: number) => [layer(logo, 'overlay', t), layer(title, 'text', t)];
    const at = (t: number) => layerBoxes(layers(t), newVideoDraft('d', '9:16', 30, (p) => p).canvas, () => ({ width: 400, height: 400 }), () => ({ width: 100, height: 50, centerX: 50, centerY: 25 }), t);
    expect(at(1)[0]!.cx).toBeCloseTo(0.2 * canvas.width, 6);
    expect(at(2)[0]!.cx).toBeCloseTo(0.5 * canvas.width, 6);
    expect([at(1)[1]!.w, at(1)[1]!.h]).toEqual([150, 75]);
  });
});
