import { describe, expect, it } from 'vitest';
import { withLosslessAudio } from './loudness';

describe('withLosslessAudio', () => {
  it('swaps AAC for ALAC and drops the bitrate', () => {
    expect(withLosslessAudio(['-i', 'a', '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', 'out.mp4'])).toEqual(['-i', 'a', '-c:a', 'alac', '-ar', '48000', 'out.mp4']);
  });
  it('throws when the export has no AAC to swap (the compiler changed)', () => {
    expect(() => withLosslessAudio(['-i', 'a', 'out.mp4'])).toThrow(/no "-c:a aac"/);
  });
});
