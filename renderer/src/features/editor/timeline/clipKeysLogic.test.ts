import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newVideoDraft } from '../../../../../electron/model/draft';
import { insertClip, moveClip, newMediaClip, newTextClip, trimClip, type SourceInfo } from '../../../../../electron/model/timeline';
import { mainTrackDraft, okDraft, testSourceInfo } from '../testDrafts';
import { adjacentTrackFor, clipNudgeSeconds, clipTrackStep, focusAfterDelete, mainTrackSwapAt, nudgedStart, pickToggle, stillPicking, type ClipKey } from './clipKeysLogic';

const key = (k: string, mods: Partial<ClipKey> = {}): ClipKey => ({ key: k, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('clip keys', () => {
  it('Alt+arrows move a frame, Alt+Shift+arrows a second; other keys are not clip moves', () => {
    expect(clipNudgeSeconds(key('ArrowRight', { altKey: true }), 30)).toBeCloseTo(1 / 30, 12);
    expect(clipNudgeSeconds(key('ArrowLeft', { altKey: true }), 25)).toBeCloseTo(-1 / 25, 12);
    expect(clipNudgeSeconds(key('ArrowLeft', { altKey: true, shiftKey: true }), 30)).toBe(-1);
    // Plain arrows step the playhead; Ctrl/⌘ combinations belong to the system or undo.
    expect(clipNudgeSeconds(key('ArrowRight'), 30)).toBeNull();
    expect(clipNudgeSeconds(key('ArrowRight', { altKey: true, ctrlKey: true }), 30)).toBeNull();
    expect(clipNudgeSeconds(key('ArrowUp', { altKey: true }), 30)).toBeNull();
  });
  it('a nudge lands on the frame grid and never before 0 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -200, max: 200 }), fc.constantFrom(24, 25, 30, 60), (startFrame, frames, fps) => {
        const s = nudgedStart(startFrame / fps, frames / fps, fps);
        expect(s * fps).toBeCloseTo(Math.max(0, startFrame + frames), 6);
        expect(s).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  it('on the main track, Alt+arrows swap the clip with its neighbour, and do nothing at the ends (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 3, max: 60 }), { minLength: 1, maxLength: 8 }), fc.nat(), fc.constantFrom<-1 | 1>(-1, 1), (frames, pick, dir) => {
        const count = frames.length;
        // Clips of different lengths (each trimmed to its own number of frames), so a swap is not a no-op in time.
        let d = mainTrackDraft(count);
        frames.forEach((f, k) => {
          const c = d.tracks[0]!.clips[k]!;
          d = okDraft(trimClip(d, c.id, 'end', c.start + f / 30, testSourceInfo));
        });
        const clips = d.tracks[0]!.clips;
        const i = pick % count;
        const at = mainTrackSwapAt(clips, clips[i]!.id, dir);
        const j = i + dir;
        if (j < 0 || j >= count) {
          expect(at).toBeNull();
          return;
        }
        expect(at).not.toBeNull();
        const moved = okDraft(moveClip(d, clips[i]!.id, d.tracks[0]!.id, at!, testSourceInfo)).tracks[0]!.clips.map((c) => c.id);
        const want = clips.map((c) => c.id);
        [want[i], want[j]] = [want[j]!, want[i]!];
        expect(moved).toEqual(want);
      }),
    );
  });
  it('Alt+↑/↓ step between tracks; with Shift, Ctrl or ⌘, or without Alt, they do not', () => {
    expect(clipTrackStep(key('ArrowUp', { altKey: true }))).toBe(-1);
    expect(clipTrackStep(key('ArrowDown', { altKey: true }))).toBe(1);
    expect(clipTrackStep(key('ArrowDown'))).toBeNull();
    expect(clipTrackStep(key('ArrowDown', { altKey: true, shiftKey: true }))).toBeNull();
    expect(clipTrackStep(key('ArrowUp', { altKey: true, metaKey: true }))).toBeNull();
    expect(clipTrackStep(key('ArrowLeft', { altKey: true }))).toBeNull();
  });
  it('a clip moves to the nearest track above or below that takes it, skipping the others', () => {
    // A new draft's tracks, top to bottom: Main, Overlay, Text, Music, Voiceover.
    const info: SourceInfo = (id) => (id === 'song' ? { kind: 'audio', durationSec: 30 } : { kind: 'video', durationSec: 12 });
    let n = 0;
    let d = newVideoDraft('t', '9:16', 30, (p) => `${p}-${++n}`);
    const [main, overlay, text, music, voice] = d.tracks.map((tr) => tr.id) as [string, string, string, string, string];
    const video = newMediaClip({ id: 'v', kind: 'video', durationSec: 12 }, 0, () => 'clip-v');
    const song = newMediaClip({ id: 'song', kind: 'audio', durationSec: 30 }, 0, () => 'clip-a');
    const title = newTextClip('Hi', 0, () => 'clip-t');
    d = okDraft(insertClip(d, overlay, video, 0, info));
    d = okDraft(insertClip(d, music, song, 0, info));
    const v = d.tracks[1]!.clips[0]!;
    const a = d.tracks[3]!.clips[0]!;
    // Pictures: Overlay ↔ Main; nothing below Overlay takes a video (Text, audio tracks).
    expect(adjacentTrackFor(d.tracks, v, overlay, -1, info)).toBe(main);
    expect(adjacentTrackFor(d.tracks, v, overlay, 1, info)).toBeNull();
    expect(adjacentTrackFor(d.tracks, v, main, 1, info)).toBe(overlay);
    expect(adjacentTrackFor(d.tracks, v, main, -1, info)).toBeNull();
    // Audio: Music ↔ Voiceover, never a picture track.
    expect(adjacentTrackFor(d.tracks, a, music, 1, info)).toBe(voice);
    expect(adjacentTrackFor(d.tracks, a, music, -1, info)).toBeNull();
    expect(adjacentTrackFor(d.tracks, a, voice, -1, info)).toBe(music);
    // Text: the only text track, so neither way.
    expect(adjacentTrackFor(d.tracks, title, text, -1, info)).toBeNull();
    expect(adjacentTrackFor(d.tracks, title, text, 1, info)).toBeNull();
    // The move itself is the model's (a drop's): onto Main the clip joins the packed track.
    const moved = okDraft(moveClip(d, v.id, main, v.start, info));
    expect(moved.tracks[0]!.clips.map((c) => c.id)).toEqual([v.id]);
    expect(moved.tracks[1]!.clips).toEqual([]);
  });
  it('after a delete the focus goes to the next clip left, else the previous, else nowhere on the track', () => {
    const clips = mainTrackDraft(4).tracks[0]!.clips;
    const [a, b, c, e] = clips.map((x) => x.id) as [string, string, string, string];
    expect(focusAfterDelete(clips, [b], b)).toBe(c);
    expect(focusAfterDelete(clips, [b, c], b)).toBe(e);
    expect(focusAfterDelete(clips, [e], e)).toBe(c);
    expect(focusAfterDelete(clips, [c, e], e)).toBe(b);
    expect(focusAfterDelete(clips, [a, b, c, e], c)).toBeNull();
    expect(focusAfterDelete(clips, [a], 'gone')).toBeNull();
  });
  it('Shift+Space keeps the focus-selected clip and starts a pick; then it adds and removes clips', () => {
    let sel = pickToggle(['a'], 'a', stillPicking(null, ['a']));
    expect(sel).toEqual(['a']);
    let picks: string[] | null = sel;
    expect(stillPicking(picks, ['a'])).toBe(true);
    sel = pickToggle(sel, 'b', stillPicking(picks, sel));
    expect(sel).toEqual(['a', 'b']);
    picks = sel;
    sel = pickToggle(sel, 'a', stillPicking(picks, sel));
    expect(sel).toEqual(['b']);
    // Anything else that selects (a click, Escape, a delete) ends the pick.
    expect(stillPicking(['b'], ['c'])).toBe(false);
    expect(stillPicking(['b'], [])).toBe(false);
    expect(stillPicking(['a', 'b'], ['b', 'a'])).toBe(true);
  });
});
