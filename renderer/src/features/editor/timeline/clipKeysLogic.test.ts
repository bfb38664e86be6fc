import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipNudgeSeconds, nudgedStart, type ClipKey } from './clipKeysLogic';

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
});
