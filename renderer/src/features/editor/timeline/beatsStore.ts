import { useEffect } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AssetBeats } from '../../../../../electron/model/beats-job';
import type { BeatsByAsset } from '../../../../../electron/model/timeline-beats';
import { call, onEvent } from '../../../api/client';
import { useEditor } from '../../../store/editorStore';

/**
 * The beats of the assets the open draft uses (docs/timeline.md "Beats"), as the library keeps them: read when the
 * timeline opens or a clip of a new asset arrives, and again when the engine says an asset changed (its beats were
 * found or removed). Not part of the document: beats belong to the asset, so undo never touches them.
 */
type BeatsState = {
  /** Assets with beats; an asset without any is absent. */
  byAsset: BeatsByAsset;
  info: Readonly<Record<string, AssetBeats>>;
  load: (assetIds: readonly string[]) => Promise<void>;
};

export const useBeats = create<BeatsState>()((set, get) => ({
  byAsset: new Map(),
  info: {},
  load: async (assetIds) => {
    if (assetIds.length === 0) return;
    const found = await call('beats.get', { assetIds: [...assetIds] }).catch(() => null);
    // A failed read keeps what was shown: the ticks come back with the next change.
    if (!found) return;
    // The assets asked for are replaced by the answer (an asset whose beats were removed is no longer in it).
    const asked = new Set(assetIds);
    const info: Record<string, AssetBeats> = Object.fromEntries(Object.entries(get().info).filter(([id]) => !asked.has(id)));
    for (const b of found) info[b.assetId] = b;
    set({ info, byAsset: new Map(Object.values(info).map((b) => [b.assetId, b.beats])) });
  },
}));

/** Keeps the draft's beats current while the timeline is mounted. */
export function useDraftBeats(): void {
  const ids = useEditor(useShallow((s) => [...new Set(s.doc?.tracks.flatMap((tr) => tr.clips.flatMap((c) => (c.type === 'media' ? [c.assetId] : []))) ?? [])].sort()));
  const key = ids.join(',');
  useEffect(() => {
    const wanted = key ? key.split(',') : [];
    void useBeats.getState().load(wanted);
    return onEvent('assets.changed', (e) => {
      const hit = e.ids.filter((id) => wanted.includes(id));
      if (hit.length) void useBeats.getState().load(hit);
    });
  }, [key]);
}

/** The beats as the snapping code takes them (read at a gesture's start). */
export function currentBeats(): BeatsByAsset {
  return useBeats.getState().byAsset;
}
