import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Draft, DRAFT_SCHEMA_VERSION, type ImageDraft, ImageDraft as ImageDraftSchema, type ImageLayer, type TemplateMark, type VideoDraft } from './draft';
import { type TemplateChange, templateViolations } from './template-guard';

/**
 * The guard over random documents and random edits: an edit that touches only unlocked things passes, and an
 * edit to a locked thing is caught and named (which element, where, what changed).
 */

const frac = fc.double({ min: 0, max: 1, noNaN: true });
const mark = fc.constantFrom<TemplateMark | null>(null, null, 'locked', 'placeholder');
const hex = fc.integer({ min: 0, max: 0xffffff }).map((v) => `#${v.toString(16).padStart(6, '0')}`);
const style = { font: 'DejaVu Sans', size: 60, color: '#ffffff', bold: true, italic: false, align: 'center' as const, stroke: null, box: null };

const layerArb = (id: string): fc.Arbitrary<ImageLayer> =>
  fc.oneof(
    fc.record({ template: mark, x: frac, y: frac, w: frac, asset: fc.constantFrom('a1', 'a2', 'a3'), brand: fc.constantFrom(null, 'logo' as const) }).map(
      (r) => ({ id, name: id, type: 'media', assetId: r.asset, template: r.template, brand: r.brand, box: { x: r.x, y: r.y, w: r.w + 0.01, h: 0.3, rotation: 0 } }) as unknown as ImageLayer,
    ),
    fc.record({ template: mark, x: frac, y: frac, text: fc.constantFrom('Hello', 'Tip one', 'Quote') }).map(
      (r): ImageLayer => ({ id, name: id, type: 'text', hidden: false, locked: false, groupId: null, template: r.template, opacity: 1, text: r.text, style, styleRole: null, x: r.x, y: r.y, maxWidth: 0.8, rotation: 0 }),
    ),
    fc.record({ template: mark, x: frac, y: frac, fill: hex }).map(
      (r): ImageLayer => ({ id, name: id, type: 'shape', hidden: false, locked: false, groupId: null, template: r.template, opacity: 1, shape: 'rect', box: { x: r.x, y: r.y, w: 0.2, h: 0.1, rotation: 10 }, fill: r.fill, stroke: null, radius: 0 }),
    ),
  );

const imageArb: fc.Arbitrary<ImageDraft> = fc
  .array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 })
  .chain((counts) => fc.tuple(...counts.map((n, pi) => fc.tuple(...Array.from({ length: n }, (_, li) => layerArb(`l${pi}-${li}`))))))
  .map((pages) => ImageDraftSchema.parse({
    schemaVersion: DRAFT_SCHEMA_VERSION, kind: 'image' as const, name: 'Doc', kitId: null, spread: null,
    canvas: { preset: '4:5' as const, width: 1080, height: 1350 },
    pages: pages.map((layers, pi) => ({ id: `page${pi}`, background: { type: 'colour' as const, color: '#ffffff' }, layers: [...layers] })),
  }));

const videoArb: fc.Arbitrary<VideoDraft> = fc
  .record({
    main: fc.array(fc.record({ template: mark, len: fc.integer({ min: 1, max: 5 }), asset: fc.constantFrom('v1', 'v2') }), { maxLength: 4 }),
    overlay: fc.array(fc.record({ template: mark, brand: fc.constantFrom(null, 'logo' as const, 'watermark' as const), x: frac }), { maxLength: 3 }),
    text: fc.array(fc.record({ template: mark, text: fc.constantFrom('Title', 'Lower third') }), { maxLength: 3 }),
  })
  .map(({ main, overlay, text }) => {
    let at = 0;
    const t = (id: string, kind: 'main' | 'overlay' | 'text', clips: unknown[]) => ({ id, kind, name: kind, muted: false, hidden: false, role: null, ducking: null, clips });
    const transform = (x: number) => ({ reframe: 'fit', x, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1 });
    const media = (id: string, asset: string, start: number, len: number, extra: object) => ({ id, type: 'media', assetId: asset, start, in: 0, out: len, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: transform(0.5), transitionIn: null, ...extra });
    const doc = {
      schemaVersion: DRAFT_SCHEMA_VERSION, kind: 'video', name: 'Doc', kitId: null,
      canvas: { preset: '9:16', width: 1080, height: 1920, fps: 30, background: '#000000' },
      tracks: [
        t('tMain', 'main', main.map((c, i) => { const clip = media(`m${i}`, c.asset, at, c.len, c.template ? { template: c.template } : {}); at += c.len; return clip; })),
        t('tOver', 'overlay', overlay.map((c, i) => ({ ...media(`o${i}`, 'logo', i * 2, 2, { brand: c.brand, ...(c.template ? { template: c.template } : {}) }), transform: transform(c.x) }))),
        t('tText', 'text', text.map((c, i) => ({ id: `x${i}`, type: 'text', start: i * 3, duration: 3, text: c.text, style, x: 0.5, y: 0.8, maxWidth: 0.8, fadeIn: 0, fadeOut: 0, styleRole: null, ...(c.template ? { template: c.template } : {}) }))),
      ],
    };
    return Draft.options[0].parse(doc);
  });

