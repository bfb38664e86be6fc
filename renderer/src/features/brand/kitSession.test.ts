import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BrandKit, type BrandKitContent, emptyKitContent } from '../../../../electron/model/brand-kit';
import { contentOf, KitSession, type KitSessionState } from './kitSession';

/** A stand-in engine with kits.update's rule: a save must start from the stored updatedAt. */
function fakeEngine(initial: BrandKit) {
  let stored = initial;
  let tick = 0;
  const engine = {
    saves: [] as BrandKitContent[],
    refuse: null as null | { code: string; message: string },
    get stored() {
      return stored;
    },
    otherWindowSaves(content: BrandKitContent) {
      stored = { ...stored, ...content, updatedAt: `2026-01-01T00:00:${String(++tick).padStart(2, '0')}.000Z` };
    },
    update: vi.fn(async (id: string, base: string, content: BrandKitContent): Promise<BrandKit> => {
      if (engine.refuse) throw Object.assign(new Error(engine.refuse.message), engine.refuse);
      if (id !== stored.id) throw Object.assign(new Error('gone'), { code: 'not_found' });
      if (base !== stored.updatedAt) throw Object.assign(new Error('Someone else changed this kit.'), { code: 'conflict' });
      engine.saves.push(content);
      stored = { ...stored, ...content, updatedAt: `2026-01-01T00:00:${String(++tick).padStart(2, '0')}.000Z` };
      return stored;
    }),
    fetch: vi.fn(async () => stored),
  };
  return engine;
}

const kit0: BrandKit = { ...emptyKitContent('Acme'), id: 'k1', isDefault: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

describe('KitSession', () => {
  let states: KitSessionState[];
  let engine: ReturnType<typeof fakeEngine>;
  let session: KitSession;
  const last = () => states.at(-1)!;
  beforeEach(() => {
    vi.useFakeTimers();
    states = [];
    engine = fakeEngine(kit0);
    session = new KitSession(kit0, { update: engine.update, fetch: engine.fetch, onChange: (s) => states.push(s), debounceMs: 500, maxWaitMs: 2000, now: () => Date.now() });
  });
  afterEach(() => {
    session.dispose();
    vi.useRealTimers();
  });

  it('saves a burst of edits once, after the quiet time, from the stored updatedAt', async () => {
    session.edit((c) => ({ ...c, name: 'Acme B' }), 'name');
    session.edit((c) => ({ ...c, name: 'Acme Br' }), 'name');
    session.edit((c) => ({ ...c, name: 'Acme Brand' }), 'name');
    expect(last().status).toBe('pending');
    await vi.advanceTimersByTimeAsync(499);
    expect(engine.update).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.saves.map((c) => c.name)).toEqual(['Acme Brand']);
    expect(last()).toMatchObject({ status: 'saved', problem: null });
    expect(last().kit.updatedAt).toBe(engine.stored.updatedAt);
    // The next save starts from the new updatedAt: no false conflict.
    session.edit((c) => ({ ...c, disclaimer: 'Paid partnership' }));
    await vi.advanceTimersByTimeAsync(500);
    expect(engine.saves).toHaveLength(2);
    expect(last().status).toBe('saved');
  });

  it('undo and redo are saved like edits; the typing burst is one step', async () => {
    session.edit((c) => ({ ...c, name: 'A' }), 'name');
    session.edit((c) => ({ ...c, name: 'AB' }), 'name');
    session.edit((c) => ({ ...c, hashtags: ['acme'] }));
    session.undo();
    expect(last().content.hashtags).toEqual([]);
    session.undo();
    expect(last().content.name).toBe('Acme');
    expect(last().canUndo).toBe(false);
    session.redo();
    expect(last().content.name).toBe('AB');
    await vi.advanceTimersByTimeAsync(500);
    expect(engine.stored.name).toBe('AB');
    expect(engine.stored.hashtags).toEqual([]);
  });

  it('a kit changed elsewhere is not overwritten: the save stops with a conflict, reload shows the other version', async () => {
    engine.otherWindowSaves({ ...contentOf(kit0), name: 'Their name' });
    session.edit((c) => ({ ...c, name: 'My name' }));
    await vi.advanceTimersByTimeAsync(500);
    expect(last()).toMatchObject({ status: 'conflict', problem: { kind: 'conflict' } });
    expect(engine.stored.name).toBe('Their name');
    // Further edits do not save over it either.
    session.edit((c) => ({ ...c, disclaimer: 'x' }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(engine.stored.name).toBe('Their name');
    await session.reload();
    expect(last()).toMatchObject({ status: 'saved', problem: null, canUndo: false });
    expect(last().content.name).toBe('Their name');
    session.edit((c) => ({ ...c, disclaimer: 'after reload' }));
    await vi.advanceTimersByTimeAsync(500);
    expect(engine.stored).toMatchObject({ name: 'Their name', disclaimer: 'after reload' });
  });

  it('content the schema refuses is not sent; the message says what to fix and the next edit saves', async () => {
    session.edit((c) => ({ ...c, name: '   ' }), 'name');
    await vi.advanceTimersByTimeAsync(500);
    expect(engine.update).not.toHaveBeenCalled();
    expect(last().problem).toEqual({ kind: 'invalid', message: 'Give the kit a name' });
    session.edit((c) => ({ ...c, name: 'Fixed' }), 'name2');
    expect(last().problem).toBeNull();
    await vi.advanceTimersByTimeAsync(500);
    expect(engine.stored.name).toBe('Fixed');
  });

  it('a refusal for rights stops saving and keeps the edit on screen', async () => {
    engine.refuse = { code: 'unauthorized', message: 'Only an admin can change brand kits.' };
    session.edit((c) => ({ ...c, name: 'Nope' }));
    await vi.advanceTimersByTimeAsync(500);
    expect(last()).toMatchObject({ problem: { kind: 'forbidden', message: 'Only an admin can change brand kits.' } });
    expect(last().content.name).toBe('Nope');
    expect(engine.update).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(engine.update).toHaveBeenCalledTimes(1);
  });

  it('a lost connection keeps the edits and retries', async () => {
    engine.update.mockRejectedValueOnce(new TypeError('socket closed'));
    session.edit((c) => ({ ...c, name: 'Offline edit' }));
    await vi.advanceTimersByTimeAsync(500);
    expect(last().status).toBe('offline');
    await vi.advanceTimersByTimeAsync(1000);
    expect(engine.stored.name).toBe('Offline edit');
    expect(last().status).toBe('saved');
  });

  it('takes over another window’s save when nothing here is unsaved, and ignores its own', async () => {
    session.edit((c) => ({ ...c, name: 'Mine' }));
    await vi.advanceTimersByTimeAsync(500);
    const n = states.length;
    await session.external();
    expect(states).toHaveLength(n);
    engine.otherWindowSaves({ ...contentOf(engine.stored), palette: [{ name: 'Red', color: '#e4002b', role: 'primary' }] });
    await session.external();
    expect(last().content.palette).toHaveLength(1);
    expect(last().canUndo).toBe(false);
  });

  it('an edit that changes nothing neither saves nor adds an undo step', async () => {
    session.edit((c) => ({ ...c }));
    expect(states).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(engine.update).not.toHaveBeenCalled();
  });
});
