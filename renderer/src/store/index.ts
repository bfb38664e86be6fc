import { create } from 'zustand';
import { connectionStatus, onConnectionStatus, onEvent } from '../api/client';
import { createDraftsSlice } from './draftsSlice';
import { useEditor } from './editorStore';
import { createJobsSlice } from './jobsSlice';
import { createLibrarySlice } from './librarySlice';
import { createOrganiseSlice } from './organiseSlice';
import { createSelectionSlice } from './selectionSlice';
import type { Store } from './types';
import { createUiSlice } from './uiSlice';

export type { Store } from './types';

export const useStore = create<Store>()((...a) => ({
  ...createLibrarySlice(...a),
  ...createSelectionSlice(...a),
  ...createJobsSlice(...a),
  ...createUiSlice(...a),
  ...createDraftsSlice(...a),
  ...createOrganiseSlice(...a),
}));

let started = false;

/** Wires engine events into the store and loads the first data. Called once at start-up. */
export function startStore(): void {
  if (started) return;
  started = true;
  const s = useStore.getState;

  // An import of hundreds of files sends an event per file: refresh at most every 100 ms, not per event.
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleRefresh = () => {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      s().invalidateAssets();
      void s().loadTags();
      void s().loadCollections(); // counts (smart collections follow ratings, tags, dates…)
    }, 100);
  };

  onEvent('assets.changed', (e) => {
    if (e.reason === 'trashed' || e.reason === 'restored' || e.reason === 'purged') {
      s().dropFromSelection(e.ids);
      if (e.reason === 'purged' && s().detailId && e.ids.includes(s().detailId ?? '')) s().openDetail(null);
    }
    // The editor keeps full records of its draft's assets: an update (a preview proxy became ready) must reach it.
    if (e.reason === 'updated') void useEditor.getState().refreshAssets(e.ids);
    scheduleRefresh();
  });
  onEvent('collections.changed', () => {
    void s().loadCollections();
    // A collection's members changed: the grid may be showing it.
    if (s().query.collectionId || s().query.smartCollectionId) s().invalidateAssets();
  });
  onEvent('job.updated', (job) => s().upsertJob(job));
  onEvent('drafts.changed', () => {
    if (s().libraryView === 'drafts') void s().loadDrafts();
  });
  onEvent('library.changed', () => {
    s().resetLibrary();
    s().closeDraftForLibraryChange();
    void s().loadJobs();
  });

  let wasDown = false;
  s().setConnection(connectionStatus());
  onConnectionStatus((status) => {
    s().setConnection(status);
    if (status !== 'open') {
      wasDown = true;
      return;
    }
    if (wasDown) {
      // Events may have been missed while the connection was down: refresh what they would have told us.
      wasDown = false;
      s().invalidateAssets();
      void s().loadJobs();
      void s().loadTags();
      void s().loadCollections();
      if (s().libraryView === 'drafts') void s().loadDrafts();
    }
  });

  s().invalidateAssets();
  void s().loadJobs();
  void s().loadTags();
  void s().loadCollections();
}
