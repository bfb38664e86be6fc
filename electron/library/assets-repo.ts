import { randomUUID } from 'node:crypto';
import type { Asset, AssetKind, AssetSort, AssetSummary, MediaFacts } from '../model/asset';
import type { Db } from './db';
import { toFtsQuery } from './fts-query';

export type NewAsset = {
  sha256: string;
  kind: AssetKind;
  name: string;
  originalName: string;
  ext: string;
  sizeBytes: number;
  facts: MediaFacts;
  hasThumbnail: boolean;
  hasPoster: boolean;
  hasWaveform: boolean;
  tags?: string[];
  notes?: string;
  importedAt?: string;
};

export type AssetFilter = {
  query: string;
  kind: AssetKind | null;
  tag: string | null;
  trashed: boolean;
};

export type ListOptions = AssetFilter & { sort: AssetSort; order: 'asc' | 'desc'; offset: number; limit: number };

/** The files an asset owns on disk; the caller removes them after the row is gone. */
export type AssetFiles = { id: string; sha256: string; ext: string };

type Row = {
  rowid: number;
  id: string;
  sha256: string;
  kind: AssetKind;
  name: string;
  original_name: string;
  ext: string;
  size_bytes: number;
  duration_sec: number | null;
  width: number | null;
  height: number | null;
  rotation: number;
  fps: number | null;
  video_codec: string | null;
  audio_codec: string | null;
  has_audio: number;
  created_at: string | null;
  format: string | null;
  notes: string;
  has_thumbnail: number;
  has_poster: number;
  has_waveform: number;
  imported_at: string;
  trashed_at: string | null;
};

const SUMMARY_COLUMNS =
  'a.id, a.name, a.kind, a.ext, a.size_bytes, a.duration_sec, a.width, a.height, a.imported_at, a.trashed_at, a.has_thumbnail';

const SORT_SQL: Record<AssetSort, string> = {
  imported: 'a.imported_at',
  name: 'a.name COLLATE NOCASE',
  size: 'a.size_bytes',
  duration: 'a.duration_sec',
  created: 'coalesce(a.created_at, a.imported_at)',
};

function toSummary(r: Pick<Row, 'id' | 'name' | 'kind' | 'ext' | 'size_bytes' | 'duration_sec' | 'width' | 'height' | 'imported_at' | 'trashed_at' | 'has_thumbnail'>): AssetSummary {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    ext: r.ext,
    sizeBytes: r.size_bytes,
    durationSec: r.duration_sec,
    width: r.width,
    height: r.height,
    importedAt: r.imported_at,
    trashedAt: r.trashed_at,
    hasThumbnail: r.has_thumbnail === 1,
  };
}

/** Assets, tags and their full-text index, kept consistent inside one transaction per change. */
export class AssetsRepo {
  constructor(private readonly db: Db) {}

