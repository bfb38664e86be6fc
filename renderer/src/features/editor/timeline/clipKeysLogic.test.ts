import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveClip, trimClip } from '../../../../../electron/model/timeline';
import { mainTrackDraft, okDraft, testSourceInfo } from '../testDrafts';
import { clipNudgeSeconds, mainTrackSwapAt, nudgedStart, type ClipKey } from './clipKeysLogic';

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
});
