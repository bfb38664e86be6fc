import type { ImageDraft, PhotoEdit } from './image-draft';
import { findPage, type ImageEditResult } from './image-edit';

/**
 * The photo work of a photo background: the spread's when the draft has one (one picture across all pages, so
 * its crop and looks are the whole carousel's), otherwise the page's own. Pure, like every edit in image-edit.ts.
 */
export function editBackgroundPhoto(doc: ImageDraft, pageId: string, fn: (e: PhotoEdit) => PhotoEdit): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return { ok: false, message: 'That page is no longer in the draft.' };
  const spread = doc.spread;
  if (spread) {
    if (spread.type !== 'photo') return { ok: false, message: 'The background across the pages is not a photo.' };
    const edit = fn(spread.edit);
    return { ok: true, doc: edit === spread.edit ? doc : { ...doc, spread: { ...spread, edit } }, selection: [] };
  }
  const bg = page.background;
  if (bg.type !== 'photo') return { ok: false, message: 'This page’s background is not a photo. Choose a photo first.' };
  const edit = fn(bg.edit);
  if (edit === bg.edit) return { ok: true, doc, selection: [] };
  return { ok: true, doc: { ...doc, pages: doc.pages.map((p) => (p.id === pageId ? { ...p, background: { ...bg, edit } } : p)) }, selection: [] };
}
