import { describe, expect, it } from 'vitest';
import { newVideoDraft, type VideoDraft } from '../../../../../electron/model/draft';
import { newMediaClip, newTextClip } from '../../../../../electron/model/timeline';
import { clipFirstFrame, offPlayheadSelection } from './offPlayheadLogic';

let n = 0;
const idFor = (p: string) => `${p}-${n++}`;

/** A 9:16 draft at 30 fps: a 4 s video on main (0–4 s), a title 5–8 s (after the video), a music clip 0–2 s. */
function draft(): VideoDraft {
  const d = newVideoDraft('Off', '9:16', 30, idFor);
  const [main, , text, music] = d.tracks;
  main!.clips.push({ ...newMediaClip({ id: 'v', kind: 'video', durationSec: 4 }, 0, idFor), id: 'video' });
  text!.clips.push({ ...newTextClip('Hi', 5, idFor), id: 'title', duration: 3 });
  music!.clips.push({ ...newMediaClip({ id: 'm', kind: 'audio', durationSec: 2 }, 0, idFor), id: 'music' });
  return d;
}

describe('offPlayheadSelection', () => {
  it('names a selected title the playhead is before or after, with its first frame', () => {
    const d = draft();
    expect(offPlayheadSelection(d, ['title'], 1)).toEqual({ clipId: 'title', jumpTo: 5 });
    expect(offPlayheadSelection(d, ['video'], 6)).toEqual({ clipId: 'video', jumpTo: 0 });
  });
  it('says nothing when the clip is under the playhead, nothing is selected, or the clip is sound', () => {
    const d = draft();
    expect(offPlayheadSelection(d, ['title'], 5)).toBeNull();
    expect(offPlayheadSelection(d, ['title'], 7.9)).toBeNull();
    expect(offPlayheadSelection(d, ['video'], 0)).toBeNull();
    expect(offPlayheadSelection(d, [], 1)).toBeNull();
    expect(offPlayheadSelection(d, ['music'], 6)).toBeNull();
    expect(offPlayheadSelection(d, ['gone'], 6)).toBeNull();
  });
  it('says nothing for a clip on a hidden track (the playhead would not help)', () => {
    const d = draft();
    d.tracks[2]!.hidden = true;
    expect(offPlayheadSelection(d, ['title'], 1)).toBeNull();
  });
  it('the playhead past the draft end counts as its last frame', () => {
    const d = draft();
    expect(offPlayheadSelection(d, ['title'], 100)).toBeNull();
    expect(offPlayheadSelection(d, ['video'], 100)).toEqual({ clipId: 'video', jumpTo: 0 });
  });
  it('a clip starting between frames is jumped to at the next frame, inside it', () => {
    const d = draft();
    const title = d.tracks[2]!.clips[0]!;
    title.start = 5.01;
    const to = offPlayheadSelection(d, ['title'], 1)!.jumpTo;
    expect(to).toBeCloseTo(151 / 30, 9);
    expect(offPlayheadSelection(d, ['title'], to)).toBeNull();
    expect(clipFirstFrame({ ...title, start: 2 }, 30)).toBe(2);
  });
});
