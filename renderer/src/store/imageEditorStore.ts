import { temporal } from 'zundo';
import { create } from 'zustand';
import type { AssetSummary } from '../../../electron/model/asset';
import type { ImageDraft } from '../../../electron/model/image-draft';
import type { DraftRecord } from '../../../electron/model/draft-record';
import { findPage, type ImageEditResult, type TextHeights } from '../../../electron/model/image-edit';
import { asTemplateAdmin, movableBy } from '../../../electron/model/image-template-edit';
import { applyCropSession, setCropRatio, startCropSession, type CropSession } from '../../../electron/model/image-crop-canvas';
import { cropAspects } from '../../../electron/model/image-crop';
import { t } from '../i18n';
import { can } from '../../../electron/model/permissions';
import type { User } from '../../../electron/model/post';
import type { Guide } from '../../../electron/model/image-transform';
import { ApiError, call, errorText } from '../api/client';
import { createAutosave, type Autosave, type AutosaveStatus, type SaveOutcome } from './autosave';
import { createHistoryGate } from './history';
import { useStore } from './index';

/**
 * The image editor's store, shaped like the video editor's (editorStore.ts): its own zustand store so zundo's
 * history holds ONLY the document, edits go through pure functions (model/image-edit.ts) with a history key
 * for gestures, and autosave saves revisions through drafts.save with the revision the edit started from.
 */
export type ImageEditorState = {
  draftId: string | null;
  revision: number;
  doc: ImageDraft | null;
  loadError: string | null;
  /** The page shown on the canvas. */
  pageId: string | null;
  /** Selected layer ids on that page. */
  selection: string[];
  /** Snap guides of the drag in progress (canvas pixels). */
  guides: Guide[];
  /** Heights of text layers as rasterised (canvas pixels), so their boxes fit the text. */
  textHeights: TextHeights;
  /** The text layer being typed into on the canvas (double-click). */
  editingTextId: string | null;
  saveStatus: AutosaveStatus;
  /** The library pictures the draft shows (for their size and kind). */
  assets: Record<string, AssetSummary>;
  /** The profile acting (the Queue's switcher): saves carry its id, so the engine can let an admin change a template's locked elements. */
  actor: Pick<User, 'id' | 'role'> | null;
  /** The actor may change a template's locked elements (model/permissions.ts 'templates.edit'). */
  templateAdmin: boolean;
  /** Crop on the canvas in progress (model/image-crop-canvas.ts): not in the document until applied, as one step. */
  crop: CropSession | null;
  /** The shortcut sheet (`?`). */
  shortcutsOpen: boolean;

  load: (id: string) => Promise<void>;
  close: () => Promise<void>;
  /** Applies one edit; `key` folds a gesture into one undo step (`sticky`: however long it pauses). */
  edit: (fn: (doc: ImageDraft) => ImageEditResult, opts?: { key?: string | null; sticky?: boolean; quiet?: boolean; select?: boolean; raw?: boolean }) => ImageEditResult | null;
  select: (ids: string[]) => void;
  setPage: (id: string) => void;
  setGuides: (g: Guide[]) => void;
  setTextHeight: (id: string, h: number) => void;
  setEditingText: (id: string | null) => void;
  addAsset: (a: AssetSummary) => void;
  setActor: (a: Pick<User, 'id' | 'role'> | null) => void;
  /** Starts cropping a photo layer on the canvas (the selected one when no id); false with a message when it cannot. */
  startCrop: (layerId?: string) => boolean;
  updateCrop: (fn: (s: CropSession) => CropSession) => void;
  /** Ends the crop session: its result becomes one undo step (nothing when it changed nothing). */
  applyCrop: () => void;
  cancelCrop: () => void;
  setShortcutsOpen: (open: boolean) => void;
  flush: () => Promise<void>;
  reloadSaved: () => Promise<void>;
  keepMine: () => Promise<void>;
  /** Version history: an earlier version the engine restored (a new revision) becomes the document as one undo step, unsaved (editorStore.ts). */
  adoptRestored: (record: DraftRecord) => void;
};

export const IMAGE_HISTORY_LIMIT = 200;

const gate = createHistoryGate(600);
let pendingKey: string | null = null;
let pendingSticky = false;
let autosave: Autosave | null = null;
let replacing = false;
/** True while a restored version comes in: an undo step, but already saved by the engine. */
let adopting = false;
/** The crop session as it started: applying it unchanged is no edit (the stored crop may differ from what shows). */
let cropStart: CropSession | null = null;

const suffix = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10));
export const imageIdFor = (prefix: string): string => `${prefix}-${suffix()}`;

