import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultTransform, type MediaClip, type Transform } from '../../../../../electron/model/draft';
import type { ActiveLayer } from '../../../../../electron/model/timeline';
import { clipPointAt, CROSSHAIR_START, moveCrosshair, patchRect, sampleHex } from './keyPickLogic';

describe('eyedropper sample', () => {
  it('averages the patch around the point, clipped at the edges', () => {
    const w = 4;
    const h = 3;
    const px = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) px.set(i % w < 2 ? [0, 200, 0, 255] : [100, 0, 50, 255], i * 4);
    expect(sampleHex(px, w, h, 0, 0, 1)).toBe('#00c800');
    expect(sampleHex(px, w, h, 3, 2, 1)).toBe('#640032');
    // x 1.6 is pixel 2: one green column and two purple ones around it.
    expect(sampleHex(px, w, h, 1.6, 1, 1)).toBe('#434321');
  });
});

describe('eyedropper by keyboard', () => {
  it('arrows move the cross 1% of the preview, Shift 10%; other keys do not move it', () => {
    expect(moveCrosshair(CROSSHAIR_START, 'ArrowRight', false)).toEqual({ x: 0.51, y: 0.5 });
    expect(moveCrosshair(CROSSHAIR_START, 'ArrowUp', true)).toEqual({ x: 0.5, y: 0.4 });
    expect(moveCrosshair(CROSSHAIR_START, 'ArrowDown', false)).toEqual({ x: 0.5, y: 0.51 });
    expect(moveCrosshair(CROSSHAIR_START, 'ArrowLeft', true)).toEqual({ x: 0.4, y: 0.5 });
    expect(moveCrosshair(CROSSHAIR_START, 'Enter', false)).toBeNull();
    expect(moveCrosshair(CROSSHAIR_START, 'a', true)).toBeNull();
  });

  it('stays inside the picture and ten small steps land where one big one does', () => {
    const key = fc.constantFrom('ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.boolean()), { maxLength: 60 }), key, (moves, k) => {
        let p = CROSSHAIR_START;
        for (const [m, shift] of moves) p = moveCrosshair(p, m, shift)!;
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(1);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(1);
        let small = p;
        for (let i = 0; i < 10; i++) small = moveCrosshair(small, k, false)!;
        const big = moveCrosshair(p, k, true)!;
        expect(small.x).toBeCloseTo(big.x, 9);
        expect(small.y).toBeCloseTo(big.y, 9);
      }),
    );
  });

  it('reads a 5x5 patch around the point, clipped at every edge of the picture', () => {
    expect(patchRect(50, 40, 100, 80)).toEqual({ x0: 48, y0: 38, w: 5, h: 5 });
    expect(patchRect(0, 0, 100, 80)).toEqual({ x0: 0, y0: 0, w: 3, h: 3 });
    // The cross at the far edge (share 1) is just outside the last pixel: the patch still holds pixels.
    expect(patchRect(100, 80, 100, 80)).toEqual({ x0: 98, y0: 78, w: 2, h: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (w, h, sx, sy) => {
        const r = patchRect(sx * w, sy * h, w, h);
        expect(r.x0).toBeGreaterThanOrEqual(0);
        expect(r.y0).toBeGreaterThanOrEqual(0);
        expect(r.w).toBeGreaterThanOrEqual(1);
        expect(r.h).toBeGreaterThanOrEqual(1);
        expect(r.x0 + r.w).toBeLessThanOrEqual(w);
        expect(r.y0 + r.h).toBeLessThanOrEqual(h);
        expect(r.w).toBeLessThanOrEqual(5);
      }),
    );
  });
});

