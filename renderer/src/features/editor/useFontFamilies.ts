import { useEffect, useState } from 'react';
import { fontFamilies } from '../../../../electron/model/draft';
import type { Face } from '../../../../electron/model/font-weights';
import { call, onEvent } from '../../api/client';
import { libraryFamilies } from './fontFamilies';

/**
 * The font families a text style may name: the built-ins, then the library's own (fonts.list, kept current by
 * fonts.changed), each once, library families first in a kit-minded picker's order (alphabetical).
 * A library that cannot be read leaves the built-ins, which always draw. `faces` (family and weight of each
 * library file) tell which families have a bold face (model/font-weights.ts).
 */
export function useFontFamilies(): { builtIn: readonly string[]; library: string[]; faces: Face[] } {
  const [{ library, faces }, setLibrary] = useState<{ library: string[]; faces: Face[] }>({ library: [], faces: [] });
  useEffect(() => {
    let live = true;
    const load = () =>
      call('fonts.list', {}).then(
        (fonts) => live && setLibrary({ library: libraryFamilies(fonts.map((f) => f.family)), faces: fonts.map((f) => ({ family: f.family, weight: f.weight })) }),
        () => live && setLibrary({ library: [], faces: [] }),
      );
    void load();
    const off = onEvent('fonts.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, []);
  return { builtIn: fontFamilies, library, faces };
}
