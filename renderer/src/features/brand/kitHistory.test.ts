import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, HISTORY_LIMIT, historyOf, record, redo, undo } from './kitHistory';

describe('kit history', () => {
  it('undo walks back through every recorded step and redo walks forward again', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 40 }), (values) => {
        let h = historyOf(-1);
        values.forEach((v, i) => (h = record(h, v, { at: i * 10_000 })));
        const seen = [h.present];
        while (canUndo(h)) {
          h = undo(h);
          seen.push(h.present);
        }
        expect(seen).toEqual([-1, ...values].reverse());
        while (canRedo(h)) h = redo(h);
        expect(h.present).toBe(values.at(-1));
      }),
    );
  });

  it('a burst of the same keyed edit is one step; another key or a pause starts a new one', () => {
    let h = historyOf('a');
    h = record(h, 'ab', { key: 'name', at: 0 });
    h = record(h, 'abc', { key: 'name', at: 300 });
    h = record(h, 'abcd', { key: 'name', at: 600 });
    expect(h.past).toEqual(['a']);
    h = record(h, 'abcde', { key: 'name', at: 5000 });
    expect(h.past).toEqual(['a', 'abcd']);
    h = record(h, 'X', { key: 'colour', at: 5100 });
    expect(undo(h).present).toBe('abcde');
    // Unkeyed edits (buttons) never merge.
    let b = historyOf(0);
    b = record(b, 1, { at: 0 });
    b = record(b, 2, { at: 0 });
    expect(b.past).toEqual([0, 1]);
  });

  it('an edit after an undo drops the redo steps and does not join the burst before the undo', () => {
    let h = historyOf(0);
    h = record(h, 1, { key: 'k', at: 0 });
    h = undo(h);
    h = record(h, 5, { key: 'k', at: 10 });
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual([0]);
    expect(undo(h).present).toBe(0);
  });

  it('an edit that changes nothing is not a step', () => {
    const h = record(historyOf({ a: 1 }), { a: 1 }, { at: 0, equal: (x, y) => JSON.stringify(x) === JSON.stringify(y) });
    expect(canUndo(h)).toBe(false);
  });

  it('keeps at most HISTORY_LIMIT steps back', () => {
    let h = historyOf(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) h = record(h, i, { at: i });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(20);
  });

  it('undo and redo with nothing to do return the same history', () => {
    const h = historyOf(1);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });
});
