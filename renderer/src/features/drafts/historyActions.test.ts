import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultTextStyle, newVideoDraft, type VideoDraft } from '../../../../electron/model/draft';
import { deleteClips, newTextClip } from '../../../../electron/model/timeline';

/** Version history against a fake engine: the open editor saves first, shows the restored version as one undo step. */
let seq = 0;
const idFor = (p: string) => `${p}-${++seq}`;
function withTitle(): VideoDraft {
  const d = newVideoDraft('Reel', '9:16', 30, idFor);
  const title = { ...newTextClip('hi', 0, idFor, defaultTextStyle), id: 'title', duration: 4 };
  return { ...d, tracks: d.tracks.map((t) => (t.kind === 'text' ? { ...t, clips: [title] } : t)) };
}
const original = withTitle();

const engine = vi.hoisted(() => ({
  revision: 1,
  saves: [] as { baseRevision: number; doc: unknown }[],
  saveFails: null as null | string,
  restoreFails: null as null | string,
}));

vi.mock('../../api/client', () => {
  class ApiError extends Error {
    constructor(
      public code: string,
      message: string,
    ) {
      super(message);
    }
  }
  return {
    ApiError,
    call: vi.fn(async (name: string, input: { baseRevision: number; doc: unknown; revision: number }) => {
      if (name === 'drafts.get') return { id: 'd1', revision: engine.revision, doc: original };
      if (name === 'drafts.save') {
        if (engine.saveFails) throw new ApiError(engine.saveFails, 'refused');
        engine.saves.push({ baseRevision: input.baseRevision, doc: input.doc });
        return { revision: ++engine.revision, updatedAt: '' };
      }
      if (name === 'drafts.restoreRevision') {
        if (engine.restoreFails) throw new ApiError('not_found', engine.restoreFails);
        return { id: 'd1', revision: ++engine.revision, createdAt: '', updatedAt: '', trashedAt: null, doc: original };
      }
      if (name === 'drafts.revisions') return [{ revision: engine.revision, savedAt: '', name: 'Reel', durationSec: 0, restoredFrom: null }];
      if (name === 'assets.get') throw new Error('none');
      if (name === 'jobs.list' || name === 'tags.list') return [];
      if (name === 'assets.list') return { items: [], total: 0 };
      throw new Error(`unexpected call ${name}`);
    }),
    errorText: (e: unknown) => (e instanceof Error ? e.message : String(e)),
    onEvent: () => () => undefined,
    onConnectionStatus: () => () => undefined,
    connectionStatus: () => 'open',
    getBridge: () => null,
    shell: 'browser',
  };
});

const { useEditor, undo, flushEditor } = await import('../../store/editorStore');
const { loadHistory, restoreDraftVersion } = await import('./historyActions');

const s = () => useEditor.getState();
const titles = () => s().doc!.tracks.find((t) => t.kind === 'text')!.clips.length;

beforeEach(async () => {
  await s().close();
  Object.assign(engine, { revision: 1, saves: [], saveFails: null, restoreFails: null });
  await s().load('d1');
  // Undo everything: the title is gone, and not saved yet.
  s().edit((d) => deleteClips(d, ['title']));
  expect(titles()).toBe(0);
});

describe('restoring a version in the open editor', () => {
  it('saves the pending edit first, shows the restored version at its new revision without saving it again, and one undo goes back', async () => {
    const steps = useEditor.temporal.getState().pastStates.length;
    const out = await restoreDraftVersion('d1', 1);
    expect(out).toEqual({ ok: true, revision: 3, undoable: true });
    expect(engine.saves.map((x) => x.baseRevision)).toEqual([1]);
    expect(titles()).toBe(1);
    expect(s().revision).toBe(3);
    expect(useEditor.temporal.getState().pastStates).toHaveLength(steps + 1);
    await flushEditor();
    expect(engine.saves).toHaveLength(1);

    // Undo: what was shown before restoring, saved on top of the restored revision.
    undo();
    expect(titles()).toBe(0);
    await flushEditor();
    expect(engine.saves.map((x) => x.baseRevision)).toEqual([1, 3]);
  });

  it('the list is read after the pending edit is saved, and marks the editor’s revision as current', async () => {
    const h = await loadHistory('d1', null);
    expect(h).toMatchObject({ current: 2, undoable: true });
    expect(h.revisions[0]!.revision).toBe(2);
  });

  it('a conflict with another window refuses before asking the engine, and changes nothing', async () => {
    engine.saveFails = 'conflict';
    const before = s().doc;
    const out = await restoreDraftVersion('d1', 1);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.message).toMatch(/changed in another window.*Nothing was restored/);
    expect(s().doc).toBe(before);
    expect(engine.revision).toBe(1);
  });

  it('a version no longer kept: the engine’s reason, and the editor keeps what it shows', async () => {
    engine.restoreFails = 'Revision 1 of this draft is not kept any more.';
    const out = await restoreDraftVersion('d1', 1);
    expect(!out.ok && out.message).toBe('Could not restore this version. Revision 1 of this draft is not kept any more. Nothing was changed.');
    expect(titles()).toBe(0);
    expect(s().revision).toBe(2);
  });
});

describe('restoring a draft no editor holds', () => {
  it('asks the engine only; nothing to undo, the version before stays in the history', async () => {
    await s().close();
    const out = await restoreDraftVersion('d1', 1);
    expect(out).toEqual({ ok: true, revision: 3, undoable: false });
    expect(s().doc).toBeNull();
  });
});
