import type { Track, VideoDraft } from './draft';
import { type EditResult, insertClip, MAX_TIMELINE_SEC, newMediaClip, type SourceInfo, toFrames } from './timeline';

/** Tracks a draft may have (the schema's limit). */
const MAX_TRACKS = 32;

/**
 * Puts a recorded voiceover on the timeline exactly where recording started: `at` (snapped to a frame) on the
 * first voiceover track that is free there for the take's whole length. A take is never slid later to find
 * room (narration belongs to the picture it was spoken over): when every voiceover track is busy at that time,
 * a new one ("Voiceover 2", …) is added after the last, and the take goes there. Pure: a new draft, the rest
 * of it unchanged.
 */
export function placeVoiceover(
  draft: VideoDraft,
  asset: { id: string; kind: 'video' | 'image' | 'audio'; durationSec: number | null },
  at: number,
  info: SourceInfo,
  idFor: (prefix: string) => string,
): EditResult {
  if (asset.kind !== 'audio') return { ok: false, reason: 'wrong_track', message: 'A voiceover is a sound recording; this asset is not one. Record the voiceover again.' };
  const fps = draft.canvas.fps;
  const start = toFrames(Math.min(Math.max(0, at), MAX_TIMELINE_SEC), fps) / fps;
  const clip = newMediaClip(asset, start, idFor);
  const voiceTracks = draft.tracks.filter((t) => t.kind === 'audio' && t.role === 'voiceover');

  for (const track of voiceTracks) {
    const r = insertClip(draft, track.id, clip, start, info);
    if (!r.ok) {
      if (r.reason === 'track_busy') continue;
      return r;
    }
    // insertClip moves a clip to the next free spot; for narration that would be the wrong place.
    const placed = r.draft.tracks.find((t) => t.id === track.id)?.clips.find((c) => c.id === clip.id);
    if (placed && toFrames(placed.start, fps) === toFrames(start, fps)) return r;
  }

  if (draft.tracks.length >= MAX_TRACKS) {
    return { ok: false, reason: 'track_busy', message: `Every voiceover track is busy at this time and the draft already has ${MAX_TRACKS} tracks. Move or delete a voiceover, then place the take from the media bin.` };
  }
  const track: Track = {
    id: idFor('track'),
    kind: 'audio',
    name: voiceTracks.length === 0 ? 'Voiceover' : `Voiceover ${voiceTracks.length + 1}`,
    muted: false,
    hidden: false,
    role: 'voiceover',
    ducking: null,
    clips: [],
  };
  const last = voiceTracks.at(-1);
  const index = last ? draft.tracks.indexOf(last) + 1 : draft.tracks.length;
  const withTrack: VideoDraft = { ...draft, tracks: [...draft.tracks.slice(0, index), track, ...draft.tracks.slice(index)] };
  return insertClip(withTrack, track.id, clip, start, info);
}
