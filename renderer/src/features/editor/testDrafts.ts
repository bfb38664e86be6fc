import { newVideoDraft, type MediaClip, type VideoDraft } from '../../../../electron/model/draft';
import { insertClip, newMediaClip, type EditResult, type SourceInfo } from '../../../../electron/model/timeline';

/** For the editor's unit tests only: drafts built through the model's own edits. */

/** Every media source is a 12 s video. */
export const testSourceInfo: SourceInfo = () => ({ kind: 'video', durationSec: 12 });

let n = 0;
const idFor = (p: string) => `${p}-${++n}`;

/** The edit's draft, or a thrown error naming why it was refused. */
export function okDraft(r: EditResult): VideoDraft {
  if (!r.ok) throw new Error(`edit refused: ${r.reason}`);
  return r.draft;
}

/** A 9:16, 30 fps draft whose magnetic main track holds `count` clips of 2 s (their sources 12 s long). */
export function mainTrackDraft(count: number): VideoDraft {
  let d = newVideoDraft('t', '9:16', 30, idFor);
  for (let i = 0; i < count; i++) {
    const c: MediaClip = { ...newMediaClip({ id: 'v', kind: 'video', durationSec: 12 }, 0, idFor), out: 2 };
    d = okDraft(insertClip(d, d.tracks[0]!.id, c, 1e6, testSourceInfo));
  }
  return d;
}
