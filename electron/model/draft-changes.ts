import { z } from 'zod';
import type { Clip, Draft, VideoDraft } from './draft';
import type { ImageDraft, ImageLayer } from './image-draft';
import { isIdentityLook } from './look';

/**
 * What changed between two saved versions of a draft, for Version history ("Added 2 clips · Moved 1 title ·
 * Look: Warm"). Structured, not phrased: the renderer words it through i18n (versionHistory.ts). Pure; computed by
 * the drafts repository where the revisions' documents are, so the client never downloads every revision.
 *
 * The one promise (draft-changes.property.test.ts): the list is empty exactly when the two documents are equal.
 * Anything the detectors below do not name still differs, and is reported as `other` ("Edited").
 */
const Count = z.number().int().positive();
export const DraftChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('canvas'), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('added'), what: z.enum(['clip', 'title', 'layer', 'page']), count: Count }),
  z.object({ kind: z.literal('removed'), what: z.enum(['clip', 'title', 'layer', 'page']), count: Count }),
  z.object({ kind: z.literal('trimmed'), count: Count }),
  z.object({ kind: z.literal('moved'), what: z.enum(['clip', 'title', 'layer']), count: Count }),
  z.object({ kind: z.literal('text'), count: Count }),
  /**
   * A clip's look: `lut` is the look it has now when every changed clip has the same one; null = adjusted by hand or
   * mixed. `removed`: every changed clip now has no look at all (a walk read "Adjusted colour" for Look: None).
   */
  z.object({ kind: z.literal('look'), lut: z.string().nullable(), removed: z.boolean().optional() }),
  z.object({ kind: z.literal('edited'), what: z.enum(['clip', 'title', 'layer']), count: Count }),
  z.object({ kind: z.literal('tracks') }),
  z.object({ kind: z.literal('captions') }),
  z.object({ kind: z.literal('background') }),
  z.object({ kind: z.literal('kit') }),
  z.object({ kind: z.literal('fps'), from: z.number(), to: z.number() }),
  z.object({ kind: z.literal('renamed'), to: z.string() }),
  z.object({ kind: z.literal('other') }),
]);
export type DraftChange = z.infer<typeof DraftChange>;

/**
 * Structural equality of two JSON-like values; a key whose value is undefined counts as absent (a stored document
 * drops it), and key order does not matter (documents come back from SQLite as parsed JSON).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameValue(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
  return true;
}

/** `o` without the named keys (to compare "everything else" about a clip or layer). */
function without(o: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

/** Counts per kind of change, in the order they are reported (most telling first). */
class Tally {
  added = { clip: 0, title: 0, layer: 0, page: 0 };
  removed = { clip: 0, title: 0, layer: 0, page: 0 };
  trimmed = 0;
  moved = { clip: 0, title: 0, layer: 0 };
  text = 0;
  /** Each changed clip's look now: its LUT's id (null: none, or adjusted by hand) and whether it has none at all. */
  looks: { lut: string | null; none: boolean }[] = [];
  edited = { clip: 0, title: 0, layer: 0 };

  parts(): DraftChange[] {
    const out: DraftChange[] = [];
    for (const what of ['clip', 'title', 'layer', 'page'] as const) if (this.added[what]) out.push({ kind: 'added', what, count: this.added[what] });
    for (const what of ['clip', 'title', 'layer', 'page'] as const) if (this.removed[what]) out.push({ kind: 'removed', what, count: this.removed[what] });
    if (this.trimmed) out.push({ kind: 'trimmed', count: this.trimmed });
    for (const what of ['clip', 'title', 'layer'] as const) if (this.moved[what]) out.push({ kind: 'moved', what, count: this.moved[what] });
    if (this.text) out.push({ kind: 'text', count: this.text });
    if (this.looks.length) {
      const first = this.looks[0]!.lut;
      const removed = this.looks.every((l) => l.none);
      out.push({ kind: 'look', lut: this.looks.every((l) => l.lut === first) ? first : null, ...(removed ? { removed } : {}) });
    }
    for (const what of ['clip', 'title', 'layer'] as const) if (this.edited[what]) out.push({ kind: 'edited', what, count: this.edited[what] });
    return out;
  }
}

type Placed<T> = { item: T; holder: string };
function byId<T extends { id: string }>(groups: readonly { id: string; items: readonly T[] }[]): Map<string, Placed<T>> {
  const m = new Map<string, Placed<T>>();
  for (const g of groups) for (const item of g.items) if (!m.has(item.id)) m.set(item.id, { item, holder: g.id });
  return m;
}

/** Compares the clips of two video drafts by id (a clip keeps its id when it is moved, trimmed or restyled). */
function videoClips(a: VideoDraft, b: VideoDraft, tally: Tally): void {
  const before = byId<Clip>(a.tracks.map((t) => ({ id: t.id, items: t.clips })));
  const after = byId<Clip>(b.tracks.map((t) => ({ id: t.id, items: t.clips })));
  for (const [id, { item }] of after) if (!before.has(id)) tally.added[item.type === 'text' ? 'title' : 'clip']++;
  for (const [id, { item }] of before) if (!after.has(id)) tally.removed[item.type === 'text' ? 'title' : 'clip']++;
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) continue;
    const x = was.item;
    const y = now.item;
    const moved = was.holder !== now.holder || x.start !== y.start;
    if (x.type === 'text' && y.type === 'text') {
      if (moved || x.x !== y.x || x.y !== y.y) tally.moved.title++;
      if (x.text !== y.text) tally.text++;
      if (!sameValue(without(x, ['start', 'x', 'y', 'text']), without(y, ['start', 'x', 'y', 'text']))) tally.edited.title++;
    } else if (x.type === 'media' && y.type === 'media') {
      if (moved) tally.moved.clip++;
      if (x.in !== y.in || x.out !== y.out) tally.trimmed++;
      if (!sameValue(x.look, y.look)) tally.looks.push({ lut: y.look?.lut?.id ?? null, none: isIdentityLook(y.look) });
      if (!sameValue(without(x, ['start', 'in', 'out', 'look']), without(y, ['start', 'in', 'out', 'look']))) tally.edited.clip++;
    } else {
      // The same id on a different kind of clip: a replacement, told as removed and added.
      tally.removed[x.type === 'text' ? 'title' : 'clip']++;
      tally.added[y.type === 'text' ? 'title' : 'clip']++;
    }
  }
}

