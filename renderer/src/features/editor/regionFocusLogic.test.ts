import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDITOR_REGIONS, regionAfter, type EditorRegion } from './regionFocusLogic';

describe('regionAfter', () => {
  it('goes round media, preview, inspector and timeline, both ways', () => {
    expect(regionAfter('media', EDITOR_REGIONS, 1)).toBe('preview');
    expect(regionAfter('inspector', EDITOR_REGIONS, 1)).toBe('timeline');
    expect(regionAfter('timeline', EDITOR_REGIONS, 1)).toBe('media');
    expect(regionAfter('media', EDITOR_REGIONS, -1)).toBe('timeline');
  });

  it('from outside every region, F6 goes to the first and Shift+F6 to the last', () => {
    expect(regionAfter(null, EDITOR_REGIONS, 1)).toBe('media');
    expect(regionAfter(null, EDITOR_REGIONS, -1)).toBe('timeline');
  });

  it('skips a region that is not there, and visits every present one once per round', () => {
    expect(regionAfter('preview', ['media', 'preview', 'timeline'], 1)).toBe('timeline');
    expect(regionAfter('inspector', ['media', 'timeline'], 1)).toBe('media');
    expect(regionAfter(null, [], 1)).toBeNull();
    fc.assert(
      fc.property(fc.subarray([...EDITOR_REGIONS], { minLength: 1 }), fc.constantFrom<1 | -1>(1, -1), (present: EditorRegion[], dir) => {
        const seen = new Set<EditorRegion>();
        let at = regionAfter(null, present, dir);
        for (let i = 0; i < present.length; i++) {
          seen.add(at!);
          at = regionAfter(at, present, dir);
        }
        expect([...seen].sort()).toEqual([...present].sort());
      }),
    );
  });
});
