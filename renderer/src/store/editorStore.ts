import { temporal } from 'zundo';
import { create } from 'zustand';
import type { Asset } from '../../../electron/model/asset';
import type { VideoDraft } from '../../../electron/model/draft';
import type { DraftRecord } from '../../../electron/model/draft-record';
import { ApiError, call, errorText } from '../api/client';
import { createAutosave, type Autosave, type AutosaveStatus, type SaveOutcome } from './autosave';
import { createHistoryGate } from './history';
import { clampPlayhead, type EditResult, type SourceInfo } from '../../../electron/model/timeline';
import { useStore } from './index';

/**
 * The editor's store. Its own zustand store (not a slice of the app store) because zundo's `temporal` wraps a
 * whole store: history here holds ONLY the draft document (`partialize`), never selection, playhead or zoom,
 * so undo never "undoes" a click. Every document change goes through `edit(fn)` with a pure timeline function
 * from electron/model/timeline.ts; drags pass a `key` so the history gate folds them into one step.
 */
export type SafeZone = 'off' | 'tiktok' | 'reels' | 'shorts';
export type CueFocus = { trackId: string; cueId: string };
/**
 * A title just added that takes the keyboard at once (docs/timeline.md, "Titles"): its words are typed in place on
 * the preview when it shows there, else in the Inspector's Words box. Whoever shows that place takes it.
 */
export type TextEntry = { clipId: string; where: 'preview' | 'inspector'; seq: number };

export type EditorState = {
  draftId: string | null;
  revision: number;
  doc: VideoDraft | null;
  loadError: string | null;
  selection: string[];
  /** Seconds, within [0, the draft's last frame] (setPlayhead clamps; an edit that shortens the draft pulls it back). */
  playhead: number;
  playing: boolean;
  /**
   * The shuttle's speed while playing (L: 1, 2 or 4; preview/shuttleLogic.ts); every play starts at 1 (setPlaying),
   * so only L while playing changes it. Not in the history.
   */
  shuttleRate: number;
  /** Timeline zoom in pixels per second. */
  pxPerSec: number;
  snapping: boolean;
  /** Time the current drag snapped to, drawn as a guide line. */
  snapLine: number | null;
  /** A clip the timeline should scroll into view (a command placed it); `seq` repeats a request for the same clip. */
  reveal: { clipId: string; seq: number } | null;
  safeZone: SafeZone;
  /**
   * The caption cue being worked on (the cue list and the timeline's caption row share it), or null. Not in the
   * history, like the clip selection; an edit that removes the cue leaves a stale focus that readers ignore.
   */
  cueFocus: CueFocus | null;
  /** A title waiting for its words (see TextEntry); not in the history. */
  textEntry: TextEntry | null;
  /** Words being typed on the preview into a title, not yet kept (the Inspector shows them); not in the history. */
  typing: { clipId: string; text: string } | null;
  /** The clip the preview shows without its look while Compare is held (LookSection, the \ key); not in the history. */
  comparing: string | null;
  shortcutsOpen: boolean;
  saveStatus: AutosaveStatus;
  /** Full asset records for the clips in the draft (facts for placement, waveform availability). */
  assets: Record<string, Asset>;

  load: (id: string) => Promise<void>;
  close: () => Promise<void>;
  /**
   * Applies one timeline edit (a pure function from electron/model/timeline.ts). `key` groups a burst (drag,
   * slider) into one undo step (`sticky`: a pointer gesture, one step however long it pauses). A refused edit
   * changes nothing and, unless `quiet`, says why in a toast.
   */
  edit: (fn: (doc: VideoDraft) => EditResult, opts?: { key?: string | null; quiet?: boolean; sticky?: boolean }) => EditResult | null;
  /** What the timeline functions need to know about the assets in the draft. */
  sourceInfo: SourceInfo;
  select: (ids: string[]) => void;
  /** Selects a clip a command just placed and asks the timeline to scroll it into view. */
  selectAndReveal: (clipId: string) => void;
  setPlayhead: (t: number) => void;
  setPlaying: (p: boolean) => void;
  /** The shuttle's speed for the play under way (L/J while playing). */
  setShuttleRate: (rate: number) => void;
  setZoom: (pxPerSec: number) => void;
  setSnapping: (on: boolean) => void;
  setSnapLine: (t: number | null) => void;
  setSafeZone: (z: SafeZone) => void;
  focusCue: (f: CueFocus | null) => void;
  askForWords: (clipId: string, where: TextEntry['where']) => void;
  /** Clears the request `seq` once its place has taken the keyboard (a newer request stays). */
  takeTextEntry: (seq: number) => void;
  setTyping: (typing: { clipId: string; text: string } | null) => void;
  setComparing: (clipId: string | null) => void;
  setShortcutsOpen: (open: boolean) => void;
  ensureAssets: (ids: string[]) => Promise<void>;
  /** Re-reads the records of those `ids` the editor holds (an asset changed: e.g. its preview proxy is ready). */
  refreshAssets: (ids: string[]) => Promise<void>;
  addAsset: (asset: Asset) => void;
  flush: () => Promise<void>;
  /** Conflict: reload the version saved elsewhere (drops local edits since the last save). */
  reloadSaved: () => Promise<void>;
  /** Conflict: keep this window's version, saving it over the newer one. */
  keepMine: () => Promise<void>;
  /**
   * Version history: the engine restored an earlier version as `record` (already saved, a new revision). It becomes
   * the document as ONE undo step (undo goes back to what was shown, and saves that as a new revision), unsaved.
   */
  adoptRestored: (record: DraftRecord) => void;
};