const LAYER_PLACE = ['box', 'x', 'y', 'rotation'] as const;

/** Compares the pages and layers of two image drafts by id. */
function imageLayers(a: ImageDraft, b: ImageDraft, tally: Tally): boolean {
  const pagesBefore = new Map(a.pages.map((p) => [p.id, p]));
  const pagesAfter = new Map(b.pages.map((p) => [p.id, p]));
  for (const id of pagesAfter.keys()) if (!pagesBefore.has(id)) tally.added.page++;
  for (const id of pagesBefore.keys()) if (!pagesAfter.has(id)) tally.removed.page++;
  let background = !sameValue(a.spread, b.spread);
  for (const [id, p] of pagesAfter) {
    const was = pagesBefore.get(id);
    if (was && !sameValue(was.background, p.background)) background = true;
  }
  const before = byId<ImageLayer>(a.pages.map((p) => ({ id: p.id, items: p.layers })));
  const after = byId<ImageLayer>(b.pages.map((p) => ({ id: p.id, items: p.layers })));
  for (const id of after.keys()) if (!before.has(id)) tally.added.layer++;
  for (const id of before.keys()) if (!after.has(id)) tally.removed.layer++;
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) continue;
    const x = was.item as Record<string, unknown> & ImageLayer;
    const y = now.item as Record<string, unknown> & ImageLayer;
    if (was.holder !== now.holder || LAYER_PLACE.some((k) => !sameValue(x[k], y[k]))) tally.moved.layer++;
    if (x.type === 'text' && y.type === 'text' && x.text !== y.text) tally.text++;
    if (!sameValue(without(x, [...LAYER_PLACE, 'text']), without(y, [...LAYER_PLACE, 'text']))) tally.edited.layer++;
  }
  return background;
}

function canvasName(d: Draft): string {
  return d.canvas.preset === 'custom' ? `${d.canvas.width}×${d.canvas.height}` : d.canvas.preset;
}

/** The changes from `before` to `after` (an earlier and a later version of one draft); [] when they are equal. */
export function draftChanges(before: Draft, after: Draft): DraftChange[] {
  if (sameValue(before, after)) return [];
  if (before.kind !== after.kind) return [{ kind: 'other' }];
  const out: DraftChange[] = [];
  const canvasFrom = canvasName(before);
  const canvasTo = canvasName(after);
  const sizeChanged = before.canvas.width !== after.canvas.width || before.canvas.height !== after.canvas.height;
  if (canvasFrom !== canvasTo) out.push({ kind: 'canvas', from: canvasFrom, to: canvasTo });
  else if (sizeChanged) out.push({ kind: 'canvas', from: `${before.canvas.width}×${before.canvas.height}`, to: `${after.canvas.width}×${after.canvas.height}` });
  const tally = new Tally();
  let background = false;
  const tail: DraftChange[] = [];
  if (before.kind === 'video' && after.kind === 'video') {
    videoClips(before, after, tally);
    background = before.canvas.background !== after.canvas.background;
    const shape = (d: VideoDraft) => d.tracks.map((t) => without(t, ['clips']));
    if (!sameValue(shape(before), shape(after))) tail.push({ kind: 'tracks' });
    if (!sameValue(before.captions ?? [], after.captions ?? [])) tail.push({ kind: 'captions' });
    if (before.canvas.fps !== after.canvas.fps) tail.push({ kind: 'fps', from: before.canvas.fps, to: after.canvas.fps });
  } else if (before.kind === 'image' && after.kind === 'image') {
    background = imageLayers(before, after, tally);
  }
  out.push(...tally.parts(), ...tail);
  if (background) out.push({ kind: 'background' });
  if (before.kitId !== after.kitId) out.push({ kind: 'kit' });
  if (before.name !== after.name) out.push({ kind: 'renamed', to: after.name });
  // Something no detector names (pages or clips reordered, a schema field added later): still a change.
  if (out.length === 0) out.push({ kind: 'other' });
  return out;
}
