import { memo } from 'react';
import type { Clip } from '../../../../../electron/model/draft';
import { beatOffsets } from '../../../../../electron/model/timeline-beats';

/**
 * The beats of a clip's asset as light ticks along the bottom of its block (docs/timeline.md "Beats"), at the clip's
 * in/out and speed. One SVG path however many beats, so a long song costs one element.
 */
export const BeatTicks = memo(function BeatTicks({ clip, beats, width }: { clip: Clip; beats: readonly number[]; width: number }) {
  if (clip.type !== 'media') return null;
  const offsets = beatOffsets(clip, new Map([[clip.assetId, beats]]));
  const w = Math.max(1, Math.round(width));
  const xs = offsets.map((o) => (o * w).toFixed(1));
  // A faint line up the block for aiming, and a dot on the bottom edge (as CapCut marks beats) to find them at a glance.
  return (
    <svg className="clip__beats" width={w} viewBox={`0 0 ${w} 10`} preserveAspectRatio="none" data-testid="clip-beats" data-count={offsets.length} aria-hidden="true">
      <path className="clip__beat-line" d={xs.map((x) => `M${x} 0V10`).join('')} vectorEffect="non-scaling-stroke" />
      <path className="clip__beat-dot" d={xs.map((x) => `M${x} 8.4V8.4`).join('')} vectorEffect="non-scaling-stroke" />
    </svg>
  );
});
