import { randomUUID } from 'node:crypto';
import type { Collection } from '../model/organise';
import { SmartRules } from '../model/smart-rules';
import type { Db } from './db';

/** `readable` is false for rules a newer Postframe wrote (a rule type this one does not know): shown, never evaluated. */
export type StoredSmartCollection = { id: string; name: string; rules: SmartRules; readable: boolean; createdAt: string };

/**
 * Manual collections (assets a person put there) and smart collections (saved rules). Membership points at asset
 * rowids, so a purge removes an asset from every collection by cascade; counts are of live assets only.
 */
export class CollectionsRepo {
  constructor(private readonly db: Db) {}

  list(): Collection[] {
    return this.db
      .prepare(
        `SELECT c.id, c.name, c.created_at AS createdAt,
           (SELECT count(*) FROM collection_assets ca JOIN assets a ON a.rowid = ca.asset_rowid
            WHERE ca.collection_rowid = c.rowid AND a.trashed_at IS NULL) AS count
         FROM collections c ORDER BY c.name COLLATE NOCASE, c.rowid`,
      )
      .all() as Collection[];
  }

  get(id: string): Collection | null {
    return this.list().find((c) => c.id === id) ?? null;
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM collections WHERE id = ?').get(id) !== undefined;
  }

  create(name: string, now: Date): string {
    const id = randomUUID();
    this.db.prepare('INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now.toISOString());
    return id;
  }

  rename(id: string, name: string): boolean {
    return this.db.prepare('UPDATE collections SET name = ? WHERE id = ?').run(name, id).changes > 0;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM collections WHERE id = ?').run(id).changes > 0;
  }

  /** Adds assets (ids that no longer exist are skipped); returns how many were not in it before. */
  add(id: string, assetIds: string[], now: Date): number {
    return this.db
      .prepare(
        `INSERT OR IGNORE INTO collection_assets (collection_rowid, asset_rowid, added_at)
         SELECT c.rowid, a.rowid, ? FROM collections c, assets a
         WHERE c.id = ? AND a.id IN (SELECT value FROM json_each(?))`,
      )
      .run(now.toISOString(), id, JSON.stringify(assetIds)).changes;
  }

  /** Takes assets out of a collection (never out of the library); returns how many were in it. */
  remove(id: string, assetIds: string[]): number {
    return this.db
      .prepare(
        `DELETE FROM collection_assets WHERE collection_rowid = (SELECT rowid FROM collections WHERE id = ?)
           AND asset_rowid IN (SELECT rowid FROM assets WHERE id IN (SELECT value FROM json_each(?)))`,
      )
      .run(id, JSON.stringify(assetIds)).changes;
  }

  /** The collections an asset is in, by name. */
  ofAsset(assetId: string): { id: string; name: string }[] {
    return this.db
      .prepare(
        `SELECT c.id, c.name FROM assets a JOIN collection_assets ca ON ca.asset_rowid = a.rowid JOIN collections c ON c.rowid = ca.collection_rowid
         WHERE a.id = ? ORDER BY c.name COLLATE NOCASE`,
      )
      .all(assetId) as { id: string; name: string }[];
  }

  // ── smart collections ──

  listSmart(): StoredSmartCollection[] {
    const rows = this.db.prepare('SELECT id, name, rules, created_at FROM smart_collections ORDER BY name COLLATE NOCASE, rowid').all() as { id: string; name: string; rules: string; created_at: string }[];
    return rows.map((r) => {
      const rules = SmartRules.safeParse(JSON.parse(r.rules));
      return { id: r.id, name: r.name, createdAt: r.created_at, readable: rules.success, rules: rules.success ? rules.data : { match: 'all', rules: [] } };
    });
  }

  getSmart(id: string): StoredSmartCollection | null {
    return this.listSmart().find((c) => c.id === id) ?? null;
  }

  createSmart(name: string, rules: SmartRules, now: Date): string {
    const id = randomUUID();
    const at = now.toISOString();
    this.db.prepare('INSERT INTO smart_collections (id, name, rules, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, name, JSON.stringify(rules), at, at);
    return id;
  }

  updateSmart(id: string, patch: { name?: string; rules?: SmartRules }, now: Date): boolean {
    const cur = this.getSmart(id);
    if (!cur) return false;
    this.db
      .prepare('UPDATE smart_collections SET name = ?, rules = ?, updated_at = ? WHERE id = ?')
      .run(patch.name ?? cur.name, JSON.stringify(patch.rules ?? cur.rules), now.toISOString(), id);
    return true;
  }

  deleteSmart(id: string): boolean {
    return this.db.prepare('DELETE FROM smart_collections WHERE id = ?').run(id).changes > 0;
  }
}

