import { useEffect } from 'react';
import { create } from 'zustand';
import type { BrandKit } from '../../../../electron/model/brand-kit';
import { call, errorText, onEvent } from '../../api/client';

/**
 * The library's brand kits as the editor and the composer see them: read once when a screen that needs them
 * mounts, and again whenever the engine says kits changed (a designer saved one in the Brand room).
 */
type KitsState = { kits: BrandKit[]; loaded: boolean; error: string | null; load: () => Promise<void> };

export const useKits = create<KitsState>()((set) => ({
  kits: [],
  loaded: false,
  error: null,
  load: async () => {
    try {
      set({ kits: await call('kits.list', {}), loaded: true, error: null });
    } catch (e) {
      set({ loaded: true, error: errorText(e) });
    }
  },
}));

let watchers = 0;
let unsubscribe: (() => void) | null = null;

/** Keeps the kit list current while the calling component is mounted. */
export function useKitList(): KitsState {
  useEffect(() => {
    watchers++;
    // The first watcher reads the list and listens; later ones share it (a panel may hold several colour rows).
    if (watchers === 1) {
      unsubscribe = onEvent('kits.changed', () => void useKits.getState().load());
      void useKits.getState().load();
    }
    return () => {
      watchers--;
      if (watchers === 0) {
        unsubscribe?.();
        unsubscribe = null;
      }
    };
  }, []);
  return useKits();
}

/** The kit with this id, or null (no kit, or one deleted since the draft chose it). */
export function kitById(kits: BrandKit[], id: string | null | undefined): BrandKit | null {
  return (id && kits.find((k) => k.id === id)) || null;
}

/** The open draft's kit (null: none, or deleted), kept current. */
export function useDraftKit(kitId: string | null): BrandKit | null {
  const { kits } = useKitList();
  return kitById(kits, kitId);
}
