import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FontRecord } from '../../model/font';
import { GOOD_DIR } from '../../../scripts/fixtures';
import type { Studio } from '../../studio';
import type { KitFonts, KitFontsFactory } from '../kit-fonts';

/** Imports files of the shared fixtures (scripts/fixtures.ts) and returns their asset ids by file name. */
export async function importFixtures(studio: Studio, names: string[]): Promise<Record<string, string>> {
  const { jobId } = await studio.api['imports.start']({ paths: names.map((n) => path.join(GOOD_DIR, n)), uploads: [] });
  const job = await studio.waitForJob(jobId);
  if (job.status !== 'done') throw new Error(`importing ${names.join(', ')}: ${job.status} ${job.error ?? ''}`);
  const { items } = await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 1000 });
  const out: Record<string, string> = {};
  for (const n of names) {
    const a = items.find((i) => i.name === n);
    if (!a) throw new Error(`${n} was not imported`);
    out[n] = a.id;
  }
  return out;
}

/**
 * A fonts store for engine tests, until the real one (branch kit/fonts) is wired: files kept content-addressed in
 * a folder of the library, records in memory. It implements the narrow interface the kit engine codes against, no
 * more: the real store's validation (sfnt parsing, families) is tested on its own branch.
 */
export function testFontStore(): KitFontsFactory & { records: Map<string, FontRecord> } {
  const records = new Map<string, FontRecord>();
  const factory: KitFontsFactory = (rooms) => {
    const dir = path.join(rooms.folder.root, 'test-fonts');
    const store: KitFonts = {
      fontRecord: (id) => records.get(id) ?? null,
      fontFilePath: (id) => (records.has(id) && fs.existsSync(path.join(dir, `${id}.ttf`)) ? path.join(dir, `${id}.ttf`) : null),
      async addFontFile(file, meta) {
        const bytes = await fs.promises.readFile(file);
        const id = createHash('sha256').update(bytes).digest('hex');
        await fs.promises.mkdir(dir, { recursive: true });
        await fs.promises.writeFile(path.join(dir, `${id}.ttf`), bytes);
        const rec: FontRecord = {
          id, family: meta.fileName.replace(/\.[^.]+$/, ''), subfamily: 'Regular', weight: 400, italic: false, sourceFormat: 'ttf', fileName: meta.fileName,
          sizeBytes: bytes.length, licenceNote: meta.licenceNote, embedding: 'installable', ascent: 0.9, descent: 0.2, addedAt: new Date().toISOString(),
        };
        records.set(id, records.get(id) ?? rec);
        return records.get(id)!;
      },
    };
    return store;
  };
  return Object.assign(factory, { records });
}
