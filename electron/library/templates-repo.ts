import type { Draft } from '../model/draft';
import type { DraftSummary } from '../model/draft-record';
import type { Db } from './db';
import type { DraftsRepo } from './drafts-repo';

/** What a template row adds to its draft: who saved it (null: a shipped starter) and which starter it is. */
export type TemplateMeta = { id: string; author: string | null; starter: string | null };

/**
 * Templates are drafts marked as such (migration 0013; docs/templates.md): this repository marks, lists, finds
 * and deletes them, and remembers which shipped starters the library imported. Their documents are read and
 * written through DraftsRepo like any draft's.
 */
export class TemplatesRepo {
  constructor(
    private readonly db: Db,
    private readonly drafts: DraftsRepo,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new template holding `doc`, saved by `author` (null for a starter), in one transaction. */
  create(doc: Draft, author: string | null, starter: { key: string; version: number } | null = null): DraftSummary {
    return this.db.transaction(() => {
      const rec = this.drafts.createFrom(doc);
      this.db.prepare('UPDATE drafts SET is_template = 1, template_author = ? WHERE id = ?').run(author, rec.id);
      if (starter) this.db.prepare('INSERT INTO starter_templates (key, version, draft_id, imported_at) VALUES (?, ?, ?, ?)').run(starter.key, starter.version, rec.id, this.now().toISOString());
      return this.drafts.summary(rec.id)!;
    })();
  }

  /** Templates by name (case-insensitive), with their meta. */
  list(): (DraftSummary & { author: string | null; starter: string | null })[] {
    const rows = this.db
      .prepare(
        `SELECT d.id, d.template_author AS author, s.key AS starter FROM drafts d LEFT JOIN starter_templates s ON s.draft_id = d.id
         WHERE d.is_template = 1 ORDER BY d.name COLLATE NOCASE, d.rowid`,
      )
      .all() as TemplateMeta[];
    return rows.map((r) => ({ ...this.drafts.summary(r.id)!, author: r.author, starter: r.starter }));
  }

  /** The template's meta, or null when `id` is no template (a draft, or nothing). */
  meta(id: string): TemplateMeta | null {
    const r = this.db
      .prepare('SELECT d.id, d.template_author AS author, s.key AS starter FROM drafts d LEFT JOIN starter_templates s ON s.draft_id = d.id WHERE d.id = ? AND d.is_template = 1')
      .get(id) as TemplateMeta | undefined;
    return r ?? null;
  }

  /** Deletes a template for good (its revisions and asset uses go with it); a deleted starter stays imported, so it does not come back. */
  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM drafts WHERE id = ? AND is_template = 1').run(id).changes > 0;
  }

  importedStarters(): Set<string> {
    return new Set(this.db.prepare('SELECT key FROM starter_templates').pluck().all() as string[]);
  }
}
