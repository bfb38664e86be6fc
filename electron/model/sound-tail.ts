import { clipEnd, type Track, type VideoDraft } from './draft';
import { deleteClips, type EditResult, minClipFrames, type SourceInfo, trimClip } from './timeline';

/**
 * Sound that runs past the picture: a song longer than the edit (the usual case) makes the export end on
 * seconds of black with the music still playing, since a draft lasts until its last clip on any track ends. A new
 * user posted such a reel; the Export dialog now says so and offers to end the sound with the picture.
 */

type Kinds = (kind: Track['kind']) => boolean;
const SOUND: Kinds = (k) => k === 'audio';
const PICTURE: Kinds = (k) => k !== 'audio';
const FOOTAGE: Kinds = (k) => k === 'main' || k === 'overlay';
const TITLES: Kinds = (k) => k === 'text';

/** Where the clips on the chosen tracks end; null with none. */
function endOn(d: VideoDraft, on: Kinds): number | null {
  let end: number | null = null;
  for (const t of d.tracks) if (on(t.kind)) for (const c of t.clips) end = Math.max(end ?? 0, clipEnd(c));
  return end;
}

/** Seconds the `tail` tracks run past `lead` (an end), as whole frames; 0 within a frame, or with no lead. */
function pastEnd(d: VideoDraft, lead: number | null, tail: Kinds): number {
  if (lead === null) return 0;
  const frames = Math.round(((endOn(d, tail) ?? lead) - lead) * d.canvas.fps);
  return frames >= 1 ? frames / d.canvas.fps : 0;
}

/** Where the draft's picture ends: the last clip on a track with pictures (main, overlay, text); null with none. */
export const pictureEnd = (d: VideoDraft): number | null => endOn(d, PICTURE);

/**
 * Seconds of sound (music, voiceover) past the picture's end, as a whole number of frames; 0 when it ends with
 * the picture, when less than a frame runs over, or when the draft has no picture (a sound-only draft is its sound).
 */
export const soundPastPicture = (d: VideoDraft): number => pastEnd(d, pictureEnd(d), SOUND);

/**
 * Ends the sound with the picture: sound clips that start at or after its end go, those running past it are
 * trimmed to it (their fades kept within the shorter clip). One edit, so one undo step puts it back.
 */
export function endWithPicture(d: VideoDraft, info: SourceInfo): EditResult {
  const end = pictureEnd(d);
  return end === null || soundPastPicture(d) === 0 ? { ok: true, draft: d, clipId: null } : endTracksAt(d, SOUND, end, info);
}

/**
 * Where the footage ends: the last clip on the main and overlay tracks (video and photos); null with none. Past it,
 * titles show over black.
 */
export const footageEnd = (d: VideoDraft): number | null => endOn(d, FOOTAGE);

/**
 * Seconds at the end where only titles show, over black (a title longer than the footage, or the footage sped up
 * under it), as whole frames; 0 when the titles end with the footage, within a frame, or there is no footage (a
 * titles-only draft is its titles). An end card over black may be meant: the Export dialog says so, and offers to
 * end the titles with the video.
 */
export const titlesPastFootage = (d: VideoDraft): number => pastEnd(d, footageEnd(d), TITLES);

/** Ends the titles with the footage, as endWithPicture ends the sound with the picture. One undo step. */
export function endTitlesWithFootage(d: VideoDraft, info: SourceInfo): EditResult {
  const end = footageEnd(d);
  return end === null || titlesPastFootage(d) === 0 ? { ok: true, draft: d, clipId: null } : endTracksAt(d, TITLES, end, info);
}

/**
 * Clips of the chosen tracks that run past `end` are trimmed to it; those that start at or after it, or would be
 * left shorter than a clip may be (a title's 0.1 s), go.
 */
function endTracksAt(d: VideoDraft, chosen: Kinds, end: number, info: SourceInfo): EditResult {
  const fps = d.canvas.fps;
  const frame = 1 / fps;
  const clips = d.tracks.filter((t) => chosen(t.kind)).flatMap((t) => t.clips);
  const gone = clips.filter((c) => clipEnd(c) > end + frame / 2 && Math.round((end - c.start) * fps) < minClipFrames(c, fps)).map((c) => c.id);
  let draft = gone.length > 0 ? deleteClips(d, gone) : { ok: true as const, draft: d, clipId: null };
  for (const c of clips) {
    if (!draft.ok || gone.includes(c.id) || clipEnd(c) <= end + frame / 2) continue;
    draft = trimClip(draft.draft, c.id, 'end', end, info);
  }
  return draft.ok ? { ok: true, draft: draft.draft, clipId: null } : draft;
}
