import { describe, expect, it } from 'vitest';
import { MAX_BEATS_SOURCE_SEC, beatsRefusal } from './beats-job';

describe('which media beats can be found in', () => {
  it('music and videos with sound up to 20 minutes; pictures, silent videos and longer sounds are refused with the reason', () => {
    expect(beatsRefusal({ name: 'song.mp3', kind: 'audio', hasAudio: true, durationSec: 180 })).toBeNull();
    expect(beatsRefusal({ name: 'clip.mp4', kind: 'video', hasAudio: true, durationSec: MAX_BEATS_SOURCE_SEC })).toBeNull();
    expect(beatsRefusal({ name: 'still.png', kind: 'image', hasAudio: false, durationSec: null })).toMatch(/“still.png” has no sound to find beats in\. Choose a music clip/);
    expect(beatsRefusal({ name: 'b-roll.mp4', kind: 'video', hasAudio: false, durationSec: 10 })).toMatch(/no sound/);
    expect(beatsRefusal({ name: 'mix.mp3', kind: 'audio', hasAudio: true, durationSec: 34 * 60 })).toBe('“mix.mp3” is 34 minutes long; beats are found in sound up to 20 minutes. Trim it into a shorter file and import that.');
  });
});
