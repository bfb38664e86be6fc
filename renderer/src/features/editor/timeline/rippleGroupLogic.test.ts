import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VideoDraft } from '../../../../../electron/model/draft';
import { setTransition, trimClip } from '../../../../../electron/model/timeline';
import { mainTrackDraft, okDraft, testSourceInfo } from '../testDrafts';
import { rippleGroup } from './rippleGroupLogic';

const info = testSourceInfo;
const ok = okDraft;
const mainOf = mainTrackDraft;
const main = (d: VideoDraft) => d.tracks[0]!.clips;

describe('rippleGroup', () => {
  it('groups every clip after an end-trimmed clip on the main track, with the trim as the shift', () => {
    const d = mainOf(8);
    const anchor = main(d)[2]!.id;
    const live = main(ok(trimClip(d, anchor, 'end', main(d)[2]!.start + 1.5, info)));
    expect(rippleGroup(main(d), live, anchor)).toEqual({ from: 3, shiftSec: expect.closeTo(-0.5, 9) as number });
  });
  it('groups the clips after a start-trimmed clip too (the main track packs it back in place)', () => {
    const d = mainOf(5);
    const anchor = main(d)[1]!.id;
    const live = main(ok(trimClip(d, anchor, 'start', main(d)[1]!.start + 0.5, info)));
    expect(rippleGroup(main(d), live, anchor)).toEqual({ from: 2, shiftSec: expect.closeTo(-0.5, 9) as number });
  });
  it('starts after a clip the trim changed otherwise (its transition shrank)', () => {
    let d = mainOf(6);
    d = ok(setTransition(d, main(d)[3]!.id, { kind: 'fade', duration: 1 }));
    const anchor = main(d)[2]!.id;
    // 2 s → 1 s: the fade into the next clip may last at most half of that.
    const live = main(ok(trimClip(d, anchor, 'end', main(d)[2]!.start + 1, info)));
    expect(live[3]!.type === 'media' && live[3]!.transitionIn?.duration).toBe(0.5);
    expect(rippleGroup(main(d), live, anchor)).toMatchObject({ from: 4 });
  });
  it('is a shift of 0 at the gesture start (nothing moved yet)', () => {
    const d = mainOf(4);
    expect(rippleGroup(main(d), main(d), main(d)[0]!.id)).toEqual({ from: 1, shiftSec: 0 });
  });
  it('is null for the last clip, an unknown clip, or a track that no longer holds the same clips', () => {
    const d = mainOf(4);
    const clips = main(d);
    expect(rippleGroup(clips, clips, clips[3]!.id)).toBeNull();
    expect(rippleGroup(clips, clips, 'nope')).toBeNull();
    expect(rippleGroup(clips, clips.slice(1), clips[0]!.id)).toBeNull();
    expect(rippleGroup(clips, [clips[1]!, clips[0]!, clips[2]!, clips[3]!], clips[2]!.id)).toBeNull();
  });
  it('for any end trim: each grouped base clip moved by the shift is the live clip, and no clip after the group changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: -60, max: 200 }), (at, frames) => {
        const d = mainOf(10);
        const clip = main(d)[at]!;
        const r = trimClip(d, clip.id, 'end', clip.start + 2 + frames / 30, info);
        const live = r.ok ? main(r.draft) : main(d);
        const g = rippleGroup(main(d), live, clip.id);
        if (at === 9) {
          expect(g).toBeNull();
          return;
        }
        expect(g?.from).toBe(at + 1);
        for (let i = g!.from; i < live.length; i++) {
          expect({ ...main(d)[i]!, start: 0 }).toEqual({ ...live[i]!, start: 0 });
          expect(main(d)[i]!.start + g!.shiftSec).toBeCloseTo(live[i]!.start, 9);
        }
      }),
      { numRuns: 60 },
    );
  });
});
