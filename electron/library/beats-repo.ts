import { AssetBeats, BEATS_VERSION } from '../model/beats-job';
import type { BeatAnalysis } from '../model/beats';
import type { Db } from './db';

/** Beat markers kept with their asset (migration 0016). */
export class BeatsRepo {
  constructor(private readonly db: Db) {}

  /** Stores (or replaces) an asset's beats. False when the asset is gone (purged while the job ran). */
  save(assetId: string, analysis: BeatAnalysis, at = new Date().toISOString()): boolean {
    const rowid = this.db.prepare('SELECT rowid FROM assets WHERE id = ?').pluck().get(assetId) as number | undefined;
    if (rowid === undefined) return false;
    this.db
      .prepare('INSERT OR REPLACE INTO asset_beats (asset_rowid, version, beats, bpm, computed_at) VALUES (?, ?, ?, ?, ?)')
      .run(rowid, BEATS_VERSION, JSON.stringify(analysis.beats), analysis.bpm, at);
    return true;
  }

  /** The stored beats of those of `assetIds` that have them, in the order asked. A row that does not read is left out. */
  get(assetIds: readonly string[]): AssetBeats[] {
    if (assetIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT a.id AS assetId, b.beats, b.bpm, b.computed_at AS computedAt FROM asset_beats b JOIN assets a ON a.rowid = b.asset_rowid
         WHERE a.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(assetIds)) as { assetId: string; beats: string; bpm: number | null; computedAt: string }[];
    const byId = new Map<string, AssetBeats>();
    for (const r of rows) {
      const parsed = AssetBeats.safeParse({ ...r, beats: JSON.parse(r.beats) as unknown });
      if (parsed.success) byId.set(r.assetId, parsed.data);
    }
    return assetIds.flatMap((id) => byId.get(id) ?? []);
  }

  /** Forgets an asset's beats ("Remove beats"). True when there were some. */
  clear(assetId: string): boolean {
    return this.db.prepare('DELETE FROM asset_beats WHERE asset_rowid = (SELECT rowid FROM assets WHERE id = ?)').run(assetId).changes > 0;
  }
}
