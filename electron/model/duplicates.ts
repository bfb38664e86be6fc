import { z } from 'zod';
import { AssetSummary } from './asset';

/**
 * Duplicate review (docs/library-search.md). `exact`: the same picture at the same size (both hashes equal),
 * e.g. a file re-saved without changing a pixel; byte-identical files are one asset already (SHA-256).
 * `near`: resized, re-encoded or lightly cropped copies (model/near-dup.ts).
 */
export const DuplicateMode = z.enum(['exact', 'near']);
export type DuplicateMode = z.infer<typeof DuplicateMode>;

export const DuplicateMember = AssetSummary.extend({
  tags: z.array(z.string()),
  /** pHash bits that differ from the group's first member (0 for the first). */
  distance: z.number().int().nonnegative(),
});
export type DuplicateMember = z.infer<typeof DuplicateMember>;

export const DuplicateGroup = z.object({ members: z.array(DuplicateMember).min(2) });
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

export const DuplicateList = z.object({
  mode: DuplicateMode,
  groups: z.array(DuplicateGroup),
  /** Pictures whose colours and hashes are not computed yet (the backfill is running or has not run). */
  pending: z.number().int().nonnegative(),
});
export type DuplicateList = z.infer<typeof DuplicateList>;

export const KeepResult = z.object({
  keptId: z.string(),
  trashedIds: z.array(z.string()),
  tagsAdded: z.array(z.string()),
  /** Manual collections a removed copy was in that now hold the kept asset. */
  collectionsAdded: z.array(z.string()),
  /** Drafts that used a removed copy and now use the kept one, each at its new revision. */
  drafts: z.array(z.object({ draftId: z.string(), name: z.string(), revisionBefore: z.number().int(), revisionAfter: z.number().int() })),
});
export type KeepResult = z.infer<typeof KeepResult>;

/** Swaps asset ids in a draft document's JSON-shaped value (clips and image layers name assets by `assetId`). */
export function repointAssets<T>(doc: T, map: ReadonlyMap<string, string>): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = k === 'assetId' && typeof x === 'string' && map.has(x) ? map.get(x) : walk(x);
      return out;
    }
    return v;
  };
  return walk(doc) as T;
}
