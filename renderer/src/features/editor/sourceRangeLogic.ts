import { playOrder } from '../../../../electron/model/clip-speed';
import type { MediaClip } from '../../../../electron/model/draft';
import { t } from '../../i18n';

/**
 * The Inspector's "From source" readout: the stretch of the file the clip shows, in the order it PLAYS. A reversed
 * clip plays `out` first, so it reads "4.00 → 1.00 s" (the numbers fall) rather than the stored "1.00 → 4.00 s",
 * which a creator would take to mean it starts at 1 s; `title` says it in words (a tooltip and the accessible
 * description). Kept short: the Inspector's value column is narrow. playOrder (model/clip-speed.ts) mirrors a
 * reversed clip's range.
 */
export function sourceRange(clip: MediaClip): { text: string; title: string | undefined } {
  if (!clip.reversed) return { text: t('inspector.sourceRange', { from: clip.in.toFixed(2), to: clip.out.toFixed(2) }), title: undefined };
  const played = playOrder(clip);
  // Mirrored back to file times: the first frame shown is at −played.in = out, the last at −played.out = in.
  const p = { from: (0 - played.in).toFixed(2), to: (0 - played.out).toFixed(2) };
  return { text: t('inspector.sourceRangeReversed', p), title: t('inspector.sourceReversedTitle', p) };
}
