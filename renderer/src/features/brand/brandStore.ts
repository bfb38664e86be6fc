import { create } from 'zustand';
import type { BrandKit, BrandKitContent } from '../../../../electron/model/brand-kit';
import { can } from '../../../../electron/model/permissions';
import type { User } from '../../../../electron/model/post';
import { call, errorText, shell } from '../../api/client';
import { stageFile } from '../../api/importFiles';
import { finishedJob } from '../../api/jobs';
import { kitFileUrl } from '../../api/media';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { useMeStore } from '../../store/meStore';
import { KitSession, type KitSessionState } from './kitSession';

/**
 * The Brand room's state: the library's kits, who is working (the signed-in user: only `kits.edit`
 * holders may change kits, model/permissions.ts), and the one kit open in the editor (a KitSession with its
 * undo history and autosave). Calls go through the typed client; the engine checks the rights again.
 */
type BrandState = {
  kits: BrandKit[];
  loaded: boolean;
  loadError: string | null;
  actor: User | null;
  canEdit: boolean;
  selectedId: string | null;
  open: KitSessionState | null;
  busy: boolean;
  load: () => Promise<void>;
  select: (id: string | null) => Promise<void>;
  createKit: (name: string) => Promise<boolean>;
  duplicate: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  setDefault: (id: string) => Promise<void>;
  exportKit: (id: string) => Promise<void>;
  importKit: (file: File) => Promise<void>;
  edit: (change: (c: BrandKitContent) => BrandKitContent, key?: string) => void;
  undo: () => void;
  redo: () => void;
  reload: () => Promise<void>;
  kitsChanged: (reason: string, ids: string[]) => Promise<void>;
  leave: () => Promise<void>;
};

let session: KitSession | null = null;

const toastError = (e: unknown) => useStore.getState().showToast({ message: errorText(e), tone: 'error' });

