import type { AssetKind, AssetSummary } from '../model/asset';
import { type Hashed, NearIndex, bandsOf, parseHash } from '../model/near-dup';
import { type DominantColour, SIGNATURE_VERSION, type VisualSignature } from '../model/visual-signature';
import type { Db } from './db';

/** An asset whose signature is missing or out of date, and where its picture is (thumbnail or poster). */
export type PendingVisual = { id: string; sha256: string; kind: AssetKind; hasThumbnail: boolean; hasPoster: boolean };

export type StoredVisual = { colours: DominantColour[]; phash: string | null; dhash: string | null; version: number };

/** A live asset's hashes, for grouping the whole library. */
export type HashedAsset = Hashed & { id: string; width: number | null; height: number | null; kind: AssetKind };

/**
 * Visual signatures (migration 0010): dominant colours in an R*Tree, hashes with their indexed bands. One
 * transaction per asset, so a signature is always whole.
 */
export class VisualRepo {
  constructor(private readonly db: Db) {}

  /** Stores (or replaces) an asset's signature; `null` records "no picture". False when the asset is gone. */
  save(assetId: string, sig: VisualSignature | null, at = new Date().toISOString()): boolean {
    return this.db.transaction(() => {
      const rowid = this.db.prepare('SELECT rowid FROM assets WHERE id = ?').pluck().get(assetId) as number | undefined;
      if (rowid === undefined) return false;
      this.db.prepare('DELETE FROM asset_visuals WHERE asset_rowid = ?').run(rowid);
      const bands = sig ? bandsOf(parseHash(sig.phash)) : [null, null, null, null];
      this.db
        .prepare(
          `INSERT INTO asset_visuals (asset_rowid, version, phash, dhash, band0, band1, band2, band3, colours, computed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(rowid, SIGNATURE_VERSION, sig?.phash ?? null, sig?.dhash ?? null, ...bands, JSON.stringify(sig?.colours ?? []), at);
      const add = this.db.prepare('INSERT INTO asset_colours (id, l0, l1, a0, a1, b0, b1, asset_rowid, share, l, a, b) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      (sig?.colours ?? []).slice(0, 8).forEach((c, rank) => add.run(rowid * 8 + rank, c.l, c.l, c.a, c.a, c.b, c.b, rowid, c.share, c.l, c.a, c.b));
      return true;
    })();
  }

  get(assetId: string): StoredVisual | null {
    const r = this.db
      .prepare('SELECT v.version, v.phash, v.dhash, v.colours FROM asset_visuals v JOIN assets a ON a.rowid = v.asset_rowid WHERE a.id = ?')
      .get(assetId) as { version: number; phash: string | null; dhash: string | null; colours: string } | undefined;
    return r ? { version: r.version, phash: r.phash, dhash: r.dhash, colours: JSON.parse(r.colours) as DominantColour[] } : null;
  }

  /** Pictures (images, videos) with no signature of the current version, oldest import first. */
  pending(limit: number): PendingVisual[] {
    return (
      this.db
        .prepare(
          `SELECT a.id, a.sha256, a.kind, a.has_thumbnail, a.has_poster FROM assets a
           LEFT JOIN asset_visuals v ON v.asset_rowid = a.rowid
           WHERE a.kind IN ('image', 'video') AND (v.asset_rowid IS NULL OR v.version < ?)
           ORDER BY a.rowid LIMIT ?`,
        )
        .all(SIGNATURE_VERSION, limit) as { id: string; sha256: string; kind: AssetKind; has_thumbnail: number; has_poster: number }[]
    ).map((r) => ({ id: r.id, sha256: r.sha256, kind: r.kind, hasThumbnail: r.has_thumbnail === 1, hasPoster: r.has_poster === 1 }));
  }

  pendingCount(): number {
    return this.db
      .prepare(
        `SELECT count(*) FROM assets a LEFT JOIN asset_visuals v ON v.asset_rowid = a.rowid
         WHERE a.kind IN ('image', 'video') AND (v.asset_rowid IS NULL OR v.version < ?)`,
      )
      .pluck()
      .get(SIGNATURE_VERSION) as number;
  }

  /**
   * Live assets that are near duplicates of `assetId`, closest first, through a band index of every live
   * picture (model/near-dup.ts NearIndex). The index is kept while nothing in the database changed: this
   * connection's own writes (total_changes) and other processes' commits (data_version) both rebuild it.
   */
  nearOf(assetId: string): { id: string; distance: number }[] {
    const { index, at } = this.nearIndex();
    const i = at.get(assetId);
    if (i === undefined) return [];
    return index
      .near(i)
      .map(({ j, distance }) => ({ id: (index.items[j] as HashedAsset).id, distance }))
      .sort((p, q) => p.distance - q.distance || p.id.localeCompare(q.id));
  }

  private cached: { key: string; index: NearIndex; at: Map<string, number> } | null = null;

  private nearIndex(): { index: NearIndex; at: Map<string, number> } {
    const key = `${String(this.db.pragma('data_version', { simple: true }))}:${String(this.db.prepare('SELECT total_changes()').pluck().get())}`;
    if (this.cached?.key !== key) {
      const items = this.liveHashes();
      this.cached = { key, index: new NearIndex(items), at: new Map(items.map((it, i) => [it.id, i])) };
    }
    return this.cached;
  }

  /** Every live asset with hashes, in import order. */
  liveHashes(): HashedAsset[] {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.kind, a.width, a.height, v.phash, v.dhash, v.colours FROM asset_visuals v JOIN assets a ON a.rowid = v.asset_rowid
         WHERE a.trashed_at IS NULL AND v.phash IS NOT NULL ORDER BY a.rowid`,
      )
      .all() as (Omit<HashedAsset, 'colours'> & { colours: string })[];
    return rows.map((r) => ({ ...r, colours: JSON.parse(r.colours) as DominantColour[] }));
  }
}

/** What the review view shows of each asset in a group. */
export type DuplicateMember = AssetSummary & { distance: number };