const clone = <T>(v: T): T => structuredClone(v);
type AnyEl = Record<string, unknown> & { id: string; template?: TemplateMark | null };

function elementsOf(d: Draft): AnyEl[] {
  return d.kind === 'image' ? d.pages.flatMap((p) => p.layers as AnyEl[]) : d.tracks.flatMap((t) => t.clips as AnyEl[]);
}
const isLocked = (e: AnyEl) => e.template === 'locked';

/** Edits of unlocked things only: restyle, move, retext, delete, add; placeholders replaced (and may lose their mark). */
function editUnlocked(d: Draft, seed: number[]): Draft {
  const doc = clone(d);
  let s = 0;
  const pick = () => seed[s++ % seed.length]!;
  if (doc.kind === 'image') {
    for (const p of doc.pages) {
      p.layers = p.layers.filter((l) => isLocked(l as AnyEl) || pick() % 4 !== 0);
      for (const l of p.layers) {
        if (isLocked(l)) {
          // The editor's lock and the group are free even on a locked layer.
          if (pick() % 2) l.locked = !l.locked;
          if (pick() % 3 === 0) l.groupId = 'g1';
          continue;
        }
        if (l.type === 'text') l.text = `${l.text}!`;
        else if (l.type === 'media') l.assetId = 'replaced';
        else l.fill = '#123456';
        if ('box' in l) l.box = { ...l.box, x: l.box.x / 2, rotation: 33 };
        l.hidden = pick() % 2 === 0;
        // A filled placeholder may drop its mark.
        if (l.template === 'placeholder' && pick() % 2) l.template = null;
      }
      // Reorder unlocked layers only between the locked ones (their order relative to locked layers stays).
      const segments: ImageLayer[][] = [[]];
      for (const l of p.layers) {
        if (isLocked(l)) segments.push([l], []);
        else segments.at(-1)!.push(l);
      }
      p.layers = segments.flatMap((seg) => (seg.length > 1 && pick() % 2 ? [...seg].reverse() : seg));
      p.layers.push({ id: `new-${p.id}`, name: 'new', type: 'shape', hidden: false, locked: false, groupId: null, template: null, opacity: 1, shape: 'ellipse', box: { x: 0.5, y: 0.5, w: 0.1, h: 0.1, rotation: 0 }, fill: '#ff0000', stroke: null, radius: 0 });
    }
    return doc;
  }
  for (const t of doc.tracks) {
    t.clips = t.clips.filter((c) => isLocked(c as AnyEl) || t.kind === 'main' || pick() % 4 !== 0);
    for (const c of t.clips) {
      if (isLocked(c)) continue;
      if (c.type === 'text') {
        c.text = `${c.text}!`;
        c.style = { ...c.style, color: '#00ff00' };
      } else {
        c.assetId = 'replaced';
        c.transform = { ...c.transform, x: 0.1, opacity: 0.5 };
      }
      if (c.template === 'placeholder' && pick() % 2) delete c.template;
    }
  }
  // Packing the main track after a placeholder got longer moves the locked clips after it: allowed.
  const main = doc.tracks[0]!;
  let at = 0;
  for (const c of main.clips) {
    if (c.type === 'media' && !isLocked(c) && pick() % 2) c.out = c.out + 1;
    c.start = at;
    at += c.type === 'media' ? c.out - c.in : c.duration;
  }
  return doc;
}

type LockedEdit = { change: TemplateChange; apply: (el: AnyEl, d: Draft) => boolean };

