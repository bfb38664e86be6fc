import { addTrack, setTrackCues, uniqueTrackName } from './caption-edits';
import { shownStyleFor } from './caption-style';
import type { CaptionCue } from './caption-track';
import type { VideoDraft } from './draft';
import type { EditResult } from './timeline';

export type SyncedTrackOptions = {
  /** The new track's name (a replaced track keeps its own). */
  name: string;
  /** BCP 47 tag of the cues' language. */
  language: string;
  /** Put the cues into this track instead of adding one (its id, name and style stay). */
  replaceTrackId?: string;
};

/**
 * Cues from Sync to script or auto-captions put into a draft as ONE edit (the editor's undo takes it back in one
 * step): a new track, or the cues of an existing track replaced. Pure; the result is checked against the caption
 * track schema (caption-edits.ts addTrack, setTrackCues), so a bad cue refuses the edit instead of reaching the saved draft.
 */
export function withSyncedTrack(doc: VideoDraft, cues: readonly CaptionCue[], opts: SyncedTrackOptions): EditResult {
  if (cues.length === 0) return { ok: false, reason: 'invalid_value', message: 'No captions came out of the recording, so nothing was added.' };
  if (opts.replaceTrackId !== undefined) return setTrackCues(opts.replaceTrackId, cues)(doc);
  return addTrack({ name: uniqueTrackName(opts.name, doc.captions ?? []), language: opts.language, cues: [...cues], styleId: shownStyleFor(cues) })(doc);
}
