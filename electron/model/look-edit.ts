import { type AdjustKey, type ClipLook, type LookAdjust, LOOK_RANGES, type MediaClip, type VideoDraft } from './draft';
import { isImportedLookId } from './imported-look';
import { isShippedLook } from './look-catalogue';
import type { EditResult } from './timeline';

/**
 * Editing a clip's look (the Inspector's Look section), as pure edits for the editor's undo history. Values are
 * clamped to the schema's ranges; an adjustment at 0 is left out, and a look with nothing left is removed, so an
 * untouched clip and a reset one are the same document.
 */

export type LookChange =
  | { kind: 'adjust'; key: AdjustKey; value: number }
  | { kind: 'resetAdjust'; key: AdjustKey }
  | { kind: 'resetAll' }
  | { kind: 'lut'; id: string | null }
  | { kind: 'strength'; value: number };

/** Strength a look starts at when picked. */
export const DEFAULT_LOOK_STRENGTH = 1;

const clamp = (v: number, [min, max]: readonly [number, number]) => Math.min(max, Math.max(min, v));

function tidy(look: ClipLook): ClipLook | undefined {
  const adjust: LookAdjust = {};
  for (const [k, v] of Object.entries(look.adjust) as [AdjustKey, number | undefined][]) if (v) adjust[k] = v;
  if (Object.keys(adjust).length === 0 && look.lut === null) return undefined;
  return { adjust, lut: look.lut };
}

export function changeLook(d: VideoDraft, clipId: string, change: LookChange): EditResult {
  let found: MediaClip | null = null;
  for (const t of d.tracks) for (const c of t.clips) if (c.id === clipId && c.type === 'media') found = c;
  if (!found) return { ok: false, reason: 'not_found', message: 'That clip is gone. Select another clip.' };
  const was: ClipLook = found.look ?? { adjust: {}, lut: null };
  let next: ClipLook;
  switch (change.kind) {
    case 'adjust':
      if (!Number.isFinite(change.value)) return { ok: false, reason: 'invalid_value', message: 'An adjustment must be a number.' };
      next = { ...was, adjust: { ...was.adjust, [change.key]: clamp(change.value, LOOK_RANGES[change.key]) } };
      break;
    case 'resetAdjust': {
      const { [change.key]: _gone, ...rest } = was.adjust;
      next = { ...was, adjust: rest };
      break;
    }
    case 'resetAll':
      next = { adjust: {}, lut: null };
      break;
    case 'lut':
      // An imported look is named by its file's SHA-256; whether this library has it is the export's check.
      if (change.id !== null && !isShippedLook(change.id) && !isImportedLookId(change.id)) return { ok: false, reason: 'invalid_value', message: `There is no look called "${change.id}". Pick one of the looks shown.` };
      next = { ...was, lut: change.id === null ? null : { id: change.id, strength: was.lut?.strength ?? DEFAULT_LOOK_STRENGTH } };
      break;
    case 'strength':
      if (!was.lut) return { ok: false, reason: 'invalid_value', message: 'Pick a look first, then set its strength.' };
      if (!Number.isFinite(change.value)) return { ok: false, reason: 'invalid_value', message: 'The strength must be a number.' };
      next = { ...was, lut: { ...was.lut, strength: clamp(change.value, [0, 1]) } };
      break;
  }
  const look = tidy(next);
  const clip: MediaClip = { ...found };
  if (look) clip.look = look;
  else delete clip.look;
  return { ok: true, draft: { ...d, tracks: d.tracks.map((t) => ({ ...t, clips: t.clips.map((c) => (c.id === clipId ? clip : c)) })) }, clipId };
}

/**
 * The draft as it looks without clip `clipId`'s look (its LUT and adjustments): what the preview shows while the
 * Look section's Compare is held. Only for showing; never saved. The same draft when the clip has no look.
 */
export function withoutLook(d: VideoDraft, clipId: string): VideoDraft {
  let changed = false;
  const tracks = d.tracks.map((t) => {
    if (!t.clips.some((c) => c.id === clipId && c.type === 'media' && c.look)) return t;
    changed = true;
    return {
      ...t,
      clips: t.clips.map((c) => {
        if (c.id !== clipId || c.type !== 'media') return c;
        const { look: _shown, ...plain } = c;
        return plain;
      }),
    };
  });
  return changed ? { ...d, tracks } : d;
}
