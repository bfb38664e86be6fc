import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newVideoDraft, VideoDraft, type Clip, type MediaClip, type TextClip } from './draft';
import { adjacentKey, clearTrack, moveKey, moveKeysAt, propsKeyedAt, removeKey, removeKeysAt, setKey, setKeyEasing, toggleKey } from './keyframe-edit';
import { applyPreset, presetKeys, presetsOnClip } from './keyframe-presets';
import { KEYFRAMES_MAX } from './keyframe-track';
import { clipStateAt, revealColumns } from './keyframes';
import { findClip, insertClip, newMediaClip, newTextClip, splitClip, trimClip, type EditResult, type SourceInfo } from './timeline';

const info: SourceInfo = (id) => (id === 'img' ? { kind: 'image', durationSec: null } : { kind: 'video', durationSec: 20 });
let n = 0;
const idFor = (p: string) => `${p}-${++n}`;
const ok = (r: EditResult): VideoDraft => {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return VideoDraft.parse(r.draft); // every result must still be a valid draft
};
const clip = (d: VideoDraft, id: string): Clip => findClip(d, id)!.clip;

/** A draft (30 fps) with a 4 s video at 2 s on the overlay track and a 3 s title at 1 s. */
function fixture(): { d: VideoDraft; media: string; text: string } {
  let d = newVideoDraft('k', '9:16', 30, idFor);
  const m: MediaClip = { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 20 }, 2, idFor), out: 4 };
  d = ok(insertClip(d, d.tracks[1]!.id, m, 2, info));
  const tx: TextClip = newTextClip('Hello there', 1, idFor);
  d = ok(insertClip(d, d.tracks[2]!.id, tx, 1, info));
  return { d, media: m.id, text: tx.id };
}

describe('keyframe edits', () => {
  it('a new key takes the value shown there, so the picture does not jump', () => {
    const { d, media } = fixture();
    const a = ok(setKey(d, media, 'scale', 0, 1.2));
    const b = ok(setKey(a, media, 'scale', 2, 2));
    const before = clipStateAt(clip(b, media), 2 + 1).scale;
    const c = ok(setKey(b, media, 'scale', 1));
    expect(clipStateAt(clip(c, media), 2 + 1).scale).toBeCloseTo(before, 9);
    expect(clip(c, media).keyframes!.scale!.map((k) => k.t)).toEqual([0, 1, 2]);
  });
  it('snaps to frames, keeps keys inside the clip and replaces the key on the same frame', () => {
    const { d, media } = fixture();
    const a = ok(setKey(d, media, 'opacity', 9, 0.5));
    expect(clip(a, media).keyframes!.opacity![0]!.t).toBe(4);
    const b = ok(setKey(a, media, 'opacity', 4.01, 0.2));
    expect(clip(b, media).keyframes!.opacity).toEqual([{ t: 4, value: 0.2, easing: 'linear' }]);
    const c = ok(setKey(b, media, 'opacity', -3, 9));
    expect(clip(c, media).keyframes!.opacity![0]).toEqual({ t: 0, value: 1, easing: 'linear' });
  });
  it('refuses more than KEYFRAMES_MAX keys with a message that says what to do', () => {
    const { d, media } = fixture();
    let x = d;
    for (let i = 0; i < KEYFRAMES_MAX; i++) x = ok(setKey(x, media, 'rotation', i / 30, i));
    const r = setKey(x, media, 'rotation', 3, 5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/at most 48 keyframes.*Remove a key/);
  });
  it('removing the last key keeps the value it had; toggling adds then removes', () => {
    const { d, media } = fixture();
    const a = ok(setKey(d, media, 'position', 1, { x: 0.2, y: 0.7 }));
    const b = ok(removeKey(a, media, 'position', 1));
    const c = clip(b, media) as MediaClip;
    expect(c.keyframes).toBeUndefined();
    expect([c.transform.x, c.transform.y]).toEqual([0.2, 0.7]);
    const t1 = ok(toggleKey(b, media, 'volume', 0.5));
    expect(clip(t1, media).keyframes!.volume!.length).toBe(1);
    expect(clip(ok(toggleKey(t1, media, 'volume', 0.5)), media).keyframes).toBeUndefined();
  });
  it('sets easing, clears a track and finds the previous/next key', () => {
    const { d, text } = fixture();
    let x = ok(setKey(d, text, 'opacity', 0, 0));
    x = ok(setKey(x, text, 'opacity', 1, 1));
    x = ok(setKeyEasing(x, text, 'opacity', 0, 'easeInOut'));
    expect(clip(x, text).keyframes!.opacity![0]!.easing).toBe('easeInOut');
    expect(adjacentKey(clip(x, text), 0.5, 1, 30)).toBe(1);
    expect(adjacentKey(clip(x, text), 0.5, -1, 30)).toBe(0);
    expect(adjacentKey(clip(x, text), 1, 1, 30)).toBeNull();
    expect(clip(ok(clearTrack(x, text, 'opacity')), text).keyframes).toBeUndefined();
  });
  it('moving keys keeps them ordered, on frames, inside the clip and never on one frame (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.double({ min: -2, max: 6, noNaN: true })), { minLength: 1, maxLength: 20 }), (moves) => {
        const { d, media } = fixture();
        let x = ok(setKey(d, media, 'scale', 0, 1));
        x = ok(setKey(x, media, 'scale', 1, 1.5));
        x = ok(setKey(x, media, 'scale', 2, 2));
        x = ok(setKey(x, media, 'scale', 3, 1));
        for (const [i, to] of moves) {
          const keys = clip(x, media).keyframes!.scale!;
          x = ok(moveKey(x, media, 'scale', keys[i]!.t, to));
          const ts = clip(x, media).keyframes!.scale!.map((k) => k.t);
          expect(ts).toHaveLength(4);
          for (const t of ts) {
            expect(t).toBeGreaterThanOrEqual(0);
            expect(t).toBeLessThanOrEqual(4);
            expect(Math.abs(t * 30 - Math.round(t * 30))).toBeLessThan(1e-9);
          }
        }
      }),
    );
  });
});

