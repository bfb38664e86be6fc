import type { CanvasPreset, Fps } from '../../../electron/model/draft';
import type { DraftSummary } from '../../../electron/model/draft-record';
import type { ImageCanvas } from '../../../electron/model/image-draft';
import { call, errorText } from '../api/client';
import { t, tn } from '../i18n';
import type { SliceCreator } from './types';

type DraftKind = DraftSummary['kind'];

export type LibraryView = 'assets' | 'drafts';

export type DraftsSlice = {
  libraryView: LibraryView;
  /**
   * The room the Drafts list is shown in: the Editor's when the editor's back arrow (or the rail's Editor with no
   * draft open) brought it, the Library's when its Media ↔ Drafts switch did. The rail highlights that room (a new
   * user's walk: after Editor → its Drafts list, the rail highlighted Library).
   */
  draftsRoom: 'library' | 'editor';
  drafts: DraftSummary[];
  /** Showing drafts in the Trash instead of the live ones. */
  draftsTrashed: boolean;
  draftsLoaded: boolean;
  draftsError: string | null;
  /** The draft the Editor shows; null opens the drafts list instead. */
  openDraftId: string | null;
  /** Which editor shows it: the video editor or the image editor. */
  openDraftKind: DraftKind;
  setLibraryView: (v: LibraryView, room?: 'library' | 'editor') => void;
  setDraftsTrashed: (trashed: boolean) => void;
  loadDrafts: () => Promise<void>;
  createDraft: (preset: CanvasPreset, fps: Fps, name?: string) => Promise<void>;
  /** A new image post (or carousel) on a canvas, opened in the image editor; resolves with its id. */
  createImageDraft: (canvas: ImageCanvas, name?: string, prepare?: (id: string) => Promise<void>) => Promise<string | null>;
  openDraft: (id: string, kind?: DraftKind) => void;
  /** Rail "Editor": the last draft opened, or the drafts list when there is none. */
  openEditor: () => void;
  renameDraft: (id: string, name: string) => Promise<boolean>;
  duplicateDraft: (id: string) => Promise<void>;
  trashDrafts: (ids: string[]) => Promise<void>;
  restoreDrafts: (ids: string[]) => Promise<void>;
  /** Another library was opened: its drafts are not this library's. */
  closeDraftForLibraryChange: () => void;
};

const LAST_DRAFT_KEY = 'postframe.lastDraft';
const LAST_DRAFT_KIND_KEY = 'postframe.lastDraftKind';

function readLastDraft(): string | null {
  try {
    return window.localStorage.getItem(LAST_DRAFT_KEY);
  } catch {
    return null;
  }
}

function readLastDraftKind(): DraftKind {
  try {
    return window.localStorage.getItem(LAST_DRAFT_KIND_KEY) === 'image' ? 'image' : 'video';
  } catch {
    return 'video';
  }
}

function writeLastDraft(id: string | null, kind: DraftKind = 'video'): void {
  try {
    if (id) {
      window.localStorage.setItem(LAST_DRAFT_KEY, id);
      window.localStorage.setItem(LAST_DRAFT_KIND_KEY, kind);
    } else window.localStorage.removeItem(LAST_DRAFT_KEY);
  } catch {
    // Private mode: the Editor rail item then opens the drafts list, which is still correct.
  }
}

let listSeq = 0;

export const createDraftsSlice: SliceCreator<DraftsSlice> = (set, get) => ({
  libraryView: 'assets',
  draftsRoom: 'library',
  drafts: [],
  draftsTrashed: false,
  draftsLoaded: false,
  draftsError: null,
  openDraftId: null,
  openDraftKind: 'video',

  setLibraryView: (libraryView, room = 'library') => {
    set({ libraryView, draftsRoom: room });
    if (libraryView === 'drafts') void get().loadDrafts();
  },
  setDraftsTrashed: (draftsTrashed) => {
    set({ draftsTrashed, draftsLoaded: false });
    void get().loadDrafts();
  },

  loadDrafts: async () => {
    const seq = ++listSeq;
    const trashed = get().draftsTrashed;
    try {
      const drafts = await call('drafts.list', { trashed });
      // An older answer (the Trash toggle changed meanwhile) must not overwrite a newer one.
      if (seq === listSeq) set({ drafts, draftsLoaded: true, draftsError: null });
    } catch (e) {
      if (seq === listSeq) set({ draftsError: errorText(e), draftsLoaded: true });
    }
  },

  createDraft: async (preset, fps, name) => {
    try {
      const record = await call('drafts.create', { kind: 'video', preset, fps, ...(name ? { name } : {}) });
      get().openDraft(record.id);
    } catch (e) {
      get().showToast({ message: errorText(e), tone: 'error' });
    }
  },

  createImageDraft: async (canvas, name, prepare) => {
    try {
      const record = await call('drafts.create', { kind: 'image', canvas, ...(name ? { name } : {}) });
      // Anything placed on the new draft (the Library's selected photos) is saved before the editor opens it.
      if (prepare) await prepare(record.id);
      get().openDraft(record.id, 'image');
      return record.id;
    } catch (e) {
      get().showToast({ message: errorText(e), tone: 'error' });
      return null;
    }
  },

  openDraft: (id, kind = 'video') => {
    writeLastDraft(id, kind);
    set({ openDraftId: id, openDraftKind: kind, screen: 'editor' });
  },

  openEditor: () => {
    const open = get().openDraftId;
    const id = open ?? readLastDraft();
    if (id) {
      set({ openDraftId: id, openDraftKind: open ? get().openDraftKind : readLastDraftKind(), screen: 'editor' });
    } else {
      set({ screen: 'library', libraryView: 'drafts', draftsRoom: 'editor' });
      void get().loadDrafts();
    }
  },

  renameDraft: async (id, name) => {
    try {
      const summary = await call('drafts.rename', { id, name });
      set((s) => ({ drafts: s.drafts.map((d) => (d.id === id ? summary : d)) }));
      return true;
    } catch (e) {
      get().showToast({ message: errorText(e), tone: 'error' });
      return false;
    }
  },

  duplicateDraft: async (id) => {
    try {
      const copy = await call('drafts.duplicate', { id });
      get().showToast({ message: t('drafts.duplicated', { name: copy.doc.name }), tone: 'success' });
      void get().loadDrafts();
    } catch (e) {
      get().showToast({ message: errorText(e), tone: 'error' });
    }
  },

  trashDrafts: async (ids) => {
    try {
      const { count } = await call('drafts.trash', { ids });
      if (ids.includes(get().openDraftId ?? '') || ids.includes(readLastDraft() ?? '')) {
        writeLastDraft(null);
        set({ openDraftId: null });
      }
      get().showToast({ message: tn('toast.trashed', count), action: { label: t('action.undo'), run: () => void get().restoreDrafts(ids) } });
      void get().loadDrafts();
    } catch (e) {
      get().showToast({ message: errorText(e), tone: 'error' });
    }
  },

  closeDraftForLibraryChange: () => {
    writeLastDraft(null);
    set((s) => ({ openDraftId: null, drafts: [], draftsLoaded: false, screen: s.screen === 'editor' ? 'library' : s.screen }));
    if (get().libraryView === 'drafts') void get().loadDrafts();
  },

  restoreDrafts: async (ids) => {
    try {
      const { count } = await call('drafts.restore', { ids });
      get().showToast({ message: tn('toast.restored', count), tone: 'success' });
      void get().loadDrafts();
    } catch (e) {
      get().showToast({ message: errorText(e), tone: 'error' });
    }
  },
});
