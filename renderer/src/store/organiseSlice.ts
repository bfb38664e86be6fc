import type { Collection, ColourLabel } from '../../../electron/model/organise';
import type { SmartCollection, SmartRules } from '../../../electron/model/smart-rules';
import { call, errorText } from '../api/client';
import { t, tn } from '../i18n';
import type { SliceCreator } from './types';

/**
 * Ratings, colour labels and collections in the Library. Bulk marks say what they did with an Undo that puts back
 * what each asset had (the engine returns the previous values), so a slip of a key costs nothing.
 */
export type OrganiseSlice = {
  collections: Collection[];
  smartCollections: SmartCollection[];
  /** The smart collection being edited (null id: a new one), or null when the rule editor is closed. */
  smartEditor: { id: string | null } | null;
  /** The sidebar's "name the new collection" field is open; the assets go into it once named. */
  collectionDraft: { assetIds: string[] } | null;
  startCollection: (assetIds: string[] | null) => void;
  /** A post "where used" asked the Queue to open; the Queue takes it when it mounts. */
  queuePostRequest: string | null;
  loadCollections: () => Promise<void>;
  rateAssets: (ids: string[], rating: number) => Promise<void>;
  labelAssets: (ids: string[], label: ColourLabel | null) => Promise<void>;
  createCollection: (name: string, assetIds: string[]) => Promise<Collection | null>;
  renameCollection: (id: string, name: string) => Promise<boolean>;
  deleteCollection: (id: string) => Promise<void>;
  addToCollection: (id: string, assetIds: string[]) => Promise<void>;
  removeFromCollection: (id: string, assetIds: string[]) => Promise<void>;
  openSmartEditor: (id: string | null) => void;
  saveSmartCollection: (id: string | null, name: string, rules: SmartRules) => Promise<string | null>;
  deleteSmartCollection: (id: string) => Promise<void>;
  openPostInQueue: (postId: string) => void;
  takeQueuePostRequest: () => string | null;
};

export const createOrganiseSlice: SliceCreator<OrganiseSlice> = (set, get) => {
  const fail = (e: unknown) => get().showToast({ message: errorText(e), tone: 'error' });
  /** Leaves a collection the grid is showing when it is deleted (here or elsewhere). */
  const leaveIfGone = () => {
    const { query, collections, smartCollections } = get();
    if (query.collectionId && !collections.some((c) => c.id === query.collectionId)) get().setQuery({ collectionId: null });
    if (query.smartCollectionId && !smartCollections.some((c) => c.id === query.smartCollectionId)) get().setQuery({ smartCollectionId: null });
  };

  return {
    collections: [],
    smartCollections: [],
    smartEditor: null,
    queuePostRequest: null,
    collectionDraft: null,
    startCollection: (assetIds) => set({ collectionDraft: assetIds ? { assetIds } : null }),

    loadCollections: async () => {
      try {
        const [collections, smartCollections] = await Promise.all([call('collections.list', {}), call('smartCollections.list', {})]);
        set({ collections, smartCollections });
        leaveIfGone();
      } catch {
        // The sidebar keeps its previous lists; the grid shows connection problems already.
      }
    },

    rateAssets: async (ids, rating) => {
      if (ids.length === 0) return;
      try {
        const { updated, previous } = await call('assets.setRating', { ids, rating });
        get().showToast({
          message: rating === 0 ? tn('toast.unrated', updated) : tn('toast.rated', updated, { stars: rating }),
          tone: 'success',
          action: {
            label: t('action.undo'),
            run: () => void Promise.all(previous.map((p) => call('assets.setRating', { ids: p.ids, rating: p.value }))).catch(fail),
          },
        });
      } catch (e) {
        fail(e);
      }
    },

    labelAssets: async (ids, label) => {
      if (ids.length === 0) return;
      try {
        const { updated, previous } = await call('assets.setLabel', { ids, label });
        get().showToast({
          message: label === null ? tn('toast.unlabelled', updated) : tn('toast.labelled', updated, { label: t(`label.${label}`) }),
          tone: 'success',
          action: {
            label: t('action.undo'),
            run: () => void Promise.all(previous.map((p) => call('assets.setLabel', { ids: p.ids, label: p.value }))).catch(fail),
          },
        });
      } catch (e) {
        fail(e);
      }
    },

    createCollection: async (name, assetIds) => {
      try {
        const c = await call('collections.create', { name, assetIds });
        await get().loadCollections();
        return c;
      } catch (e) {
        fail(e);
        return null;
      }
    },

    renameCollection: async (id, name) => {
      try {
        await call('collections.rename', { id, name });
        await get().loadCollections();
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },

    deleteCollection: async (id) => {
      try {
        const members = await call('assets.ids', { collectionId: id });
        const name = get().collections.find((c) => c.id === id)?.name ?? '';
        await call('collections.delete', { id });
        await get().loadCollections();
        get().showToast({
          message: t('toast.collectionDeleted', { name }),
          tone: 'info',
          // Undo makes the collection again with the same assets (a new id: nothing else points at it).
          action: { label: t('action.undo'), run: () => void get().createCollection(name, members) },
        });
      } catch (e) {
        fail(e);
      }
    },

    addToCollection: async (id, assetIds) => {
      if (assetIds.length === 0) return;
      try {
        const { added } = await call('collections.addAssets', { id, assetIds });
        const name = get().collections.find((c) => c.id === id)?.name ?? '';
        get().showToast({
          message: added === 0 ? t('toast.alreadyInCollection', { name }) : tn('toast.addedToCollection', added, { name }),
          tone: 'success',
          action: added ? { label: t('action.undo'), run: () => void get().removeFromCollection(id, assetIds) } : undefined,
        });
        await get().loadCollections();
      } catch (e) {
        fail(e);
      }
    },

    removeFromCollection: async (id, assetIds) => {
      if (assetIds.length === 0) return;
      try {
        await call('collections.removeAssets', { id, assetIds });
        get().dropFromSelection(assetIds);
        await get().loadCollections();
      } catch (e) {
        fail(e);
      }
    },

    openSmartEditor: (id) => set({ smartEditor: { id } }),

    saveSmartCollection: async (id, name, rules) => {
      try {
        const saved = id ? await call('smartCollections.update', { id, name, rules }) : await call('smartCollections.create', { name, rules });
        await get().loadCollections();
        return saved.id;
      } catch (e) {
        fail(e);
        return null;
      }
    },

    deleteSmartCollection: async (id) => {
      const doomed = get().smartCollections.find((c) => c.id === id);
      try {
        await call('smartCollections.delete', { id });
        await get().loadCollections();
        if (doomed && doomed.readable) {
          get().showToast({
            message: t('toast.collectionDeleted', { name: doomed.name }),
            tone: 'info',
            action: { label: t('action.undo'), run: () => void get().saveSmartCollection(null, doomed.name, doomed.rules) },
          });
        }
      } catch (e) {
        fail(e);
      }
    },

    openPostInQueue: (postId) => set({ queuePostRequest: postId, screen: 'queue' }),
    takeQueuePostRequest: () => {
      const id = get().queuePostRequest;
      if (id) set({ queuePostRequest: null });
      return id;
    },
  };
};
