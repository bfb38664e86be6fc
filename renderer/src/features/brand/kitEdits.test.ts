import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BrandKitContent, emptyKitContent, KIT_HASHTAG_MAX, swatchRoles, textStyleRoles } from '../../../../electron/model/brand-kit';
import { addHashtags, addSwatch, freeSwatchName, moveSwatch, newKitTextStyle, PALETTE_MAX, parseHashtags, patchWatermark, removeHashtag, removeSwatch, removeTextStyle, setTextStyle, toggleWatermark, updateSwatch } from './kitEdits';

const hex = fc.tuple(fc.integer({ min: 0, max: 0xffffff }), fc.boolean()).map(([n, upper]) => {
  const s = `#${n.toString(16).padStart(6, '0')}`;
  return upper ? s.toUpperCase() : s;
});

/** One random edit of the Brand room, as the UI can make it. */
const edit = fc.oneof(
  fc.record({ op: fc.constant('add' as const), color: hex }),
  fc.record({ op: fc.constant('update' as const), i: fc.nat(30), color: hex, role: fc.constantFrom(...swatchRoles) }),
  fc.record({ op: fc.constant('remove' as const), i: fc.nat(30) }),
  fc.record({ op: fc.constant('move' as const), from: fc.nat(30), to: fc.integer({ min: -3, max: 30 }) }),
  fc.record({ op: fc.constant('style' as const), role: fc.constantFrom(...textStyleRoles) }),
  fc.record({ op: fc.constant('unstyle' as const), role: fc.constantFrom(...textStyleRoles) }),
  fc.record({ op: fc.constant('tags' as const), text: fc.string({ maxLength: 60 }) }),
  fc.record({ op: fc.constant('watermark' as const), on: fc.boolean(), opacity: fc.double({ min: 0.05, max: 1, noNaN: true }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function apply(c: BrandKitContent, e: Edit): BrandKitContent {
  switch (e.op) {
    case 'add':
      return addSwatch(c, e.color, 'Colour');
    case 'update':
      return updateSwatch(c, e.i, { color: e.color, role: e.role });
    case 'remove':
      return removeSwatch(c, e.i);
    case 'move':
      return moveSwatch(c, e.from, e.to);
    case 'style':
      return setTextStyle(c, newKitTextStyle(c, e.role));
    case 'unstyle':
      return removeTextStyle(c, e.role);
    case 'tags':
      return addHashtags(c, parseHashtags(e.text));
    case 'watermark':
      return patchWatermark(toggleWatermark(c, e.on), { opacity: e.opacity });
  }
}

describe('kit edits', () => {
  it('any sequence of edits leaves content the engine accepts (BrandKitContent)', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 60 }), (edits) => {
        let c = emptyKitContent('Acme');
        for (const e of edits) {
          c = apply(c, e);
          const parsed = BrandKitContent.safeParse(c);
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        }
      }),
    );
  });

  it('never mutates the content it is given', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 30 }), (edits) => {
        let c = emptyKitContent('Acme');
        for (const e of edits) {
          const frozen = JSON.stringify(c);
          const next = apply(c, e);
          expect(JSON.stringify(c)).toBe(frozen);
          c = next;
        }
      }),
    );
  });

  it('moving a swatch keeps every swatch once and puts it where asked', () => {
    fc.assert(
      fc.property(fc.array(hex, { minLength: 1, maxLength: PALETTE_MAX }), fc.nat(30), fc.nat(30), (colors, from, to) => {
        let c = emptyKitContent('A');
        for (const col of colors) c = addSwatch(c, col, 'Colour');
        const moved = moveSwatch(c, from, to);
        expect([...moved.palette].map((s) => s.name).sort()).toEqual([...c.palette].map((s) => s.name).sort());
        if (from < c.palette.length) expect(moved.palette[Math.min(to, c.palette.length - 1)]).toEqual(c.palette[from]);
        else expect(moved).toBe(c);
      }),
    );
  });

  it('names new swatches uniquely and gives roles primary, secondary, accent, then other', () => {
    let c = emptyKitContent('A');
    for (const col of ['#E4002B', '#111111', '#ffcc00', '#ffffff']) c = addSwatch(c, col, 'Colour');
    expect(c.palette.map((s) => [s.name, s.role, s.color])).toEqual([
      ['Colour', 'primary', '#e4002b'],
      ['Colour 2', 'secondary', '#111111'],
      ['Colour 3', 'accent', '#ffcc00'],
      ['Colour 4', 'other', '#ffffff'],
    ]);
    expect(freeSwatchName([{ name: 'colour', color: '#000000', role: 'other' }], 'Colour')).toBe('Colour 2');
    // A removed primary is the role the next swatch takes.
    expect(addSwatch(removeSwatch(c, 0), '#000000', 'Colour').palette.at(-1)!.role).toBe('primary');
  });

  it('a full palette takes no more swatches', () => {
    let c = emptyKitContent('A');
    for (let i = 0; i < PALETTE_MAX + 3; i++) c = addSwatch(c, '#123456', 'Colour');
    expect(c.palette).toHaveLength(PALETTE_MAX);
  });

  it('reads typed hashtags as the platforms do', () => {
    expect(parseHashtags('#Summer, #summer-sale  acme_co;#;  ##x')).toEqual(['Summer', 'summersale', 'acme_co', 'x']);
    expect(parseHashtags('   ')).toEqual([]);
    const c = addHashtags(emptyKitContent('A'), ['Acme', 'acme', 'Sale']);
    expect(c.hashtags).toEqual(['Acme', 'Sale']);
    expect(removeHashtag(c, 'Acme').hashtags).toEqual(['Sale']);
    const many = addHashtags(emptyKitContent('A'), Array.from({ length: 50 }, (_, i) => `t${i}`));
    expect(many.hashtags).toHaveLength(KIT_HASHTAG_MAX);
  });

  it('text styles: one per role, in role order, starting in the kit’s primary colour', () => {
    let c = addSwatch(emptyKitContent('A'), '#e4002b', 'Colour');
    c = setTextStyle(c, newKitTextStyle(c, 'caption'));
    c = setTextStyle(c, newKitTextStyle(c, 'title'));
    c = setTextStyle(c, { ...newKitTextStyle(c, 'title'), style: { ...newKitTextStyle(c, 'title').style, size: 120 } });
    expect(c.textStyles.map((s) => s.role)).toEqual(['title', 'caption']);
    expect(c.textStyles[0]!.style).toMatchObject({ size: 120, color: '#e4002b' });
    expect(c.textStyles[1]!.style.box?.color).toBe('#e4002b');
  });

  it('the watermark starts on the logo variant the kit has', () => {
    const c = { ...emptyKitContent('A'), logos: { light: null, dark: 'asset-1' } };
    expect(toggleWatermark(c, true).watermark?.logo).toBe('dark');
    expect(toggleWatermark(toggleWatermark(c, true), false).watermark).toBeNull();
    expect(patchWatermark(c, { opacity: 0.5 })).toBe(c);
  });
});
