import { create } from 'zustand';
import type { CubeLut } from '../../../../electron/model/cube-lut';
import type { LookRecord } from '../../../../electron/model/imported-look';
import type { LutSource } from '../../../../electron/model/look';
import { shippedLut } from '../../../../electron/model/look-catalogue';

/**
 * The library's imported looks in the editor (docs/looks.md "Imported looks"): their records for the Look row,
 * and their tables, parsed from the very .cube file the export's lut3d reads (looks.cube). `version` moves when a
 * table arrives, so the preview and the thumbnails draw again with it. Kept current by `looks.changed`
 * (importedLooksLoader.ts: apart, so the preview's drawing code does not load the API client with it).
 */
type ImportedLooksState = { looks: LookRecord[]; tables: ReadonlyMap<string, CubeLut>; version: number };

export const useImportedLooks = create<ImportedLooksState>()(() => ({ looks: [], tables: new Map(), version: 0 }));

/** Shipped looks, then the imported tables loaded so far (null until a table has arrived: the picture shows without it). */
export const editorLutSource: LutSource = (id) => shippedLut(id) ?? useImportedLooks.getState().tables.get(id) ?? null;
