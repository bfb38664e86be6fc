import { describe, expect, it } from 'vitest';
import { withSyncedTrack } from './caption-import';
import type { CaptionCue } from './caption-track';
import { newVideoDraft, type VideoDraft } from './draft';

let n = 0;
const draft = (): VideoDraft => newVideoDraft('Talk', '9:16', 30, (p) => `${p}${++n}`);
const cue = (id: string, text: string, startSec: number, endSec: number): CaptionCue => ({
  id,
  text,
  startSec,
  endSec,
  words: text.split(' ').map((w, i, all) => ({ text: w, startSec: startSec + ((endSec - startSec) * i) / all.length, endSec: startSec + ((endSec - startSec) * (i + 1)) / all.length })),
});
const cues = [cue('a', 'Hello there.', 0.5, 1.5), cue('b', 'Second line here.', 2, 3.2)];

describe('withSyncedTrack', () => {
  it('adds the cues as a new track named for the language, leaving the rest of the draft as it was', () => {
    const doc = draft();
    const r = withSyncedTrack(doc, cues, { name: 'English', language: 'en' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.captions).toEqual([{ id: 'captions-1', language: 'en', name: 'English', cues, styleId: 'karaoke' }]);
    expect(r.draft.tracks).toBe(doc.tracks);
    expect(r.clipId).toBeNull();
    expect(doc.captions ?? []).toEqual([]);
  });

  it('adds a second track beside one of the same language with a free id and a name told apart', () => {
    const first = withSyncedTrack(draft(), cues, { name: 'English', language: 'en' });
    if (!first.ok) throw new Error(first.message);
    const second = withSyncedTrack(first.draft, cues.slice(0, 1), { name: 'English', language: 'en' });
    if (!second.ok) throw new Error(second.message);
    expect(second.draft.captions?.map((t) => [t.id, t.name, t.cues.length])).toEqual([
      ['captions-1', 'English', 2],
      ['captions-2', 'English 2', 1],
    ]);
  });

  it('replaces the cues of a chosen track, keeping its id, name and style', () => {
    const doc: VideoDraft = { ...draft(), captions: [{ id: 'mine', language: 'en', name: 'My captions', styleId: 'karaoke', cues: [cue('x', 'Old words', 0, 1)] }] };
    const r = withSyncedTrack(doc, cues, { name: 'English', language: 'en', replaceTrackId: 'mine' });
    if (!r.ok) throw new Error(r.message);
    expect(r.draft.captions).toEqual([{ id: 'mine', language: 'en', name: 'My captions', styleId: 'karaoke', cues }]);
  });

  it('refuses a track that is gone, no cues, and cues that break the track rules, leaving the draft untouched', () => {
    const doc = draft();
    expect(withSyncedTrack(doc, cues, { name: 'English', language: 'en', replaceTrackId: 'gone' })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(withSyncedTrack(doc, [], { name: 'English', language: 'en' })).toMatchObject({ ok: false, reason: 'invalid_value' });
    const backwards = [{ ...cues[0]!, startSec: 2, endSec: 1, words: undefined }];
    const r = withSyncedTrack(doc, backwards, { name: 'English', language: 'en' });
    expect(r).toMatchObject({ ok: false, reason: 'invalid_value' });
    if (!r.ok) expect(r.message).toMatch(/end after it starts/);
    const dup = withSyncedTrack(doc, [cues[0]!, { ...cues[1]!, id: 'a' }], { name: 'English', language: 'en' });
    expect(dup.ok).toBe(false);
  });
});
