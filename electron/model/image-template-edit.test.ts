import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageCanvasFor, newImageDraft, type ImageDraft } from './image-draft';
import { addShape, addText, deleteLayers, duplicateLayers, group, layersInRect, moveLayerTo, nudge, reorder } from './image-edit';
import { asTemplateAdmin, brandLockedFor, canvasMovers, marksFor, movableBy, setTemplateMark } from './image-template-edit';
import { templateViolations } from './template-guard';

let seq = 0;
const idFor = (p: string) => `${p}-${++seq}`;

function withLockedLogo(): { doc: ImageDraft; pageId: string; id: string } {
  const base = newImageDraft('Post', imageCanvasFor('4:5'), () => 'page-1');
  const r = addShape(base, 'page-1', 'rect', idFor);
  if (!r.ok) throw new Error(r.message);
  const id = r.selection[0]!;
  const marked = setTemplateMark(r.doc, 'page-1', [id], 'locked');
  if (!marked.ok) throw new Error(marked.message);
  return { doc: marked.doc, pageId: 'page-1', id };
}
const layer = (doc: ImageDraft, id: string) => doc.pages[0]!.layers.find((l) => l.id === id);

describe('template marks in the image editor', () => {
  it('a creator cannot move or delete a locked element; an admin can, and it stays locked', () => {
    const { doc, pageId, id } = withLockedLogo();
    expect(nudge(doc, pageId, [id], 5, 0).ok).toBe(false);
    expect(deleteLayers(doc, pageId, [id]).ok).toBe(false);
    const moved = asTemplateAdmin((d) => nudge(d, pageId, [id], 5, 0))(doc);
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    expect(layer(moved.doc, id)?.template).toBe('locked');
    const boxX = (d: ImageDraft) => {
      const l = layer(d, id);
      return l && l.type === 'shape' ? l.box.x : NaN;
    };
    expect(boxX(moved.doc)).toBeGreaterThan(boxX(doc));
    const gone = asTemplateAdmin((d) => deleteLayers(d, pageId, [id]))(doc);
    expect(gone.ok && layer(gone.doc, id)).toBe(undefined);
  });

  it('an admin’s copy of a locked element is not a brand element', () => {
    const { doc, pageId, id } = withLockedLogo();
    const r = asTemplateAdmin((d) => duplicateLayers(d, pageId, [id], idFor))(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const copy = r.doc.pages[0]!.layers.find((l) => l.id !== id)!;
    expect(copy.template).toBe(null);
    expect(layer(r.doc, id)?.template).toBe('locked');
  });

  it('an edit that changes nothing gives back the same document, and the input is never changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), (dx, dy) => {
        const { doc, pageId, id } = withLockedLogo();
        const before = JSON.stringify(doc);
        const r = asTemplateAdmin((d) => nudge(d, pageId, [id], dx, dy))(doc);
        expect(JSON.stringify(doc)).toBe(before);
        if (dx === 0 && dy === 0) expect(r.ok && r.doc).toBe(doc);
        else expect(r.ok && layer(r.doc, id)?.template).toBe('locked');
      }),
      { numRuns: 60 },
    );
  });

  it('movableBy: the editor lock holds for everyone, the template lock only for creators', () => {
    const { doc, id } = withLockedLogo();
    const l = layer(doc, id)!;
    expect(movableBy(l, false)).toBe(false);
    expect(movableBy(l, true)).toBe(true);
    expect(movableBy({ ...l, locked: true }, true)).toBe(false);
  });

  it('brandLockedFor: a template-locked layer is a brand element for a creator only, whatever its editor lock', () => {
    const { doc, id } = withLockedLogo();
    const l = layer(doc, id)!;
    expect(brandLockedFor(l, false)).toBe(true);
    expect(brandLockedFor(l, true)).toBe(false);
    expect(brandLockedFor({ ...l, template: null }, false)).toBe(false);
    // The editor lock is the person's own: it is not a brand lock (movableBy still refuses it).
    expect(brandLockedFor({ ...l, template: null, locked: true }, false)).toBe(false);
    expect(movableBy({ ...l, template: null, locked: true }, false)).toBe(false);
  });

  it('setTemplateMark unmarks, keeps an unchanged mark as the same document and refuses a missing layer', () => {
    const { doc, pageId, id } = withLockedLogo();
    const same = setTemplateMark(doc, pageId, [id], 'locked');
    expect(same.ok && same.doc).toBe(doc);
    const n = setTemplateMark(doc, pageId, [id], null);
    expect(n.ok && layer(n.doc, id)?.template).toBe(null);
    expect(setTemplateMark(doc, pageId, ['nope'], 'locked').ok).toBe(false);
  });

  it('marks a text as a placeholder and back, changing nothing else and never its input', () => {
    const base = newImageDraft('Post', imageCanvasFor('4:5'), () => 'page-1');
    const r0 = addText(base, 'page-1', idFor, { text: 'Hello' });
    if (!r0.ok) throw new Error(r0.message);
    const id = r0.selection[0]!;
    const before = JSON.stringify(r0.doc);
    const r = setTemplateMark(r0.doc, 'page-1', [id], 'placeholder');
    if (!r.ok) throw new Error(r.message);
    expect(JSON.stringify(r0.doc)).toBe(before);
    expect(layer(r.doc, id)?.template).toBe('placeholder');
    expect({ ...layer(r.doc, id)!, template: null }).toEqual(layer(r0.doc, id));
    const back = setTemplateMark(r.doc, 'page-1', [id], null);
    expect(back.ok && layer(back.doc, id)?.template).toBeNull();
  });

  it('locks a shape but refuses to make it a placeholder', () => {
    const { doc, pageId, id } = withLockedLogo();
    expect(marksFor(layer(doc, id)!)).toEqual(['none', 'locked']);
    const p = setTemplateMark(doc, pageId, [id], 'placeholder');
    expect(p).toMatchObject({ ok: false, message: expect.stringContaining('placeholder') });
  });

  it('a creator’s marquee never picks a locked element (an admin’s does), and the list cannot reorder it', () => {
    const { doc: d0, pageId, id } = withLockedLogo();
    const r = addShape(d0, pageId, 'ellipse', idFor);
    if (!r.ok) throw new Error(r.message);
    const doc = r.doc;
    const free = r.selection[0]!;
    const page = doc.pages[0]!;
    const all = { x: 0, y: 0, width: doc.canvas.width, height: doc.canvas.height };
    expect(layersInRect(page, all, doc.canvas)).toEqual([free]);
    expect(layersInRect(page, all, doc.canvas, {}, true).sort()).toEqual([id, free].sort());
    fc.assert(
      fc.property(fc.integer({ min: -200, max: 1200 }), fc.integer({ min: -200, max: 1500 }), fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 0, max: 1600 }), (x, y, width, height) => {
        expect(layersInRect(page, { x, y, width, height }, doc.canvas)).not.toContain(id);
      }),
      { numRuns: 120 },
    );
    expect(moveLayerTo(doc, pageId, id, 1)).toMatchObject({ ok: false, message: expect.stringContaining('brand element') });
    expect(reorder(doc, pageId, [id], 'front').ok).toBe(false);
    // Nothing moves past it either (the engine's guard calls that reordering it), but others move among themselves.
    expect(moveLayerTo(doc, pageId, free, 0).ok).toBe(false);
    expect(reorder(doc, pageId, [free], 'back').ok).toBe(false);
    const third = addShape(doc, pageId, 'rect', idFor);
    if (!third.ok) throw new Error(third.message);
    const swapped = moveLayerTo(third.doc, pageId, third.selection[0]!, 1);
    expect(swapped.ok && swapped.doc.pages[0]!.layers.map((l) => l.id)).toEqual([id, third.selection[0], free]);
    const byAdmin = asTemplateAdmin((d) => moveLayerTo(d, pageId, id, 1))(doc);
    expect(byAdmin.ok && byAdmin.doc.pages[0]!.layers.map((l) => l.id)).toEqual([free, id]);
    expect(byAdmin.ok && layer(byAdmin.doc, id)?.template).toBe('locked');
  });

  it('an order the model lets a creator make is one the engine’s template guard accepts', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 5 }), fc.nat(), fc.nat(), fc.constantFrom('move', 'forward', 'backward', 'front', 'back'), (locks, pick, to, how) => {
        let doc = newImageDraft('Post', imageCanvasFor('4:5'), () => 'page-1');
        for (const locked of locks) {
          const r = addShape(doc, 'page-1', 'rect', idFor);
          if (!r.ok) throw new Error(r.message);
          doc = r.doc;
          if (locked) {
            const m = setTemplateMark(doc, 'page-1', r.selection, 'locked');
            if (!m.ok) throw new Error(m.message);
            doc = m.doc;
          }
        }
        const ids = doc.pages[0]!.layers.map((l) => l.id);
        const id = ids[pick % ids.length]!;
        const r = how === 'move' ? moveLayerTo(doc, 'page-1', id, to % (ids.length + 1)) : reorder(doc, 'page-1', [id], how);
        if (r.ok) expect(templateViolations(doc, r.doc)).toEqual([]);
        else expect(templateViolations(doc, doc)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('canvasMovers', () => {
  const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
    if (!r.ok) throw new Error('edit refused');
    return r as Extract<T, { ok: true }>;
  };
  /** A page with a logo that may not move (a brand element, or editor-locked) grouped with a shape, and a free shape. */
  function grouped(how: 'brand' | 'locked'): { doc: ImageDraft; logo: string; member: string; free: string } {
    const { doc, id: logo } = withLockedLogo();
    const base = how === 'brand' ? doc : { ...doc, pages: doc.pages.map((p) => ({ ...p, layers: p.layers.map((l) => (l.id === logo ? { ...l, template: null, locked: true } : l)) })) };
    const a = ok(addShape(base, 'page-1', 'ellipse', idFor));
    const b = ok(addShape(a.doc, 'page-1', 'rect', idFor));
    const g = ok(asTemplateAdmin((x) => group(x, 'page-1', [logo, a.selection[0]!], idFor))(b.doc));
    return { doc: g.doc, logo, member: a.selection[0]!, free: b.selection[0]! };
  }

  it('a group holding a layer that may not move stays whole: none of it moves, and the reason is given', () => {
    for (const how of ['brand', 'locked'] as const) {
      const { doc, member, free } = grouped(how);
      const page = doc.pages[0]!;
      expect(page.layers.find((l) => l.id === member)?.groupId).not.toBeNull();
      const r = canvasMovers(page, [member], false);
      expect(r.movers).toEqual([]);
      expect(r.pinned).toBe(how === 'brand' ? 'brand' : 'group');
      // A free layer selected with the pinned group still moves; the group does not.
      const mixed = canvasMovers(page, [member, free], false);
      expect(mixed.movers.map((l) => l.id)).toEqual([free]);
    }
  });

  it('an admin moves a group with a brand element whole; a layer outside any group moves as before', () => {
    const { doc, logo, member, free } = grouped('brand');
    const page = doc.pages[0]!;
    expect(canvasMovers(page, [logo, member], true).movers.map((l) => l.id).sort()).toEqual([logo, member].sort());
    expect(canvasMovers(page, [free], false)).toEqual({ movers: [page.layers.find((l) => l.id === free)], pinned: null });
  });
});
