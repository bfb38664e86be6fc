import { clipEnd, type Clip, type VideoDraft } from '../../../../../electron/model/draft';
import { activeLayersAt, clampPlayhead, findClip } from '../../../../../electron/model/timeline';

/**
 * Why the preview shows no handles for the selected clip: the playhead is outside it. The preview draws (and the
 * handles frame) only what plays at the playhead, so a clip selected in the timeline elsewhere looks ignored;
 * the hint under the preview says so and offers to move the playhead onto the clip (G).
 */

/** The first frame of a clip on the timeline's frame grid (a clip that starts between frames shows from the next). */
export function clipFirstFrame(clip: Clip, fps: number): number {
  return Math.max(0, Math.ceil(clip.start * fps - 1e-6)) / fps;
}

/**
 * The selected picture or title that the preview does not show at `playhead` (and where to move the playhead to
 * show it), or null: nothing selected, a sound clip, a clip on a hidden track (it never shows), or one in view.
 */
export function offPlayheadSelection(doc: VideoDraft, selection: readonly string[], playhead: number): { clipId: string; jumpTo: number } | null {
  const id = selection[0];
  if (id === undefined) return null;
  const found = findClip(doc, id);
  if (!found || found.track.kind === 'audio' || found.track.hidden) return null;
  const at = clampPlayhead(playhead, doc);
  if (activeLayersAt(doc, at).some((l) => l.clip.id === id)) return null;
  // A clip shorter than a frame never shows on the grid: nothing to jump to.
  const jumpTo = clipFirstFrame(found.clip, doc.canvas.fps);
  if (jumpTo >= clipEnd(found.clip)) return null;
  return { clipId: id, jumpTo };
}
