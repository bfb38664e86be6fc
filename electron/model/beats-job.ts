import { z } from 'zod';

/**
 * Beat markers as a job and as a fact of an asset (issue 14 §4; docs/timeline.md "Beats"). "Find beats" on a
 * music clip starts a 'beats' job for its asset: ffmpeg decodes the sound to mono PCM, model/beats.ts finds the
 * onsets, and the library keeps them with the asset (migration 0016), not in the draft: every clip of that asset,
 * in every draft, shows and snaps to the same beats.
 */

/** Sounds longer than this are refused: 20 minutes of PCM is ~100 MB in memory and a minute of analysis. */
export const MAX_BEATS_SOURCE_SEC = 20 * 60;
/** The detector's own version: a stored analysis of an older version can be told apart (and found again). */
export const BEATS_VERSION = 1;
/** More onsets than this in one asset is noise (a 20-minute track at 240 BPM has 4,800). */
export const MAX_BEATS = 10_000;

export const BeatsJobInput = z.object({ assetId: z.string().min(1).max(64) }).strict();
export type BeatsJobInput = z.infer<typeof BeatsJobInput>;

export const BeatsResult = z.object({
  kind: z.literal('beats'),
  assetId: z.string(),
  count: z.number().int().nonnegative(),
  bpm: z.number().positive().nullable(),
});
export type BeatsResult = z.infer<typeof BeatsResult>;

/** An asset's stored beats: seconds from the start of the file, ascending. */
export const AssetBeats = z.object({
  assetId: z.string(),
  beats: z.array(z.number().nonnegative()).max(MAX_BEATS),
  bpm: z.number().positive().nullable(),
  computedAt: z.string(),
});
export type AssetBeats = z.infer<typeof AssetBeats>;

/** What the job and the call check about an asset before decoding anything. */
export type BeatsSource = { name: string; kind: 'video' | 'image' | 'audio'; hasAudio: boolean; durationSec: number | null };

/** Why beats cannot be found in this asset (a sentence that says what to do), or null when they can. */
export function beatsRefusal(a: BeatsSource): string | null {
  if (a.kind === 'image' || !a.hasAudio) return `“${a.name}” has no sound to find beats in. Choose a music clip or a video with sound.`;
  if (a.durationSec !== null && a.durationSec > MAX_BEATS_SOURCE_SEC) {
    return `“${a.name}” is ${Math.round(a.durationSec / 60)} minutes long; beats are found in sound up to ${MAX_BEATS_SOURCE_SEC / 60} minutes. Trim it into a shorter file and import that.`;
  }
  return null;
}

/** The job list's title. */
export function beatsJobTitle(name: string): string {
  return `Finding beats in ${name}`;
}
