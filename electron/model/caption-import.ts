import { type CaptionCue, CaptionTracks, CAPTION_TRACKS_MAX, freeId } from './caption-track';
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
 * track schema, so a bad cue refuses the edit instead of reaching the saved draft.
 */
export function withSyncedTrack(doc: VideoDraft, cues: readonly CaptionCue[], opts: SyncedTrackOptions): EditResult {
  const existing = doc.captions ?? [];
  if (cues.length === 0) return { ok: false, reason: 'invalid_value', message: 'No captions came out of the recording, so nothing was added.' };
  let tracks: unknown[];
  if (opts.replaceTrackId !== undefined) {
    const at = existing.findIndex((t) => t.id === opts.replaceTrackId);
    if (at < 0) return { ok: false, reason: 'not_found', message: 'That caption track is no longer in the draft; add the captions as a new track.' };
    tracks = existing.map((t, i) => (i === at ? { ...t, cues } : t));
  } else {
    if (existing.length >= CAPTION_TRACKS_MAX) return { ok: false, reason: 'invalid_value', message: `A draft holds at most ${CAPTION_TRACKS_MAX} caption tracks; replace one instead.` };
    const id = freeId('captions', new Set(existing.map((t) => t.id)));
    tracks = [...existing, { id, language: opts.language, name: uniqueName(opts.name, existing.map((t) => t.name)), cues }];
  }
  const parsed = CaptionTracks.safeParse(tracks);
  if (!parsed.success) {
    return { ok: false, reason: 'invalid_value', message: `These captions do not fit a caption track (${parsed.error.issues[0]?.message ?? 'unknown problem'}).` };
  }
  return { ok: true, draft: { ...doc, captions: parsed.data }, clipId: null };
}

/** "English", or "English 2", "English 3"… when a track already has that name (two tracks read apart in the editor). */
function uniqueName(name: string, taken: readonly string[]): string {
  const base = name.trim().slice(0, 80) || 'Captions';
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const next = `${base.slice(0, 76)} ${n}`;
    if (!taken.includes(next)) return next;
  }
}
