import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../../../electron/model/asset';
import type { VideoDraft } from '../../../../../electron/model/draft';
import { activeLayersAt, moveClip, trimClip, updateClip } from '../../../../../electron/model/timeline';
import { mainTrackDraft, okDraft, testSourceInfo } from '../testDrafts';
import { frameInputs, sameFrameInputs } from './frameInputsLogic';

const info = testSourceInfo;
const ok = okDraft;
const assets: Record<string, Asset> = {};
const draft = () => mainTrackDraft(6);
const at = (d: VideoDraft, t: number, seq = 0) => frameInputs(d, assets, t, seq, activeLayersAt(d, t));
const clipAt = (d: VideoDraft, i: number) => d.tracks[0]!.clips[i]!;

describe('sameFrameInputs', () => {
  it('is true when a trim or a move changes only clips away from the playhead (a new document each time)', () => {
    const d = draft();
    const trimmed = ok(trimClip(d, clipAt(d, 3).id, 'end', clipAt(d, 3).start + 1, info));
    expect(trimmed).not.toBe(d);
    expect(sameFrameInputs(at(d, 0.5), at(trimmed, 0.5))).toBe(true);
    const moved = ok(moveClip(d, clipAt(d, 4).id, d.tracks[0]!.id, clipAt(d, 2).start, info));
    expect(sameFrameInputs(at(d, 0.5), at(moved, 0.5))).toBe(true);
  });
  it('is false when the playhead’s clip is trimmed, edited or replaced, or the ripple brings another clip under it', () => {
    const d = draft();
    const first = clipAt(d, 0);
    expect(sameFrameInputs(at(d, 0.5), at(ok(trimClip(d, first.id, 'start', 0.2, info)), 0.5))).toBe(false);
    expect(sameFrameInputs(at(d, 0.5), at(ok(updateClip(d, first.id, { volume: 0.5 })), 0.5))).toBe(false);
    // At 4.5 s clip 2 shows; shortening clip 1 by a second brings clip 3 there.
    expect(sameFrameInputs(at(d, 4.5), at(ok(trimClip(d, clipAt(d, 1).id, 'end', clipAt(d, 1).start + 1, info)), 4.5))).toBe(false);
  });
  it('is false for another time, another picture (seq), other assets, or a hidden track', () => {
    const d = draft();
    expect(sameFrameInputs(at(d, 0.5), at(d, 0.6))).toBe(false);
    expect(sameFrameInputs(at(d, 0.5), at(d, 0.5, 1))).toBe(false);
    expect(sameFrameInputs(at(d, 0.5), frameInputs(d, { ...assets }, 0.5, 0, activeLayersAt(d, 0.5)))).toBe(false);
    const hidden = { ...d, tracks: d.tracks.map((tr, i) => (i === 0 ? { ...tr, hidden: true } : tr)) };
    expect(sameFrameInputs(at(d, 0.5), at(hidden, 0.5))).toBe(false);
    expect(sameFrameInputs(at(d, 0.5), at({ ...d, canvas: { ...d.canvas } }, 0.5))).toBe(false);
  });
});
