import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idleSlotOf } from './slotPoolLogic';

describe('idleSlotOf', () => {
  const slots = new Map([
    ['a', { src: '/m/pan?proxy' }],
    ['b', { src: '/m/card?proxy' }],
    ['c', { src: '/m/pan?proxy' }],
  ]);

  it('is an element of the same media that no clip wants this frame', () => {
    expect(idleSlotOf(slots, '/m/pan?proxy', new Set(['a']))).toEqual({ id: 'c', slot: slots.get('c') });
    expect(idleSlotOf(slots, '/m/pan?proxy', new Set(['c', 'x']))?.id).toBe('a');
  });

  it('is none when every element of that media is wanted, or none plays it (another variant or revision is other media)', () => {
    expect(idleSlotOf(slots, '/m/pan?proxy', new Set(['a', 'c']))).toBeNull();
    expect(idleSlotOf(slots, '/m/pan?original', new Set())).toBeNull();
  });

  it('never hands over a wanted clip\'s element, nor one of other media', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 2 }), fc.constantFrom('p', 'q', 'r'))), fc.constantFrom('p', 'q', 'r'), fc.array(fc.string({ maxLength: 2 })), (entries, src, wantedIds) => {
        const m = new Map(entries.map(([id, s]) => [id, { src: s }]));
        const wanted = new Set(wantedIds);
        const got = idleSlotOf(m, src, wanted);
        const any = [...m].some(([id, s]) => s.src === src && !wanted.has(id));
        expect(got !== null).toBe(any);
        if (got) {
          expect(wanted.has(got.id)).toBe(false);
          expect(got.slot.src).toBe(src);
          expect(m.get(got.id)).toBe(got.slot);
        }
      }),
    );
  });
});
