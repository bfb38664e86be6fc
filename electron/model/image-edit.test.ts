import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bounds } from './image-box';
import { ImageDraft, IMAGE_PAGES_MAX, imageCanvasFor, newImageDraft, type ImageLayer } from './image-draft';
import {
  addPage,
  addPhoto,
  addShape,
  addText,
  align,
  alignments,
  deleteLayers,
  deletePage,
  distribute,
  duplicateLayers,
  duplicatePage,
  expandGroups,
  group,
  layerAt,
  layerPixelBox,
  layersInRect,
  moveLayerTo,
  movePage,
  setBackground,
  setSpread,
  nudge,
  patchLayers,
  photoBox,
  reorder,
  reorders,
  scaleText,
  setBoxes,
  ungroup,
  type ImageEditResult,
} from './image-edit';

let seq = 0;
const idFor = (p: string) => `${p}-${++seq}`;
const ok = (r: ImageEditResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const draft = () => newImageDraft('Test', imageCanvasFor('4:5'), idFor);
const pageOf = (d: ImageDraft, i = 0) => d.pages[i]!;

/** A draft with three 100×100 squares at x = 100, 400, 900 (centres), y = 500. */
function threeSquares() {
  let d = draft();
  const pid = pageOf(d).id;
  for (let i = 0; i < 3; i++) d = ok(addShape(d, pid, 'rect', idFor)).doc;
  const ids = pageOf(d).layers.map((l) => l.id);
  const px = (cx: number) => ({ cx, cy: 500, width: 100, height: 100, rotation: 0 });
  d = ok(setBoxes(d, pid, { [ids[0]!]: px(100), [ids[1]!]: px(400), [ids[2]!]: px(900) })).doc;
  return { d, pid, ids };
}
const boxOf = (d: ImageDraft, id: string) => layerPixelBox(pageOf(d).layers.find((l) => l.id === id)!, d.canvas);

describe('adding layers', () => {
  it('a photo gets its own shape in a centred box of a third of the canvas', () => {
    const d = draft();
    const r = ok(addPhoto(d, pageOf(d).id, { id: 'asset-1', width: 4000, height: 3000 }, idFor));
    const l = pageOf(r.doc).layers[0]!;
    expect(r.selection).toEqual([l.id]);
    const p = layerPixelBox(l, d.canvas);
    expect(p.cx).toBeCloseTo(540, 6);
    expect(p.cy).toBeCloseTo(675, 6);
    expect(p.width / p.height).toBeCloseTo(4 / 3, 6);
    expect(p.width).toBeCloseTo(1080 / Math.sqrt(3), 6);
    // The old document is untouched.
    expect(pageOf(d).layers).toHaveLength(0);
    expect(ImageDraft.safeParse(r.doc).success).toBe(true);
  });

  it('property: a photo box always fits in the canvas and keeps the picture’s shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 4096 }), fc.integer({ min: 16, max: 4096 }), fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), (W, H, w, h) => {
        const b = photoBox({ width: W, height: H }, { width: w, height: h });
        expect(b.w).toBeLessThanOrEqual(1 / Math.sqrt(3) + 1e-9);
        expect(b.h).toBeLessThanOrEqual(1 / Math.sqrt(3) + 1e-9);
        expect((b.w * W) / (b.h * H)).toBeCloseTo(w / h, 6);
      }),
    );
  });

  it('text and every shape kind make valid documents', () => {
    let d = draft();
    const pid = pageOf(d).id;
    d = ok(addText(d, pid, idFor)).doc;
    for (const k of ['rect', 'roundRect', 'ellipse', 'line'] as const) d = ok(addShape(d, pid, k, idFor)).doc;
    expect(pageOf(d).layers.map((l) => (l.type === 'shape' ? l.shape : l.type))).toEqual(['text', 'rect', 'roundRect', 'ellipse', 'line']);
    expect(ImageDraft.safeParse(d).success).toBe(true);
  });
});

