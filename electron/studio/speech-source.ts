import { draftNotFound } from '../library/drafts-repo';
import type { MediaClip } from '../model/draft';
import { AppError } from '../model/errors';
import type { Rooms } from './context';

/** The audio a speech feature reads: a file, the part of it a clip plays, and where that part sits on the timeline. */
export type SpeechSource = { assetId: string; file: string; fromSec: number; durationSec: number | null; timelineSec: number };

/** How each feature names itself in its refusals (Sync to script, auto-captions and snap to speech read the same audio). */
const WORDING = {
  sync: { onVideo: 'Sync to script works on video drafts. Open a video draft with the recording.', none: 'to sync the script to', reads: 'Sync to script reads one recording. Sync the recording in the Library', speed: 'to sync the script' },
  speech: { onVideo: 'Speech edges are found on video drafts. Open a video draft with speech.', none: 'to snap captions to', reads: 'Snap to speech reads one recording. Join the clips into one recording', speed: 'to snap captions to its speech' },
  transcribe: { onVideo: 'Auto-captions work on video drafts. Open a video draft with speech.', none: 'to caption', reads: 'auto-captions read one recording. Caption the recording in the Library', speed: 'to caption it' },
} as const;
export type SpeechUse = keyof typeof WORDING;

/**
 * A draft's spoken audio: the voiceover track's clip, else the main track's. One clip at normal speed (a
 * teleprompter take is one recording); a track of several clips is refused with what to do.
 */
export function draftSpeechSource(rooms: Rooms, draftId: string, use: SpeechUse): SpeechSource {
  const w = WORDING[use];
  const rec = rooms.drafts.get(draftId);
  if (!rec) throw draftNotFound();
  if (rec.doc.kind !== 'video') throw new AppError('invalid_input', w.onVideo);
  const tracks = rec.doc.tracks;
  const media = (t: (typeof tracks)[number] | undefined) => (t?.clips.filter((c): c is MediaClip => c.type === 'media') ?? []).filter((c) => rooms.assets.get(c.assetId)?.kind !== 'image');
  const voice = media(tracks.find((t) => t.kind === 'audio' && t.role === 'voiceover'));
  const clips = voice.length ? voice : media(tracks.find((t) => t.kind === 'main'));
  if (clips.length === 0) throw new AppError('invalid_input', `This draft has no voiceover or video with sound ${w.none}. Add the recording first.`);
  if (clips.length > 1) throw new AppError('invalid_input', `The ${voice.length ? 'voiceover' : 'main'} track has ${clips.length} clips; ${w.reads}, or keep one clip on the track.`);
  const clip = clips[0]!;
  if (clip.speed !== 1 || clip.speedRamp) throw new AppError('invalid_input', `The recording plays at a changed speed; set its speed to 1× ${w.speed}, then change it back.`);
  return { ...assetSpeechSource(rooms, clip.assetId), fromSec: clip.in, durationSec: clip.out - clip.in, timelineSec: clip.start };
}

export function assetSpeechSource(rooms: Rooms, assetId: string): SpeechSource {
  const a = rooms.assets.get(assetId);
  if (!a) throw new AppError('not_found', 'That recording is no longer in the library.');
  if (a.kind === 'image') throw new AppError('invalid_input', 'That asset is a picture; choose a recording with speech.');
  return { assetId, file: rooms.folder.originalPath(a.sha256, a.ext), fromSec: 0, durationSec: null, timelineSec: 0 };
}
