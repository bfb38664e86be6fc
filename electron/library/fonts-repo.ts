import type { FontRecord } from '../model/font';
import type { Db } from './db';

type Row = {
  id: string;
  family: string;
  subfamily: string;
  weight: number;
  italic: number;
  source_format: FontRecord['sourceFormat'];
  ext: 'ttf' | 'otf';
  file_name: string;
  size_bytes: number;
  licence_note: string;
  embedding: FontRecord['embedding'];
  ascent: number;
  descent: number;
  added_at: string;
};

/** A font as stored: its record plus the extension of its file (`fonts/ab/<id>.<ext>`). */
export type StoredFont = FontRecord & { ext: 'ttf' | 'otf' };

/** Something that uses a font: a live draft (its text names the family) or a brand kit (lists the file, or a text style names the family). */
export type FontUse = { kind: 'draft' | 'kit'; id: string; name: string };

function toFont(r: Row): StoredFont {
  return {
    id: r.id,
    family: r.family,
    subfamily: r.subfamily,
    weight: r.weight,
    italic: r.italic === 1,
    sourceFormat: r.source_format,
    fileName: r.file_name,
    sizeBytes: r.size_bytes,
    licenceNote: r.licence_note,
    embedding: r.embedding,
    ascent: r.ascent,
    descent: r.descent,
    addedAt: r.added_at,
    ext: r.ext,
  };
}

/** The library's font files (migration 0011). Files live in the library folder; this is their index. */
export class FontsRepo {
  constructor(private readonly db: Db) {}

  /** Every font, by family then weight, upright before italic. */
  list(): StoredFont[] {
    return (this.db.prepare('SELECT * FROM fonts ORDER BY family COLLATE NOCASE, weight, italic, subfamily').all() as Row[]).map(toFont);
  }

  get(id: string): StoredFont | null {
    const r = this.db.prepare('SELECT * FROM fonts WHERE id = ?').get(id) as Row | undefined;
    return r ? toFont(r) : null;
  }

  /** The face with this family and subfamily (case-insensitive, as fontconfig matches names), if any. */
  byFace(family: string, subfamily: string): StoredFont | null {
    const r = this.db.prepare('SELECT * FROM fonts WHERE family = ? COLLATE NOCASE AND subfamily = ? COLLATE NOCASE').get(family, subfamily) as Row | undefined;
    return r ? toFont(r) : null;
  }

  /** Every file of a family (case-insensitive): what a text style naming it may draw with. */
  family(family: string): StoredFont[] {
    return (this.db.prepare('SELECT * FROM fonts WHERE family = ? COLLATE NOCASE ORDER BY weight, italic, id').all(family) as Row[]).map(toFont);
  }

  insert(f: StoredFont): void {
    this.db
      .prepare(
        `INSERT INTO fonts (id, family, subfamily, weight, italic, source_format, ext, file_name, size_bytes, licence_note, embedding, ascent, descent, added_at)
         VALUES (@id, @family, @subfamily, @weight, @italic, @sourceFormat, @ext, @fileName, @sizeBytes, @licenceNote, @embedding, @ascent, @descent, @addedAt)`,
      )
      .run({ ...f, italic: f.italic ? 1 : 0 });
  }

  /** Returns false when there is no such font. */
  setLicenceNote(id: string, note: string): boolean {
    return this.db.prepare('UPDATE fonts SET licence_note = ? WHERE id = ?').run(note, id).changes > 0;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM fonts WHERE id = ?').run(id).changes > 0;
  }

  /**
   * What would break if this font file went: the brand kits that list it or whose text styles name its family,
   * then the live drafts whose text names its family (any file of the family: text in "Brand Sans" may draw
   * with its bold too).
   */
  fontUsage(id: string): FontUse[] {
    const f = this.get(id);
    return f ? [...this.kitsUsingFamily(f.family, [id]), ...this.draftsUsingFamily(f.family)] : [];
  }

  /**
   * The brand kits using a font family: a text style names it (case-insensitively, as fontconfig matches), or
   * the kit lists one of `fontIds` (the family's files; migration 0012's uses table), by name. The same rule as
   * model/font-use.ts `kitUsesFont`, which the Brand room applies to the kits it has loaded.
   */
  kitsUsingFamily(family: string, fontIds: readonly string[]): FontUse[] {
    return (
      this.db
        .prepare(
          `SELECT k.id AS id, k.name AS name FROM brand_kits k
           WHERE EXISTS (SELECT 1 FROM brand_kit_uses u WHERE u.kit_rowid = k.rowid AND u.role = 'font' AND u.ref_id IN (SELECT value FROM json_each(?)))
              OR EXISTS (SELECT 1 FROM json_each(k.doc, '$.textStyles') s WHERE json_extract(s.value, '$.style.font') = ? COLLATE NOCASE)
           ORDER BY k.name COLLATE NOCASE`,
        )
        .all(JSON.stringify(fontIds), family) as { id: string; name: string }[]
    ).map((r) => ({ kind: 'kit', ...r }));
  }

  /**
   * What uses the font's family: live drafts whose text (any text style in the document) names it. Trashed
   * drafts do not hold a font (as with assets); restoring one whose font is gone gets the export's clear
   * refusal.
   */
  draftsUsingFamily(family: string): FontUse[] {
    return (
      this.db
        .prepare(
          `SELECT DISTINCT d.id AS id, d.name AS name FROM drafts d, json_tree(d.doc) j
           WHERE d.trashed_at IS NULL AND j.key = 'font' AND j.type = 'text' AND j.atom = ? COLLATE NOCASE
           ORDER BY d.name`,
        )
        .all(family) as { id: string; name: string }[]
    ).map((r) => ({ kind: 'draft', ...r }));
  }
}
