import { create } from 'zustand';
import { type CubeLut, parseCube } from '../../../../electron/model/cube-lut';
import type { LookRecord } from '../../../../electron/model/imported-look';
import type { LutSource } from '../../../../electron/model/look';
import { shippedLut } from '../../../../electron/model/look-catalogue';
import { call, onEvent } from '../../api/client';

/**
 * The library's imported looks in the editor (docs/looks.md "Imported looks"): their records for the Look row,
 * and their tables, parsed from the very .cube file the export's lut3d reads (looks.cube). `version` moves when a
 * table arrives, so the preview and the thumbnails draw again with it. Kept current by `looks.changed`.
 */
type ImportedLooksState = { looks: LookRecord[]; tables: ReadonlyMap<string, CubeLut>; version: number };

export const useImportedLooks = create<ImportedLooksState>()(() => ({ looks: [], tables: new Map(), version: 0 }));

/** Shipped looks, then the imported tables loaded so far (null until a table has arrived: the picture shows without it). */
export const editorLutSource: LutSource = (id) => shippedLut(id) ?? useImportedLooks.getState().tables.get(id) ?? null;

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
