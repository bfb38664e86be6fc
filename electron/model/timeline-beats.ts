import { clipDuration, type Clip, type VideoDraft } from './draft';
import { timelineOffsetOf } from './clip-speed';

/**
 * Beats on the timeline (docs/timeline.md "Beats"). An asset's beats are times in its file; a clip plays the file
 * from `in` to `out` starting at `start`, so a beat at file time b shows at start + timelineOffsetOf(clip, b − in)
 * when in ≤ b < out: (b − in) / speed at one speed, where the curve plays it under a speed ramp. A reversed clip
 * plays `out` first (model/reverse.ts), so b shows at start + timelineOffsetOf(clip, out − b). Pure: the clip block draws these ticks, and snapCandidates (timeline-snap.ts) adds them to the
 * times a dragged edge or the playhead is drawn to.
 */

/** Beats per asset id, as the editor holds them (only assets whose beats were found). */
export type BeatsByAsset = ReadonlyMap<string, readonly number[]>;

/** The beats of `clip` as timeline times, ascending; none for a text clip or an asset without beats. */
export function clipBeatTimes(clip: Clip, beats: BeatsByAsset): number[] {
  if (clip.type !== 'media') return [];
  const of = beats.get(clip.assetId);
  if (!of || of.length === 0) return [];
  const out: number[] = [];
  for (const b of of) {
    if (clip.reversed) {
      // Played from `out` back to `in`: half-open the other way, a beat at `in` is the clip's last instant.
      if (b <= clip.in || b > clip.out) continue;
      out.push(clip.start + timelineOffsetOf(clip, clip.out - b));
      continue;
    }
    // Half-open like the clip itself: a beat exactly at `out` belongs to whatever plays next.
    if (b < clip.in || b >= clip.out) continue;
    out.push(clip.start + timelineOffsetOf(clip, b - clip.in));
  }
  // Ascending on the timeline: a reversed clip meets its file's beats last-first.
  return clip.reversed ? out.reverse() : out;
}

/** Where each of `clip`'s beats sits inside the clip block, as a share of its width (0 = its start, 1 = its end). */
export function beatOffsets(clip: Clip, beats: BeatsByAsset): number[] {
  if (clip.type !== 'media') return [];
  const dur = clipDuration(clip);
  if (!(dur > 0)) return [];
  return clipBeatTimes(clip, beats).map((t) => (t - clip.start) / dur);
}

/** Every beat of every clip of `draft` on the timeline, ascending (the ruler's scrub and the B key go to them). */
export function draftBeatTimes(draft: VideoDraft, beats: BeatsByAsset): number[] {
  return draft.tracks.flatMap((tr) => tr.clips.flatMap((c) => clipBeatTimes(c, beats))).sort((a, b) => a - b);
}

/**
 * The frame of the next (dir 1) or previous (dir −1) beat from the playhead at `t`, on the `fps` grid: a beat whose
 * frame is the playhead's own is passed over, so pressing B again moves on. Null when there is none that way.
 */
export function adjacentBeatFrame(times: readonly number[], t: number, fps: number, dir: 1 | -1): number | null {
  const here = Math.round(t * fps);
  let best: number | null = null;
  for (const b of times) {
    const f = Math.round(b * fps);
    if (dir === 1 ? f > here && (best === null || f < best) : f < here && (best === null || f > best)) best = f;
  }
  return best === null ? null : best / fps + 0;
}

/** The nearest beat of any clip to `t` within `thresholdSec`, else null (the ruler's scrub snaps the playhead to it). */
export function nearestBeat(times: readonly number[], t: number, thresholdSec: number): number | null {
  let best: number | null = null;
  for (const b of times) {
    const d = Math.abs(b - t);
    if (d <= thresholdSec && (best === null || d < Math.abs(best - t))) best = b;
  }
  return best;
}
