import type { MediaClip, SpeedRamp, VideoDraft } from './draft';
import { type EditResult, findClip, restoreCurvedClip, setSpeedRamp, type SourceInfo } from './timeline';

/**
 * The Speed section's two modes, Constant and Curve (docs/speed-ramps.md "UI"), switched without losing the curve:
 * switching to Constant puts the curve aside (the editor keeps it for the session; the draft stores only what
 * plays), and switching back to Curve brings it back. When nothing else changed the clip in between, it comes back
 * exactly as it was (range, curve, keys), not re-fitted: a Constant → Curve round trip changes nothing.
 */

/** What switching to Constant put aside: the clip as it played its curve, and the constant clip that replaced it. */
export type PutAsideCurve = { curved: MediaClip; constant: MediaClip };

/** Switches a clip to its constant speed; `aside` is what Curve needs to bring the curve back (null: no curve). */
export function switchToConstant(draft: VideoDraft, clipId: string, info: SourceInfo): { result: EditResult; aside: PutAsideCurve | null } {
  const found = findClip(draft, clipId);
  const clip = found?.clip.type === 'media' ? found.clip : null;
  const result = setSpeedRamp(draft, clipId, null, info);
  if (!result.ok || !clip?.speedRamp) return { result, aside: null };
  const constant = findClip(result.draft, clipId)?.clip;
  return { result, aside: constant?.type === 'media' ? { curved: clip, constant } : null };
}

/**
 * Switches a clip to a curve: the one put aside when it went to Constant, else `fallback` (a flat curve at its
 * speed). The clip comes back exactly as it was when it is still the constant clip the switch made (only its start
 * may have moved); after another edit (a trim, a new speed) the remembered curve is applied to the clip as it is now.
 */
export function switchToCurve(draft: VideoDraft, clipId: string, aside: PutAsideCurve | null, fallback: SpeedRamp, info: SourceInfo): EditResult {
  const found = findClip(draft, clipId);
  const clip = found?.clip.type === 'media' ? found.clip : null;
  if (clip && aside && !clip.speedRamp && sameBesidesStart(clip, aside.constant)) {
    const back = restoreCurvedClip(draft, clipId, aside.curved);
    if (back.ok) return back;
  }
  return setSpeedRamp(draft, clipId, aside?.curved.speedRamp ?? fallback, info);
}

/** The same clip apart from where it starts (a ripple may have moved it) and its transition (fitted to neighbours). */
function sameBesidesStart(a: MediaClip, b: MediaClip): boolean {
  const strip = ({ start: _s, transitionIn: _t, ...rest }: MediaClip) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
