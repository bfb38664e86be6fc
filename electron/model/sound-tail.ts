import { clipEnd, type Track, type VideoDraft } from './draft';
import { deleteClips, type EditResult, minClipFrames, type SourceInfo, trimClip } from './timeline';

/**
 * Sound that runs past the picture: a song longer than the edit (the usual case) makes the export end on
 * seconds of black with the music still playing, since a draft lasts until its last clip on any track ends. A new
 * user posted such a reel; the Export dialog now says so and offers to end the sound with the picture.
 */

/** Where the draft's picture ends: the last clip on a track with pictures (main, overlay, text); null with none. */
export function pictureEnd(d: VideoDraft): number | null {
  let end: number | null = null;
  for (const t of d.tracks) if (t.kind !== 'audio') for (const c of t.clips) end = Math.max(end ?? 0, clipEnd(c));
  return end;
}

/**
 * Seconds of sound (music, voiceover) past the picture's end, as a whole number of frames; 0 when it ends with
 * the picture, when less than a frame runs over, or when the draft has no picture (a sound-only draft is its sound).
 */
export function soundPastPicture(d: VideoDraft): number {
  const picture = pictureEnd(d);
  if (picture === null) return 0;
  let sound = picture;
  for (const t of d.tracks) if (t.kind === 'audio') for (const c of t.clips) sound = Math.max(sound, clipEnd(c));
  const frames = Math.round((sound - picture) * d.canvas.fps);
  return frames >= 1 ? frames / d.canvas.fps : 0;
}

/**
 * Ends the sound with the picture: sound clips that start at or after its end go, those running past it are
 * trimmed to it (their fades kept within the shorter clip). One edit, so one undo step puts it back.
 */
export function endWithPicture(d: VideoDraft, info: SourceInfo): EditResult {
  const end = pictureEnd(d);
  if (end === null || soundPastPicture(d) === 0) return { ok: true, draft: d, clipId: null };
  return endTracksAt(d, (k) => k === 'audio', end, info);
}

/**
 * Where the footage ends: the last clip on the main and overlay tracks (video and photos); null with none. Past it,
 * titles show over black.
 */
export function footageEnd(d: VideoDraft): number | null {
  let end: number | null = null;
  for (const t of d.tracks) if (t.kind === 'main' || t.kind === 'overlay') for (const c of t.clips) end = Math.max(end ?? 0, clipEnd(c));
  return end;
}

/**
 * Seconds at the end where only titles show, over black (a title longer than the footage, or the footage sped up
 * under it), as whole frames; 0 when the titles end with the footage, within a frame, or there is no footage (a
 * titles-only draft is its titles). An end card over black may be meant: the Export dialog says so, and offers to
 * end the titles with the video.
 */
export function titlesPastFootage(d: VideoDraft): number {
  const footage = footageEnd(d);
  if (footage === null) return 0;
  let titles = footage;
  for (const t of d.tracks) if (t.kind === 'text') for (const c of t.clips) titles = Math.max(titles, clipEnd(c));
  const frames = Math.round((titles - footage) * d.canvas.fps);
  return frames >= 1 ? frames / d.canvas.fps : 0;
}

/** Ends the titles with the footage, as endWithPicture ends the sound with the picture. One undo step. */
export function endTitlesWithFootage(d: VideoDraft, info: SourceInfo): EditResult {
  const end = footageEnd(d);
  if (end === null || titlesPastFootage(d) === 0) return { ok: true, draft: d, clipId: null };
  return endTracksAt(d, (k) => k === 'text', end, info);
}

/**
 * Clips of the chosen tracks that run past `end` are trimmed to it; those that start at or after it, or would be
 * left shorter than a clip may be (a title's 0.1 s), go.
 */
function endTracksAt(d: VideoDraft, chosen: (kind: Track['kind']) => boolean, end: number, info: SourceInfo): EditResult {
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
