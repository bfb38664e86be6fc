import type { AssetKind, AssetSort, AssetSummary } from '../../../electron/model/asset';
import type { LabelChoice } from '../../../electron/model/organise';
import { call, errorText } from '../api/client';
import { t, tn } from '../i18n';
import type { SliceCreator, Store } from './types';

export const PAGE_SIZE = 200;
const SEARCH_DEBOUNCE_MS = 120;

export type SortOrder = 'asc' | 'desc';
export type LibraryQuery = {
  text: string;
  kind: AssetKind | null;
  tag: string | null;
  sort: AssetSort;
  order: SortOrder;
  trashed: boolean;
  /** At least this many stars (0: any). */
  minRating: number;
  label: LabelChoice | null;
  /** The place the grid shows: all assets, a manual collection or a smart collection (at most one of the two). */
  collectionId: string | null;
  smartCollectionId: string | null;
  /** Colour search: pictures with a dominant colour within `tolerance` (ΔE) of `hex`, closest first. */
  color: ColourQuery | null;
};
export type ColourQuery = { hex: string; tolerance: number };
type Page = { epoch: number; items: AssetSummary[] };
export type TagCount = { tag: string; count: number };

export type LibrarySlice = {
  /** What the search box shows right now; `query.text` follows it after a short debounce. */
  searchInput: string;
  query: LibraryQuery;
  /** Size of the current result; null until the first page of this query has arrived. */
  total: number | null;
  pages: Record<number, Page>;
  /** Bumped on every query change or invalidation: pages from older epochs are shown but refetched. */
  epoch: number;
  /** Set by a query change: the next page that arrives replaces the whole cache. */
  replacePages: boolean;
  listError: string | null;
  visibleRange: { first: number; last: number };
  tags: TagCount[];
  /** Ids waiting for the "Delete forever" confirmation. */
  purgeRequest: string[] | null;
  requestPurge: (ids: string[] | null) => void;
  setSearchInput: (text: string) => void;
  setQuery: (patch: Partial<Omit<LibraryQuery, 'text'>>) => void;
  clearFilters: () => void;
  ensureRange: (first: number, last: number) => void;
  /** Loads (if needed) and returns the assets at indexes first..last of the current query. */
  loadRange: (first: number, last: number) => Promise<AssetSummary[]>;
  invalidateAssets: () => void;
  resetLibrary: () => void;
  loadTags: () => Promise<void>;
  trashAssets: (ids: string[]) => Promise<void>;
  restoreAssets: (ids: string[]) => Promise<void>;
  purgeAssets: (ids: string[]) => Promise<void>;
  tagAssets: (ids: string[], add: string[], remove: string[]) => Promise<void>;
};

export const defaultQuery: LibraryQuery = {
  text: '',
  kind: null,
  tag: null,
  sort: 'imported',
  order: 'desc',
  trashed: false,
  minRating: 0,
  label: null,
  collectionId: null,
  smartCollectionId: null,
  color: null,
};

/** Filters narrow the place being shown; the place itself (a collection) is not a filter to clear. */
export function hasFilters(q: LibraryQuery): boolean {
  return q.text.trim() !== '' || q.kind !== null || q.tag !== null || q.minRating > 0 || q.label !== null || q.color !== null;
}

/** What assets.list and assets.ids take for a query (the trash shows no collection). */
export function queryFilters(q: LibraryQuery) {
  return {
    query: q.text.trim(),
    kind: q.kind,
    tag: q.tag,
    trashed: q.trashed,
    minRating: q.minRating || null,
    label: q.label,
    collectionId: q.trashed ? null : q.collectionId,
    smartCollectionId: q.trashed ? null : q.smartCollectionId,
    color: q.color,
  };
}

export function assetAt(s: Pick<Store, 'pages'>, index: number): AssetSummary | undefined {
  return s.pages[Math.floor(index / PAGE_SIZE)]?.items[index % PAGE_SIZE];
}

/** The loaded summaries of the selected assets (a select-all far beyond the loaded pages gives only those). */
export function selectedSummaries(s: Pick<Store, 'pages' | 'selected'>): AssetSummary[] {
  const out: AssetSummary[] = [];
  for (const page of Object.values(s.pages)) for (const a of page.items) if (s.selected.has(a.id)) out.push(a);
  return out;
}

/** The name of the collection or smart collection the grid shows, or null for all assets. */
export function placeName(s: Pick<Store, 'query' | 'collections' | 'smartCollections'>): string | null {
  const { collectionId, smartCollectionId } = s.query;
  if (collectionId) return s.collections.find((c) => c.id === collectionId)?.name ?? null;
  if (smartCollectionId) return s.smartCollections.find((c) => c.id === smartCollectionId)?.name ?? null;
  return null;
}

