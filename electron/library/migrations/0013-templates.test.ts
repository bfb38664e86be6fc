import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';
import { m0013 } from './0013-templates';

const V = m0013.version;
const plan = (db: Db, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0013 (templates)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db, migrations, V - 1);
  });
  afterEach(() => db.close());

  it('keeps every draft as a draft (not a template) and lists templates by name from an index', () => {
    db.prepare("INSERT INTO drafts (id, name, kind, preset, revision, doc, created_at, updated_at) VALUES ('d1', 'Teaser', 'video', '9:16', 1, '{}', 't', 't')").run();
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    expect(db.prepare('SELECT id, is_template, template_author FROM drafts').all()).toEqual([{ id: 'd1', is_template: 0, template_author: null }]);
    expect(() => db.prepare('UPDATE drafts SET is_template = 2').run()).toThrow(/CHECK/);
    expect(plan(db, 'SELECT id FROM drafts WHERE is_template = 1 ORDER BY name COLLATE NOCASE')).toMatch(/USING INDEX drafts_templates_by_name/);
  });

  it('records each starter once', () => {
    migrate(db, migrations, V);
    const add = db.prepare("INSERT INTO starter_templates (key, version, draft_id, imported_at) VALUES (?, 1, 'd', 't')");
    add.run('quote-card');
    expect(() => add.run('quote-card')).toThrow(/UNIQUE|PRIMARY/);
  });
});
