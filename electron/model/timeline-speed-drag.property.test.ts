import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTransform, newVideoDraft, type MediaClip, type VideoDraft } from './draft';
import { findClip, setSpeed, type SourceInfo } from './timeline';

// A speed slider sends a change per step; each rounded the clip's length down to whole frames, so a drag to 2.35×
// and back left 5.1 s of a 6 s clip (a new user's walk, 2026-12-06). With the source's length known, a clip keeps its
// whole range through any run of changes, short of less than a frame of source (at the fastest speed it had) at the
// source's end: the loss no longer adds up.

const FPS = 30;
const SOURCE_SEC = 6;
const info: SourceInfo = () => ({ kind: 'video', durationSec: SOURCE_SEC });

function draftWith(extra: Partial<MediaClip>): VideoDraft {
  const d = newVideoDraft('speed', '9:16', FPS, (p) => `${p}-1`);
  const clip: MediaClip = { id: 'c', type: 'media', assetId: 'a', start: 0, in: 0, out: SOURCE_SEC, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null, ...extra };
  d.tracks.find((t) => t.kind === 'main')!.clips = [clip];
  return d;
}
const clipOf = (d: VideoDraft) => findClip(d, 'c')!.clip as MediaClip;

describe('speed changes keep the clip’s source', () => {
  it('any run of slider steps keeps all but a frame of source (at its fastest) of the clip; back at 1× too', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 25, max: 400 }), { minLength: 1, maxLength: 40 }), fc.boolean(), (steps, reversed) => {
        let d = draftWith({ reversed });
        let fastest = 1;
        for (const hundredths of steps) {
          const r = setSpeed(d, 'c', hundredths / 100, info);
          if (!r.ok) throw new Error(r.message);
          d = r.draft;
          const c = clipOf(d);
          fastest = Math.max(fastest, c.speed);
          expect(c.out - c.in).toBeGreaterThan(SOURCE_SEC - fastest / FPS - 1e-9);
          expect(c.in).toBeGreaterThanOrEqual(-1e-9);
          expect(c.out).toBeLessThanOrEqual(SOURCE_SEC + 1e-9);
        }
        const back = setSpeed(d, 'c', 1, info);
        if (!back.ok) throw new Error(back.message);
        const c = clipOf(back.draft);
        expect(c.out - c.in).toBeGreaterThan(SOURCE_SEC - fastest / FPS - 1e-9);
      }),
    );
  });

  it('the drag of the walk: 2.35×, 2×, 1×', () => {
    let d = draftWith({});
    for (const s of [2.35, 2, 1]) {
      const r = setSpeed(d, 'c', s, info);
      if (!r.ok) throw new Error(r.message);
      d = r.draft;
    }
    expect([clipOf(d).in, clipOf(d).out]).toEqual([0, SOURCE_SEC]);
  });
});
