import { create } from 'zustand';

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
  start: (clipId) => set({ clipId, lastPicked: null }),
  stop: () => set({ clipId: null }),
  picked: (color) => set((s) => ({ clipId: null, lastPicked: s.clipId ? { clipId: s.clipId, color } : null })),
}));

/** Whether the preview should draw `clipId` without its key right now. */
export const keyPaused = (clipId: string): boolean => useKeyPicker.getState().clipId === clipId;
