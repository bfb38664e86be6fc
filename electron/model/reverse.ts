import { z } from 'zod';
import type { MediaClip, VideoDraft } from './draft';
import type { EditResult } from './timeline';

/**
 * Reversed clips (issue 14 §3; docs/reverse-freeze.md). A clip with `reversed: true` plays its source range
 * `in..out` backwards. Nothing decodes backwards in real time, and ffmpeg's `reverse`/`areverse` filters hold a
 * whole segment as raw frames (a 1080x1920 frame is ~3 MB: 10 s ≈ 1 GB), so a 'reverse' job makes a reversed copy
 * of the asset once (cache/reversed/, chunk by chunk so memory stays bounded: media/reverse.ts), and both the
 * export and the preview read a reversed clip FORWARDS from that copy. This file is the one mapping between them.
 */

/** Seconds of source reversed per ffmpeg run: 1 s of 1080x1920 is ~90 MB of raw frames, however long the asset. */
export const REVERSE_CHUNK_SEC = 1;

/** Source range of the reversed copy that plays what `in..out` of the original plays backwards (D: the asset's duration). */
export function reversedRange(clip: Pick<MediaClip, 'in' | 'out'>, durationSec: number): { in: number; out: number } {
  return { in: Math.max(0, durationSec - clip.out), out: Math.max(0, durationSec - clip.in) };
}

/** The key a reversed copy goes by in the export's source table: never an asset id (those have no colon). */
export function reversedKey(assetId: string): string {
  return `reversed:${assetId}`;
}

/** The asset of a reversed copy's key, or null for a plain asset id. */
export function reversedAssetOf(key: string): string | null {
  return key.startsWith('reversed:') ? key.slice('reversed:'.length) : null;
}

/**
 * The draft as it is READ: every reversed clip becomes a forwards clip of its asset's reversed copy (assetId =
 * reversedKey, in/out mapped by reversedRange, `reversed` dropped). Keyframes, looks, transform, speed and a speed
 * ramp are untouched: they are timed on the timeline, and a ramp's points (fractions of the clip) run in the order
 * the clip plays. A clip whose asset's duration is unknown is left as it is (the export then names it).
 * Returns the same object when nothing is reversed.
 */
export function readForwards(draft: VideoDraft, durationOf: (assetId: string) => number | null): VideoDraft {
  if (!draft.tracks.some((t) => t.clips.some((c) => c.type === 'media' && c.reversed))) return draft;
  return {
    ...draft,
    tracks: draft.tracks.map((t) => ({
      ...t,
      clips: t.clips.map((c) => {
        if (c.type !== 'media' || !c.reversed) return c;
        const d = durationOf(c.assetId);
        if (d === null || !(d > 0)) return c;
        const { reversed: _r, ...rest } = c;
        return { ...rest, ...reversedRange(c, d), assetId: reversedKey(c.assetId) };
      }),
    })),
  };
}

/** The assets whose reversed copies a draft needs (those of its reversed clips), once each. */
export function reversedAssets(draft: VideoDraft): string[] {
  const ids = new Set<string>();
  for (const t of draft.tracks) for (const c of t.clips) if (c.type === 'media' && c.reversed) ids.add(c.assetId);
  return [...ids];
}

/** The export's refusal when a reversed clip's copy is not there (job still running, failed, or the cache cleared). */
export function reverseNotReadyMessage(clipName: string): string {
  return `Reversing ${clipName} is not finished. Wait for it (see Jobs) or turn Reverse off, then export again.`;
}

/**
 * Windows of the source each chunk reverses, in SOURCE order: `[start, end)` seconds, each REVERSE_CHUNK_SEC long
 * and a whole number of frames when the rate is known (so each window's sound lasts exactly as long as its
 * frames). Reversing each and joining them last-first gives the whole asset reversed.
 */
export function reverseChunks(durationSec: number, fps: number | null, chunkSec = REVERSE_CHUNK_SEC): { start: number; end: number }[] {
  if (!(durationSec > 0)) return [];
  const out: { start: number; end: number }[] = [];
  if (fps && fps > 0) {
    const per = Math.max(1, Math.round(chunkSec * fps));
    for (let f = 0; f / fps < durationSec - 1e-9; f += per) out.push({ start: f / fps, end: Math.min(durationSec, (f + per) / fps) });
    return out;
  }
  for (let s = 0; s < durationSec - 1e-9; s += chunkSec) out.push({ start: s, end: Math.min(durationSec, s + chunkSec) });
  return out;
}

