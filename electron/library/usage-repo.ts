import type { PostState } from '../model/post';
import type { Db } from './db';

export type DraftUse = { id: string; name: string; trashed: boolean };
export type PostUse = { id: string; title: string; state: PostState; draftId: string; scheduledAt: string | null };

/**
 * Where an asset is used: the drafts whose current document places it (draft_assets, rewritten on every save) and
 * the posts that carry those drafts. Brand kits keep their own references; the Studio joins them in (KitUsage).
 */
export class UsageRepo {
  constructor(private readonly db: Db) {}

  draftsUsing(assetId: string): DraftUse[] {
    const rows = this.db
      .prepare(
        `SELECT d.id, d.name, d.trashed_at IS NOT NULL AS trashed FROM draft_assets da JOIN drafts d ON d.rowid = da.draft_rowid
         WHERE da.asset_id = ? ORDER BY d.trashed_at IS NOT NULL, d.updated_at DESC`,
      )
      .all(assetId) as { id: string; name: string; trashed: number }[];
    return rows.map((r) => ({ id: r.id, name: r.name, trashed: r.trashed === 1 }));
  }

  postsUsing(assetId: string): PostUse[] {
    return this.db
      .prepare(
        `SELECT p.id, p.title, p.state, p.draft_id AS draftId, p.scheduled_at AS scheduledAt
         FROM draft_assets da JOIN drafts d ON d.rowid = da.draft_rowid JOIN posts p ON p.draft_id = d.id
         WHERE da.asset_id = ? ORDER BY p.scheduled_at IS NULL, p.scheduled_at, p.created_at`,
      )
      .all(assetId) as PostUse[];
  }
}
