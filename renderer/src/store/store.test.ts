import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssetSummary } from '../../../electron/model/asset';

/** A fake engine: `assets.list` over N generated assets, filtered by name, with controllable latency. */
const engine = vi.hoisted(() => ({
  assets: [] as { id: string; name: string }[],
  listCalls: [] as { query: string; offset: number; limit: number }[],
  hold: null as null | Promise<void>,
}));

vi.mock('../api/client', () => ({
  call: vi.fn(async (name: string, input: Record<string, unknown>) => {
    if (name === 'assets.list') {
      const { query = '', offset = 0, limit = 200 } = input as { query?: string; offset?: number; limit?: number };
      engine.listCalls.push({ query, offset, limit });
      if (engine.hold) await engine.hold;
      const matching = engine.assets.filter((a) => a.name.includes(query));
      return { items: matching.slice(offset, offset + limit).map(summary), total: matching.length };
    }
    if (name === 'assets.ids') return engine.assets.map((a) => a.id);
    if (name === 'tags.list') return [];
    if (name === 'jobs.list') return [];
    throw new Error(`unexpected call ${name}`);
  }),
  errorText: (e: unknown) => String(e),
  onEvent: () => () => undefined,
  onConnectionStatus: () => () => undefined,
  connectionStatus: () => 'open',
  getBridge: () => null,
  shell: 'browser',
  ApiError: class ApiError extends Error {},
}));

function summary(a: { id: string; name: string }): AssetSummary {
  return { id: a.id, name: a.name, kind: 'image', ext: 'jpg', sizeBytes: 1, durationSec: null, width: 1, height: 1, importedAt: '', trashedAt: null, hasThumbnail: false, hasProxy: false, rating: 0, label: null };
}

const { useStore } = await import('./index');
const { assetAt, PAGE_SIZE } = await import('./librarySlice');

const settle = () => new Promise((r) => setTimeout(r, 0));
/** Waits (up to a second) for a state; never a fixed sleep. */
async function until(check: () => boolean) {
  const end = Date.now() + 1000;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

beforeEach(() => {
  engine.assets = Array.from({ length: 1000 }, (_, i) => ({ id: `id${i}`, name: i % 10 === 0 ? `beach ${i}` : `city ${i}` }));
  engine.listCalls = [];
  engine.hold = null;
  useStore.getState().resetLibrary();
});

describe('paged asset cache', () => {
  it('loads the first page and the total', async () => {
    await until(() => useStore.getState().total === 1000);
    expect(assetAt(useStore.getState(), 0)?.id).toBe('id0');
    expect(assetAt(useStore.getState(), PAGE_SIZE)).toBeUndefined();
  });

  it('fetches only the pages around the visible range, once each', async () => {
    await until(() => useStore.getState().total === 1000);
    engine.listCalls = [];
    useStore.getState().ensureRange(450, 470);
    useStore.getState().ensureRange(450, 471);
    await settle();
    // 450..470 lives on page 2; half a page of read-ahead each side reaches pages 1 and 2.
    expect(engine.listCalls.map((c) => c.offset).sort((a, b) => a - b)).toEqual([200, 400]);
    expect(assetAt(useStore.getState(), 460)?.id).toBe('id460');
  });

  it('drops answers to an old query and keeps old rows until the new first page arrives', async () => {
    await until(() => useStore.getState().total === 1000);
    let release!: () => void;
    engine.hold = new Promise((r) => (release = r));
    useStore.getState().setQuery({ kind: 'image' });
    // Still showing the previous rows (no flash of an empty grid).
    expect(assetAt(useStore.getState(), 0)?.id).toBe('id0');
    useStore.getState().setQuery({ kind: null }); // a second change before the first answered
    engine.hold = null;
    release();
    await until(() => !useStore.getState().replacePages);
    expect(useStore.getState().total).toBe(1000);
  });

  it('debounces search typing into one query', async () => {
    await until(() => useStore.getState().total === 1000);
    engine.listCalls = [];
    const s = useStore.getState();
    s.setSearchInput('b');
    s.setSearchInput('be');
    s.setSearchInput('beach');
    expect(useStore.getState().searchInput).toBe('beach');
    await until(() => useStore.getState().total === 100);
    expect(engine.listCalls.map((c) => c.query)).toEqual(['beach']);
  });
});

describe('selection', () => {
  it('selects a shift-range across pages that were never shown', async () => {
    await until(() => useStore.getState().total === 1000);
    const s = useStore.getState();
    s.selectOnly(10, 'id10');
    await s.selectRange(450, false);
    const selected = useStore.getState().selected;
    expect(selected.size).toBe(441);
    expect(selected.has('id10') && selected.has('id450') && !selected.has('id451')).toBe(true);
    expect(useStore.getState().anchor).toBe(10);
  });

  it('toggles, selects all over the whole query, and clears', async () => {
    await until(() => useStore.getState().total === 1000);
    const s = useStore.getState();
    s.toggle(1, 'id1');
    s.toggle(2, 'id2');
    s.toggle(1, 'id1');
    expect([...useStore.getState().selected]).toEqual(['id2']);
    await s.selectAll();
    expect(useStore.getState().selected.size).toBe(1000);
    s.clearSelection();
    expect(useStore.getState().selected.size).toBe(0);
  });

  it('moves the keyboard focus and follows it with the selection', async () => {
    await until(() => useStore.getState().total === 1000);
    await useStore.getState().moveFocus(999, false);
    expect(useStore.getState().focus).toBe(999);
    expect([...useStore.getState().selected]).toEqual(['id999']);
  });
});