export const useBrand = create<BrandState>((set, get) => {
  /** Opens `kit` in the editor, after saving what the previous one had unsaved. */
  const openKit = async (kit: BrandKit | null) => {
    if (session && session.id !== kit?.id) {
      const old = session;
      session = null;
      await old.flush();
      old.dispose();
    }
    if (!kit) {
      set({ selectedId: null, open: null });
      return;
    }
    if (session?.id === kit.id) {
      // Back in the room with the same kit: take over what others saved while the room was closed.
      set({ selectedId: kit.id, open: session.state() });
      await session.external();
      return;
    }
    session = new KitSession(kit, {
      update: (id, baseUpdatedAt, content) => call('kits.update', { id, baseUpdatedAt, content }),
      fetch: (id) => call('kits.get', { id }),
      onChange: (s) => {
        if (session?.id !== s.kit.id) return;
        // The list shows the saved kit (its badge, its updatedAt) with the name as it is being typed.
        set((st) => ({ open: s, kits: st.kits.map((k) => (k.id === s.kit.id ? { ...s.kit, name: s.content.name } : k)) }));
      },
    });
    set({ selectedId: kit.id, open: session.state() });
  };

  return {
    kits: [],
    loaded: false,
    loadError: null,
    actor: null,
    canEdit: false,
    selectedId: null,
    open: null,
    busy: false,

    async load() {
      try {
        const [kits] = await Promise.all([call('kits.list', {}), useMeStore.getState().refresh()]);
        const actor = useMeStore.getState().me;
        set({ kits, actor, canEdit: actor !== null && can(actor.role, 'kits.edit'), loaded: true, loadError: null });
        const keep = kits.find((k) => k.id === get().selectedId) ?? kits.find((k) => k.isDefault) ?? kits[0] ?? null;
        await openKit(keep);
      } catch (e) {
        set({ loadError: errorText(e), loaded: true });
      }
    },

    async select(id) {
      await openKit(get().kits.find((k) => k.id === id) ?? null);
    },

    async createKit(name) {
      set({ busy: true });
      try {
        const kit = await call('kits.create', { name });
        set((s) => ({ kits: [...s.kits.filter((k) => k.id !== kit.id), kit] }));
        await openKit(kit);
        useStore.getState().showToast({ message: t('brand.created', { name: kit.name }), tone: 'success' });
        return true;
      } catch (e) {
        toastError(e);
        return false;
      } finally {
        set({ busy: false });
      }
    },

    async duplicate(id) {
      set({ busy: true });
      try {
        await session?.flush();
        const kit = await call('kits.duplicate', { id });
        set((s) => ({ kits: [...s.kits.filter((k) => k.id !== kit.id), kit] }));
        await openKit(kit);
        useStore.getState().showToast({ message: t('brand.duplicated', { name: kit.name }), tone: 'success' });
      } catch (e) {
        toastError(e);
      } finally {
        set({ busy: false });
      }
    },

    async remove(id) {
      set({ busy: true });
      try {
        const name = get().kits.find((k) => k.id === id)?.name ?? '';
        if (session?.id === id) {
          session.dispose();
          session = null;
          set({ open: null, selectedId: null });
        }
        await call('kits.delete', { id });
        const kits = await call('kits.list', {});
        set({ kits });
        await openKit(kits.find((k) => k.isDefault) ?? kits[0] ?? null);
        useStore.getState().showToast({ message: t('brand.deleted', { name }), tone: 'success' });
      } catch (e) {
        toastError(e);
        await get().load();
      } finally {
        set({ busy: false });
      }
    },

    async setDefault(id) {
      try {
        await call('kits.setDefault', { id });
        set({ kits: await call('kits.list', {}) });
      } catch (e) {
        toastError(e);
      }
    },

    async exportKit(id) {
      set({ busy: true });
      try {
        await session?.flush();
        const out = await call('kits.export', { id });
        if (shell === 'browser') {
          // The host wrote it into the library's exports/kits/: the browser downloads it from there.
          const a = document.createElement('a');
          a.href = kitFileUrl(out.fileName);
          a.download = out.fileName;
          a.click();
          useStore.getState().showToast({ message: t('brand.exported', { file: out.fileName }), tone: 'success' });
        } else {
          useStore.getState().showToast({ message: t('brand.exportedTo', { path: out.path }), tone: 'success' });
        }
      } catch (e) {
        toastError(e);
      } finally {
        set({ busy: false });
      }
    },

    async importKit(file) {
      set({ busy: true });
      try {
        // A job (progress and Cancel in the Jobs list): a kit with long intro/outro clips takes a while.
        const { jobId } = await call('kits.importStart', { ...(await stageFile(file)) });
        const job = await finishedJob(jobId);
        if (job.status === 'cancelled') return;
        if (job.status !== 'done' || job.result?.kind !== 'kit-import') throw new Error(job.error ?? t('brand.importFailed', { name: file.name }));
        const kit = await call('kits.get', { id: job.result.kitId });
        set((s) => ({ kits: [...s.kits.filter((k) => k.id !== kit.id), kit] }));
        await openKit(kit);
        useStore.getState().showToast({ message: t('brand.imported', { name: kit.name }), tone: 'success' });
      } catch (e) {
        toastError(e);
      } finally {
        set({ busy: false });
      }
    },

    edit(change, key) {
      if (get().canEdit) session?.edit(change, key);
    },
    undo() {
      if (get().canEdit) session?.undo();
    },
    redo() {
      if (get().canEdit) session?.redo();
    },
    async reload() {
      try {
        await session?.reload();
      } catch (e) {
        toastError(e);
      }
    },

    async kitsChanged(reason, ids) {
      try {
        const kits = await call('kits.list', {});
        const current = get().selectedId;
        // Keep the open kit's live name in the list; the rest as the engine has them.
        set((s) => ({ kits: kits.map((k) => (k.id === current && s.open ? { ...k, name: s.open.content.name } : k)) }));
        if (current && !kits.some((k) => k.id === current)) await openKit(kits.find((k) => k.isDefault) ?? kits[0] ?? null);
        else if (current && ids.includes(current) && reason !== 'default') await session?.external();
        else if (!current && kits.length) await openKit(kits.find((k) => k.isDefault) ?? kits[0]!);
      } catch {
        // The connection is down: the banner says so, and the next event or visit reloads.
      }
    },

    async leave() {
      await session?.flush();
    },
  };
});
