import { describe, expect, it } from 'vitest';
import { emptyKitContent, type KitTextStyle } from './brand-kit';
import { defaultTextStyle } from './draft';
import { kitsUsingFont, kitUsesFont } from './font-use';

const lobster = { id: 'a'.repeat(64), family: 'Lobster' };
const style = (font: string): KitTextStyle => ({ role: 'title', style: { ...defaultTextStyle, font }, placement: { x: 0.5, y: 0.2, maxWidth: 0.8 } });

describe('kitUsesFont', () => {
  it('is true when the kit lists the file or a text style names the family (ASCII case folded, as SQLite NOCASE)', () => {
    expect(kitUsesFont(emptyKitContent('A'), lobster)).toBe(false);
    expect(kitUsesFont({ ...emptyKitContent('A'), fontIds: [lobster.id] }, lobster)).toBe(true);
    expect(kitUsesFont({ ...emptyKitContent('A'), fontIds: ['b'.repeat(64)] }, lobster)).toBe(false);
    expect(kitUsesFont({ ...emptyKitContent('A'), textStyles: [style('LOBSTER')] }, lobster)).toBe(true);
    expect(kitUsesFont({ ...emptyKitContent('A'), textStyles: [style('Lobster Two')] }, lobster)).toBe(false);
    // NOCASE does not fold beyond ASCII: neither does the predicate.
    expect(kitUsesFont({ ...emptyKitContent('A'), textStyles: [style('ÉCRIT')] }, { id: lobster.id, family: 'écrit' })).toBe(false);
  });

  it('lists the kits using a font in the order given', () => {
    const kits = [
      { id: 'k1', ...emptyKitContent('Acme'), fontIds: [lobster.id] },
      { id: 'k2', ...emptyKitContent('Plain') },
      { id: 'k3', ...emptyKitContent('Zed'), textStyles: [style('lobster')] },
    ];
    expect(kitsUsingFont(kits, lobster).map((k) => k.name)).toEqual(['Acme', 'Zed']);
  });
});
