import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newVideoDraft, type MediaClip, type TextClip, type VideoDraft } from './draft';
import type { Rect } from './geometry';
import { keepInside, layerRect, leastCovered, occupiedRects, overlapArea, placeNewOverlay, placeNewText, textRectEstimate } from './layer-placement';
import { newMediaClip, newTextClip, overlayTransform } from './timeline';

let n = 0;
const idFor = (p: string) => `${p}-${n++}`;
const LOGO = { width: 500, height: 500 };
const sizeOf = (id: string) => (id === 'logo' ? LOGO : null);

function draft(): VideoDraft {
  return newVideoDraft('Place', '9:16', 30, idFor);
}
const track = (d: VideoDraft, kind: 'overlay' | 'text') => d.tracks.find((t) => t.kind === kind)!;
const title = (start = 0, text = 'Your text') => ({ ...newTextClip(text, start, idFor, { ...newTextClip('', 0, idFor).style, size: 90 }), duration: 3 });
function logo(d: VideoDraft, start = 0): MediaClip {
  const c = newMediaClip({ id: 'logo', kind: 'image', durationSec: null }, start, idFor);
  return { ...c, transform: overlayTransform(LOGO, d.canvas) };
}
const rectOf = (d: VideoDraft, c: TextClip | MediaClip) => layerRect(c, d.canvas, sizeOf)!;

describe('where a new title or overlay lands', () => {
  it('a title on an empty screen goes to the upper third, centred across', () => {
    const d = draft();
    const t = placeNewText(d, title(), sizeOf);
    expect(t.y).toBe(0.25);
    expect(t.x).toBe(0.5);
  });
  it('a second title while the first plays goes just below it, not on top', () => {
    const d = draft();
    const first = placeNewText(d, title(), sizeOf);
    track(d, 'text').clips.push(first);
    const second = placeNewText(d, title(1), sizeOf);
    expect(second.y).toBeGreaterThan(first.y);
    expect(overlapArea(rectOf(d, first), rectOf(d, second))).toBe(0);
    // A title that plays after the first one ends takes the upper third again.
    expect(placeNewText(d, title(3), sizeOf).y).toBe(0.25);
  });
  it('a logo added under a title stays centred (the title is up); a second logo goes beside, not on top', () => {
    const d = draft();
    track(d, 'text').clips.push(placeNewText(d, title(), sizeOf));
    const a = placeNewOverlay(d, logo(d), sizeOf);
    expect([a.transform.x, a.transform.y]).toEqual([0.5, 0.5]);
    expect(a.transform.scale).toBe(logo(d).transform.scale);
    track(d, 'overlay').clips.push(a);
    const b = placeNewOverlay(d, logo(d, 1), sizeOf);
    expect(overlapArea(rectOf(d, a), rectOf(d, b))).toBe(0);
    expect(occupiedRects(d, 1, 2, sizeOf).every((r) => overlapArea(r, rectOf(d, b)) === 0)).toBe(true);
  });
  it('a hidden track, the main track and a picture of unknown size do not count', () => {
    const d = draft();
    const t = placeNewText(d, title(), sizeOf);
    track(d, 'text').clips.push(t);
    track(d, 'text').hidden = true;
    expect(placeNewText(d, title(), sizeOf).y).toBe(0.25);
    d.tracks[0]!.clips.push(logo(d));
    expect(placeNewOverlay(d, logo(d), sizeOf).transform.y).toBe(0.5);
    const unknown = { ...logo(d), assetId: 'nope' };
    expect(placeNewOverlay(d, unknown, sizeOf)).toBe(unknown);
  });
  it('a title’s estimated block wraps at its width', () => {
    const one = textRectEstimate({ ...title(), text: 'Hi' }, { width: 1080, height: 1920 });
    const long = textRectEstimate({ ...title(), text: 'A title long enough to wrap onto two or three lines' }, { width: 1080, height: 1920 });
    expect(long.height).toBeGreaterThan(one.height * 1.5);
    expect(long.width).toBeLessThanOrEqual(0.9 * 1080);
  });

  const canvas = { width: 1080, height: 1920 };
  const rect = fc.record({ x: fc.integer({ min: -200, max: 1200 }), y: fc.integer({ min: -200, max: 2000 }), width: fc.integer({ min: 1, max: 800 }), height: fc.integer({ min: 1, max: 800 }) });
  const size = fc.record({ width: fc.integer({ min: 1, max: 1080 }), height: fc.integer({ min: 1, max: 1920 }) });
  const spot = fc.record({ x: fc.double({ min: 0, max: 1, noNaN: true }), y: fc.double({ min: 0, max: 1, noNaN: true }) });
  const cover = (c: { x: number; y: number }, s: { width: number; height: number }, occ: Rect[]) => {
    const r = { x: c.x * canvas.width - s.width / 2, y: c.y * canvas.height - s.height / 2, width: s.width, height: s.height };
    return occ.reduce((sum, o) => sum + overlapArea(r, o), 0);
  };

  it('property: the spot chosen keeps the block on the canvas and covers no more than any candidate would', () => {
    fc.assert(
      fc.property(fc.array(spot, { minLength: 1, maxLength: 8 }), size, fc.array(rect, { maxLength: 6 }), (cands, s, occ) => {
        const at = leastCovered(cands, s, occ, canvas);
        expect(at.x * canvas.width - s.width / 2).toBeGreaterThanOrEqual(-1e-6);
        expect(at.x * canvas.width + s.width / 2).toBeLessThanOrEqual(canvas.width + 1e-6);
        expect(at.y * canvas.height - s.height / 2).toBeGreaterThanOrEqual(-1e-6);
        expect(at.y * canvas.height + s.height / 2).toBeLessThanOrEqual(canvas.height + 1e-6);
        const mine = cover(at, s, occ);
        for (const c of cands) expect(mine).toBeLessThanOrEqual(cover(keepInside(c, s, canvas), s, occ) + 1e-6);
      }),
    );
  });
  it('property: with nothing on screen the first candidate wins (a lone title in the upper third, a lone logo centred)', () => {
    fc.assert(
      fc.property(fc.array(spot, { minLength: 1, maxLength: 8 }), size, (cands, s) => {
        expect(leastCovered(cands, s, [], canvas)).toEqual(keepInside(cands[0]!, s, canvas));
      }),
    );
  });
  it('property: layers that play at other times never move a new title', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ start: fc.integer({ min: 3, max: 30 }), y: fc.double({ min: 0.05, max: 0.95, noNaN: true }) }), { maxLength: 5 }), (later) => {
        const d = draft();
        for (const l of later) track(d, 'text').clips.push({ ...title(l.start), y: l.y });
        expect(placeNewText(d, title(0), sizeOf).y).toBe(0.25);
      }),
    );
  });
});