describe('trim and split keep keys inside the clip', () => {
  const keyed = () => {
    const { d, media } = fixture();
    let x = ok(setKey(d, media, 'scale', 0, 1));
    x = ok(setKey(x, media, 'scale', 4, 2));
    return { x, media };
  };
  it('a start trim keeps each key on its timeline frame and cuts the ones before', () => {
    const { x, media } = keyed();
    const before = clipStateAt(clip(x, media), 3.5).scale;
    const y = ok(trimClip(x, media, 'start', 3, info));
    const keys = clip(y, media).keyframes!.scale!;
    expect(keys.map((k) => k.t)).toEqual([0, 3]);
    expect(keys[0]!.value).toBeCloseTo(1.25, 9);
    expect(clipStateAt(clip(y, media), 3.5).scale).toBeCloseTo(before, 9);
  });
  it('an end trim drops keys past the new end with an edge key', () => {
    const { x, media } = keyed();
    const y = ok(trimClip(x, media, 'end', 4, info));
    expect(clip(y, media).keyframes!.scale!.map((k) => [k.t, k.value])).toEqual([[0, 1], [2, 1.5]]);
  });
  it('a split gives each part its own keys, re-timed, and nothing moves on the cut (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 119 }), fc.integer({ min: 0, max: 119 }), (cutF, probeF) => {
        const { x, media } = keyed();
        const at = 2 + cutF / 30;
        const y = ok(splitClip(x, media, at, () => 'clip-b'));
        const t = 2 + probeF / 30;
        const part = t < at ? clip(y, media) : clip(y, 'clip-b');
        expect(clipStateAt(part, t).scale).toBeCloseTo(clipStateAt(clip(x, media), t).scale, 9);
        for (const p of [clip(y, media), clip(y, 'clip-b')]) for (const k of p.keyframes!.scale!) expect(k.t).toBeLessThanOrEqual(4);
      }),
    );
  });
});

