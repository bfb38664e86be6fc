import type { TemplateMark } from './draft-parts';
import type { ImageDraft, ImageLayer } from './image-draft';
import { findPage, type ImageEditResult } from './image-edit';

/**
 * Template marks in the image editor (docs/templates.md). The edits in image-edit.ts refuse to change a
 * template's locked brand element: that is what a creator gets. An admin (who holds 'templates.edit') edits
 * through `asTemplateAdmin`, which lets the same edits move, restyle or delete locked elements and keeps their
 * marks. The engine decides again on save (the template guard); this only keeps the editor from refusing first.
 */

/** Whether a layer is a brand element this person may not move or change: template-locked, and they are not an admin. */
export function brandLockedFor(layer: ImageLayer, templateAdmin: boolean): boolean {
  return !templateAdmin && layer.template === 'locked';
}

/** Whether the canvas may move a layer for this person: never an editor-locked one; a template-locked one only for an admin. */
export function movableBy(layer: ImageLayer, templateAdmin: boolean): boolean {
  return !layer.locked && !brandLockedFor(layer, templateAdmin);
}

/** Why something a canvas gesture asked for stays put, most telling first. */
export type PinReason = 'brand' | 'group' | 'locked';
const PIN_ORDER: readonly PinReason[] = ['brand', 'group', 'locked'];

/**
 * The layers a gesture on the canvas (move, resize, rotate) may change among `ids`: the movable ones, except the
 * members of a group that holds a layer that may not move. A group moves whole or not at all: moving only its free
 * members split the design apart. `pinned`: why something asked for stays put — 'brand' (a brand element, or a
 * group holding one), 'group' (a group holding an editor-locked layer), 'locked' (the layer itself is locked).
 */
export function canvasMovers(page: { layers: readonly ImageLayer[] }, ids: readonly string[], templateAdmin: boolean): { movers: ImageLayer[]; pinned: PinReason | null } {
  const stronger = (a: PinReason | null | undefined, b: PinReason): PinReason => (a && PIN_ORDER.indexOf(a) <= PIN_ORDER.indexOf(b) ? a : b);
  const pinnedGroups = new Map<string, PinReason>();
  for (const l of page.layers) {
    if (l.groupId === null || movableBy(l, templateAdmin)) continue;
    pinnedGroups.set(l.groupId, stronger(pinnedGroups.get(l.groupId), brandLockedFor(l, templateAdmin) ? 'brand' : 'group'));
  }
  const want = new Set(ids);
  const movers: ImageLayer[] = [];
  let pinned: PinReason | null = null;
  for (const l of page.layers) {
    if (!want.has(l.id)) continue;
    const group = l.groupId === null ? undefined : pinnedGroups.get(l.groupId);
    if (!movableBy(l, templateAdmin)) pinned = stronger(pinned, brandLockedFor(l, templateAdmin) ? 'brand' : group ?? 'locked');
    else if (group) pinned = stronger(pinned, group);
    else movers.push(l);
  }
  return { movers, pinned };
}

function mapLayers(doc: ImageDraft, fn: (l: ImageLayer) => ImageLayer): ImageDraft {
  let changed = false;
  const pages = doc.pages.map((p) => {
    const layers = p.layers.map((l) => {
      const n = fn(l);
      if (n !== l) changed = true;
      return n;
    });
    return layers.some((l, i) => l !== p.layers[i]) ? { ...p, layers } : p;
  });
  return changed ? { ...doc, pages } : doc;
}

/**
 * An edit run as an admin: locked elements are unmarked for the edit and marked again after it (those that are
 * still there; a copy made by the edit has a new id and is not a brand element). An edit that changes nothing
 * gives back the very document it was given.
 */
export function asTemplateAdmin(fn: (doc: ImageDraft) => ImageEditResult): (doc: ImageDraft) => ImageEditResult {
  return (doc) => {
    const locked = new Set<string>();
    const open = mapLayers(doc, (l) => {
      if (l.template !== 'locked') return l;
      locked.add(l.id);
      return { ...l, template: null };
    });
    if (locked.size === 0) return fn(doc);
    const r = fn(open);
    if (!r.ok) return r;
    if (r.doc === open) return { ...r, doc };
    return { ...r, doc: mapLayers(r.doc, (l) => (locked.has(l.id) && l.template === null ? { ...l, template: 'locked' } : l)) };
  };
}

/** The marks the inspector offers: 'none' clears the mark. */
export type TemplateMarkChoice = 'none' | TemplateMark;

/** The marks a layer can carry: a placeholder is something a creator replaces, so only photos and texts. */
export function marksFor(layer: Pick<ImageLayer, 'type'>): TemplateMarkChoice[] {
  return layer.type === 'shape' ? ['none', 'locked'] : ['none', 'locked', 'placeholder'];
}

/**
 * Marks layers as locked brand elements or placeholders, or clears the mark (an admin's edit), as one edit. Only
 * the mark changes; whether the actor may make the change is the engine's template gate's to say on save.
 */
export function setTemplateMark(doc: ImageDraft, pageId: string, ids: readonly string[], mark: TemplateMark | null): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return { ok: false, message: 'That page is no longer in the draft.' };
  const picked = page.layers.filter((l) => ids.includes(l.id));
  if (picked.length === 0) return { ok: false, message: 'That layer is no longer on the page. Select a layer to mark it.' };
  if (mark !== null && picked.some((l) => !marksFor(l).includes(mark))) {
    return { ok: false, message: 'A shape cannot be a placeholder: only photos and texts are replaced when a draft is made from a template.' };
  }
  if (picked.every((l) => l.template === mark)) return { ok: true, doc, selection: [...ids] };
  return {
    ok: true,
    doc: { ...doc, pages: doc.pages.map((p) => (p.id === pageId ? { ...p, layers: p.layers.map((l) => (ids.includes(l.id) ? { ...l, template: mark } : l)) } : p)) },
    selection: [...ids],
  };
}