describe('eyedropper: the clip point under the click', () => {
  const canvas = { width: 1080, height: 1920 };
  const size = { width: 720, height: 1280 };
  const layer = (transform: Partial<Transform>, extra: Partial<MediaClip> = {}, trackKind: 'main' | 'overlay' = 'overlay', time = 0): ActiveLayer => ({
    trackId: 't',
    trackKind,
    clip: { id: 'c', type: 'media', assetId: 'a', start: 0, in: 0, out: 4, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: { ...defaultTransform('fit'), ...transform }, transitionIn: null, brand: null, ...extra },
    sourceTime: 0,
    opacityFactor: 1,
    transition: null,
    time,
  });

  it('maps the clip box onto its picture and refuses points outside it', () => {
    // Half size, centred: the box is 540x960 at (270, 480); the picture is 720x1280.
    const l = layer({ scale: 0.5 });
    expect(clipPointAt(l, size, canvas, 270, 480)).toEqual({ x: 0, y: 0 });
    expect(clipPointAt(l, size, canvas, 540, 960)).toEqual({ x: 360, y: 640 });
    expect(clipPointAt(l, size, canvas, 269, 480)).toBeNull();
    expect(clipPointAt(l, size, canvas, 810, 960)).toBeNull();
    expect(clipPointAt(l, size, canvas, 540, 100)).toBeNull();
  });

  it('a crop: the box shows only the kept part', () => {
    // The left half kept (360x1280), shown fitted: 1080 px tall... contain of 360x1280 in 1080x1920 is 1.5.
    const l = layer({ crop: { left: 0, right: 0.5, top: 0, bottom: 0 } });
    const p = clipPointAt(l, size, canvas, 540, 960)!;
    expect(p.x).toBeCloseTo(180, 5);
    expect(p.y).toBeCloseTo(640, 5);
  });

  it('a fitted main-track clip: the pad around it is not the clip', () => {
    const wide = { width: 1920, height: 1080 };
    const l = layer({}, {}, 'main');
    // 1080 wide, 608 tall, centred: 656 … 1264.
    expect(clipPointAt(l, wide, canvas, 540, 300)).toBeNull();
    expect(clipPointAt(l, wide, canvas, 540, 960)!.x).toBeCloseTo(960, 5);
  });

  it('a turned clip: a point along its turned edge is in, the same point unturned is out', () => {
    // A quarter turn of a 540x960 box at the centre: it spans 960 wide and 540 tall.
    const l = layer({ scale: 0.5, rotation: 90 });
    expect(clipPointAt(l, size, canvas, 100, 960)).not.toBeNull();
    expect(clipPointAt(layer({ scale: 0.5 }), size, canvas, 100, 960)).toBeNull();
    expect(clipPointAt(l, size, canvas, 540, 600)).toBeNull();
    // Turned clockwise by 90°: the picture's top-left corner is at the box's top-right.
    const corner = clipPointAt(l, size, canvas, 540 + 480 - 0.5, 960 - 270 + 0.5)!;
    expect(corner.x).toBeLessThan(2);
    expect(corner.y).toBeLessThan(2);
  });

  it('keyframes: the box is where the clip is at the layer time', () => {
    const keyframes = { position: [{ t: 0, value: { x: 0.25, y: 0.5 }, easing: 'linear' as const }, { t: 2, value: { x: 0.75, y: 0.5 }, easing: 'linear' as const }], scale: [{ t: 0, value: 0.2, easing: 'linear' as const }, { t: 2, value: 0.4, easing: 'linear' as const }] };
    // At 1 s: centred at x 540, scale 0.3 of fit (1.5): 324x576.
    const l = layer({ scale: 0.2, x: 0.25 }, { keyframes }, 'overlay', 1);
    const mid = clipPointAt(l, size, canvas, 540, 960)!;
    expect(mid.x).toBeCloseTo(360, 0);
    expect(mid.y).toBeCloseTo(640, 0);
    expect(clipPointAt(l, size, canvas, 540 + 170, 960)).toBeNull();
    expect(clipPointAt({ ...l, time: 0 }, size, canvas, 540, 960)).toBeNull();
  });

  it('text is never a pick target', () => {
    const text = { ...layer({}), clip: { id: 't', type: 'text' } } as unknown as ActiveLayer;
    expect(clipPointAt(text, size, canvas, 540, 960)).toBeNull();
  });
});
