import { describe, expect, it } from 'vitest';
import { addShape, addText } from '../../../../electron/model/image-edit';
import { newImageDraft } from '../../../../electron/model/image-draft';
import { marksFor, setTemplateMark } from './templateMarks';

/** A page with a text "t" and a rectangle "s". */
const doc = () => {
  const ids = ['page', 't', 's'];
  const idFor = () => ids.shift()!;
  const d0 = newImageDraft('Post', undefined, idFor);
  const d1 = addText(d0, d0.pages[0]!.id, idFor, { text: 'Hello' });
  if (!d1.ok) throw new Error(d1.message);
  const d2 = addShape(d1.doc, d0.pages[0]!.id, 'rect', idFor);
  if (!d2.ok) throw new Error(d2.message);
  return d2.doc;
};

describe('setTemplateMark', () => {
  it('marks a text as a placeholder and back, changing nothing else and never its input', () => {
    const d = doc();
    const before = JSON.stringify(d);
    const r = setTemplateMark(d, d.pages[0]!.id, 't', 'placeholder');
    if (!r.ok) throw new Error(r.message);
    expect(JSON.stringify(d)).toBe(before);
    expect(r.doc.pages[0]!.layers[0]!.template).toBe('placeholder');
    expect({ ...r.doc.pages[0]!.layers[0]!, template: null }).toEqual(d.pages[0]!.layers[0]);
    const back = setTemplateMark(r.doc, d.pages[0]!.id, 't', 'none');
    expect(back.ok && back.doc.pages[0]!.layers[0]!.template).toBeNull();
  });

  it('locks a shape but refuses to make it a placeholder', () => {
    const d = doc();
    expect(marksFor(d.pages[0]!.layers[1]!)).toEqual(['none', 'locked']);
    const r = setTemplateMark(d, d.pages[0]!.id, 's', 'locked');
    expect(r.ok && r.doc.pages[0]!.layers[1]!.template).toBe('locked');
    const p = setTemplateMark(d, d.pages[0]!.id, 's', 'placeholder');
    expect(p).toMatchObject({ ok: false, message: expect.stringContaining('placeholder') });
  });

  it('refuses a layer that is gone', () => {
    const d = doc();
    expect(setTemplateMark(d, d.pages[0]!.id, 'nope', 'locked').ok).toBe(false);
  });
});
