import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newVideoDraft, type VideoDraft } from '../../../../../electron/model/draft';
import { newMediaClip } from '../../../../../electron/model/timeline';
import { CARD_COMPACT, reversingAt, reversingPlacement } from './reversingLogic';

let n = 0;
const idFor = (p: string) => `${p}-${n++}`;

/** A 30 fps draft: a reversed video on main (0–4 s), the same video reversed on the overlay (1–3 s), a forwards one after. */
function draft(): VideoDraft {
  const d = newVideoDraft('Rev', '9:16', 30, idFor);
  const [main, overlay] = d.tracks;
  main!.clips.push({ ...newMediaClip({ id: 'v', kind: 'video', durationSec: 4 }, 0, idFor), id: 'rev', reversed: true });
  main!.clips.push({ ...newMediaClip({ id: 'w', kind: 'video', durationSec: 2 }, 4, idFor), id: 'fwd' });
  overlay!.clips.push({ ...newMediaClip({ id: 'v', kind: 'video', durationSec: 2 }, 1, idFor), id: 'rev2', reversed: true });
  return d;
}

describe('reversingAt', () => {
  it('names a reversed clip at the playhead whose copy is not ready, once per asset', () => {
    const d = draft();
    expect(reversingAt(d, 0.5, {})).toEqual([{ clipId: 'rev', assetId: 'v' }]);
    expect(reversingAt(d, 2, {})).toEqual([{ clipId: 'rev', assetId: 'v' }]);
  });
  it('says nothing once the copy is ready, for forwards clips, or on a hidden track', () => {
    const d = draft();
    expect(reversingAt(d, 0.5, { v: 'proxy' })).toEqual([]);
    expect(reversingAt(d, 5, {})).toEqual([]);
    const hidden = { ...d, tracks: d.tracks.map((t) => (t.kind === 'main' ? { ...t, hidden: true } : t)) };
    expect(reversingAt(hidden, 0.5, {})).toEqual([]);
    expect(reversingAt(hidden, 2, {})).toEqual([{ clipId: 'rev2', assetId: 'v' }]);
  });
});

describe('reversingPlacement', () => {
  const canvas = { width: 1080, height: 1920 };
  const view = { width: 270, height: 480 }; // a quarter of the canvas

  it('sits over the clip’s own box, scaled to the view', () => {
    const p = reversingPlacement({ left: 0, top: 0, right: 1080, bottom: 960 }, canvas, view);
    expect(p).toEqual({ rect: { left: 0, top: 0, width: 270, height: 240 }, compact: false });
  });
  it('keeps a box half off the canvas to its visible part', () => {
    const p = reversingPlacement({ left: -540, top: 1440, right: 540, bottom: 2400 }, canvas, view);
    expect(p.rect).toEqual({ left: 0, top: 360, width: 135, height: 120 });
  });
  it('uses the whole canvas when the size is unknown or the box is wholly off-screen', () => {
    const whole = { left: 0, top: 0, width: 270, height: 480 };
    expect(reversingPlacement(null, canvas, view)).toEqual({ rect: whole, compact: false });
    expect(reversingPlacement({ left: 1200, top: 0, right: 1500, bottom: 300 }, canvas, view).rect).toEqual(whole);
  });
  it('is compact over a small box, and grows a tiny one about its centre while staying inside the view', () => {
    const small = reversingPlacement({ left: 400, top: 800, right: 800, bottom: 1000 }, canvas, view);
    expect(small).toEqual({ rect: { left: 100, top: 200, width: 100, height: 50 }, compact: true });
    const corner = reversingPlacement({ left: 1000, top: 1880, right: 1080, bottom: 1920 }, canvas, view);
    expect(corner.compact).toBe(true);
    expect(corner.rect).toEqual({ left: 270 - CARD_COMPACT.width, top: 480 - CARD_COMPACT.height, ...CARD_COMPACT });
  });
  it('always lies inside the view, and over the box’s visible centre when the box is on the canvas (property)', () => {
    const coord = fc.double({ min: -3000, max: 3000, noNaN: true });
    fc.assert(
      fc.property(coord, coord, fc.double({ min: 1, max: 3000, noNaN: true }), fc.double({ min: 1, max: 3000, noNaN: true }), (x, y, w, h) => {
        const b = { left: x, top: y, right: x + w, bottom: y + h };
        const { rect } = reversingPlacement(b, canvas, view);
        expect(rect.left).toBeGreaterThanOrEqual(-1e-9);
        expect(rect.top).toBeGreaterThanOrEqual(-1e-9);
        expect(rect.left + rect.width).toBeLessThanOrEqual(view.width + 1e-9);
        expect(rect.top + rect.height).toBeLessThanOrEqual(view.height + 1e-9);
        const vl = Math.max(0, x) / 4, vr = Math.min(1080, x + w) / 4, vt = Math.max(0, y) / 4, vb = Math.min(1920, y + h) / 4;
        if (vr > vl && vb > vt) {
          const cx = (vl + vr) / 2, cy = (vt + vb) / 2;
          expect(cx).toBeGreaterThanOrEqual(rect.left - 1e-9);
          expect(cx).toBeLessThanOrEqual(rect.left + rect.width + 1e-9);
          expect(cy).toBeGreaterThanOrEqual(rect.top - 1e-9);
          expect(cy).toBeLessThanOrEqual(rect.top + rect.height + 1e-9);
        }
      }),
      { numRuns: 500 },
    );
  });
});