export const ZOOM_MIN = 8;
export const ZOOM_MAX = 600;
export const HISTORY_LIMIT = 200;

type DocState = { doc: VideoDraft | null };

const gate = createHistoryGate(600);
let pendingKey: string | null = null;
let pendingSticky = false;
let autosave: Autosave | null = null;
let textEntrySeq = 0;
/** True while a load replaces the document: that is not an edit and must not be saved or undone. */
let replacing = false;
/** True while a restored version comes in: an undo step, but already saved by the engine. */
let adopting = false;

const newIdSuffix = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
/** Fresh ids for new clips and tracks. */
export const idFor = (prefix: string): string => `${prefix}-${newIdSuffix()}`;

export const useEditor = create<EditorState>()(
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
            // The engine refused the document itself: say why; keep the edits and try again later.
            console.warn('[autosave]', errorText(e));
          }
          return 'offline';
        }
      }

      function replaceDoc(patch: Partial<EditorState>): void {
        replacing = true;
        set(patch);
        replacing = false;
        useEditor.temporal.getState().clear();
        gate.reset();
      }

      return {
        draftId: null,
        revision: 0,
        doc: null,
        loadError: null,
        selection: [],
        playhead: 0,
        playing: false,
        shuttleRate: 1,
        pxPerSec: 80,
        snapping: true,
        snapLine: null,
        reveal: null,
        safeZone: 'off',
        cueFocus: null,
        textEntry: null,
        typing: null,
        comparing: null,
        shortcutsOpen: false,
        saveStatus: 'saved',
        assets: {},

        load: async (id) => {
          if (get().draftId === id && get().doc) return;
          await get().close();
          replaceDoc({ draftId: id, doc: null, loadError: null, selection: [], cueFocus: null, textEntry: null, typing: null, comparing: null, playhead: 0, playing: false, saveStatus: 'saved' });
          try {
            const record = await call('drafts.get', { id });
            if (get().draftId !== id) return;
            if (record.doc.kind !== 'video') {
              // Opened from a place that did not know its kind (where-used, the last draft): the image editor shows it.
              replaceDoc({ draftId: null, doc: null });
              useStore.getState().openDraft(id, 'image');
              return;
            }
            autosave = createAutosave({ save, onStatus: (saveStatus) => set({ saveStatus }) });
            replaceDoc({ doc: record.doc, revision: record.revision });
            void get().ensureAssets(record.doc.tracks.flatMap((t) => t.clips.flatMap((c) => (c.type === 'media' ? [c.assetId] : []))));
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
          replaceDoc({ draftId: null, doc: null, selection: [], playing: false });
        },

        edit: (fn, opts = {}) => {
          const doc = get().doc;
          if (!doc) return null;
          const result = fn(doc);
          if (!result.ok) {
            if (!opts.quiet) useStore.getState().showToast({ message: result.message, tone: 'error' });
            return result;
          }
          if (result.draft === doc) return result;
          pendingKey = opts.key ?? null;
          pendingSticky = opts.sticky === true;
          set({ doc: result.draft });
          pendingKey = null;
          pendingSticky = false;
          return result;
        },

        sourceInfo: (assetId) => {
          const a = get().assets[assetId];
          return a ? { kind: a.kind, durationSec: a.durationSec } : null;
        },

        select: (selection) => set({ selection }),
        selectAndReveal: (clipId) => set((s) => ({ selection: [clipId], reveal: { clipId, seq: (s.reveal?.seq ?? 0) + 1 } })),
        // Never before 0 or past the draft's end, whoever moves it (playback, scrubbing, keys, seeks).
        setPlayhead: (t) => set({ playhead: clampPlayhead(t, get().doc) }),
        // Space, the Play button and L from rest play at 1×; a stop forgets a shuttle speed.
        setPlaying: (playing) => set({ playing, shuttleRate: 1 }),
        setShuttleRate: (shuttleRate) => set({ shuttleRate }),
        setZoom: (px) => set({ pxPerSec: Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, px)) }),
        setSnapping: (snapping) => set({ snapping }),
        setSnapLine: (snapLine) => set((s) => (s.snapLine === snapLine ? s : { snapLine })),
        setSafeZone: (safeZone) => set({ safeZone }),
        focusCue: (cueFocus) => set({ cueFocus }),
        askForWords: (clipId, where) => set({ textEntry: { clipId, where, seq: ++textEntrySeq } }),
        takeTextEntry: (seq) => set((s) => (s.textEntry?.seq === seq ? { textEntry: null } : s)),
        setTyping: (typing) => set({ typing }),
        setComparing: (comparing) => set({ comparing }),
        setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),

        addAsset: (asset) => set((s) => ({ assets: { ...s.assets, [asset.id]: asset } })),

        ensureAssets: async (ids) => {
          const missing = [...new Set(ids)].filter((id) => !get().assets[id]);
          if (missing.length === 0) return;
          const found = await Promise.all(missing.map((id) => call('assets.get', { id }).catch(() => null)));
          set((s) => {
            const assets = { ...s.assets };
            for (const a of found) if (a) assets[a.id] = a;
            return { assets };
          });
        },

        refreshAssets: async (ids) => {
          const held = [...new Set(ids)].filter((id) => get().assets[id]);
          if (held.length === 0) return;
          const found = await Promise.all(held.map((id) => call('assets.get', { id }).catch(() => null)));
          set((s) => {
            const assets = { ...s.assets };
            for (const a of found) if (a && assets[a.id]) assets[a.id] = a;
            return { assets };
          });
        },

        flush: async () => {
          await autosave?.flush();
        },

        reloadSaved: async () => {
          const id = get().draftId;
          if (!id) return;
          const record = await call('drafts.get', { id });
          if (record.doc.kind !== 'video') return;
          replaceDoc({ doc: record.doc, revision: record.revision, selection: [] });
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
          if (record.doc.kind !== 'video' || record.id !== get().draftId || !get().doc) return;
          gate.reset();
          adopting = true;
          set({ doc: record.doc, revision: record.revision, selection: [], cueFocus: null, textEntry: null, typing: null });
          adopting = false;
          gate.reset();
          void get().ensureAssets(record.doc.tracks.flatMap((t) => t.clips.flatMap((c) => (c.type === 'media' ? [c.assetId] : []))));
        },
      };
    },
    {
      partialize: (s): DocState => ({ doc: s.doc }),
      // Selection, playhead, zoom and save status change all the time: only a new document is a history step.
      equality: (a, b) => a.doc === b.doc,
      limit: HISTORY_LIMIT,
      handleSet: (handleSet) => (pastState, replace, currentState, deltaState) => {
        if (replacing) return;
        if (!gate.shouldRecord(pendingKey, { sticky: pendingSticky })) return;
        (handleSet as (...args: unknown[]) => void)(pastState, replace, currentState, deltaState);
      },
    },
  ),
);

// Any document change (an edit, an undo, a redo) is something to save; a load is not.
useEditor.subscribe((s, prev) => {
  if (s.doc !== prev.doc && s.doc && prev.doc && !replacing && !adopting && s.draftId === prev.draftId) autosave?.changed();
});

// A shorter draft (a trim, a delete, an undo, a load) pulls a playhead that is now past its last frame back to it.
useEditor.subscribe((s, prev) => {
  if (s.doc === prev.doc) return;
  const t = clampPlayhead(s.playhead, s.doc);
  if (t !== s.playhead) useEditor.setState({ playhead: t });
});

// An undo or redo ends any burst: the next edit is its own step even with the same key within the window
// (else it was not recorded, and a redo then brought back the undone document over it).
export function undo(): void {
  gate.reset();
  useEditor.temporal.getState().undo();
}
export function redo(): void {
  gate.reset();
  useEditor.temporal.getState().redo();
}

/** Save now (leaving the editor, closing the window). Starts the request synchronously when it can. */
export function flushEditor(): Promise<void> {
  return useEditor.getState().flush();
}
