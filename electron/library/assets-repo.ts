import { randomUUID } from 'node:crypto';
import type { Asset, AssetKind, AssetLicence, AssetSort, AssetSummary, MediaFacts } from '../model/asset';
import { groupPrevious, type ColourLabel, type LabelChoice, type PreviousValues } from '../model/organise';
import type { SmartRules } from '../model/smart-rules';
import type { Db } from './db';
import { toFtsQuery } from './fts-query';
import { compileRules } from './smart-rules-sql';
import { colourMatchSql } from './colour-sql';
import { type ColourFilter, filterLab } from '../model/colour-search';

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
  /** At least this many stars (0 or absent: any). */
  minRating?: number | null;
  /** One colour label, or 'none' for unlabelled assets. */
  label?: LabelChoice | null;
  /** Only the assets of this manual collection. */
  collectionId?: string | null;
  /** Only the assets a smart collection's rules match, evaluated at `now`. */
  rules?: SmartRules | null;
  now?: Date;
  /** Pictures with a dominant colour near this one (colour search); results come closest first. */
  color?: ColourFilter | null;
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
  has_proxy: number;
  dynamic_range: MediaFacts['dynamicRange'] | null;
  media_rev: number;
  imported_at: string;
  trashed_at: string | null;
  licence_expires: string | null;
  licence_note: string;
  rating: number;
  label: ColourLabel | null;
};

const SUMMARY_COLUMNS =
  'a.id, a.name, a.kind, a.ext, a.size_bytes, a.duration_sec, a.width, a.height, a.imported_at, a.trashed_at, a.has_thumbnail, a.has_proxy, a.rating, a.label, a.media_rev';

const SORT_SQL: Record<AssetSort, string> = {
  imported: 'a.rowid',
  name: 'a.name COLLATE NOCASE',
  size: 'a.size_bytes',
  duration: 'a.duration_sec',
  created: 'coalesce(a.created_at, a.imported_at)',
};

