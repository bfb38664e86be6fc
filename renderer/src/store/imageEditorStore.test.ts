import { describe, expect, it, vi } from 'vitest';
import { imageCanvasFor, newImageDraft, PhotoEdit, type ImageDraft } from '../../../electron/model/image-draft';
import { addPage, addPhoto, addShape, deletePage, layerPixelBox, nudge, setBackground, setBoxes } from '../../../electron/model/image-edit';
import { dragCropHandle } from '../../../electron/model/image-crop-canvas';
import type { ImageMediaLayer } from '../../../electron/model/image-draft';
import { editBackgroundPhoto } from '../../../electron/model/image-photo-edit';
import { setTemplateMark } from '../../../electron/model/image-template-edit';

let seq = 0;
const idFor = (p: string) => `${p}-${++seq}`;
const saves: { baseRevision: number; doc: ImageDraft; actorId?: string }[] = [];

vi.mock('../api/client', () => ({
  call: vi.fn(async (name: string, input: { baseRevision: number; doc: ImageDraft; actorId?: string }) => {
    if (name === 'drafts.get') return { id: 'img1', revision: 4, doc: newImageDraft('Post', imageCanvasFor('4:5'), () => 'page-one') };
    if (name === 'drafts.save') {
      saves.push(input);
      return { revision: input.baseRevision + 1, updatedAt: '' };
    }
    if (name === 'assets.get') throw new Error('none');
    if (name === 'jobs.list' || name === 'tags.list') return [];
    if (name === 'assets.list') return { items: [], total: 0 };
    throw new Error(`unexpected call ${name}`);
  }),
  errorText: (e: unknown) => String(e),
  onEvent: () => () => undefined,
  onConnectionStatus: () => () => undefined,
  connectionStatus: () => 'open',
  getBridge: () => null,
  shell: 'browser',
  ApiError: class ApiError extends Error {},
}));

const { useImageEditor, undoImage, redoImage } = await import('./imageEditorStore');
const s = () => useImageEditor.getState();