export const useImageEditor = create<ImageEditorState>()(
  temporal(
    (set, get) => {
      async function save(): Promise<SaveOutcome> {
        const { draftId, revision, doc } = get();
        if (!draftId || !doc) return 'saved';
        try {
          const res = await call('drafts.save', { id: draftId, baseRevision: revision, doc });
          if (get().draftId === draftId) set({ revision: res.revision });
          return 'saved';
        } catch (e) {
          if (e instanceof ApiError && e.code === 'conflict') return 'conflict';
          if (e instanceof ApiError && e.code !== 'library_unavailable' && e.code !== 'internal') {
            useStore.getState().showToast({ message: errorText(e), tone: 'error' });
          }
          return 'offline';
        }
      }

      function replaceDoc(patch: Partial<ImageEditorState>): void {
        replacing = true;
        set(patch);
        replacing = false;
        useImageEditor.temporal.getState().clear();
        gate.reset();
      }

      const ensureAssets = async (doc: ImageDraft) => {
        const ids = new Set<string>();
        for (const p of doc.pages) {
          if (p.background.type === 'photo') ids.add(p.background.assetId);
          for (const l of p.layers) if (l.type === 'media') ids.add(l.assetId);
        }
        const missing = [...ids].filter((id) => !get().assets[id]);
        const found = await Promise.all(missing.map((id) => call('assets.get', { id }).catch(() => null)));
        set((s) => {
          const assets = { ...s.assets };
          for (const a of found) if (a) assets[a.id] = a;
          return { assets };
        });
      };

      return {
        draftId: null,
        revision: 0,
        doc: null,
        loadError: null,
        pageId: null,
        selection: [],
        guides: [],
        textHeights: {},
        editingTextId: null,
        saveStatus: 'saved',
        assets: {},
        actor: null,
        templateAdmin: false,
        crop: null,
        shortcutsOpen: false,

        load: async (id) => {
          if (get().draftId === id && get().doc) return;
          await get().close();
          replaceDoc({ draftId: id, doc: null, loadError: null, selection: [], pageId: null, saveStatus: 'saved', editingTextId: null });
          try {
            const record = await call('drafts.get', { id });
            if (get().draftId !== id) return;
            if (record.doc.kind !== 'image') throw new Error('This is a video draft; open it in the video editor.');
            autosave = createAutosave({ save, onStatus: (saveStatus) => set({ saveStatus }) });
            replaceDoc({ doc: record.doc, revision: record.revision, pageId: record.doc.pages[0]!.id });
            void ensureAssets(record.doc);
          } catch (e) {
            if (get().draftId === id) set({ loadError: errorText(e) });
          }
        },

        close: async () => {
          const a = autosave;
          if (a) {
            await a.flush();
            a.dispose();
          }
          autosave = null;
          replaceDoc({ draftId: null, doc: null, selection: [], pageId: null, guides: [], editingTextId: null });
        },

        edit: (fn, opts = {}) => {
          const doc = get().doc;
          if (!doc) return null;
          // An admin's edits may change a template's locked elements (the engine checks again on save).
          const result = (get().templateAdmin && !opts.raw ? asTemplateAdmin(fn) : fn)(doc);
          if (!result.ok) {
            if (!opts.quiet) useStore.getState().showToast({ message: result.message, tone: 'error' });
            return result;
          }
          if (opts.select !== false) {
            // Page edits select a page (the one to show); layer edits select layers.
            const pageSel = result.selection.length === 1 && result.doc.pages.some((p) => p.id === result.selection[0]);
            if (pageSel) set({ pageId: result.selection[0]!, selection: [] });
            else set({ selection: result.selection });
          }
          if (result.doc === doc) return result;
          pendingKey = opts.key ?? null;
          pendingSticky = opts.sticky === true;
          const pageId = get().pageId;
          set({ doc: result.doc, ...(pageId && !findPage(result.doc, pageId) ? { pageId: result.doc.pages[0]!.id, selection: [] } : {}) });
          pendingKey = null;
          pendingSticky = false;
          void ensureAssets(result.doc);
          return result;
        },

        select: (selection) => set((s) => (s.selection.length === selection.length && s.selection.every((id, i) => id === selection[i]) ? s : { selection })),
        setPage: (pageId) => set({ pageId, selection: [], editingTextId: null, crop: null }),
        setGuides: (guides) => set((s) => (s.guides.length === 0 && guides.length === 0 ? s : { guides })),
        setTextHeight: (id, h) => set((s) => (s.textHeights[id] === h ? s : { textHeights: { ...s.textHeights, [id]: h } })),
        setEditingText: (editingTextId) => set({ editingTextId }),
        addAsset: (a) => set((s) => ({ assets: { ...s.assets, [a.id]: a } })),
        setActor: (actor) => set({ actor, templateAdmin: actor !== null && can(actor.role, 'templates.edit') }),

        startCrop: (layerId) => {
          const { doc, pageId, selection, assets, templateAdmin } = get();
          const page = doc && pageId ? findPage(doc, pageId) : null;
          const id = layerId ?? (selection.length === 1 ? selection[0] : undefined);
          const layer = page?.layers.find((l) => l.id === id);
          if (!page || !layer || layer.type !== 'media') {
            useStore.getState().showToast({ message: t('imageEditor.cropPickPhoto'), tone: 'info' });
            return false;
          }
          if (!movableBy(layer, templateAdmin)) {
            useStore.getState().showToast({ message: layer.locked ? t('imageEditor.cropLocked') : t('imageEditor.templateLockedTry'), tone: 'info' });
            return false;
          }
          const asset = assets[layer.assetId];
          if (!asset?.width || !asset.height) {
            useStore.getState().showToast({ message: t('imageEditor.cropNoSize'), tone: 'error' });
            return false;
          }
          const source = { width: asset.width, height: asset.height };
          let session = startCropSession(page.id, layer, doc!.canvas, source, null);
          // What shows already has a channel aspect: hold it (free otherwise).
          const r = session.crop.width / session.crop.height;
          const aspect = cropAspects.find((a) => Math.abs(a.ratio - r) / a.ratio < 0.005);
          if (aspect) session = setCropRatio(session, aspect.ratio);
          cropStart = session;
          set({ crop: session, selection: [layer.id], editingTextId: null, guides: [] });
          return true;
        },
        updateCrop: (fn) => set((st) => (st.crop ? { crop: fn(st.crop) } : st)),
        applyCrop: () => {
          const session = get().crop;
          if (!session) return;
          set({ crop: null });
          const changed = session !== cropStart;
          cropStart = null;
          if (changed) get().edit((d) => applyCropSession(d, session), { key: null, select: false });
        },
        cancelCrop: () => {
          cropStart = null;
          set({ crop: null });
        },
        setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),

        flush: async () => {
          await autosave?.flush();
        },

        reloadSaved: async () => {
          const id = get().draftId;
          if (!id) return;
          const record = await call('drafts.get', { id });
          if (record.doc.kind !== 'image') return;
          replaceDoc({ doc: record.doc, revision: record.revision, selection: [], pageId: record.doc.pages[0]!.id });
          autosave?.dispose();
          autosave = createAutosave({ save, onStatus: (saveStatus) => set({ saveStatus }) });
          set({ saveStatus: 'saved' });
        },

        keepMine: async () => {
          const id = get().draftId;
          if (!id) return;
          const record = await call('drafts.get', { id });
          set({ revision: record.revision });
          autosave?.resume();
        },

        adoptRestored: (record) => {
          if (record.doc.kind !== 'image' || record.id !== get().draftId || !get().doc) return;
          gate.reset();
          adopting = true;
          set({ doc: record.doc, revision: record.revision, selection: [], editingTextId: null, crop: null, guides: [] });
          adopting = false;
          gate.reset();
          void ensureAssets(record.doc);
        },
      };
    },
    {
      partialize: (s): { doc: ImageDraft | null } => ({ doc: s.doc }),
      equality: (a, b) => a.doc === b.doc,
      limit: IMAGE_HISTORY_LIMIT,
      handleSet: (handleSet) => (pastState, replace, currentState, deltaState) => {
        if (replacing) return;
        if (!gate.shouldRecord(pendingKey, { sticky: pendingSticky })) return;
        (handleSet as (...args: unknown[]) => void)(pastState, replace, currentState, deltaState);
      },
    },
  ),
);

useImageEditor.subscribe((s, prev) => {
  if (s.doc !== prev.doc && s.doc && prev.doc && !replacing && !adopting && s.draftId === prev.draftId) autosave?.changed();
  // A crop session is of the document it started on: an undo, a reload or another window's change ends it.
  if (s.crop && s.doc !== prev.doc) useImageEditor.setState({ crop: null });
  // An undo can take away the page or the layers shown: fall back to what is there.
  if (s.doc && s.doc !== prev.doc) {
    const page = s.pageId ? findPage(s.doc, s.pageId) : null;
    if (!page) useImageEditor.setState({ pageId: s.doc.pages[0]!.id, selection: [] });
    else if (s.selection.some((id) => !page.layers.some((l) => l.id === id))) useImageEditor.setState({ selection: s.selection.filter((id) => page.layers.some((l) => l.id === id)) });
  }
});

// As in the video editor: an undo or redo ends any burst, so the next edit is its own step.
export function undoImage(): void {
  gate.reset();
  useImageEditor.temporal.getState().undo();
}
export function redoImage(): void {
  gate.reset();
  useImageEditor.temporal.getState().redo();
}
export function flushImageEditor(): Promise<void> {
  return useImageEditor.getState().flush();
}
