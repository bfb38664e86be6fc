import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newVideoDraft, VideoDraft, type Clip, type MediaClip, type TextClip } from './draft';
import { setKey } from './keyframe-edit';
import { clipAt, patchAt } from './keyframe-patch';
import { clipStateAt } from './keyframes';
import { findClip, insertClip, newMediaClip, newTextClip, updateClip, type EditResult, type SourceInfo } from './timeline';

const info: SourceInfo = () => ({ kind: 'video', durationSec: 20 });
let n = 0;
const idFor = (p: string) => `${p}-${++n}`;
const ok = (r: EditResult): VideoDraft => {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return VideoDraft.parse(r.draft);
};
const clip = (d: VideoDraft, id: string): Clip => findClip(d, id)!.clip;

/** 30 fps: a 4 s video at 2 s whose centre moves from (0.3, 0.5) to (0.7, 0.5) and grows 1 → 2; a title at 1 s. */
function fixture(): { d: VideoDraft; media: string; text: string } {
  let d = newVideoDraft('k', '9:16', 30, idFor);
  const m: MediaClip = { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 20 }, 2, idFor), out: 4 };
  d = ok(insertClip(d, d.tracks[1]!.id, m, 2, info));
  const tx: TextClip = newTextClip('Hello', 1, idFor);
  d = ok(insertClip(d, d.tracks[2]!.id, tx, 1, info));
  d = ok(setKey(d, m.id, 'position', 0, { x: 0.3, y: 0.5 }));
  d = ok(setKey(d, m.id, 'position', 4, { x: 0.7, y: 0.5 }));
  d = ok(setKey(d, m.id, 'scale', 0, 1));
  d = ok(setKey(d, m.id, 'scale', 4, 2));
  return { d, media: m.id, text: tx.id };
}

describe('changes made on the preview to an animated clip', () => {
  it('shows the clip where its keys put it', () => {
    const { d, media } = fixture();
    const at = clipAt(clip(d, media), 2);
    expect(at.type === 'media' && [at.transform.x, at.transform.y, at.transform.scale]).toEqual([0.5, 0.5, 1.5]);
  });

  it('a move writes a key at the playhead, moved as far as the pointer moved; the still value stays', () => {
    const { d, media } = fixture();
    const base = clip(d, media) as MediaClip;
    // The preview's move: the still value plus the on-screen move (manipulateLogic.movePatch).
    const patch = { transform: { x: base.transform.x + 0.1, y: base.transform.y - 0.2 } };
    const next = ok(patchAt(d, media, base, patch, 2));
    const c = clip(next, media) as MediaClip;
    expect(c.transform.x).toBe(base.transform.x);
    const s = clipStateAt(c, c.start + 2);
    expect([s.x, s.y]).toEqual([expect.closeTo(0.6, 9), expect.closeTo(0.3, 9)]);
    expect(c.keyframes!.position!.map((k) => k.t)).toEqual([0, 2, 4]);
    // The next step of the same drag is measured from the gesture's start: the keys do not add up.
    const again = ok(patchAt(next, media, base, patch, 2));
    expect(clip(again, media)).toEqual(c);
  });

  it('a resize scales the keyed size at the playhead; a turn of an unkeyed rotation changes the still value', () => {
    const { d, media } = fixture();
    const base = clip(d, media) as MediaClip;
    const next = ok(patchAt(d, media, base, { transform: { scale: base.transform.scale * 2, rotation: 10 } }, 1));
    const c = clip(next, media) as MediaClip;
    expect(clipStateAt(c, c.start + 1).scale).toBeCloseTo(1.25 * 2, 9);
    expect(c.transform.rotation).toBe(10);
    expect(c.keyframes!.rotation).toBeUndefined();
  });

  it('a turn of keyed rotation writes the angle wanted at the playhead', () => {
    const { d, text } = fixture();
    const keyed = ok(setKey(d, text, 'rotation', 0, 0));
    const base = clip(keyed, text);
    const next = ok(patchAt(keyed, text, base, { rotation: 12 }, 1));
    const c = clip(next, text) as TextClip;
    expect(clipStateAt(c, c.start + 1).rotation).toBeCloseTo(12, 9);
    expect(c.rotation).toBe(0);
  });

  it('a clip without keys is patched as before', () => {
    const { d, text } = fixture();
    const base = clip(d, text);
    expect(patchAt(d, text, base, { x: 0.2 }, 1)).toEqual(updateClip(d, text, { x: 0.2 }));
  });

  it('for any move on any frame of the clip, the picture ends where it was dragged at that frame', () => {
    const { d, media } = fixture();
    const base = clip(d, media) as MediaClip;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.double({ min: -0.3, max: 0.3, noNaN: true }), fc.double({ min: -0.3, max: 0.3, noNaN: true }), (frame, dx, dy) => {
        const local = frame / 30;
        const before = clipStateAt(base, base.start + local);
        const next = ok(patchAt(d, media, base, { transform: { x: base.transform.x + dx, y: base.transform.y + dy } }, local));
        const s = clipStateAt(clip(next, media), base.start + local);
        expect(s.x).toBeCloseTo(before.x + dx, 6);
        expect(s.y).toBeCloseTo(before.y + dy, 6);
      }),
      { numRuns: 200 },
    );
  });
});