describe('moving', () => {
  it('arrow keys nudge by the given pixels and leave a locked layer alone', () => {
    const { d, pid, ids } = threeSquares();
    const r = ok(nudge(d, pid, [ids[0]!], 10, -1));
    expect(boxOf(r.doc, ids[0]!)).toMatchObject({ cx: 110, cy: 499 });
    const locked = ok(patchLayers(d, pid, [ids[0]!], { locked: true })).doc;
    expect(nudge(locked, pid, [ids[0]!], 1, 0).ok).toBe(false);
    expect(setBoxes(locked, pid, { [ids[0]!]: boxOf(d, ids[0]!) })).toMatchObject({ ok: false });
  });

  it('a template’s locked brand element cannot be moved or deleted', () => {
    const { d, pid, ids } = threeSquares();
    const marked: ImageDraft = { ...d, pages: [{ ...pageOf(d), layers: pageOf(d).layers.map((l) => (l.id === ids[1] ? { ...l, template: 'locked' as const } : l)) }] };
    expect(setBoxes(marked, pid, { [ids[1]!]: { cx: 0, cy: 0, width: 10, height: 10, rotation: 0 } }).ok).toBe(false);
    expect(deleteLayers(marked, pid, [ids[1]!]).ok).toBe(false);
  });

  it('a text layer’s box is its wrap width; setting a wider box widens the wrap', () => {
    let d = draft();
    const pid = pageOf(d).id;
    d = ok(addText(d, pid, idFor)).doc;
    const t = pageOf(d).layers[0]!;
    const p = layerPixelBox(t, d.canvas, { [t.id]: 90 });
    expect(p).toMatchObject({ cx: 540, cy: 675, width: 864, height: 90 });
    const r = ok(setBoxes(d, pid, { [t.id]: { ...p, width: 540, rotation: 30 } }));
    expect(pageOf(r.doc).layers[0]).toMatchObject({ maxWidth: 0.5, rotation: 30 });
  });

  it('scaling text from a corner grows the type and the wrap together', () => {
    let d = draft();
    d = ok(addText(d, pageOf(d).id, idFor)).doc;
    const t = pageOf(d).layers[0]!;
    if (t.type !== 'text') throw new Error('text expected');
    const s = scaleText(t, 0.5);
    expect(s.style.size).toBe(36);
    expect(s.maxWidth).toBeCloseTo(0.4, 9);
  });
});

