import { describe, expect, it } from 'vitest';
import { createHistoryGate } from './history';

describe('history gate', () => {
  it('a drag (same key, changes every frame) is one step', () => {
    let now = 0;
    const gate = createHistoryGate(600, () => now);
    const recorded: boolean[] = [];
    for (let i = 0; i < 60; i++) {
      recorded.push(gate.shouldRecord('move:c1:1'));
      now += 16;
    }
    expect(recorded.filter(Boolean)).toHaveLength(1);
    expect(recorded[0]).toBe(true);
  });

  it('a different key, a pause, or no key starts a new step', () => {
    let now = 0;
    const gate = createHistoryGate(600, () => now);
    expect(gate.shouldRecord('volume:c1')).toBe(true);
    now += 100;
    expect(gate.shouldRecord('volume:c1')).toBe(false);
    now += 100;
    expect(gate.shouldRecord('speed:c1')).toBe(true);
    now += 700;
    expect(gate.shouldRecord('speed:c1')).toBe(true);
    expect(gate.shouldRecord(null)).toBe(true);
    expect(gate.shouldRecord(null)).toBe(true);
  });

  it('a gesture (sticky key) stays one step through a pause longer than the window', () => {
    let now = 0;
    const gate = createHistoryGate(600, () => now);
    expect(gate.shouldRecord('move:c1:7', { sticky: true })).toBe(true);
    now += 5000; // the hand rests mid-drag
    expect(gate.shouldRecord('move:c1:7', { sticky: true })).toBe(false);
    // The next gesture has its own key.
    expect(gate.shouldRecord('move:c1:8', { sticky: true })).toBe(true);
  });

  it('reset forgets the last burst', () => {
    const gate = createHistoryGate(600, () => 0);
    gate.shouldRecord('k');
    gate.reset();
    expect(gate.shouldRecord('k')).toBe(true);
  });
});
