import { describe, expect, it } from 'vitest';
import { newVideoDraft, type VideoDraft } from '../../../../electron/model/draft';
import { newMediaClip, newTextClip } from '../../../../electron/model/timeline';
import { textEntryPlace } from './textEntryLogic';

let n = 0;
const idFor = (p: string) => `${p}-${n++}`;

/** A 9:16 draft at 30 fps: a 4 s video on main, a title 1–3 s. */
function draft(hideText = false): VideoDraft {
  const d = newVideoDraft('Entry', '9:16', 30, idFor);
  const [main, , text] = d.tracks;
  main!.clips.push({ ...newMediaClip({ id: 'v', kind: 'video', durationSec: 4 }, 0, idFor), id: 'video' });
  text!.clips.push({ ...newTextClip('Hi', 1, idFor), id: 'title', duration: 2 });
  if (hideText) text!.hidden = true;
  return d;
}

describe('textEntryPlace', () => {
  it('types on the preview when the title shows at the playhead', () => {
    expect(textEntryPlace(draft(), 'title', 1)).toBe('preview');
    expect(textEntryPlace(draft(), 'title', 2.5)).toBe('preview');
  });
  it('types in the Inspector when the playhead is off the title or its track is hidden', () => {
    expect(textEntryPlace(draft(), 'title', 0.5)).toBe('inspector');
    expect(textEntryPlace(draft(), 'title', 3)).toBe('inspector');
    expect(textEntryPlace(draft(true), 'title', 2)).toBe('inspector');
  });
  it('a picture or an unknown clip is never typed into on the preview', () => {
    expect(textEntryPlace(draft(), 'video', 2)).toBe('inspector');
    expect(textEntryPlace(draft(), 'gone', 2)).toBe('inspector');
  });
});
