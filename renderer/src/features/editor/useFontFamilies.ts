import { useEffect, useState } from 'react';
import { fontFamilies } from '../../../../electron/model/draft';
import { call, onEvent } from '../../api/client';
import { libraryFamilies } from './fontFamilies';

/**
 * The font families a text style may name: the built-ins, then the library's own (fonts.list, kept current by
 * fonts.changed), each once, library families first in a kit-minded picker's order (alphabetical).
 * A library that cannot be read leaves the built-ins, which always draw.
 */
export function useFontFamilies(): { builtIn: readonly string[]; library: string[] } {
  const [library, setLibrary] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      call('fonts.list', {}).then(
        (fonts) => live && setLibrary(libraryFamilies(fonts.map((f) => f.family))),
        () => live && setLibrary([]),
      );
    void load();
    const off = onEvent('fonts.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, []);
  return { builtIn: fontFamilies, library };
}
