import { describe, expect, it } from 'vitest';
import { defaultTextStyle, defaultTransform, type Clip, type Track } from '../../../../../electron/model/draft';
import { clipNeighbour, clipTabStop, headButtons, headKey, headStep, headTabStop } from './timelineRovingLogic';

const media = (id: string, start: number, len = 2): Clip => ({
  id, type: 'media', assetId: 'a', start, in: 0, out: len, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null,
});
const text = (id: string, start: number): Clip => ({
  id, type: 'text', start, duration: 1, text: 'Hi', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null,
});
const track = (id: string, kind: Track['kind'], clips: Clip[]): Track => ({ id, kind, name: id, muted: false, hidden: false, role: null, ducking: null, clips });
// Main (drawn first, on top), an empty overlay, text, audio.
const tracks = [
  track('main', 'main', [media('m1', 0), media('m2', 2), media('m3', 4)]),
  track('over', 'overlay', []),
  track('text', 'text', [text('t2', 3), text('t1', 0.5)]),
  track('music', 'audio', [media('a1', 0, 10)]),
];

describe('the clips as one Tab stop', () => {
  it('keeps the stop on the clip last focused (when selected, or nothing is), else the first selected, else the first clip', () => {
    expect(clipTabStop(tracks, [], null)).toBe('m1');
    expect(clipTabStop(tracks, ['t2', 'm3'], null)).toBe('m3');
    expect(clipTabStop(tracks, [], 'a1')).toBe('a1');
    expect(clipTabStop(tracks, ['a1', 'm1'], 'a1')).toBe('a1');
    expect(clipTabStop(tracks, ['t2'], 'a1'), 'a clip selected since (clicked, added) is where Tab lands').toBe('t2');
    expect(clipTabStop(tracks, ['gone'], 'gone too')).toBe('m1');
    expect(clipTabStop([track('main', 'main', [])], [], null)).toBeNull();
  });

  it('←/→ go to the clip before or after on the track (by start); ↑/↓ to the nearest track with clips, the clip under this one', () => {
    expect(clipNeighbour(tracks, 'm2', 'ArrowRight')).toBe('m3');
    expect(clipNeighbour(tracks, 'm2', 'ArrowLeft')).toBe('m1');
    expect(clipNeighbour(tracks, 'm1', 'ArrowLeft')).toBeNull();
    expect(clipNeighbour(tracks, 'm3', 'ArrowRight')).toBeNull();
    expect(clipNeighbour(tracks, 't1', 'ArrowRight'), 'by start, not by list order').toBe('t2');
    // Down from m2 (at 2 s) skips the empty overlay: t1 starts at 0.5, the last at or before 2 s.
    expect(clipNeighbour(tracks, 'm2', 'ArrowDown')).toBe('t1');
    expect(clipNeighbour(tracks, 't2', 'ArrowUp')).toBe('m2');
    expect(clipNeighbour(tracks, 'm1', 'ArrowUp')).toBeNull();
    expect(clipNeighbour(tracks, 'a1', 'ArrowDown')).toBeNull();
    // Nothing at or before it on the next track: that track's first clip.
    expect(clipNeighbour([track('x', 'main', [media('x1', 0)]), track('y', 'overlay', [media('y1', 5)])], 'x1', 'ArrowDown')).toBe('y1');
    expect(clipNeighbour(tracks, 'm1', 'Enter')).toBeNull();
    expect(clipNeighbour(tracks, 'nope', 'ArrowRight')).toBeNull();
  });
});

describe('the track buttons as one Tab stop', () => {
  const buttons = headButtons(tracks);
  it('lists mute and hide per track as drawn (no mute on text, no hide on audio)', () => {
    expect(buttons.map(headKey)).toEqual(['main:muted', 'main:hidden', 'over:muted', 'over:hidden', 'text:hidden', 'music:muted']);
  });
  it('keeps the stop on the first button, so it always comes before the clips in the Tab order', () => {
    expect(headTabStop(buttons)).toBe('main:muted');
    expect(headTabStop([])).toBeNull();
  });
  it('arrows move by one within the group, Home/End to its ends; other keys are not the group’s', () => {
    expect(headStep(0, 'ArrowDown', 6)).toBe(1);
    expect(headStep(0, 'ArrowRight', 6)).toBe(1);
    expect(headStep(5, 'ArrowDown', 6)).toBe(5);
    expect(headStep(3, 'ArrowUp', 6)).toBe(2);
    expect(headStep(0, 'ArrowLeft', 6)).toBe(0);
    expect(headStep(3, 'Home', 6)).toBe(0);
    expect(headStep(0, 'End', 6)).toBe(5);
    expect(headStep(0, 'Tab', 6)).toBeNull();
    expect(headStep(0, 'ArrowDown', 0)).toBeNull();
  });
});
