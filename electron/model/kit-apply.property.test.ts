import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corners, type KitTextStyle, textStyleRoles } from './brand-kit';
import { canvasPresets, type CanvasPreset, defaultTextStyle, type Draft, fontFamilies, newVideoDraft, textRoles, type TextClip, VideoDraft } from './draft';
import { applyKit, type Kit } from './kit-apply';

/**
 * Applying kits is a "last one wins" operation on every role-styled clip: A then B is B, whatever A and B hold,
 * and nothing without a role (or brand mark) is ever touched.
 */

const hex = fc.integer({ min: 0, max: 0xffffff }).map((v) => `#${v.toString(16).padStart(6, '0')}`);
const styleArb = fc.record({
  font: fc.constantFrom(...fontFamilies),
  size: fc.integer({ min: 8, max: 400 }),
  color: hex,
  bold: fc.boolean(),
  italic: fc.boolean(),
  align: fc.constantFrom('left' as const, 'center' as const, 'right' as const),
  stroke: fc.option(fc.record({ color: hex, width: fc.integer({ min: 0, max: 40 }) })),
  box: fc.option(fc.record({ color: hex, opacity: fc.double({ min: 0, max: 1, noNaN: true }), padding: fc.integer({ min: 0, max: 200 }), radius: fc.integer({ min: 0, max: 200 }) })),
});
const kitStyleArb: fc.Arbitrary<KitTextStyle> = fc.record({
  role: fc.constantFrom(...textStyleRoles),
  style: styleArb,
  placement: fc.record({ x: fc.double({ min: 0, max: 1, noNaN: true }), y: fc.double({ min: 0, max: 1, noNaN: true }), maxWidth: fc.double({ min: 0.1, max: 1, noNaN: true }) }),
});
const logoId = fc.option(fc.constantFrom('logo1', 'logo2'));
const kitArb = (id: string): fc.Arbitrary<Kit> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(id),
    textStyles: fc.uniqueArray(kitStyleArb, { selector: (s) => s.role, maxLength: 4 }),
    logos: fc.record({ light: logoId, dark: logoId }),
    watermark: fc.option(fc.record({ logo: fc.constantFrom('light' as const, 'dark' as const), corner: fc.constantFrom(...corners), margin: fc.double({ min: 0, max: 0.25, noNaN: true }), size: fc.double({ min: 0.03, max: 0.6, noNaN: true }), opacity: fc.double({ min: 0.05, max: 1, noNaN: true }) })),
    intro: fc.constant(null),
    outro: fc.constant(null),
  });

const textArb = (i: number): fc.Arbitrary<TextClip> =>
  fc.record({ role: fc.constantFrom(null, ...textRoles), style: styleArb, x: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ minLength: 1, maxLength: 8 }) }).map(({ role, style, x, text }) => ({
    id: `t${i}`, type: 'text', start: i * 2, duration: 2, text, style, x, y: 0.5, maxWidth: 0.8, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: role,
  }));
const draftArb = fc.record({
  preset: fc.constantFrom(...(Object.keys(canvasPresets) as CanvasPreset[])),
  texts: fc.integer({ min: 0, max: 6 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => textArb(i)))),
}).map(({ preset, texts }): VideoDraft => {
  let n = 0;
  const d = newVideoDraft('P', preset, 30, (p) => `${p}${n++}`);
  return { ...d, tracks: d.tracks.map((t) => (t.kind === 'text' ? { ...t, clips: texts } : t)) };
});

const sizes = { logo1: { width: 500, height: 200 }, logo2: { width: 256, height: 256 } } as Record<string, { width: number; height: number }>;
const sizeOf = (id: string) => sizes[id] ?? null;
const texts = (d: Draft) => (d.kind === 'video' ? d.tracks : []).flatMap((t) => t.clips).filter((c): c is TextClip => c.type === 'text');

describe('applyKit (property)', () => {
  it('A then B equals B directly; clips without a role are untouched; the result is a valid draft', () => {
    fc.assert(
      fc.property(draftArb, kitArb('A'), kitArb('B'), (draft, a, b) => {
        const viaA = applyKit(applyKit(draft, a, sizeOf).draft, b, sizeOf).draft;
        const direct = applyKit(draft, b, sizeOf).draft;
        expect(viaA).toEqual(direct);
        if (direct.kind !== 'video') throw new Error('video');
        expect(direct.kitId).toBe('B');
        const before = texts(draft);
        const after = texts(direct);
        after.forEach((c, i) => {
          const old = before[i]!;
          if (c.styleRole === null) expect(c).toBe(old);
          else expect({ ...c, style: old.style }).toEqual(old); // text, timing, position kept
        });
        expect(VideoDraft.safeParse(direct).success).toBe(true);
        expect(applyKit(direct, b, sizeOf).draft).toEqual(direct); // applying the same kit twice changes nothing
      }),
      { numRuns: 300 },
    );
  });

  it('a role the kit has gets exactly its style, scaled to the canvas', () => {
    fc.assert(
      fc.property(draftArb, kitArb('K'), (draft, kit) => {
        const out = applyKit(draft, kit, sizeOf).draft;
        for (const c of texts(out)) {
          const own = kit.textStyles.find((s) => s.role === c.styleRole);
          if (own && out.canvas.width === 1080) expect(c.style).toEqual(own.style);
          if (own) expect(c.style.color).toBe(own.style.color);
        }
      }),
      { numRuns: 200 },
    );
  });
});

it('the draft and the kit name the same four text roles', () => {
  expect([...textRoles]).toEqual([...textStyleRoles]);
  expect(defaultTextStyle.font).toBeTruthy();
});