function toSummary(r: Pick<Row, 'id' | 'name' | 'kind' | 'ext' | 'size_bytes' | 'duration_sec' | 'width' | 'height' | 'imported_at' | 'trashed_at' | 'has_thumbnail' | 'has_proxy' | 'rating' | 'label' | 'media_rev'>): AssetSummary {
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
    hasProxy: r.has_proxy === 1,
    rating: r.rating,
    label: r.label,
    ...(r.media_rev > 0 ? { mediaRev: r.media_rev } : {}),
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
             video_codec, audio_codec, has_audio, created_at, format, notes, has_thumbnail, has_poster, has_waveform, imported_at, dynamic_range)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id, a.sha256, a.kind, a.name, a.originalName, a.ext, a.sizeBytes, f.durationSec, f.width, f.height, f.rotation, f.fps,
          f.videoCodec, f.audioCodec, f.hasAudio ? 1 : 0, f.createdAt, f.format, a.notes ?? '', a.hasThumbnail ? 1 : 0,
          a.hasPoster ? 1 : 0, a.hasWaveform ? 1 : 0, importedAt, f.dynamicRange ?? null,
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
      licenceExpires: r.licence_expires,
      licenceNote: r.licence_note,
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
        ...(r.dynamic_range ? { dynamicRange: r.dynamic_range } : {}),
      },
    };
  }

  files(id: string): (AssetFiles & { hasThumbnail: boolean; hasPoster: boolean; hasWaveform: boolean; hasProxy: boolean; kind: AssetKind }) | null {
    const r = this.db.prepare('SELECT id, sha256, ext, kind, has_thumbnail, has_poster, has_waveform, has_proxy FROM assets WHERE id = ?').get(id) as Row | undefined;
    return r
      ? { id: r.id, sha256: r.sha256, ext: r.ext, kind: r.kind, hasThumbnail: r.has_thumbnail === 1, hasPoster: r.has_poster === 1, hasWaveform: r.has_waveform === 1, hasProxy: r.has_proxy === 1 }
      : null;
  }

  /** Records a video's dynamic range, read from its file (model/asset.ts MediaFacts); false when the asset is gone. */
  setDynamicRange(id: string, range: NonNullable<MediaFacts['dynamicRange']>): boolean {
    return this.db.prepare('UPDATE assets SET dynamic_range = ? WHERE id = ?').run(range, id).changes > 0;
  }

  /** Counts a proxy or poster made again over an older one (AssetSummary.mediaRev); false when the asset is gone. */
  bumpMediaRev(id: string): boolean {
    return this.db.prepare('UPDATE assets SET media_rev = media_rev + 1 WHERE id = ?').run(id).changes > 0;
  }

  /** Records that an asset's proxy file is complete (or gone); false when the asset no longer exists. */
  setHasProxy(id: string, has: boolean): boolean {
    return this.db.prepare('UPDATE assets SET has_proxy = ? WHERE id = ?').run(has ? 1 : 0, id).changes > 0;
  }

  /** Filters other than the text query, as SQL over `assets a`; `narrowed` when anything beyond live/trash applies. */
  private filters(f: AssetFilter): { sql: string; params: unknown[]; narrowed: boolean } {
    const clauses = [f.trashed ? 'a.trashed_at IS NOT NULL' : 'a.trashed_at IS NULL'];
    const params: unknown[] = [];
    if (f.kind) {
      clauses.push('a.kind = ?');
      params.push(f.kind);
    }
    if (f.tag) {
      clauses.push('a.rowid IN (SELECT asset_rowid FROM asset_tags WHERE tag = ?)');
      params.push(f.tag);
    }
    if (f.minRating) {
      clauses.push('a.rating >= ?');
      params.push(f.minRating);
    }
    if (f.label) {
      clauses.push(f.label === 'none' ? 'a.label IS NULL' : 'a.label = ?');
      if (f.label !== 'none') params.push(f.label);
    }
    if (f.collectionId) {
      clauses.push('a.rowid IN (SELECT ca.asset_rowid FROM collection_assets ca JOIN collections c ON c.rowid = ca.collection_rowid WHERE c.id = ?)');
      params.push(f.collectionId);
    }
    if (f.rules && f.rules.rules.length > 0) {
      const c = compileRules(f.rules, f.now ?? new Date());
      clauses.push(`(${c.sql})`);
      params.push(...c.params);
    }
    return { sql: clauses.join(' AND '), params, narrowed: clauses.length > 1 };
  }

  list(o: ListOptions): { items: AssetSummary[]; total: number } {
    if (o.color) return this.listByColour(o, o.color);
    const match = toFtsQuery(o.query);
    const fts = ftsTable(o.trashed);
    const { sql, params } = this.filters(o);
    const dir = o.order === 'asc' ? 'ASC' : 'DESC';
    let rows: Row[];
    if (match && o.sort === 'imported') {
      // The full-text index hands out rowids in order, and rowid order is import order: walk its hits and
      // stop at the page, instead of looking up and sorting every hit of a common word.
      rows = this.db
        .prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM ${fts} f JOIN assets a ON a.rowid = f.rowid
           WHERE ${fts} MATCH ? AND ${sql} ORDER BY f.rowid ${dir} LIMIT ? OFFSET ?`,
        )
        .all(match, ...params, o.limit, o.offset) as Row[];
    } else {
      const where = match ? `${sql} AND a.rowid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)` : sql;
      // Assets without a value (images have no duration) go last in either direction.
      rows = this.db
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM ${from(o.trashed)} WHERE ${where} ORDER BY ${SORT_SQL[o.sort]} ${dir} NULLS LAST, a.rowid ${dir} LIMIT ? OFFSET ?`)
        .all(...params, ...(match ? [match] : []), o.limit, o.offset) as Row[];
    }
    const pageIsLast = rows.length < o.limit && (o.offset === 0 || rows.length > 0);
    const total = pageIsLast ? o.offset + rows.length : this.count(o, match);
    return { items: rows.map(toSummary), total };
  }

  /** How many assets a filter matches (a smart collection's count in the sidebar). */
  total(f: AssetFilter): number {
    return this.count(f, toFtsQuery(f.query));
  }

  /** How many assets a filter matches. Without other filters, a search is counted in its index alone. */
  private count(f: AssetFilter, match: string | null): number {
    const fts = ftsTable(f.trashed);
    const { sql, params, narrowed } = this.filters(f);
    if (match && !narrowed) {
      return this.db.prepare(`SELECT count(*) FROM ${fts} WHERE ${fts} MATCH ?`).pluck().get(match) as number;
    }
    const where = match ? `${sql} AND a.rowid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)` : sql;
    return this.db.prepare(`SELECT count(*) FROM ${from(f.trashed)} WHERE ${where}`).pluck().get(...params, ...(match ? [match] : [])) as number;
  }

  /** Colour search: the other filters as usual, closest colour first (library/colour-sql.ts). */
  private listByColour(o: ListOptions, color: ColourFilter): { items: AssetSummary[]; total: number } {
    const { from: source, where, params } = this.colourQuery(o, color);
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM ${source} WHERE ${where} ORDER BY m.distance ASC, a.rowid DESC LIMIT ? OFFSET ?`)
      .all(...params, o.limit, o.offset) as Row[];
    const total = this.db.prepare(`SELECT count(*) FROM ${source} WHERE ${where}`).pluck().get(...params) as number;
    return { items: rows.map(toSummary), total };
  }

  private colourQuery(f: AssetFilter, color: ColourFilter): { from: string; where: string; params: unknown[] } {
    const m = colourMatchSql(filterLab(color), color.tolerance, color.minShare);
    const match = toFtsQuery(f.query);
    const fts = ftsTable(f.trashed);
    const { sql, params } = this.filters(f);
    return {
      from: `(${m.sql}) m JOIN assets a ON a.rowid = m.asset_rowid`,
      where: match ? `${sql} AND a.rowid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)` : sql,
      params: [...m.params, ...params, ...(match ? [match] : [])],
    };
  }

  ids(f: AssetFilter): string[] {
    if (f.color) {
      const { from: source, where, params } = this.colourQuery(f, f.color);
      return this.db.prepare(`SELECT a.id FROM ${source} WHERE ${where} ORDER BY m.distance ASC, a.rowid DESC`).pluck().all(...params) as string[];
    }
    const match = toFtsQuery(f.query);
    const fts = ftsTable(f.trashed);
    const { sql, params } = this.filters(f);
    const where = match ? `${sql} AND a.rowid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)` : sql;
    return this.db.prepare(`SELECT a.id FROM ${from(f.trashed)} WHERE ${where} ORDER BY a.rowid DESC`).pluck().all(...params, ...(match ? [match] : [])) as string[];
  }

  update(id: string, patch: { name?: string; notes?: string; licenceExpires?: string | null; licenceNote?: string }): boolean {
    const rowid = this.rowidOf(id);
    if (rowid === null) return false;
    this.db.transaction(() => {
      if (patch.name !== undefined) this.db.prepare('UPDATE assets SET name = ? WHERE rowid = ?').run(patch.name, rowid);
      if (patch.notes !== undefined) this.db.prepare('UPDATE assets SET notes = ? WHERE rowid = ?').run(patch.notes, rowid);
      if (patch.licenceExpires !== undefined) this.db.prepare('UPDATE assets SET licence_expires = ? WHERE rowid = ?').run(patch.licenceExpires, rowid);
      if (patch.licenceNote !== undefined) this.db.prepare('UPDATE assets SET licence_note = ? WHERE rowid = ?').run(patch.licenceNote, rowid);
      this.reindex(rowid);
    })();
    return true;
  }

  /**
   * The licences of the assets a draft uses (trashed ones too: the draft still renders them), by name. The
   * compliance policy's expired-licence rule reads this at submit and approval.
   */
  licencesOfDraft(draftId: string): AssetLicence[] {
    return this.db
      .prepare(
        `SELECT a.id AS assetId, a.name AS name, a.licence_expires AS expiresAt
         FROM drafts d JOIN draft_assets da ON da.draft_rowid = d.rowid JOIN assets a ON a.id = da.asset_id
         WHERE d.id = ? GROUP BY a.id ORDER BY a.name COLLATE NOCASE, a.id`,
      )
      .all(draftId) as AssetLicence[];
  }

  /**
   * Sets the stars of many assets at once; returns how many exist among `ids` and what each had before (for Undo).
   * The ids travel as one JSON parameter, as in `tagsOf`.
   */
  setRating(ids: string[], rating: number): { updated: number; previous: PreviousValues<number> } {
    return this.setMark('rating', ids, rating);
  }

  /** Sets (or, with null, clears) the colour label of many assets at once, as `setRating`. */
  setLabel(ids: string[], label: ColourLabel | null): { updated: number; previous: PreviousValues<ColourLabel | null> } {
    return this.setMark('label', ids, label);
  }

  private setMark<T extends number | ColourLabel | null>(column: 'rating' | 'label', ids: string[], value: T): { updated: number; previous: PreviousValues<T> } {
    const json = JSON.stringify(ids);
    return this.db.transaction(() => {
      const before = this.db.prepare(`SELECT id, ${column} AS value FROM assets WHERE id IN (SELECT value FROM json_each(?))`).all(json) as { id: string; value: T }[];
      this.db.prepare(`UPDATE assets SET ${column} = ? WHERE id IN (SELECT value FROM json_each(?))`).run(value, json);
      return { updated: before.length, previous: groupPrevious(before) };
    })();
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

  /** Moves assets to or from the trash; their full-text entries move to the matching index. */
  setTrashed(ids: string[], trashed: boolean): string[] {
    const changed: string[] = [];
    const now = new Date().toISOString();
    const stmt = trashed
      ? this.db.prepare('UPDATE assets SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL RETURNING rowid')
      : this.db.prepare('UPDATE assets SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL RETURNING rowid');
    const unindex = this.db.prepare(`DELETE FROM ${ftsTable(!trashed)} WHERE rowid = ?`);
    this.db.transaction(() => {
      for (const id of ids) {
        const r = (trashed ? stmt.get(now, id) : stmt.get(id)) as { rowid: number } | undefined;
        if (!r) continue;
        unindex.run(r.rowid);
        this.reindex(r.rowid);
        changed.push(id);
      }
    })();
    return changed;
  }

  /** Deletes trashed assets' rows for good; returns their files so the caller can remove them. */
  purge(ids: string[]): AssetFiles[] {
    const gone: AssetFiles[] = [];
    this.db.transaction(() => {
      const find = this.db.prepare('SELECT rowid, id, sha256, ext FROM assets WHERE id = ? AND trashed_at IS NOT NULL');
      const delFts = this.db.prepare(`DELETE FROM ${ftsTable(true)} WHERE rowid = ?`);
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

  /**
   * The tags on the given assets, with how many of them carry each (bulk "Remove tag" offers only these).
   * The ids travel as one JSON parameter: a select-all can hold more ids than SQLite takes as variables.
   */
  tagsOf(ids: string[]): { tag: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT t.tag AS tag, count(*) AS count FROM asset_tags t JOIN assets a ON a.rowid = t.asset_rowid
         WHERE a.id IN (SELECT value FROM json_each(?)) GROUP BY t.tag ORDER BY count DESC, t.tag`,
      )
      .all(JSON.stringify(ids)) as { tag: string; count: number }[];
  }

  /** Assets in the library, not counting the trash. */
  liveCount(): number {
    return this.db.prepare('SELECT count(*) FROM assets WHERE trashed_at IS NULL').pluck().get() as number;
  }

  private rowidOf(id: string): number | null {
    const r = this.db.prepare('SELECT rowid FROM assets WHERE id = ?').pluck().get(id) as number | undefined;
    return r ?? null;
  }

  /** Rewrites one asset's full-text entry (in the live or the trash index) from its name, tags and notes. */
  private reindex(rowid: number): void {
    const r = this.db
      .prepare(
        `SELECT a.name, a.notes, a.trashed_at IS NOT NULL AS trashed,
           coalesce((SELECT group_concat(tag, ' ') FROM asset_tags WHERE asset_rowid = a.rowid), '') AS tags
         FROM assets a WHERE a.rowid = ?`,
      )
      .get(rowid) as { name: string; notes: string; tags: string; trashed: number } | undefined;
    if (!r) return;
    const fts = ftsTable(r.trashed === 1);
    this.db.prepare(`DELETE FROM ${fts} WHERE rowid = ?`).run(rowid);
    this.db.prepare(`INSERT INTO ${fts} (rowid, name, tags, notes) VALUES (?, ?, ?, ?)`).run(rowid, r.name, r.tags, r.notes);
  }
}

/** The trash is small: read it through its partial index rather than scanning the library for it. */
function from(trashed: boolean): string {
  return trashed ? 'assets a INDEXED BY assets_by_trashed' : 'assets a';
}

function ftsTable(trashed: boolean): 'assets_fts' | 'assets_trash_fts' {
  return trashed ? 'assets_trash_fts' : 'assets_fts';
}