  insert(a: NewAsset): Asset {
    const id = randomUUID();
    const importedAt = a.importedAt ?? new Date().toISOString();
    const f = a.facts;
    this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, duration_sec, width, height, rotation, fps,
             video_codec, audio_codec, has_audio, created_at, format, notes, has_thumbnail, has_poster, has_waveform, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id, a.sha256, a.kind, a.name, a.originalName, a.ext, a.sizeBytes, f.durationSec, f.width, f.height, f.rotation, f.fps,
          f.videoCodec, f.audioCodec, f.hasAudio ? 1 : 0, f.createdAt, f.format, a.notes ?? '', a.hasThumbnail ? 1 : 0,
          a.hasPoster ? 1 : 0, a.hasWaveform ? 1 : 0, importedAt,
        );
      const rowid = Number(lastInsertRowid);
      const addTag = this.db.prepare('INSERT OR IGNORE INTO asset_tags (asset_rowid, tag) VALUES (?, ?)');
      for (const t of a.tags ?? []) addTag.run(rowid, t);
      this.reindex(rowid);
    })();
    return this.get(id)!;
  }

  findBySha(sha256: string): { id: string; trashedAt: string | null } | null {
    const r = this.db.prepare('SELECT id, trashed_at FROM assets WHERE sha256 = ?').get(sha256) as { id: string; trashed_at: string | null } | undefined;
    return r ? { id: r.id, trashedAt: r.trashed_at } : null;
  }

  get(id: string): Asset | null {
    const r = this.db.prepare('SELECT * FROM assets WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const tags = (this.db.prepare('SELECT tag FROM asset_tags WHERE asset_rowid = ? ORDER BY tag').all(r.rowid) as { tag: string }[]).map((t) => t.tag);
    return {
      ...toSummary(r),
      sha256: r.sha256,
      originalName: r.original_name,
      notes: r.notes,
      tags,
      hasWaveform: r.has_waveform === 1,
      facts: {
        durationSec: r.duration_sec,
        width: r.width,
        height: r.height,
        rotation: r.rotation,
        fps: r.fps,
        videoCodec: r.video_codec,
        audioCodec: r.audio_codec,
        hasAudio: r.has_audio === 1,
        createdAt: r.created_at,
        format: r.format,
      },
    };
  }

  files(id: string): (AssetFiles & { hasThumbnail: boolean; hasPoster: boolean; hasWaveform: boolean; kind: AssetKind }) | null {
    const r = this.db.prepare('SELECT id, sha256, ext, kind, has_thumbnail, has_poster, has_waveform FROM assets WHERE id = ?').get(id) as Row | undefined;
    return r ? { id: r.id, sha256: r.sha256, ext: r.ext, kind: r.kind, hasThumbnail: r.has_thumbnail === 1, hasPoster: r.has_poster === 1, hasWaveform: r.has_waveform === 1 } : null;
  }

  private where(f: AssetFilter): { sql: string; params: unknown[] } {
    const clauses = [f.trashed ? 'a.trashed_at IS NOT NULL' : 'a.trashed_at IS NULL'];
    const params: unknown[] = [];
    const match = toFtsQuery(f.query);
    if (match) {
      clauses.push('a.rowid IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ?)');
      params.push(match);
    }
    if (f.kind) {
      clauses.push('a.kind = ?');
      params.push(f.kind);
    }
    if (f.tag) {
      clauses.push('a.rowid IN (SELECT asset_rowid FROM asset_tags WHERE tag = ?)');
      params.push(f.tag);
    }
    return { sql: clauses.join(' AND '), params };
  }

  list(o: ListOptions): { items: AssetSummary[]; total: number } {
    const fast = this.listBroadSearch(o);
    if (fast) return fast;
    const { sql, params } = this.where(o);
    const dir = o.order === 'asc' ? 'ASC' : 'DESC';
    const rows = this.db
      // Assets without a value (images have no duration) go last in either direction.
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM assets a WHERE ${sql} ORDER BY ${SORT_SQL[o.sort]} ${dir} NULLS LAST, a.rowid ${dir} LIMIT ? OFFSET ?`)
      .all(...params, o.limit, o.offset) as Row[];
    const total = rows.length < o.limit && (o.offset === 0 || rows.length > 0)
      ? o.offset + rows.length
      : (this.db.prepare(`SELECT count(*) AS n FROM assets a WHERE ${sql}`).get(...params) as { n: number }).n;
    return { items: rows.map(toSummary), total };
  }

  /**
   * The library's default view (by import date, not trashed) searched for a common word: tens of thousands of
   * hits, where the general query looks up and sorts every hit (~100 ms at 100,000 assets). Instead:
   * - total: the full-text hits minus those in the trash. FTS rowids are always live asset rowids (insert,
   *   reindex and purge keep them so), and the trash is small, so this stays exact without touching rows.
   * - page: only hits among the first `window` assets in this order, a prefix of the sort order read from
   *   the imported_at index; full-text hits are narrowed to that window's rowid range. When the window yields a
   *   full page, that page is exactly the global one; otherwise we return null and the general query runs.
   * Returns null when the case does not apply.
   */
  private listBroadSearch(o: ListOptions): { items: AssetSummary[]; total: number } | null {
    const match = toFtsQuery(o.query);
    if (!match || o.sort !== 'imported' || o.trashed || o.kind || o.tag) return null;
    const want = o.offset + o.limit;
    const total = this.db
      .prepare('SELECT count(*) FROM assets_fts WHERE assets_fts MATCH ? AND rowid NOT IN (SELECT rowid FROM assets WHERE trashed_at IS NOT NULL)')
      .pluck()
      .get(match) as number;
    if (total < Math.max(2000, want * 4)) return null; // few hits: looking each one up is cheap
    const live = this.db.prepare('SELECT max(rowid) FROM assets').pluck().get() as number;
    const dir = o.order === 'asc' ? 'ASC' : 'DESC';
    // Enough of the first assets in this order to hold ~2 pages of hits at this query's density.
    const window = Math.ceil((want * 2 * live) / total) + 64;
    const [lo, hi] = this.db
      .prepare(`SELECT min(rowid), max(rowid) FROM (SELECT rowid FROM assets INDEXED BY assets_by_imported ORDER BY imported_at ${dir}, rowid ${dir} LIMIT ?)`)
      .raw()
      .get(window) as [number, number];
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM assets a WHERE a.trashed_at IS NULL
           AND a.rowid IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ? AND rowid BETWEEN ? AND ?)
           AND a.rowid IN (SELECT rowid FROM assets INDEXED BY assets_by_imported ORDER BY imported_at ${dir}, rowid ${dir} LIMIT ?)
         ORDER BY a.imported_at ${dir} NULLS LAST, a.rowid ${dir} LIMIT ? OFFSET ?`,
      )
      .all(match, lo, hi, window, o.limit, o.offset) as Row[];
    if (rows.length < o.limit) return null;
    return { items: rows.map(toSummary), total };
  }

  ids(f: AssetFilter): string[] {
    const { sql, params } = this.where(f);
    return (this.db.prepare(`SELECT a.id FROM assets a WHERE ${sql} ORDER BY a.imported_at DESC`).pluck().all(...params)) as string[];
  }

  update(id: string, patch: { name?: string; notes?: string }): boolean {
    const rowid = this.rowidOf(id);
    if (rowid === null) return false;
    this.db.transaction(() => {
      if (patch.name !== undefined) this.db.prepare('UPDATE assets SET name = ? WHERE rowid = ?').run(patch.name, rowid);
      if (patch.notes !== undefined) this.db.prepare('UPDATE assets SET notes = ? WHERE rowid = ?').run(patch.notes, rowid);
      this.reindex(rowid);
    })();
    return true;
  }

  /** Adds and removes tags on many assets at once; returns how many assets exist among `ids`. */
  tag(ids: string[], add: string[], remove: string[]): number {
    let updated = 0;
    this.db.transaction(() => {
      const addTag = this.db.prepare('INSERT OR IGNORE INTO asset_tags (asset_rowid, tag) VALUES (?, ?)');
      const removeTag = this.db.prepare('DELETE FROM asset_tags WHERE asset_rowid = ? AND tag = ?');
      for (const id of ids) {
        const rowid = this.rowidOf(id);
        if (rowid === null) continue;
        for (const t of remove) removeTag.run(rowid, t);
        for (const t of add) addTag.run(rowid, t);
        this.reindex(rowid);
        updated++;
      }
    })();
    return updated;
  }

  setTrashed(ids: string[], trashed: boolean): string[] {
    const changed: string[] = [];
    const now = new Date().toISOString();
    const stmt = trashed
      ? this.db.prepare('UPDATE assets SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL')
      : this.db.prepare('UPDATE assets SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL');
    this.db.transaction(() => {
      for (const id of ids) {
        const r = trashed ? stmt.run(now, id) : stmt.run(id);
        if (r.changes > 0) changed.push(id);
      }
    })();
    return changed;
  }

  /** Deletes trashed assets' rows for good; returns their files so the caller can remove them. */
  purge(ids: string[]): AssetFiles[] {
    const gone: AssetFiles[] = [];
    this.db.transaction(() => {
      const find = this.db.prepare('SELECT rowid, id, sha256, ext FROM assets WHERE id = ? AND trashed_at IS NOT NULL');
      const delFts = this.db.prepare('DELETE FROM assets_fts WHERE rowid = ?');
      const del = this.db.prepare('DELETE FROM assets WHERE rowid = ?');
      for (const id of ids) {
        const r = find.get(id) as Pick<Row, 'rowid' | 'id' | 'sha256' | 'ext'> | undefined;
        if (!r) continue;
        delFts.run(r.rowid);
        del.run(r.rowid);
        gone.push({ id: r.id, sha256: r.sha256, ext: r.ext });
      }
    })();
    return gone;
  }

  tags(): { tag: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT t.tag AS tag, count(*) AS count FROM asset_tags t JOIN assets a ON a.rowid = t.asset_rowid
         WHERE a.trashed_at IS NULL GROUP BY t.tag ORDER BY count DESC, t.tag`,
      )
      .all() as { tag: string; count: number }[];
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) FROM assets WHERE trashed_at IS NULL').pluck().get()) as number;
  }

  private rowidOf(id: string): number | null {
    const r = this.db.prepare('SELECT rowid FROM assets WHERE id = ?').pluck().get(id) as number | undefined;
    return r ?? null;
  }

  /** Rewrites one asset's full-text entry from its current name, tags and notes. */
  private reindex(rowid: number): void {
    const r = this.db
      .prepare(
        `SELECT a.name, a.notes, coalesce((SELECT group_concat(tag, ' ') FROM asset_tags WHERE asset_rowid = a.rowid), '') AS tags
         FROM assets a WHERE a.rowid = ?`,
      )
      .get(rowid) as { name: string; notes: string; tags: string } | undefined;
    this.db.prepare('DELETE FROM assets_fts WHERE rowid = ?').run(rowid);
    if (r) this.db.prepare('INSERT INTO assets_fts (rowid, name, tags, notes) VALUES (?, ?, ?, ?)').run(rowid, r.name, r.tags, r.notes);
  }
}
