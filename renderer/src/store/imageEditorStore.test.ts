import { describe, expect, it, vi } from 'vitest';
import { imageCanvasFor, newImageDraft, type ImageDraft } from '../../../electron/model/image-draft';
import { addPage, addShape, deletePage, layerPixelBox, setBoxes } from '../../../electron/model/image-edit';

let seq = 0;
const idFor = (p: string) => `${p}-${++seq}`;
const saves: { baseRevision: number; doc: ImageDraft }[] = [];

vi.mock('../api/client', () => ({
  call: vi.fn(async (name: string, input: { baseRevision: number; doc: ImageDraft }) => {
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
});
