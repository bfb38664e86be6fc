import { call, errorText } from '../api/client';
import { assetAt, queryFilters } from './librarySlice';
import type { SliceCreator } from './types';

export type SelectionSlice = {
  selected: ReadonlySet<string>;
  /** Index where a shift-range starts (the last plain or toggling click). */
  anchor: number | null;
  /** Index of the keyboard focus in the grid (the active descendant). */
  focus: number;
  /** The asset shown in the detail panel. */
  detailId: string | null;
  selectOnly: (index: number, id: string) => void;
  toggle: (index: number, id: string) => void;
  /** Selects anchor..index (added to the current selection when `additive`). */
  selectRange: (index: number, additive: boolean) => Promise<void>;
  /** Moves the keyboard focus without touching the selection. */
  setFocus: (index: number) => void;
  /** Keyboard: moves the focus, selecting it, or extending from the anchor. */
  moveFocus: (index: number, extend: boolean) => Promise<void>;
  selectAll: () => Promise<void>;
  clearSelection: () => void;
  dropFromSelection: (ids: string[]) => void;
  openDetail: (id: string | null) => void;
};

let rangeSeq = 0;

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selected: new Set(),
  anchor: null,
  focus: 0,
  detailId: null,

  selectOnly: (index, id) =>
    set((s) => ({ selected: new Set([id]), anchor: index, focus: index, detailId: s.detailId ? id : null })),

  toggle: (index, id) =>
    set((s) => {
      const next = new Set(s.selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { selected: next, anchor: index, focus: index };
    }),

  selectRange: async (index, additive) => {
    const seq = ++rangeSeq;
    const anchor = get().anchor ?? index;
    set({ focus: index });
    const items = await get().loadRange(anchor, index);
    if (seq !== rangeSeq) return; // a newer click or key press won
    set((s) => {
      const next = new Set(additive ? s.selected : []);
      for (const a of items) next.add(a.id);
      return { selected: next, anchor };
    });
  },

  setFocus: (index) => {
    const total = get().total ?? 0;
    set({ focus: Math.max(0, Math.min(Math.max(0, total - 1), index)) });
  },

  moveFocus: async (index, extend) => {
    const { total } = get();
    if (total === null || total === 0) return;
    const clamped = Math.max(0, Math.min(total - 1, index));
    if (extend) return get().selectRange(clamped, false);
    const seq = ++rangeSeq;
    set({ focus: clamped });
    const asset = assetAt(get(), clamped) ?? (await get().loadRange(clamped, clamped))[0];
    if (!asset || seq !== rangeSeq) return;
    set((s) => ({ selected: new Set([asset.id]), anchor: clamped, detailId: s.detailId ? asset.id : null }));
  },

  selectAll: async () => {
    const { query } = get();
    try {
      const ids = await call('assets.ids', queryFilters(query));
      set({ selected: new Set(ids) });
    } catch (e) {
      get().showToast({ message: errorText(e), tone: 'error' });
    }
  },

  clearSelection: () => {
    rangeSeq++;
    set((s) => (s.selected.size === 0 && s.anchor === null ? s : { selected: new Set(), anchor: null }));
  },

  dropFromSelection: (ids) =>
    set((s) => {
      if (!ids.some((id) => s.selected.has(id))) return s;
      const next = new Set(s.selected);
      for (const id of ids) next.delete(id);
      return { selected: next };
    }),

  openDetail: (detailId) => set({ detailId }),
});
