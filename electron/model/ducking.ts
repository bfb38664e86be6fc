import type { Track, VideoDraft } from './draft';
import type { EditResult } from './timeline';

/**
 * Ducking as the editor changes it: a track's music is lowered to `level` while a voiceover clip plays (the
 * compiler's duckingExpression does the lowering). Pure edits for useEditor's edit().
 */

/** The level a track gets when ducking is first switched on (about −10 dB: speech stays clear, music stays heard). */
export const DEFAULT_DUCK_LEVEL = 0.3;
/** The quietest level offered: below −40 dB the music is simply gone, which muting says better. */
export const MIN_DUCK_LEVEL = 0.01;

/** Tracks whose sound can be ducked: audio tracks other than voiceovers (a voice is never lowered under itself). */
export function canDuck(track: Track): boolean {
  return track.kind === 'audio' && track.role !== 'voiceover';
}

/** Whether the draft has a voiceover track with a clip (what ducking listens for). */
export function hasVoiceover(d: VideoDraft): boolean {
  return d.tracks.some((t) => t.kind === 'audio' && t.role === 'voiceover' && !t.muted && !t.hidden && t.clips.length > 0);
}

/**
 * Why a track that may duck never will in this draft, or null when it can: no voiceover track at all (a draft made
 * elsewhere, or one whose audio tracks carry no roles), or every voiceover track muted or hidden (the export skips
 * them, so nothing is heard to duck under). The inspector then shows the switch off and disabled with this reason,
 * not ticked as if it worked (a new user's walk). An empty voiceover track is no blocker: recording fills it.
 */
export function duckBlocker(d: VideoDraft): 'no_voice_track' | 'voice_silent' | null {
  const voices = d.tracks.filter((t) => t.kind === 'audio' && t.role === 'voiceover');
  if (voices.length === 0) return 'no_voice_track';
  return voices.every((t) => t.muted || t.hidden) ? 'voice_silent' : null;
}

/** Gain as decibels for people: 0.3 → −10 dB (rounded to whole dB). */
export function levelDb(level: number): number {
  return level <= 0 ? -Infinity : Math.round(20 * Math.log10(level));
}

/** Switches ducking on or off and/or sets its level (clamped into MIN_DUCK_LEVEL..1). */
export function setDucking(d: VideoDraft, trackId: string, change: { enabled?: boolean; level?: number }): EditResult {
  const track = d.tracks.find((t) => t.id === trackId);
  if (!track) return { ok: false, reason: 'not_found', message: 'That track is gone. Choose another clip.' };
  if (!canDuck(track)) return { ok: false, reason: 'wrong_track', message: 'Only music and sound tracks can be lowered under a voiceover.' };
  if (change.level !== undefined && !Number.isFinite(change.level)) return { ok: false, reason: 'invalid_value', message: 'The ducking level must be a number.' };
  const was = track.ducking ?? { enabled: false, level: DEFAULT_DUCK_LEVEL };
  const level = change.level === undefined ? was.level : Math.min(1, Math.max(MIN_DUCK_LEVEL, change.level));
  const ducking = { enabled: change.enabled ?? was.enabled, level };
  return { ok: true, draft: { ...d, tracks: d.tracks.map((t) => (t.id === trackId ? { ...t, ducking } : t)) }, clipId: null };
}
