import type { VideoDraft } from '../../../../../electron/model/draft';
import { activeLayersAt, clampPlayhead } from '../../../../../electron/model/timeline';

/**
 * Reversed clips the preview leaves out at the playhead because their reversed copy is still being made
 * (reversedPreview.ts): the preview says so over the picture, with the copy's progress, instead of a silent black
 * frame (walk finding 9). Bottom to top, one per asset (two clips of one asset wait for one copy).
 */
export function reversingAt(doc: VideoDraft, playhead: number, ready: Readonly<Record<string, true>>): { clipId: string; assetId: string }[] {
  const out: { clipId: string; assetId: string }[] = [];
  for (const l of activeLayersAt(doc, clampPlayhead(playhead, doc))) {
    const c = l.clip;
    if (c.type !== 'media' || !c.reversed || ready[c.assetId] || out.some((x) => x.assetId === c.assetId)) continue;
    out.push({ clipId: c.id, assetId: c.assetId });
  }
  return out;
}
