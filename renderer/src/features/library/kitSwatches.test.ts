import { describe, expect, it } from 'vitest';
import { kitSwatchGroups } from './kitSwatches';

const kit = (id: string, name: string, isDefault: boolean, colors: string[]) => ({
  id,
  name,
  isDefault,
  palette: colors.map((color, i) => ({ name: `C${i}`, color, role: 'other' as const })),
});

describe('kitSwatchGroups', () => {
  it('puts the default kit first, then the others by name; drops kits without colours and repeats within a kit', () => {
    const groups = kitSwatchGroups([kit('z', 'zeta', false, ['#00FF00']), kit('e', 'Empty', false, []), kit('a', 'Acme', false, ['#111111']), kit('d', 'Default Co', true, ['#E4002B', '#e4002b', '#ffffff'])]);
    expect(groups.map((g) => [g.kitName, g.isDefault])).toEqual([
      ['Default Co', true],
      ['Acme', false],
      ['zeta', false],
    ]);
    expect(groups[0]!.swatches).toEqual([
      { name: 'C0', hex: '#e4002b' },
      { name: 'C2', hex: '#ffffff' },
    ]);
    expect(groups[2]!.swatches).toEqual([{ name: 'C0', hex: '#00ff00' }]);
  });

  it('is empty when no kit has colours', () => {
    expect(kitSwatchGroups([])).toEqual([]);
    expect(kitSwatchGroups([kit('a', 'A', true, [])])).toEqual([]);
  });
});
