import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustKeys, defaultTransform, LOOK_RANGES, newVideoDraft, VideoDraft, type MediaClip } from './draft';
import { changeLook, type LookChange, withoutLook } from './look-edit';
import { shippedLookIds } from './look-catalogue';

let n = 0;
const id = (p: string) => `${p}-${++n}`;
function draftWithClip(): VideoDraft {
  const d = newVideoDraft('x', '9:16', 30, id);
  const clip: MediaClip = { id: 'c', type: 'media', assetId: 'a', start: 0, in: 0, out: 2, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null };
  return { ...d, tracks: [{ ...d.tracks[0]!, clips: [clip] }, ...d.tracks.slice(1)] };
}
const clipOf = (d: VideoDraft) => d.tracks[0]!.clips[0] as MediaClip;

const changeArb: fc.Arbitrary<LookChange> = fc.oneof(
  fc.record({ kind: fc.constant('adjust' as const), key: fc.constantFrom(...adjustKeys), value: fc.double({ min: -5, max: 5, noNaN: true }) }),
  fc.record({ kind: fc.constant('resetAdjust' as const), key: fc.constantFrom(...adjustKeys) }),
  fc.constant({ kind: 'resetAll' as const }),
  fc.record({ kind: fc.constant('lut' as const), id: fc.constantFrom(null, ...shippedLookIds) }),
  fc.record({ kind: fc.constant('strength' as const), value: fc.double({ min: -1, max: 2, noNaN: true }) }),
);

describe('look edits', () => {
  it('any sequence of changes leaves a valid draft; reset all brings the clip back exactly', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 12 }), (changes) => {
        const start = draftWithClip();
        let d = start;
        for (const c of changes) {
          const r = changeLook(d, 'c', c);
          if (r.ok) d = r.draft;
        }
        expect(VideoDraft.safeParse(d).success).toBe(true);
        const reset = changeLook(d, 'c', { kind: 'resetAll' });
        expect(reset.ok && clipOf(reset.draft)).toEqual(clipOf(start));
      }),
    );
  });
  it('clamps to the ranges, resets one slider, and refuses what it cannot do', () => {
    let r = changeLook(draftWithClip(), 'c', { kind: 'adjust', key: 'exposure', value: 9 });
    expect(r.ok && clipOf(r.draft).look).toEqual({ adjust: { exposure: LOOK_RANGES.exposure[1] }, lut: null });
    r = changeLook(r.ok ? r.draft : draftWithClip(), 'c', { kind: 'lut', id: 'warm' });
    expect(r.ok && clipOf(r.draft).look?.lut).toEqual({ id: 'warm', strength: 1 });
    r = changeLook(r.ok ? r.draft : draftWithClip(), 'c', { kind: 'resetAdjust', key: 'exposure' });
    expect(r.ok && clipOf(r.draft).look).toEqual({ adjust: {}, lut: { id: 'warm', strength: 1 } });
    expect(changeLook(draftWithClip(), 'c', { kind: 'strength', value: 0.5 })).toMatchObject({ ok: false, message: /Pick a look first/ });
    expect(changeLook(draftWithClip(), 'c', { kind: 'lut', id: 'sparkle' })).toMatchObject({ ok: false, message: /no look called "sparkle"/ });
    expect(changeLook(draftWithClip(), 'gone', { kind: 'resetAll' })).toMatchObject({ ok: false, reason: 'not_found' });
  });
});

describe('withoutLook (Compare)', () => {
  it('is the draft with that clip\'s look gone and everything else as it was; the same draft when it has none', () => {
    const plain = draftWithClip();
    expect(withoutLook(plain, 'c')).toBe(plain);
    fc.assert(
      fc.property(fc.array(changeArb, { minLength: 1, maxLength: 6 }), (changes) => {
        let d = plain;
        for (const ch of changes) {
          const r = changeLook(d, 'c', ch);
          if (r.ok) d = r.draft;
        }
        const shown = withoutLook(d, 'c');
        expect(clipOf(shown).look).toBeUndefined();
        expect({ ...clipOf(shown), look: clipOf(d).look }).toEqual(clipOf(d));
        expect(shown.tracks.slice(1)).toEqual(d.tracks.slice(1));
        // Only for showing: the draft it was made from keeps its look.
        if (clipOf(d).look) expect(shown).not.toBe(d);
      }),
    );
    expect(withoutLook(plain, 'nope')).toBe(plain);
  });
});