const inflight = new Map<string, Promise<void>>();
let searchTimer: ReturnType<typeof setTimeout> | null = null;

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get) => {
  function fetchPage(page: number): Promise<void> {
    const { epoch, query } = get();
    const key = `${epoch}:${page}`;
    const running = inflight.get(key);
    if (running) return running;
    const p = call('assets.list', {
      ...queryFilters(query),
      sort: query.sort,
      order: query.order,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
    })
      .then((res) => {
        if (get().epoch !== epoch) return;
        set((s) => ({
          total: res.total,
          listError: null,
          replacePages: false,
          pages: s.replacePages ? { [page]: { epoch, items: res.items } } : { ...s.pages, [page]: { epoch, items: res.items } },
        }));
      })
      .catch((e: unknown) => {
        if (get().epoch === epoch) set({ listError: errorText(e) });
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  function missingPages(first: number, last: number): number[] {
    const { pages, epoch, total } = get();
    const maxIndex = total === null ? last : Math.max(0, Math.min(last, total - 1));
    const out: number[] = [];
    for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= Math.floor(maxIndex / PAGE_SIZE); p++) {
      if (pages[p]?.epoch !== epoch) out.push(p);
    }
    return out;
  }

  /**
   * New query: the old rows stay on screen until the first page of the new result arrives and replaces the
   * whole cache (old rows would be wrong, not just stale), so typing in search never flashes an empty grid.
   */
  function requery(patch: Partial<LibrarySlice>): void {
    set((s) => ({ ...patch, epoch: s.epoch + 1, replacePages: true, listError: null, visibleRange: { first: 0, last: 0 }, focus: 0 }));
    get().clearSelection();
    void fetchPage(0);
  }

  return {
    searchInput: '',
    query: defaultQuery,
    total: null,
    pages: {},
    epoch: 0,
    replacePages: false,
    listError: null,
    visibleRange: { first: 0, last: 0 },
    tags: [],
    purgeRequest: null,
    requestPurge: (ids) => set({ purgeRequest: ids && ids.length > 0 ? ids : null }),

    setSearchInput: (text) => {
      set({ searchInput: text });
      if (searchTimer) clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        searchTimer = null;
        const q = get().query;
        if (q.text !== text) requery({ query: { ...q, text } });
      }, SEARCH_DEBOUNCE_MS);
    },
    setQuery: (patch) => requery({ query: { ...get().query, ...patch } }),
    clearFilters: () => {
      if (searchTimer) clearTimeout(searchTimer);
      const q = get().query;
      requery({ searchInput: '', query: { ...q, text: '', kind: null, tag: null, minRating: 0, label: null, color: null } });
    },

    ensureRange: (first, last) => {
      set((s) => (s.visibleRange.first === first && s.visibleRange.last === last ? s : { visibleRange: { first, last } }));
      // One page of read-ahead on each side keeps fast scrolling from showing placeholders.
      for (const p of missingPages(first - PAGE_SIZE / 2, last + PAGE_SIZE / 2)) void fetchPage(p);
    },

    loadRange: async (first, last) => {
      const lo = Math.min(first, last);
      const hi = Math.max(first, last);
      for (;;) {
        const epoch = get().epoch;
        await Promise.all(missingPages(lo, hi).map(fetchPage));
        if (get().epoch === epoch) break; // the list changed under us: load again from the new epoch
      }
      const s = get();
      const out: AssetSummary[] = [];
      for (let i = lo; i <= hi; i++) {
        const a = assetAt(s, i);
        if (a) out.push(a);
      }
      return out;
    },

    invalidateAssets: () => {
      set((s) => ({ epoch: s.epoch + 1 }));
      const { first, last } = get().visibleRange;
      if (get().total === null) void fetchPage(0);
      else get().ensureRange(first, last);
    },

    resetLibrary: () => {
      if (searchTimer) clearTimeout(searchTimer);
      requery({ searchInput: '', query: defaultQuery });
      get().openDetail(null);
      void get().loadTags();
    },

    loadTags: async () => {
      try {
        set({ tags: await call('tags.list', {}) });
      } catch {
        // The tag filter keeps its previous list; the grid shows connection problems already.
      }
    },

    trashAssets: async (ids) => {
      if (ids.length === 0) return;
      const { showToast } = get();
      try {
        const { count } = await call('assets.trash', { ids });
        showToast({
          message: tn('toast.trashed', count),
          tone: 'info',
          action: { label: t('action.undo'), run: () => void get().restoreAssets(ids) },
        });
      } catch (e) {
        showToast({ message: errorText(e), tone: 'error' });
      }
    },

    restoreAssets: async (ids) => {
      if (ids.length === 0) return;
      try {
        const { count } = await call('assets.restore', { ids });
        get().showToast({ message: tn('toast.restored', count), tone: 'success' });
      } catch (e) {
        get().showToast({ message: errorText(e), tone: 'error' });
      }
    },

    purgeAssets: async (ids) => {
      if (ids.length === 0) return;
      try {
        const { count } = await call('assets.purge', { ids });
        get().showToast({ message: tn('toast.purged', count), tone: 'info' });
      } catch (e) {
        get().showToast({ message: errorText(e), tone: 'error' });
      }
    },

    tagAssets: async (ids, add, remove) => {
      if (ids.length === 0 || add.length + remove.length === 0) return;
      try {
        await call('assets.tag', { ids, add, remove });
        void get().loadTags();
      } catch (e) {
        get().showToast({ message: errorText(e), tone: 'error' });
      }
    },
  };
};