describe('animation presets', () => {
  it('Ken Burns zooms and pans over the whole clip from where the clip is', () => {
    const { d, media } = fixture();
    const y = ok(applyPreset(d, media, 'kenBurnsIn'));
    const k = clip(y, media).keyframes!;
    expect(k.scale!.map((x) => [x.t, x.value])).toEqual([[0, 1], [4, 1.15]]);
    expect(k.position!.at(-1)!.value).toEqual({ x: 0.53, y: 0.48 });
    const out = clip(ok(applyPreset(y, media, 'kenBurnsOut')), media).keyframes!;
    expect(out.scale!.map((x) => x.value)).toEqual([1.15, 1]);
  });
  it('an in and an out animation live together; applying one again replaces only its own keys', () => {
    const { d, text } = fixture();
    let x = ok(applyPreset(d, text, 'fadeIn'));
    x = ok(applyPreset(x, text, 'fadeOut'));
    expect(clip(x, text).keyframes!.opacity!.map((k) => [k.t, k.value])).toEqual([[0, 0], [0.5, 1], [2.5, 1], [3, 0]]);
    x = ok(applyPreset(x, text, 'fadeIn'));
    expect(clip(x, text).keyframes!.opacity!).toHaveLength(4);
    expect(clipStateAt(clip(x, text), 1 + 0.25).opacity).toBeGreaterThan(0);
    expect(clipStateAt(clip(x, text), 1 + 0.25).opacity).toBeLessThan(1);
  });
  it('pop overshoots its size; slide comes from below; typewriter uncovers the text over time', () => {
    const { d, text } = fixture();
    const pop = presetKeys(clip(d, text), 'popIn', 30).keys.scale!;
    expect(Math.max(...pop.map((k) => k.value as number))).toBeGreaterThan(1);
    const slide = presetKeys(clip(d, text), 'slideIn', 30).keys.position!;
    expect((slide[0]!.value as { y: number }).y).toBeGreaterThan((slide[1]!.value as { y: number }).y);
    const y = ok(applyPreset(d, text, 'typewriterIn'));
    const c = clip(y, text);
    const shown = [1, 1.3, 1.6, 4].map((t) => clipStateAt(c, t).reveal);
    expect(shown[0]).toBe(0);
    expect(shown[1]).toBeGreaterThan(0);
    expect(shown[2]).toBeGreaterThan(shown[1]!);
    expect(shown[3]).toBe(1);
    expect(revealColumns(0.5, 301)).toBe(151);
  });
  it('every preset on every fitting clip gives a valid draft (property over clip lengths)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 600 }), (frames) => {
        const { d, text } = fixture();
        const x = ok(trimClip(d, text, 'end', 1 + frames / 30, info));
        for (const p of ['fadeIn', 'fadeOut', 'slideIn', 'slideOut', 'popIn', 'popOut', 'typewriterIn', 'typewriterOut'] as const) ok(applyPreset(x, text, p));
      }),
    );
  });
});

describe('the animation a clip has (the Animation menu names it)', () => {
  const pic = { picture: true };
  it('names Ken Burns, an in and an out together, a slide (not the fade it contains); custom when keys differ', () => {
    const { d, media, text } = fixture();
    expect(presetsOnClip(clip(d, media), pic, 30)).toBeNull();
    expect(presetsOnClip(clip(ok(applyPreset(d, media, 'kenBurnsIn')), media), pic, 30)).toEqual(['kenBurnsIn']);
    expect(presetsOnClip(clip(ok(applyPreset(d, media, 'kenBurnsOut')), media), pic, 30)).toEqual(['kenBurnsOut']);
    let x = ok(applyPreset(d, text, 'slideIn'));
    expect(presetsOnClip(clip(x, text), pic, 30)).toEqual(['slideIn']);
    x = ok(applyPreset(x, text, 'fadeOut'));
    expect(presetsOnClip(clip(x, text), pic, 30)).toEqual(['slideIn', 'fadeOut']);
    // A key changed by hand, or one more key, is no longer a ready animation.
    expect(presetsOnClip(clip(ok(setKey(x, text, 'opacity', 0.5, 0.4)), text), pic, 30)).toBe('custom');
    expect(presetsOnClip(clip(ok(setKey(d, media, 'scale', 1, 2)), media), pic, 30)).toBe('custom');
  });
  it('every preset alone on a clip of any length is named as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 600 }), (frames) => {
        const { d, text, media } = fixture();
        const x = ok(trimClip(d, text, 'end', 1 + frames / 30, info));
        for (const p of ['fadeIn', 'fadeOut', 'slideIn', 'slideOut', 'popIn', 'popOut', 'typewriterIn', 'typewriterOut'] as const) {
          expect(presetsOnClip(clip(ok(applyPreset(x, text, p)), text), pic, 30)).toEqual([p]);
        }
        const y = ok(trimClip(d, media, 'end', 2 + frames / 30, info));
        expect(presetsOnClip(clip(ok(applyPreset(y, media, 'kenBurnsIn')), media), pic, 30)).toEqual(['kenBurnsIn']);
      }),
      { numRuns: 60 },
    );
  });
});

describe('lane diamonds (every key on a frame)', () => {
  it('move together without passing a neighbour, and go together', () => {
    const { d, text } = fixture();
    let x = ok(setKey(d, text, 'opacity', 0, 0));
    x = ok(setKey(x, text, 'opacity', 1, 1));
    x = ok(setKey(x, text, 'scale', 1, 2));
    x = ok(setKey(x, text, 'scale', 2, 1));
    x = ok(moveKeysAt(x, text, 1, 2.5));
    const k = clip(x, text).keyframes!;
    expect(k.opacity!.map((q) => Math.round(q.t * 30))).toEqual([0, 59]);
    expect(k.scale!.map((q) => Math.round(q.t * 30))).toEqual([59, 60]);
    const y = ok(removeKeysAt(ok(moveKeysAt(x, text, 59 / 30, 3)), text, 59 / 30));
    expect(propsKeyedAt(clip(y, text), 59 / 30, 30)).toEqual([]);
    expect(clip(y, text).keyframes!.scale!.map((q) => q.t)).toEqual([2]);
  });
});