/** Edits of one locked element, each with the change the guard must report. `apply` returns false when it does not fit the element. */
const lockedEdits: LockedEdit[] = [
  { change: 'moved', apply: (el) => { if ('box' in el) (el.box as { x: number }).x += 0.1; else if (el.type === 'text' || 'transform' in el) { if ('transform' in el) (el.transform as { x: number }).x += 0.1; else (el as unknown as { x: number }).x += 0.1; } return true; } },
  { change: 'resized', apply: (el) => { if ('box' in el) (el.box as { w: number }).w += 0.1; else if ('transform' in el) (el.transform as { scale: number }).scale *= 1.5; else (el as unknown as { maxWidth: number }).maxWidth = 0.5; return true; } },
  { change: 'rotated', apply: (el) => { if ('box' in el) (el.box as { rotation: number }).rotation += 5; else if (el.type === 'text' && 'rotation' in el) el.rotation = 45; else return false; return true; } },
  { change: 'restyled', apply: (el) => { if (el.type === 'text') (el as unknown as { style: { color: string } }).style.color = '#010203'; else if ('fill' in el) el.fill = '#010203'; else if ('transform' in el) (el.transform as { opacity: number }).opacity = 0.3; else el.opacity = 0.3; return true; } },
  { change: 'repointed', apply: (el) => { if (el.type !== 'media') return false; el.assetId = 'other-asset'; return true; } },
  { change: 'hidden', apply: (el) => { if (!('hidden' in el)) return false; el.hidden = !el.hidden; return true; } },
  { change: 'edited', apply: (el) => { if (el.type !== 'text') return false; el.text = 'Changed'; return true; } },
  { change: 'unmarked', apply: (el) => { el.template = null; return true; } },
  { change: 'retimed', apply: (el, d) => { if (d.kind !== 'video') return false; if (el.type === 'text') el.duration = (el.duration as number) + 1; else if (el.brand !== 'watermark') el.speed = 2; else return false; return true; } },
  {
    change: 'deleted',
    apply: (el, d) => {
      if (d.kind === 'image') for (const p of d.pages) p.layers = p.layers.filter((l) => l.id !== el.id);
      else for (const t of d.tracks) t.clips = t.clips.filter((c) => c.id !== el.id);
      return true;
    },
  },
  {
    change: 'reordered',
    apply: (el, d) => {
      if (d.kind !== 'image') return false;
      const page = d.pages.find((p) => p.layers.some((l) => l.id === el.id))!;
      const i = page.layers.findIndex((l) => l.id === el.id);
      const j = i + 1 < page.layers.length ? i + 1 : i - 1;
      if (j < 0) return false;
      [page.layers[i], page.layers[j]] = [page.layers[j]!, page.layers[i]!];
      return true;
    },
  },
];

const docArb = fc.oneof(imageArb, videoArb);

describe('templateViolations (property)', () => {
  it('passes every edit that touches only unlocked things', () => {
    fc.assert(
      fc.property(docArb, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (doc, seed) => {
        const after = editUnlocked(doc, seed);
        expect(templateViolations(doc, Draft.parse(after))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('catches every edit of a locked element and names it, where it is and what changed', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.nat(), (doc, which, how) => {
        const locked = elementsOf(doc).filter(isLocked);
        fc.pre(locked.length > 0);
        const after = clone(doc);
        const target = elementsOf(after).find((e) => e.id === locked[which % locked.length]!.id)!;
        const edit = lockedEdits[how % lockedEdits.length]!;
        fc.pre(edit.apply(target, after));
        const found = templateViolations(doc, after).find((v) => v.elementId === target.id);
        expect(found, `${edit.change} of ${target.id}`).toBeDefined();
        expect(found!.changes).toContain(edit.change);
        expect(found!.message).toContain(found!.where);
        expect(found!.where).toMatch(doc.kind === 'image' ? /^page \d+$/ : /track$/);
      }),
      { numRuns: 500 },
    );
  });

  it('catches a new locked mark on any element, unless it copies a locked one', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), (doc, which) => {
        const free = elementsOf(doc).filter((e) => !isLocked(e));
        fc.pre(free.length > 0);
        const after = clone(doc);
        const target = elementsOf(after).find((e) => e.id === free[which % free.length]!.id)!;
        target.template = 'locked';
        const found = templateViolations(doc, after).find((v) => v.elementId === target.id);
        expect(found?.changes).toEqual(['marked']);
        // A brand-new document with locks (a creator's save of a fresh draft) is all new marks.
        expect(templateViolations(null, after).map((v) => v.elementId)).toContain(target.id);
      }),
      { numRuns: 200 },
    );
  });
});