/** Input of a 'reverse' job: the asset to make the reversed copy of. */
export const ReverseJobInput = z.object({ assetId: z.string().min(1).max(64) }).strict();
export type ReverseJobInput = z.infer<typeof ReverseJobInput>;

/** `previewProxy`: the preview proxy of the copy was made too (results stored before it say nothing: no proxy). */
export const ReverseResult = z.object({ kind: z.literal('reverse'), assetId: z.string(), durationSec: z.number().nonnegative(), previewProxy: z.boolean().optional() });
export type ReverseResult = z.infer<typeof ReverseResult>;

/** What the preview plays a reversed clip from: the copy's preview proxy, the full-size copy, or nothing yet. */
export type ReversedPlayback = 'proxy' | 'copy';

/**
 * Share of a 'reverse' job's progress bar the copy takes when a preview proxy follows it. Measured on 1080x1920
 * footage: the reverse encodes every frame at full size twice over (chunks at CRF 16, then the join's sound), the
 * proxy decodes the copy once and encodes a quarter of the pixels, about a quarter of the job's time.
 */
export const REVERSE_COPY_SHARE = 0.75;

/**
 * The job's overall fraction and wording while in `phase` at `fraction` of it. Without a proxy to make the copy is
 * the whole job; a copy already there (made before previews had proxies) leaves the proxy as the whole job.
 */
export function reverseJobProgress(phase: 'copy' | 'proxy', fraction: number, plan: { copy: boolean; proxy: boolean }): { fraction: number; message: string } {
  const f = Math.min(1, Math.max(0, fraction));
  const copyShare = !plan.proxy ? 1 : !plan.copy ? 0 : REVERSE_COPY_SHARE;
  const total = phase === 'copy' ? f * copyShare : copyShare + f * (1 - copyShare);
  const pct = `${Math.round(total * 100)}%`;
  return { fraction: total, message: phase === 'copy' ? pct : `Making the preview copy… ${pct}` };
}

/** The job list's title. */
export function reverseJobTitle(name: string): string {
  return `Reversing ${name}`;
}

/** Why this asset cannot be reversed (a sentence that says what to do), or null when it can. */
export function reverseRefusal(a: { name: string; kind: 'video' | 'image' | 'audio'; durationSec: number | null }): string | null {
  if (a.kind !== 'video') return `Only video clips can be reversed; “${a.name}” is ${a.kind === 'image' ? 'a photo' : 'a sound'}.`;
  if (!a.durationSec || !(a.durationSec > 0)) return `The length of “${a.name}” is unknown, so it cannot be reversed. Import it again or convert it to MP4.`;
  return null;
}

/** Turns Reverse on or off for a video clip (one undo step); the copy stays in the cache, so turning it back is free. */
export function setReversed(draft: VideoDraft, clipId: string, on: boolean, kindOf: (assetId: string) => 'video' | 'image' | 'audio' | null): EditResult {
  let found: MediaClip | null = null;
  const tracks = draft.tracks.map((t) => {
    const i = t.clips.findIndex((c) => c.id === clipId);
    const c = t.clips[i];
    if (!c || c.type !== 'media') return t;
    found = c;
    const { reversed: _r, ...rest } = c;
    const next: MediaClip = on ? { ...rest, reversed: true } : rest;
    return { ...t, clips: t.clips.map((x, j) => (j === i ? next : x)) };
  });
  const clip = found as MediaClip | null;
  if (!clip) return { ok: false, reason: 'not_found', message: `Clip ${clipId} is not in this draft any more. Select a video clip and try again.` };
  if (on && kindOf(clip.assetId) !== 'video') return { ok: false, reason: 'invalid_value', message: 'Only video clips can be reversed. Select a video clip.' };
  if (Boolean(clip.reversed) === on) return { ok: true, draft, clipId };
  return { ok: true, draft: { ...draft, tracks }, clipId };
}
