import { clipEnd, type VideoDraft } from './draft';
import { deleteClips, type EditResult, type SourceInfo, trimClip } from './timeline';

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
  const frame = 1 / d.canvas.fps;
  const sounds = d.tracks.filter((t) => t.kind === 'audio').flatMap((t) => t.clips);
  const gone = sounds.filter((c) => c.start >= end - frame / 2).map((c) => c.id);
  let draft = gone.length > 0 ? deleteClips(d, gone) : { ok: true as const, draft: d, clipId: null };
  for (const c of sounds) {
    if (!draft.ok || gone.includes(c.id) || clipEnd(c) <= end + frame / 2) continue;
    draft = trimClip(draft.draft, c.id, 'end', end, info);
  }
  return draft.ok ? { ok: true, draft: draft.draft, clipId: null } : draft;
}
