import { create } from 'zustand';

/**
 * The chroma key's eyedropper: while it picks for a clip, the preview draws that clip without its key (so the
 * click lands on the picture's own colour, the green screen itself) and a layer over the preview takes the click
 * (KeyPickLayer.tsx). Not part of the draft: nothing here is saved or undone.
 */
type KeyPicker = { clipId: string | null; start: (clipId: string) => void; stop: () => void };

export const useKeyPicker = create<KeyPicker>((set) => ({
  clipId: null,
  start: (clipId) => set({ clipId }),
  stop: () => set({ clipId: null }),
}));

/** Whether the preview should draw `clipId` without its key right now. */
export const keyPaused = (clipId: string): boolean => useKeyPicker.getState().clipId === clipId;
