import { create } from 'zustand';

/** Whether the "New from template" picker is open; any screen opens it (drafts list, image editor, Library). */
export const useTemplatePicker = create<{ open: boolean; show: () => void; hide: () => void }>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
