import type { ParsedInput } from '../api/contract';
import type { AssetFilter } from '../library/assets-repo';
import type { StoredSmartCollection } from '../library/collections-repo';
import { AppError } from '../model/errors';
import type { SmartCollection } from '../model/smart-rules';
import type { ApiPart, StudioContext } from './context';

type OrganiseCalls =
  | 'assets.setRating'
  | 'assets.setLabel'
  | 'assets.whereUsed'
  | 'collections.list'
  | 'collections.create'
  | 'collections.rename'
  | 'collections.delete'
  | 'collections.addAssets'
  | 'collections.removeAssets'
  | 'smartCollections.list'
  | 'smartCollections.create'
  | 'smartCollections.update'
  | 'smartCollections.delete'
  | 'smartCollections.count';

const collectionGone = () => new AppError('not_found', 'This collection is no longer in the library. It may have been deleted in another window.');
const smartGone = () => new AppError('not_found', 'This smart collection is no longer in the library. It may have been deleted in another window.');
const unreadable = (name: string) =>
  new AppError('conflict', `"${name}" was saved by a newer Postframe with rules this version cannot read. Update Postframe to use it.`);

/** Live assets only: a smart collection counts what the Library shows, not the trash. */
const LIVE = { query: '', kind: null, tag: null, trashed: false } as const;

/**
 * The library filter of an `assets.list`/`assets.ids` call: a manual collection must exist (a deleted one is an
 * error, not an empty grid that looks like lost work), a smart collection's rules are read and evaluated at now.
 */
export function assetFilter(ctx: StudioContext, input: ParsedInput<'assets.ids'>): AssetFilter {
  const { smartCollectionId, ...rest } = input;
  const filter: AssetFilter = { ...rest, now: ctx.clock() };
  if (input.collectionId && !ctx.rooms.collections.exists(input.collectionId)) throw collectionGone();
  if (smartCollectionId) {
    const smart = ctx.rooms.collections.getSmart(smartCollectionId);
    if (!smart) throw smartGone();
    if (!smart.readable) throw unreadable(smart.name);
    filter.rules = smart.rules;
  }
  return filter;
}

/** Ratings, colour labels, collections, smart collections and "where used". */
export function organiseApi(ctx: StudioContext): ApiPart<OrganiseCalls> {
  const withCount = (s: StoredSmartCollection): SmartCollection => ({
    ...s,
    count: s.readable ? ctx.rooms.assets.total({ ...LIVE, rules: s.rules, now: ctx.clock() }) : 0,
  });
  const manual = (id: string) => {
    const c = ctx.rooms.collections.get(id);
    if (!c) throw collectionGone();
    return c;
  };
  const changed = (kind: 'manual' | 'smart', id: string) => ctx.emit('collections.changed', { kind, ids: [id] });

  return {
    async 'assets.setRating'(input) {
      const r = ctx.rooms.assets.setRating(input.ids, input.rating);
      if (r.updated) ctx.emit('assets.changed', { reason: 'updated', ids: input.ids });
      return r;
    },
    async 'assets.setLabel'(input) {
      const r = ctx.rooms.assets.setLabel(input.ids, input.label);
      if (r.updated) ctx.emit('assets.changed', { reason: 'updated', ids: input.ids });
      return r;
    },
    async 'assets.whereUsed'(input) {
      const { assets, usage, kitUsage, collections } = ctx.rooms;
      if (!assets.files(input.id)) throw new AppError('not_found', 'This asset is no longer in the library.');
      return {
        drafts: usage.draftsUsing(input.id),
        posts: usage.postsUsing(input.id),
        kits: kitUsage.kitsUsing(input.id),
        collections: collections.ofAsset(input.id),
      };
    },

    async 'collections.list'() {
      return ctx.rooms.collections.list();
    },
    async 'collections.create'(input) {
      const { collections, db } = ctx.rooms;
      const id = db.transaction(() => {
        const id = collections.create(input.name, ctx.clock());
        if (input.assetIds.length) collections.add(id, input.assetIds, ctx.clock());
        return id;
      })();
      changed('manual', id);
      return manual(id);
    },
    async 'collections.rename'(input) {
      if (!ctx.rooms.collections.rename(input.id, input.name)) throw collectionGone();
      changed('manual', input.id);
      return manual(input.id);
    },
    async 'collections.delete'(input) {
      const count = ctx.rooms.collections.delete(input.id) ? 1 : 0;
      if (count) changed('manual', input.id);
      return { count };
    },
    async 'collections.addAssets'(input) {
      if (!ctx.rooms.collections.exists(input.id)) throw collectionGone();
      const added = ctx.rooms.collections.add(input.id, input.assetIds, ctx.clock());
      changed('manual', input.id);
      return { added };
    },
    async 'collections.removeAssets'(input) {
      if (!ctx.rooms.collections.exists(input.id)) throw collectionGone();
      const removed = ctx.rooms.collections.remove(input.id, input.assetIds);
      changed('manual', input.id);
      return { removed };
    },

    async 'smartCollections.list'() {
      return ctx.rooms.collections.listSmart().map(withCount);
    },
    async 'smartCollections.create'(input) {
      const id = ctx.rooms.collections.createSmart(input.name, input.rules, ctx.clock());
      changed('smart', id);
      return withCount(ctx.rooms.collections.getSmart(id)!);
    },
    async 'smartCollections.update'(input) {
      const { id, ...patch } = input;
      if (!ctx.rooms.collections.updateSmart(id, patch, ctx.clock())) throw smartGone();
      changed('smart', id);
      return withCount(ctx.rooms.collections.getSmart(id)!);
    },
    async 'smartCollections.delete'(input) {
      const count = ctx.rooms.collections.deleteSmart(input.id) ? 1 : 0;
      if (count) changed('smart', input.id);
      return { count };
    },
    async 'smartCollections.count'(input) {
      return { count: ctx.rooms.assets.total({ ...LIVE, rules: input.rules, now: ctx.clock() }) };
    },
  };
}
