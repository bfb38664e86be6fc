import { describe, expect, it } from 'vitest';
import { rampPreset } from '../model/speed-ramp-time';
import { listsFilter, needsRampSound } from './ffmpeg-abilities';
import { draft, media, track } from './test-drafts';

const LISTING = `Filters:
  T.. = Timeline support
  ..C = Command support
 ... abench            A->A       Benchmark part of a filtergraph.
 ..C rubberband        A->A       Apply time-stretching and pitch-shifting.
 T.C atempo            A->A       Adjust audio tempo.
`;

describe('ffmpeg abilities', () => {
  it('finds a filter by its name column, not by a word of a description', () => {
    expect(listsFilter(LISTING, 'rubberband')).toBe(true);
    expect(listsFilter(LISTING, 'atempo')).toBe(true);
    expect(listsFilter(LISTING.replace(/^.*rubberband.*$/m, ''), 'rubberband')).toBe(false);
    expect(listsFilter(' ... acopy   A->A   Copy the rubberband input.', 'rubberband')).toBe(false);
    expect(listsFilter('', 'rubberband')).toBe(false);
  });

  it('asks for the stretcher only when a ramped clip is heard', () => {
    const ramped = media('r', 'v', 0, 0, 4, { speedRamp: rampPreset('bullet') });
    expect(needsRampSound(draft([track('m', 'main', [media('a', 'v', 0, 0, 4)])]))).toBe(false);
    expect(needsRampSound(draft([track('m', 'main', [ramped])]))).toBe(true);
    expect(needsRampSound(draft([track('m', 'main', [{ ...ramped, volume: 0 }])]))).toBe(false);
    expect(needsRampSound(draft([track('m', 'main', [ramped], { muted: true })]))).toBe(false);
  });
});
