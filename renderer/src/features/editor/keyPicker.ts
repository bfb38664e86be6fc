import { create } from 'zustand';
import type { Size } from '../../../../electron/model/geometry';
import type { ActiveLayer } from '../../../../electron/model/timeline';
import type { Drawable } from './preview/draw';

/**
 * The chroma key's eyedropper: while it picks for a clip, the preview draws that clip without its key (so the
 * click lands on the picture's own colour, the green screen itself) and a layer over the preview takes the click
 * or the keyboard (KeyPickLayer.tsx). Not part of the draft: nothing here is saved or undone. `lastPicked` is the
 * colour the last pick took, for the Inspector to announce (screen readers) until the next pick starts.
 */
type KeyPicker = { clipId: string | null; lastPicked: { clipId: string; color: string } | null; start: (clipId: string) => void; stop: () => void; picked: (color: string) => void };

export const useKeyPicker = create<KeyPicker>((set) => ({
  clipId: null,
  lastPicked: null,
  start: (clipId) => {
    surface = null;
    set({ clipId, lastPicked: null });
  },
  stop: () => {
    surface = null;
    set({ clipId: null });
  },
  picked: (color) => {
    surface = null;
    set((s) => ({ clipId: null, lastPicked: s.clipId ? { clipId: s.clipId, color } : null }));
  },
}));

/** Whether the preview should draw `clipId` without its key right now. */
export const keyPaused = (clipId: string): boolean => useKeyPicker.getState().clipId === clipId;

/**
 * The picture the eyedropper samples: the clip's own picture as the preview last drew it (draw.ts), after its
 * look and without its key (what the export's `chromakey` filter is given: compiler.ts `look()`), before crop,
 * placement, opacity and the other layers; with the layer, sizes and canvas it was placed by, so a point of the
 * preview maps back to a pixel of it (keyPickLogic.ts `clipPointAt`). Null while the clip is not drawn (not at
 * the playhead). Not state: it changes every frame and nothing re-renders for it.
 */
export type PickSurface = { clipId: string; layer: ActiveLayer; size: Size; canvas: Size; drawable: Drawable };
let surface: PickSurface | null = null;

/** draw.ts: a frame starts (`null`), or it drew the picked clip. */
export function setPickSurface(s: PickSurface | null): void {
  surface = s;
}

/** The picture of `clipId` the preview shows now, or null when it shows none. */
export function pickSurface(clipId: string): PickSurface | null {
  return surface?.clipId === clipId ? surface : null;
}
