import type { LookRecord } from '../model/imported-look';
import type { Db } from './db';

type Row = { id: string; name: string; size: number; file_name: string; size_bytes: number; added_at: string };

const toLook = (r: Row): LookRecord => ({ id: r.id, name: r.name, size: r.size, fileName: r.file_name, sizeBytes: r.size_bytes, addedAt: r.added_at });

/** A live draft that uses a look. */
export type LookUse = { id: string; name: string };

/** The library's imported looks (migration 0017). The .cube files live in the library folder; this is their index. */
export class LooksRepo {
  constructor(private readonly db: Db) {}

  /** Every imported look, oldest first (the order they were added: new ones join the end of the row). */
  list(): LookRecord[] {
    return (this.db.prepare('SELECT * FROM looks ORDER BY added_at, rowid').all() as Row[]).map(toLook);
  }

  get(id: string): LookRecord | null {
    const r = this.db.prepare('SELECT * FROM looks WHERE id = ?').get(id) as Row | undefined;
    return r ? toLook(r) : null;
  }

  insert(l: LookRecord): void {
    this.db.prepare('INSERT INTO looks (id, name, size, file_name, size_bytes, added_at) VALUES (@id, @name, @size, @fileName, @sizeBytes, @addedAt)').run(l);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM looks WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Live drafts with a clip whose look names this LUT. Trashed drafts do not hold a look (as with fonts):
   * restoring one whose look is gone gets the export's clear refusal.
   */
  draftsUsing(id: string): LookUse[] {
    return this.db
      .prepare(
        `SELECT DISTINCT d.id AS id, d.name AS name FROM drafts d, json_tree(d.doc) j
         WHERE d.trashed_at IS NULL AND j.key = 'lut' AND j.type = 'object' AND json_extract(j.value, '$.id') = ?
         ORDER BY d.name`,
      )
      .all(id) as LookUse[];
  }
}