describe('align and distribute', () => {
  it('aligns to the canvas and to the selection', () => {
    const { d, pid, ids } = threeSquares();
    const left = ok(align(d, pid, ids, 'left', 'canvas')).doc;
    for (const id of ids) expect(boxOf(left, id).cx).toBeCloseTo(50, 9);
    const right = ok(align(d, pid, ids, 'right', 'selection')).doc;
    for (const id of ids) expect(boxOf(right, id).cx).toBeCloseTo(900, 9);
    const middle = ok(align(d, pid, [ids[0]!], 'middle', 'canvas')).doc;
    expect(boxOf(middle, ids[0]!).cy).toBeCloseTo(675, 9);
  });

  it('property: after any alignment to the canvas every unit’s bounds touch the same line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...alignments), fc.array(fc.tuple(fc.integer({ min: 0, max: 1080 }), fc.integer({ min: 0, max: 1350 }), fc.integer({ min: -90, max: 90 })), { minLength: 1, maxLength: 4 }), (how, spots) => {
        let d = draft();
        const pid = pageOf(d).id;
        for (const _ of spots) d = ok(addShape(d, pid, 'ellipse', idFor)).doc;
        const ids = pageOf(d).layers.map((l) => l.id);
        d = ok(setBoxes(d, pid, Object.fromEntries(ids.map((id, i) => [id, { cx: spots[i]![0], cy: spots[i]![1], width: 120, height: 60, rotation: spots[i]![2] }])))).doc;
        const r = ok(align(d, pid, ids, how, 'canvas')).doc;
        for (const id of ids) {
          const b = bounds(boxOf(r, id));
          const v = { left: b.x, centre: b.x + b.width / 2, right: b.x + b.width, top: b.y, middle: b.y + b.height / 2, bottom: b.y + b.height }[how];
          const want = { left: 0, centre: 540, right: 1080, top: 0, middle: 675, bottom: 1350 }[how];
          expect(v).toBeCloseTo(want, 6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('distributes three layers with equal gaps, ends fixed', () => {
    const { d, pid, ids } = threeSquares();
    const r = ok(distribute(d, pid, ids, 'horizontal')).doc;
    expect(boxOf(r, ids[0]!).cx).toBe(100);
    expect(boxOf(r, ids[1]!).cx).toBeCloseTo(500, 9);
    expect(boxOf(r, ids[2]!).cx).toBe(900);
    expect(distribute(d, pid, ids.slice(0, 2), 'horizontal').ok).toBe(false);
  });

  it('a group aligns as one unit', () => {
    const { d, pid, ids } = threeSquares();
    const g = ok(group(d, pid, [ids[0]!, ids[1]!], idFor)).doc;
    const r = ok(align(g, pid, [ids[0]!, ids[1]!], 'right', 'canvas')).doc;
    expect(boxOf(r, ids[1]!).cx).toBeCloseTo(1030, 9);
    expect(boxOf(r, ids[0]!).cx).toBeCloseTo(730, 9); // kept 300 px apart
  });
});

describe('order, groups, lock, hide', () => {
  it('forward, backward, front and back', () => {
    const { d, pid, ids } = threeSquares();
    const order = (x: ImageDraft) => pageOf(x).layers.map((l) => l.id);
    expect(order(ok(reorder(d, pid, [ids[0]!], 'forward')).doc)).toEqual([ids[1], ids[0], ids[2]]);
    expect(order(ok(reorder(d, pid, [ids[0]!], 'front')).doc)).toEqual([ids[1], ids[2], ids[0]]);
    expect(order(ok(reorder(d, pid, [ids[2]!], 'backward')).doc)).toEqual([ids[0], ids[2], ids[1]]);
    expect(order(ok(reorder(d, pid, [ids[2]!], 'back')).doc)).toEqual([ids[2], ids[0], ids[1]]);
    // Already at the front: the same document (no undo step).
    expect(ok(reorder(d, pid, [ids[2]!], 'front')).doc).toBe(d);
    expect(order(ok(moveLayerTo(d, pid, ids[2]!, 0)).doc)).toEqual([ids[2], ids[0], ids[1]]);
  });

  it('property: reordering keeps the same set of layers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...reorders), fc.subarray([0, 1, 2], { minLength: 1 }), (how, pick) => {
        const { d, pid, ids } = threeSquares();
        const r = ok(reorder(d, pid, pick.map((i) => ids[i]!), how)).doc;
        expect([...pageOf(r).layers.map((l) => l.id)].sort()).toEqual([...ids].sort());
      }),
    );
  });

  it('groups select together; ungroup dissolves; one layer is not a group', () => {
    const { d, pid, ids } = threeSquares();
    const g = ok(group(d, pid, [ids[0]!, ids[2]!], idFor));
    expect(expandGroups(pageOf(g.doc), [ids[0]!]).sort()).toEqual([ids[0]!, ids[2]!].sort());
    const u = ok(ungroup(g.doc, pid, [ids[2]!]));
    expect(pageOf(u.doc).layers.every((l) => l.groupId === null)).toBe(true);
    expect(group(d, pid, [ids[0]!], idFor).ok).toBe(false);
  });

  it('hidden and locked layers are not picked on the canvas', () => {
    const { d, pid, ids } = threeSquares();
    expect(layerAt(pageOf(d), { x: 100, y: 500 }, d.canvas)?.id).toBe(ids[0]);
    const hidden = ok(patchLayers(d, pid, [ids[0]!], { hidden: true })).doc;
    expect(layerAt(pageOf(hidden), { x: 100, y: 500 }, d.canvas)).toBeNull();
    expect(layersInRect(pageOf(hidden), { x: 0, y: 0, width: 1080, height: 1350 }, d.canvas)).toEqual([ids[1], ids[2]]);
  });
});

describe('duplicate and delete', () => {
  it('duplicates above the originals with new ids, offset, selected', () => {
    const { d, pid, ids } = threeSquares();
    const r = ok(duplicateLayers(d, pid, [ids[0]!], idFor));
    const layers = pageOf(r.doc).layers;
    expect(layers).toHaveLength(4);
    expect(layers[1]!.id).toBe(r.selection[0]);
    expect(boxOf(r.doc, r.selection[0]!)).toMatchObject({ cx: 124, cy: 524 });
    expect(ImageDraft.safeParse(r.doc).success).toBe(true);
  });

  it('deletes, but not a locked layer', () => {
    const { d, pid, ids } = threeSquares();
    expect(pageOf(ok(deleteLayers(d, pid, [ids[0]!, ids[1]!])).doc).layers.map((l) => l.id)).toEqual([ids[2]]);
    const locked = ok(patchLayers(d, pid, [ids[0]!], { locked: true })).doc;
    expect(deleteLayers(locked, pid, [ids[0]!]).ok).toBe(false);
  });
});

