import { ChromaKey } from './chroma-key';
import type { MediaClip, VideoDraft } from './draft';
import type { EditResult } from './timeline';

/**
 * Editing a clip's chroma key (the Inspector's "Remove background colour" block) as pure edits for the undo
 * history. Turning the key on starts from a green screen; values are clamped to the schema's ranges.
 */

/** What a key starts as: a green screen, keyed firmly with a soft edge. */
export const DEFAULT_CHROMA_KEY: ChromaKey = { color: '#00ff00', similarity: 0.15, blend: 0.08 };

export type ChromaKeyChange =
  | { kind: 'on' }
  | { kind: 'off' }
  | { kind: 'color'; color: string }
  | { kind: 'similarity'; value: number }
  | { kind: 'blend'; value: number };

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

export function changeChromaKey(d: VideoDraft, clipId: string, change: ChromaKeyChange): EditResult {
  let found: MediaClip | null = null;
  for (const t of d.tracks) for (const c of t.clips) if (c.id === clipId && c.type === 'media') found = c;
  if (!found) return { ok: false, reason: 'not_found', message: 'That clip is gone. Select another clip.' };
  const was = found.chromaKey ?? DEFAULT_CHROMA_KEY;
  let next: ChromaKey | undefined;
  switch (change.kind) {
    case 'on':
      next = was;
      break;
    case 'off':
      next = undefined;
      break;
    case 'color':
      if (!/^#[0-9a-fA-F]{6}$/.test(change.color)) return { ok: false, reason: 'invalid_value', message: 'Pick a colour from the preview or the colour box.' };
      next = { ...was, color: change.color.toLowerCase() };
      break;
    case 'similarity':
    case 'blend':
      if (!Number.isFinite(change.value)) return { ok: false, reason: 'invalid_value', message: 'The key’s strength and edge are numbers.' };
      next = change.kind === 'similarity' ? { ...was, similarity: clamp(change.value, 0.01, 1) } : { ...was, blend: clamp(change.value, 0, 1) };
      break;
  }
  const clip: MediaClip = { ...found };
  if (next) clip.chromaKey = ChromaKey.parse(next);
  else delete clip.chromaKey;
  return { ok: true, draft: { ...d, tracks: d.tracks.map((t) => ({ ...t, clips: t.clips.map((c) => (c.id === clipId ? clip : c)) })) }, clipId };
}
