import { create } from 'zustand';
import { connectionStatus, onConnectionStatus, onEvent } from '../api/client';
import { createJobsSlice } from './jobsSlice';
import { createLibrarySlice } from './librarySlice';
import { createSelectionSlice } from './selectionSlice';
import type { Store } from './types';
import { createUiSlice } from './uiSlice';

export type { Store } from './types';

export const useStore = create<Store>()((...a) => ({
  ...createLibrarySlice(...a),
  ...createSelectionSlice(...a),
  ...createJobsSlice(...a),
  ...createUiSlice(...a),
}));

let started = false;

/** Wires engine events into the store and loads the first data. Called once at start-up. */
export function startStore(): void {
  if (started) return;
  started = true;
  const s = useStore.getState;

  onEvent('assets.changed', (e) => {
    if (e.reason === 'trashed' || e.reason === 'restored' || e.reason === 'purged') {
      s().dropFromSelection(e.ids);
      if (e.reason === 'purged' && s().detailId && e.ids.includes(s().detailId ?? '')) s().openDetail(null);
    }
    s().invalidateAssets();
    if (e.reason !== 'updated' || e.ids.length > 0) void s().loadTags();
  });
  onEvent('job.updated', (job) => s().upsertJob(job));
  onEvent('library.changed', () => s().resetLibrary());

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
    }
  });

  s().invalidateAssets();
  void s().loadJobs();
  void s().loadTags();
}
