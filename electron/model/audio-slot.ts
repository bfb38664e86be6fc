import type { VideoDraft } from './draft';
import { titleSlot } from './title-slot';

/**
 * Where a sound added with "+" from the bin goes (docs/timeline.md "Adding media"). It used to go after the last
 * clip of the first audio track, always: a voice file pressed with + landed after the 12 s music and made the video
 * 16 s with 4 s of black (a new user's walk). As in CapCut it goes in at the playhead, whole (a sound is not cut to
 * fit as a title is), on the first audio track with room for it there; else in the nearest room on any audio track;
 * only when no track has room within the video does it run past the end (the one that lengthens it least).
 * The room on one track is titleSlot's, asked for the clip's whole length (`minSec` = its length: never shortened).
 * A file recorded as a voiceover (tagged "voiceover", as recordings are) tries the Voiceover track first; other
 * sounds try the tracks in their order (Music, then Voiceover).
 */
export type AudioSlot = {
  trackId: string;
  start: number;
  atPlayhead: boolean;
  lengthens: boolean;
  /** A sound not recorded as a voiceover on a Voiceover track (Music had no room): the export counts it as voice. */
  onVoiceTrack: boolean;
};

export function audioSlot(playhead: number, draft: VideoDraft, durationSec: number, opts: { voice?: boolean } = {}): AudioSlot | null {
  const audio = draft.tracks.filter((t) => t.kind === 'audio');
  const order = opts.voice ? [...audio.filter((t) => t.role === 'voiceover'), ...audio.filter((t) => t.role !== 'voiceover')] : audio;
  if (order.length === 0) return null;
  const sec = Math.max(1 / draft.canvas.fps, durationSec);
  const slots = order.map((t) => ({ trackId: t.id, ...titleSlot(playhead, draft, t.id, sec, { minSec: sec }) }));
  const voiceTracks = new Set(audio.filter((t) => t.role === 'voiceover').map((t) => t.id));
  const pick = (s: (typeof slots)[number]): AudioSlot => ({
    trackId: s.trackId,
    start: s.start,
    atPlayhead: s.place === 'playhead',
    lengthens: s.lengthens,
    onVoiceTrack: !opts.voice && voiceTracks.has(s.trackId),
  });
  const fits = slots.filter((s) => !s.lengthens);
  const here = fits.find((s) => s.place === 'playhead');
  if (here) return pick(here);
  // The nearest room by where the clip would start (the first track on a tie: the sort is stable).
  const nearest = [...fits].sort((a, b) => Math.abs(a.start - playhead) - Math.abs(b.start - playhead))[0];
  if (nearest) return pick(nearest);
  return pick([...slots].sort((a, b) => a.start + a.duration - (b.start + b.duration))[0]!);
}
