import { describe, expect, it } from 'vitest';
import { shuttleKey, shuttleLabel } from './shuttleLogic';

const at = (rate: number, playing = true) => ({ playing, rate });

describe('shuttleKey', () => {
  it('L plays at 1× from rest, then goes 2× and 4× a press at a time, and stays at 4×', () => {
    expect(shuttleKey('l', at(1, false))).toEqual({ playing: true, rate: 1, stepBack: false });
    expect(shuttleKey('l', at(4, false))).toEqual({ playing: true, rate: 1, stepBack: false }); // a rate left over is not kept
    expect(shuttleKey('l', at(1))).toEqual({ playing: true, rate: 2, stepBack: false });
    expect(shuttleKey('l', at(2))).toEqual({ playing: true, rate: 4, stepBack: false });
    expect(shuttleKey('l', at(4))).toEqual({ playing: true, rate: 4, stepBack: false });
  });

  it('K stops and the next play is at 1×', () => {
    expect(shuttleKey('k', at(4))).toEqual({ playing: false, rate: 1, stepBack: false });
    expect(shuttleKey('k', at(1, false))).toEqual({ playing: false, rate: 1, stepBack: false });
  });

  it('J slows a fast play a step; at 1× or at rest it steps back a second (and pauses, as every step does)', () => {
    expect(shuttleKey('j', at(4))).toEqual({ playing: true, rate: 2, stepBack: false });
    expect(shuttleKey('j', at(2))).toEqual({ playing: true, rate: 1, stepBack: false });
    expect(shuttleKey('j', at(1))).toEqual({ playing: false, rate: 1, stepBack: true });
    expect(shuttleKey('j', at(1, false))).toEqual({ playing: false, rate: 1, stepBack: true });
  });

  it('takes a rate between steps as the step below it', () => {
    expect(shuttleKey('l', at(3))).toEqual({ playing: true, rate: 4, stepBack: false });
    expect(shuttleKey('j', at(3))).toEqual({ playing: true, rate: 1, stepBack: false });
  });
});

describe('shuttleLabel', () => {
  it('names the rate only while playing faster than 1×', () => {
    expect(shuttleLabel(true, 2)).toBe('2×');
    expect(shuttleLabel(true, 4)).toBe('4×');
    expect(shuttleLabel(true, 1)).toBeNull();
    expect(shuttleLabel(false, 2)).toBeNull();
  });
});
