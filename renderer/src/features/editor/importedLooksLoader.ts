import { type CubeLut, parseCube } from '../../../../electron/model/cube-lut';
import { call, onEvent } from '../../api/client';
import { useImportedLooks } from './importedLooks';

async function load(): Promise<void> {
  const looks = await call('looks.list', {});
  const have = useImportedLooks.getState().tables;
  const tables = new Map<string, CubeLut>();
  for (const l of looks) {
    const known = have.get(l.id);
    // A table never changes (the id is the hash of its file): each is fetched once per page.
    tables.set(l.id, known ?? parseCube((await call('looks.cube', { id: l.id })).cube));
  }
  useImportedLooks.setState((s) => ({ looks, tables, version: s.version + 1 }));
}

let started = false;
/** Loads the imported looks once per page and again on every `looks.changed`. */
export function startImportedLooks(): void {
  if (started) return;
  started = true;
  const reload = () =>
    load().catch(() => {
      // The connection banner says why; the next event (or the next editor opened) loads again.
      started = false;
    });
  void reload();
  onEvent('looks.changed', () => void reload());
}
