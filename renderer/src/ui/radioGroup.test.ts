import { describe, expect, it } from 'vitest';
import { radioKeyTarget, radioTabStop } from './radioGroup';

describe('radio group keys', () => {
  it('the checked choice holds the Tab stop, else the first that can be chosen', () => {
    expect(radioTabStop([false, true, false], [true, true, true])).toBe(1);
    expect(radioTabStop([false, false, false], [false, true, true])).toBe(1);
    // A checked choice that cannot be chosen any more hands the stop on.
    expect(radioTabStop([true, false], [false, true])).toBe(1);
    expect(radioTabStop([true, false], [false, false])).toBe(-1);
  });
  it('arrows move to the next or previous choice, wrapping and skipping disabled ones; Home and End to the ends', () => {
    const all = [true, true, true, true];
    expect(radioKeyTarget('ArrowRight', 0, all)).toBe(1);
    expect(radioKeyTarget('ArrowDown', 3, all)).toBe(0);
    expect(radioKeyTarget('ArrowLeft', 0, all)).toBe(3);
    expect(radioKeyTarget('ArrowUp', 2, all)).toBe(1);
    expect(radioKeyTarget('ArrowRight', 0, [true, false, true])).toBe(2);
    expect(radioKeyTarget('ArrowLeft', 2, [false, true, true])).toBe(1);
    expect(radioKeyTarget('Home', 3, [false, true, true, true])).toBe(1);
    expect(radioKeyTarget('End', 0, [true, true, false])).toBe(1);
    // The only choice left: nowhere to go. Other keys are not the group's.
    expect(radioKeyTarget('ArrowRight', 1, [false, true, false])).toBeNull();
    expect(radioKeyTarget('Enter', 1, all)).toBeNull();
    expect(radioKeyTarget('a', 1, all)).toBeNull();
  });
});