describe('pages', () => {
  it('adds, duplicates (new ids everywhere), reorders and deletes pages', () => {
    const { d, pid } = threeSquares();
    const added = ok(addPage(d, pid, idFor));
    expect(added.doc.pages).toHaveLength(2);
    const dup = ok(duplicatePage(added.doc, pid, idFor));
    expect(dup.doc.pages.map((p) => p.layers.length)).toEqual([3, 3, 0]);
    expect(ImageDraft.safeParse(dup.doc).success).toBe(true); // ids unique across the draft
    const moved = ok(movePage(dup.doc, pid, 2));
    expect(moved.doc.pages[2]!.id).toBe(pid);
    const del = ok(deletePage(moved.doc, pid));
    expect(del.doc.pages).toHaveLength(2);
    expect(deletePage(ok(deletePage(del.doc, del.doc.pages[0]!.id)).doc, del.doc.pages[1]!.id).ok).toBe(false);
  });

  it('continues a background across the pages and gives it back to every page when turned off', () => {
    const { d, pid } = threeSquares();
    const two = ok(addPage(ok(setBackground(d, pid, { type: 'colour', color: '#112233' })).doc, pid, idFor)).doc;
    const on = ok(setSpread(two, pid, true)).doc;
    expect(on.spread).toEqual({ type: 'colour', color: '#112233' });
    // While the pages share it, a background edit from any page changes the spread, not that page's own.
    const other = on.pages[1]!.id;
    const gradient = { type: 'gradient', from: '#ff0000', to: '#0000ff', angle: 90 } as const;
    const edited = ok(setBackground(on, other, gradient)).doc;
    expect(edited.spread).toEqual(gradient);
    expect(edited.pages[1]!.background).toEqual(on.pages[1]!.background);
    const off = ok(setSpread(edited, other, false)).doc;
    expect(off.spread).toBeNull();
    expect(off.pages.map((p) => p.background)).toEqual([gradient, gradient]);
    expect(ImageDraft.safeParse(off).success).toBe(true);
    expect(ok(setSpread(off, pid, false)).doc).toBe(off);
    expect(setSpread(off, 'gone', true).ok).toBe(false);
  });

  it(`stops at ${IMAGE_PAGES_MAX} pages`, () => {
    let d = draft();
    while (d.pages.length < IMAGE_PAGES_MAX) d = ok(addPage(d, d.pages[0]!.id, idFor)).doc;
    expect(addPage(d, d.pages[0]!.id, idFor)).toMatchObject({ ok: false });
    expect(duplicatePage(d, d.pages[0]!.id, idFor)).toMatchObject({ ok: false });
  });
});

describe('every edit is immutable and valid', () => {
  it('property: random edit sequences never change an earlier document and always parse', () => {
    type Op = { k: number; a: number; b: number };
    fc.assert(
      fc.property(fc.array(fc.record({ k: fc.integer({ min: 0, max: 13 }), a: fc.nat(20), b: fc.integer({ min: -300, max: 300 }) }), { maxLength: 25 }), (ops: Op[]) => {
        let d = draft();
        const history: { doc: ImageDraft; json: string }[] = [];
        for (const op of ops) {
          history.push({ doc: d, json: JSON.stringify(d) });
          const page = d.pages[op.a % d.pages.length]!;
          const layers: ImageLayer[] = page.layers;
          const pick = layers.length ? [layers[op.a % layers.length]!.id] : [];
          const all = layers.map((l) => l.id);
          const r = [
            () => addShape(d, page.id, (['rect', 'roundRect', 'ellipse', 'line'] as const)[op.a % 4]!, idFor),
            () => addText(d, page.id, idFor),
            () => addPhoto(d, page.id, { id: 'asset-x', width: 10 + op.a, height: 300 }, idFor),
            () => nudge(d, page.id, pick, op.b, -op.b),
            () => align(d, page.id, all, alignments[op.a % 6]!, op.b > 0 ? 'canvas' : 'selection'),
            () => distribute(d, page.id, all, op.b > 0 ? 'horizontal' : 'vertical'),
            () => reorder(d, page.id, pick, reorders[op.a % 4]!),
            () => group(d, page.id, all, idFor),
            () => ungroup(d, page.id, all),
            () => duplicateLayers(d, page.id, pick, idFor),
            () => deleteLayers(d, page.id, pick),
            () => addPage(d, page.id, idFor),
            () => duplicatePage(d, page.id, idFor),
            () => movePage(d, page.id, op.a),
          ][op.k]!();
          if (r.ok) d = r.doc;
        }
        for (const h of history) expect(JSON.stringify(h.doc)).toBe(h.json);
        const parsed = ImageDraft.safeParse(d);
        expect(parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe('');
      }),
      { numRuns: 80 },
    );
  });
});
