import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newVideoDraft, VideoDraft, type Clip, type MediaClip, type TextClip } from './draft';
import { setKey } from './keyframe-edit';
import { fieldOnKey, fieldValue, setFieldAt, type Field } from './keyed-field';
import { clipStateAt } from './keyframes';
import { findClip, insertClip, newMediaClip, newTextClip, type EditResult, type SourceInfo } from './timeline';

const info: SourceInfo = () => ({ kind: 'video', durationSec: 20 });
let n = 0;
const idFor = (p: string) => `${p}-${++n}`;
const ok = (r: EditResult): VideoDraft => {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return VideoDraft.parse(r.draft);
};
const clip = (d: VideoDraft, id: string): Clip => findClip(d, id)!.clip;
const media = (d: VideoDraft, id: string) => clip(d, id) as MediaClip;

/** 30 fps: a 4 s video at 2 s moving (0.3, 0.5) → (0.7, 0.5) and growing 1 → 2 over its length; a still title at 1 s. */
function fixture(): { d: VideoDraft; video: string; text: string } {
  let d = newVideoDraft('k', '9:16', 30, idFor);
  const m: MediaClip = { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 20 }, 2, idFor), out: 4 };
  d = ok(insertClip(d, d.tracks[1]!.id, m, 2, info));
  const tx: TextClip = newTextClip('Hello', 1, idFor);
  d = ok(insertClip(d, d.tracks[2]!.id, tx, 1, info));
  d = ok(setKey(d, m.id, 'position', 0, { x: 0.3, y: 0.5 }));
  d = ok(setKey(d, m.id, 'position', 4, { x: 0.7, y: 0.5 }));
  d = ok(setKey(d, m.id, 'scale', 0, 1));
  d = ok(setKey(d, m.id, 'scale', 4, 2));
  return { d, video: m.id, text: tx.id };
}

describe('Inspector fields of an animated clip', () => {
  it('show the animated value at the playhead when keyed, the still value when not', () => {
    const { d, video } = fixture();
    const c = clip(d, video);
    expect(fieldValue(c, 'scale', 2)).toBeCloseTo(1.5, 9);
    expect(fieldValue(c, 'x', 1)).toBeCloseTo(0.4, 9);
    expect(fieldValue(c, 'opacity', 2)).toBe(media(d, video).transform.opacity);
    expect(fieldOnKey(c, 'scale', 0, 30)).toBe(true);
    expect(fieldOnKey(c, 'scale', 2, 30)).toBe(false);
    expect(fieldOnKey(c, 'scale', null, 30)).toBe(false);
  });

  it('a change of a keyed value adds a key at the playhead and leaves the still value alone', () => {
    const { d, video } = fixture();
    const before = media(d, video).transform.scale;
    const after = ok(setFieldAt(d, video, 'scale', 3, 2));
    const c = media(after, video);
    expect(c.keyframes!.scale!.map((k) => [k.t, k.value])).toEqual([[0, 1], [2, 3], [4, 2]]);
    expect(c.transform.scale).toBe(before);
    expect(fieldValue(c, 'scale', 2)).toBe(3);
  });

  it('a change on a key changes that key, not the others', () => {
    const { d, video } = fixture();
    const c = media(ok(setFieldAt(d, video, 'scale', 1.25, 4)), video);
    expect(c.keyframes!.scale!.map((k) => [k.t, k.value])).toEqual([[0, 1], [4, 1.25]]);
  });

  it('X keeps Y where the animation has it, and Y keeps X', () => {
    const { d, video } = fixture();
    const x = media(ok(setFieldAt(d, video, 'x', 0.9, 1)), video);
    expect(x.keyframes!.position!.find((k) => k.t === 1)!.value).toEqual({ x: 0.9, y: 0.5 });
    const y = media(ok(setFieldAt(d, video, 'y', 0.2, 1)), video);
    const k = y.keyframes!.position!.find((p) => p.t === 1)!.value;
    expect(k.x).toBeCloseTo(0.4, 9);
    expect(k.y).toBe(0.2);
  });

  it('an animated value cannot change with the playhead outside the clip: refused, nothing changed', () => {
    const { d, video } = fixture();
    const r = setFieldAt(d, video, 'scale', 3, null);
    expect(r.ok).toBe(false);
  });

  it('a property without keys changes the still value, wherever the playhead is', () => {
    const { d, video, text } = fixture();
    expect(media(ok(setFieldAt(d, video, 'opacity', 0.4, null)), video).transform.opacity).toBe(0.4);
    expect(media(ok(setFieldAt(d, video, 'volume', 0.5, 1)), video).volume).toBe(0.5);
    expect((clip(ok(setFieldAt(d, text, 'rotation', 10, null)), text) as TextClip).rotation).toBe(10);
    expect(setFieldAt(d, text, 'opacity', 0.5, 0).ok, 'text has no still opacity').toBe(false);
    expect(setFieldAt(d, 'gone', 'x', 0.5, 0).ok).toBe(false);
  });

  it('whatever is written, the field then shows it at that time (keyed or not)', () => {
    const fields: Field[] = ['x', 'y', 'scale', 'rotation', 'opacity'];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.integer({ min: 0, max: 120 }), fc.double({ min: 0.1, max: 1, noNaN: true }), (f, frame, v) => {
        const { d, video } = fixture();
        const local = frame / 30;
        const after = clip(ok(setFieldAt(d, video, f, v, local)), video);
        expect(fieldValue(after, f, local)).toBeCloseTo(v, 9);
        // Everything else at that time is as it was.
        const [s0, s1] = [clipStateAt(clip(d, video), 2 + local), clipStateAt(after, 2 + local)];
        for (const g of fields.filter((g) => g !== f)) expect(s1[g]).toBeCloseTo(s0[g], 9);
      }),
      { numRuns: 150 },
    );
  });
});
