import { describe, expect, it } from 'vitest';
import { defaultTransform, type MediaClip } from '../../../../../electron/model/draft';
import { sameClip } from './clipBlockLogic';

const clip: MediaClip = {
  id: 'c1', type: 'media', assetId: 'a1', start: 2, in: 0, out: 1, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
  transform: defaultTransform('fill'), transitionIn: null, brand: null,
};

describe('sameClip', () => {
  it('is true for a copy with the same fields', () => {
    expect(sameClip(clip, { ...clip })).toBe(true);
  });
  it('is false when any field differs, nested values by identity', () => {
    expect(sameClip(clip, { ...clip, start: 3 })).toBe(false);
    expect(sameClip(clip, { ...clip, out: 1.5 })).toBe(false);
    expect(sameClip(clip, { ...clip, transform: { ...clip.transform } })).toBe(false);
    expect(sameClip(clip, { ...clip, transitionIn: { kind: 'fade', duration: 0.5 } })).toBe(false);
  });
  it('is false when a field is added or removed', () => {
    const { brand: _brand, ...without } = clip;
    expect(sameClip(clip, without as MediaClip)).toBe(false);
  });
});