describe('the image editor store', () => {
  it('a drag is one undo step however many moves it has; the selection follows the edit', async () => {
    await s().load('img1');
    const pid = s().pageId!;
    s().edit((d) => addShape(d, pid, 'rect', idFor));
    const id = s().selection[0]!;
    const start = layerPixelBox(s().doc!.pages[0]!.layers[0]!, s().doc!.canvas);
    for (let i = 1; i <= 20; i++) s().edit((d) => setBoxes(d, pid, { [id]: { ...start, cx: start.cx + i * 5 } }), { key: 'drag:1', sticky: true });
    expect(layerPixelBox(s().doc!.pages[0]!.layers[0]!, s().doc!.canvas).cx).toBeCloseTo(start.cx + 100, 6);
    undoImage();
    expect(layerPixelBox(s().doc!.pages[0]!.layers[0]!, s().doc!.canvas).cx).toBeCloseTo(start.cx, 6);
    undoImage();
    expect(s().doc!.pages[0]!.layers).toHaveLength(0);
    redoImage();
    expect(s().doc!.pages[0]!.layers).toHaveLength(1);
  });

  it('saves revisions with the revision the edit started from', async () => {
    await s().flush();
    expect(saves.length).toBeGreaterThan(0);
    expect(saves[0]!.baseRevision).toBe(4);
    expect(saves.at(-1)!.doc).toBe(s().doc);
    expect(s().revision).toBe(4 + saves.length);
  });

  it('adding a page shows it; undoing a deleted page brings it back; the shown page always exists', () => {
    const first = s().pageId!;
    s().edit((d) => addPage(d, first, idFor));
    const second = s().pageId!;
    expect(second).not.toBe(first);
    s().edit((d) => deletePage(d, second));
    expect(s().doc!.pages.map((p) => p.id)).toEqual([first]);
    expect(s().pageId).toBe(first);
    undoImage();
    expect(s().doc!.pages).toHaveLength(2);
    s().setPage(second);
    undoImage(); // back before the page was added: the shown page is gone, so the first is shown
    expect(s().doc!.pages).toHaveLength(1);
    expect(s().pageId).toBe(first);
  });

  it('saves carry the acting profile; a creator cannot move a locked brand element, an admin can and it stays locked', async () => {
    const pid = s().pageId!;
    s().edit((d) => addShape(d, pid, 'rect', idFor));
    const id = s().selection[0]!;
    s().edit((d) => setTemplateMark(d, pid, [id], 'locked'), { raw: true });
    const box = () => layerPixelBox(s().doc!.pages.find((p) => p.id === pid)!.layers.find((l) => l.id === id)!, s().doc!.canvas);
    const x0 = box().cx;
    s().setActor({ id: 'creator-1', role: 'creator' });
    expect(s().edit((d) => nudge(d, pid, [id], 10, 0), { quiet: true })?.ok).toBe(false);
    expect(box().cx).toBe(x0);
    s().setActor({ id: 'owner', role: 'admin' });
    expect(s().edit((d) => nudge(d, pid, [id], 10, 0))?.ok).toBe(true);
    expect(box().cx).toBeCloseTo(x0 + 10, 6);
    expect(s().doc!.pages.find((p) => p.id === pid)!.layers.find((l) => l.id === id)!.template).toBe('locked');
    await s().flush();
    // The save never names who saves: the host takes it from the session.
    expect(saves.at(-1)!).not.toHaveProperty('actorId');
  });

  it('a slider drag on a photo background is one undo step (a sticky key), each move applied', () => {
    const pid = s().pageId!;
    s().edit((d) => setBackground(d, pid, { type: 'photo', assetId: 'asset-1', edit: PhotoEdit.parse({}) }));
    const bgEdit = () => {
      const bg = s().doc!.pages.find((p) => p.id === pid)!.background;
      return bg.type === 'photo' ? bg.edit : null;
    };
    for (let i = 1; i <= 10; i++) s().edit((d) => editBackgroundPhoto(d, pid, (e) => ({ ...e, adjust: { ...e.adjust, exposure: i / 20 } })), { key: 'bg-adjust:drag:7', sticky: true });
    expect(bgEdit()?.adjust.exposure).toBe(0.5);
    undoImage();
    expect(bgEdit()?.adjust.exposure).toBe(0);
  });

  it('a crop session on the canvas is one undo step however many drags it has; cancel and an unchanged session make none', () => {
    const pid = s().pageId!;
    s().addAsset({ id: 'pic-1', name: 'pic.jpg', kind: 'image', ext: 'jpg', sizeBytes: 1, durationSec: null, width: 1200, height: 800, importedAt: '', trashedAt: null, hasThumbnail: false, hasProxy: false, rating: 0, label: null });
    s().edit((d) => addPhoto(d, pid, { id: 'pic-1', width: 1200, height: 800 }, idFor));
    const id = s().selection[0]!;
    const photo = () => s().doc!.pages.find((p) => p.id === pid)!.layers.find((l) => l.id === id) as ImageMediaLayer;
    const before = photo();
    const steps = () => useImageEditor.temporal.getState().pastStates.length;
    const n0 = steps();

    // Started and ended with no change: no edit.
    expect(s().startCrop(id)).toBe(true);
    s().applyCrop();
    expect(steps()).toBe(n0);
    expect(photo()).toBe(before);

    // Cancelled after drags: no edit.
    s().startCrop();
    for (let i = 1; i <= 5; i++) s().updateCrop((c) => dragCropHandle(c, 'e', { x: c.crop.x + c.crop.width - i * 10, y: 0 }));
    s().cancelCrop();
    expect(s().crop).toBeNull();
    expect(photo()).toBe(before);

    // Applied after many drags: one step, undone at once.
    s().startCrop(id);
    for (let i = 1; i <= 8; i++) s().updateCrop((c) => dragCropHandle(c, 'se', { x: c.crop.x + c.crop.width - 5, y: c.crop.y + c.crop.height - 5 }));
    s().applyCrop();
    expect(steps()).toBe(n0 + 1);
    expect(photo().edit.crop.right).toBeGreaterThan(0);
    expect(photo().box.w).toBeLessThan(before.box.w);
    undoImage();
    expect(photo()).toEqual(before);

    // A change of the document (an undo) ends a session in progress; a shape cannot be cropped.
    s().startCrop(id);
    undoImage();
    expect(s().crop).toBeNull();
    s().edit((d) => addShape(d, pid, 'rect', idFor));
    expect(s().startCrop()).toBe(false);
  });
});
