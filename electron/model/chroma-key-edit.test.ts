import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChromaKey } from './chroma-key';
import { changeChromaKey, DEFAULT_CHROMA_KEY } from './chroma-key-edit';
import type { MediaClip, VideoDraft } from './draft';
import { draft, media, track } from '../render/test-drafts';

const doc = (extra: Partial<MediaClip> = {}): VideoDraft => draft([track('m', 'main', [media('bg', 'a', 0, 0, 2)]), track('o', 'overlay', [media('fg', 'b', 0, 0, 2, extra)])]);
const keyOf = (d: VideoDraft) => (d.tracks[1]!.clips[0] as MediaClip).chromaKey;
const ok = (r: ReturnType<typeof changeChromaKey>) => {
  if (!r.ok) throw new Error(r.message);
  return r.draft;
};

describe('chroma key edits', () => {
  it('on starts from a green screen; off removes the key (an untouched clip and a switched-off one are the same)', () => {
    const on = ok(changeChromaKey(doc(), 'fg', { kind: 'on' }));
    expect(keyOf(on)).toEqual(DEFAULT_CHROMA_KEY);
    const off = ok(changeChromaKey(on, 'fg', { kind: 'off' }));
    expect(off).toEqual(doc());
  });

  it('a picked colour turns the key on with it; bad colours are refused', () => {
    expect(keyOf(ok(changeChromaKey(doc(), 'fg', { kind: 'color', color: '#1A2B3C' })))).toEqual({ ...DEFAULT_CHROMA_KEY, color: '#1a2b3c' });
    expect(changeChromaKey(doc(), 'fg', { kind: 'color', color: 'green' }).ok).toBe(false);
    expect(changeChromaKey(doc(), 'nope', { kind: 'on' }).ok).toBe(false);
  });

  it('any slider value gives a key the schema takes; the other clip is untouched', () => {
    fc.assert(fc.property(fc.constantFrom('similarity' as const, 'blend' as const), fc.double({ min: -5, max: 5, noNaN: true }), (kind, value) => {
      const d = ok(changeChromaKey(doc({ chromaKey: { color: '#00ff00', similarity: 0.3, blend: 0.2 } }), 'fg', { kind, value }));
      expect(ChromaKey.safeParse(keyOf(d)).success).toBe(true);
      expect(d.tracks[0]).toEqual(doc().tracks[0]);
    }));
    expect(changeChromaKey(doc(), 'fg', { kind: 'blend', value: Number.NaN }).ok).toBe(false);
  });
});
