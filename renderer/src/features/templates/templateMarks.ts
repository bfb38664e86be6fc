import type { ImageDraft, ImageLayer } from '../../../../electron/model/image-draft';
import type { EditOk, EditRefused } from '../../../../electron/model/image-edit';

export type TemplateMarkChoice = 'none' | 'locked' | 'placeholder';

/** The marks a layer can carry: a placeholder is something a creator replaces, so only photos and texts. */
export function marksFor(layer: Pick<ImageLayer, 'type'>): TemplateMarkChoice[] {
  return layer.type === 'shape' ? ['none', 'locked'] : ['none', 'locked', 'placeholder'];
}

/**
 * Marks one layer as a template's locked element or placeholder (or neither), as one edit. Only the mark
 * changes; whether the actor may make the change is the engine's template gate's to say when it is saved.
 */
export function setTemplateMark(doc: ImageDraft, pageId: string, layerId: string, mark: TemplateMarkChoice): EditOk | EditRefused {
  const page = doc.pages.find((p) => p.id === pageId);
  const layer = page?.layers.find((l) => l.id === layerId);
  if (!page || !layer) return { ok: false, message: 'That layer is no longer on the page.' };
  if (!marksFor(layer).includes(mark)) return { ok: false, message: 'A shape cannot be a placeholder: only photos and texts are replaced when a draft is made from a template.' };
  const template = mark === 'none' ? null : mark;
  if (layer.template === template) return { ok: true, doc, selection: [layerId] };
  const layers = page.layers.map((l) => (l.id === layerId ? { ...l, template } : l));
  return { ok: true, doc: { ...doc, pages: doc.pages.map((p) => (p.id === pageId ? { ...p, layers } : p)) }, selection: [layerId] };
}
