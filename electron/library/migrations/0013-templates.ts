import type { Migration } from './types';

/**
 * Templates (issue 11; docs/templates.md). A template is a draft row marked as one: it has the same document,
 * revisions, asset uses and purge protection as a draft, and "New from template" copies its document into a new
 * draft. `template_author` is the user who saved it (null: a starter template shipped with Postframe), who may
 * change or delete it besides admins. Drafts lists leave templates out.
 *
 * `starter_templates` remembers which shipped starters (resources/templates) this library has imported, so they
 * are imported once, and a starter an admin deleted does not come back.
 */
export const m0013: Migration = {
  version: 13,
  name: 'templates',
  up(db) {
    db.exec(`
      ALTER TABLE drafts ADD COLUMN is_template INTEGER NOT NULL DEFAULT 0 CHECK (is_template IN (0, 1));
      ALTER TABLE drafts ADD COLUMN template_author TEXT;
      -- The template list (by name) reads one partial index.
      CREATE INDEX drafts_templates_by_name ON drafts (name COLLATE NOCASE) WHERE is_template = 1;

      CREATE TABLE starter_templates (
        key TEXT PRIMARY KEY,
        -- The starter's own version: a later Postframe may ship an improved one as a new key.
        version INTEGER NOT NULL,
        draft_id TEXT,
        imported_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
