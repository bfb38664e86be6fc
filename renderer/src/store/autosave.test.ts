import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type AutosaveStatus, type SaveOutcome } from './autosave';

/** A save whose answer the test decides; records when each save started (fake clock ms). */
function fakeSave() {
  const starts: number[] = [];
  const pending: ((o: SaveOutcome) => void)[] = [];
  let auto: SaveOutcome | null = 'saved';
  const save = () => {
    starts.push(Date.now());
    if (auto) return Promise.resolve(auto);
    return new Promise<SaveOutcome>((resolve) => pending.push(resolve));
  };
  return {
    save,
    starts,
    hold: () => (auto = null),
    answer: (o: SaveOutcome) => pending.shift()!(o),
    setAuto: (o: SaveOutcome) => (auto = o),
  };
}

describe('autosave scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('saves once after 800 ms of quiet', async () => {
    const f = fakeSave();
    const statuses: AutosaveStatus[] = [];
    const a = createAutosave({ save: f.save, onStatus: (s) => statuses.push(s) });
    a.changed();
    a.changed();
    await vi.advanceTimersByTimeAsync(799);
    expect(f.starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.starts).toEqual([800]);
    expect(statuses).toEqual(['pending', 'saving', 'saved']);
  });

  it('a steady stream of edits still saves within 2 s of the first', async () => {
    const f = fakeSave();
    const a = createAutosave({ save: f.save });
    for (let t = 0; t < 3000; t += 100) {
      a.changed();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(f.starts[0]).toBe(2000);
    // the edits after the first save are saved within 2 s of the first of them
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.starts.length).toBe(2);
    expect(f.starts[1]! - 2100).toBeLessThanOrEqual(2000);
  });

  it('edits made during a save are saved right after it, one save at a time', async () => {
    const f = fakeSave();
    f.hold();
    const a = createAutosave({ save: f.save });
    a.changed();
    await vi.advanceTimersByTimeAsync(800);
    expect(f.starts).toEqual([800]);
    a.changed(); // during the save
    await vi.advanceTimersByTimeAsync(5000);
    expect(f.starts).toEqual([800]); // not a second concurrent save
    f.answer('saved');
    // The edit is already over 2 s old: its save starts at once, not after another debounce.
    await vi.advanceTimersByTimeAsync(0);
    expect(f.starts).toEqual([800, 5800]);
    expect(a.status()).toBe('saving');
    f.answer('saved');
    await vi.advanceTimersByTimeAsync(0);
    expect(a.status()).toBe('saved');
  });

  it('offline keeps the edit and retries with back-off until it goes through', async () => {
    const f = fakeSave();
    f.setAuto('offline');
    const a = createAutosave({ save: f.save, retryMs: 1000 });
    a.changed();
    await vi.advanceTimersByTimeAsync(800);
    expect(a.status()).toBe('offline');
    await vi.advanceTimersByTimeAsync(1000);
    expect(f.starts).toEqual([800, 1800]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.starts).toEqual([800, 1800, 3800]);
    f.setAuto('saved');
    await vi.advanceTimersByTimeAsync(4000);
    expect(a.status()).toBe('saved');
    expect(f.starts.length).toBe(4);
  });

  it('a thrown save counts as offline, not as saved', async () => {
    const a = createAutosave({ save: () => Promise.reject(new Error('socket closed')) });
    a.changed();
    await vi.advanceTimersByTimeAsync(800);
    expect(a.status()).toBe('offline');
  });

  it('conflict stops saving until resume()', async () => {
    const f = fakeSave();
    f.setAuto('conflict');
    const a = createAutosave({ save: f.save });
    a.changed();
    await vi.advanceTimersByTimeAsync(800);
    expect(a.status()).toBe('conflict');
    a.changed();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.starts).toEqual([800]);
    f.setAuto('saved');
    a.resume();
    await vi.advanceTimersByTimeAsync(800);
    expect(f.starts.length).toBe(2);
    expect(a.status()).toBe('saved');
  });

  it('flush saves immediately and waits for it', async () => {
    const f = fakeSave();
    const a = createAutosave({ save: f.save });
    a.changed();
    await a.flush();
    expect(f.starts).toEqual([0]);
    expect(a.status()).toBe('saved');
    await a.flush(); // nothing left: no extra save
    expect(f.starts).toEqual([0]);
  });

  it('nothing is saved after dispose', async () => {
    const f = fakeSave();
    const a = createAutosave({ save: f.save });
    a.changed();
    a.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(f.starts).toEqual([]);
  });
});
