import type { AssetSummary } from '../../../../electron/model/asset';
import type { BrandKit } from '../../../../electron/model/brand-kit';
import type { ShapeKind } from '../../../../electron/model/image-draft';
import { addPhoto, addShape, addText, deleteLayers, duplicateLayers, group, nudge, reorder, ungroup, type ImageEditResult, type Reorder } from '../../../../electron/model/image-edit';
import type { TextRole } from '../../../../electron/model/draft-parts';
import { imageIdFor, useImageEditor } from '../../store/imageEditorStore';

/** Editor commands shared by the toolbar, the layer list, the inspector and the keys. */
const s = () => useImageEditor.getState();

function onPage(fn: (pageId: string) => (doc: NonNullable<ReturnType<typeof s>['doc']>) => ImageEditResult, opts?: { key?: string }) {
  const pageId = s().pageId;
  if (!pageId) return;
  s().edit(fn(pageId), opts);
}

/** A kit's style for a role, sized for this canvas (kit sizes are for a 1080-wide canvas). */
export function kitTextStyle(kit: BrandKit | null, role: TextRole, canvasWidth: number) {
  const ks = kit?.textStyles.find((x) => x.role === role);
  if (!ks) return null;
  const size = Math.min(400, Math.max(8, Math.round((ks.style.size * canvasWidth) / 1080)));
  return { ...ks.style, size };
}

export function addTextLayer(kit: BrandKit | null, role: TextRole | null, text: string, fallbackSize: number): void {
  const doc = s().doc;
  if (!doc) return;
  const style = role ? kitTextStyle(kit, role, doc.canvas.width) : null;
  onPage((p) => (d) => addText(d, p, imageIdFor, { text, role: style ? role : null, ...(style ? { style } : { style: { font: 'DejaVu Sans', size: Math.round((fallbackSize * doc.canvas.width) / 1080), color: '#111111', bold: role === 'title', italic: false, align: 'center', stroke: null, box: null } }) }));
}

export function addShapeLayer(kind: ShapeKind, color: string): void {
  onPage((p) => (d) => addShape(d, p, kind, imageIdFor, color));
}

export function addPhotoLayer(asset: AssetSummary): void {
  s().addAsset(asset);
  onPage((p) => (d) => addPhoto(d, p, asset, imageIdFor));
}

export const deleteSelection = () => onPage((p) => (d) => deleteLayers(d, p, s().selection));
export const duplicateSelection = () => onPage((p) => (d) => duplicateLayers(d, p, s().selection, imageIdFor, s().textHeights));
export const groupSelection = () => onPage((p) => (d) => group(d, p, s().selection, imageIdFor));
export const ungroupSelection = () => onPage((p) => (d) => ungroup(d, p, s().selection));
export const reorderSelection = (how: Reorder) => onPage((p) => (d) => reorder(d, p, s().selection, how));
/** Arrow keys: a burst of presses is one undo step. */
export const nudgeSelection = (dx: number, dy: number) => onPage((p) => (d) => nudge(d, p, s().selection, dx, dy, s().textHeights), { key: 'nudge' });
