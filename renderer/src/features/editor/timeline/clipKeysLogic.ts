/**
 * Keys on a focused clip block in the timeline (walk finding #22: clips could not be reached or moved without a
 * pointer). Alt+←/→ moves the clip one frame earlier or later, Alt+Shift+←/→ one second; plain arrows stay the
 * playhead's (useEditorKeys.ts), so Tab onto a clip never changes what ← and → do elsewhere.
 */

export type ClipKey = { key: string; altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean };

/** Seconds a key moves a focused clip by (negative: earlier), or null when the key is not a clip move. */
export function clipNudgeSeconds(e: ClipKey, fps: number): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const dir = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0;
  if (dir === 0) return null;
  return dir * (e.shiftKey ? 1 : 1 / fps);
}

/** The clip's new start after a nudge: on the frame grid, never before 0. */
export function nudgedStart(start: number, seconds: number, fps: number): number {
  return Math.max(0, Math.round((start + seconds) * fps)) / fps;
}
