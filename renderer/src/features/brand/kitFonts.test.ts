import { describe, expect, it } from 'vitest';
import { emptyKitContent } from '../../../../electron/model/brand-kit';
import { fontFamilies } from '../../../../electron/model/draft';
import type { FontRecord } from '../../../../electron/model/font';
import { fontChoices, fontRemovalBlock } from './kitFonts';
import { newKitTextStyle, setTextStyle } from './kitEdits';
import { withFamily } from '../../../../electron/model/font-weights';

const rec = (id: string, family: string, subfamily = 'Regular'): FontRecord => ({
  id: id.repeat(64).slice(0, 64), family, subfamily, weight: 400, italic: false, sourceFormat: 'ttf', fileName: `${family}.ttf`, sizeBytes: 1, licenceNote: '', embedding: 'installable', ascent: 0.9, descent: 0.2, addedAt: '2026-01-01T00:00:00.000Z',
});
const lobster = rec('a', 'Lobster');
const lobsterBold = rec('b', 'Lobster', 'Bold');
const inter = rec('c', 'Inter');
const library = [lobster, lobsterBold, inter];

describe('kit fonts', () => {
  it('offers the built-ins, then each kit family once', () => {
    const c = { ...emptyKitContent('A'), fontIds: [lobster.id, lobsterBold.id, inter.id] };
    expect(fontChoices(c, library).map((f) => f.family)).toEqual([...fontFamilies, 'Lobster', 'Inter']);
    expect(fontChoices(emptyKitContent('A'), library).map((f) => f.family)).toEqual([...fontFamilies]);
  });

  it('keeps a family a style still names choosable after its font left the kit', () => {
    let c = { ...emptyKitContent('A'), fontIds: [] as string[] };
    const title = newKitTextStyle(c, 'title');
    c = setTextStyle(c, { ...title, style: { ...title.style, font: 'Lobster' } });
    expect(fontChoices(c, library).map((f) => f.family)).toContain('Lobster');
  });

  it('a style moved to a regular-only family takes the weight it has (no faux bold), back on a built-in keeps its choice', () => {
    const title = newKitTextStyle(emptyKitContent('A'), 'title');
    expect(title.style.bold).toBe(true);
    const inLobster = withFamily(title.style, 'Lobster', [lobster]);
    expect(inLobster).toMatchObject({ font: 'Lobster', bold: false });
    expect(withFamily(title.style, 'Lobster', [lobster, { ...lobsterBold, weight: 700 }]).bold).toBe(true);
  });

  it('refuses to remove a font a text style uses, unless another face of its family stays', () => {
    let c = { ...emptyKitContent('A'), fontIds: [lobster.id, inter.id] };
    const title = newKitTextStyle(c, 'title');
    const cap = newKitTextStyle(c, 'caption');
    c = setTextStyle(c, { ...title, style: { ...title.style, font: 'Lobster' } });
    c = setTextStyle(c, { ...cap, style: { ...cap.style, font: 'lobster' } });
    const name = (r: string) => r.toUpperCase();
    expect(fontRemovalBlock(c, lobster, library, name)).toBe('TITLE, CAPTION');
    expect(fontRemovalBlock(c, inter, library, name)).toBeNull();
    expect(fontRemovalBlock({ ...c, fontIds: [...c.fontIds, lobsterBold.id] }, lobster, library, name)).toBeNull();
  });
});
