/**
 * When to save a draft: a pure scheduler (no React, no API) so its timing is unit-tested with fake timers.
 *
 * - An edit schedules a save after `debounceMs` of quiet, but never later than `maxWaitMs` after the first
 *   unsaved edit, so a long drag or steady typing still lands on disk within 2 s (the crash promise).
 * - One save at a time. Edits made while a save is in flight are saved right after it, on the same clock.
 * - `offline` (connection down, engine busy): keep the edits and retry with back-off; status says so.
 * - `conflict` (another window saved first): stop saving until `resume()` after the user chose what to keep.
 * - `flush()` saves now (route change, window closing) and resolves when nothing is left unsaved or a save
 *   cannot happen (offline/conflict).
 */
export type SaveOutcome = 'saved' | 'offline' | 'conflict';
export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'offline' | 'conflict';

export type AutosaveOptions = {
  save: () => Promise<SaveOutcome>;
  onStatus?: (s: AutosaveStatus) => void;
  debounceMs?: number;
  maxWaitMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
  now?: () => number;
};

export type Autosave = {
  changed: () => void;
  flush: () => Promise<void>;
  resume: () => void;
  status: () => AutosaveStatus;
  dispose: () => void;
};

export function createAutosave(opts: AutosaveOptions): Autosave {
  const debounceMs = opts.debounceMs ?? 800;
  const maxWaitMs = opts.maxWaitMs ?? 2000;
  const retryBase = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 8000;
  const now = opts.now ?? (() => Date.now());

  let status: AutosaveStatus = 'saved';
  let dirty = false;
  /** When the oldest unsaved edit was made; the save must start by this + maxWaitMs. */
  let dirtySince = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: Promise<void> | null = null;
  let retryMs = retryBase;
  let disposed = false;

  const setStatus = (s: AutosaveStatus) => {
    if (s === status) return;
    status = s;
    opts.onStatus?.(s);
  };
  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  function schedule(): void {
    if (disposed || status === 'conflict' || inflight) return;
    clearTimer();
    const wait = Math.max(0, Math.min(debounceMs, dirtySince + maxWaitMs - now()));
    timer = setTimeout(() => void run(), wait);
  }

  function run(): Promise<void> {
    clearTimer();
    if (inflight) return inflight;
    if (!dirty || disposed || status === 'conflict') return Promise.resolve();
    dirty = false;
    setStatus('saving');
    inflight = (async () => {
      let outcome: SaveOutcome;
      try {
        outcome = await opts.save();
      } catch {
        outcome = 'offline';
      }
      inflight = null;
      if (disposed) return;
      if (outcome === 'saved') {
        retryMs = retryBase;
        if (dirty) {
          setStatus('pending');
          schedule();
        } else {
          setStatus('saved');
        }
      } else if (outcome === 'conflict') {
        dirty = true;
        setStatus('conflict');
      } else {
        // Keep the oldest edit's time: the retry is not a new edit.
        if (!dirty) dirty = true;
        setStatus('offline');
        timer = setTimeout(() => void run(), retryMs);
        retryMs = Math.min(maxRetryMs, retryMs * 2);
      }
    })();
    return inflight;
  }

  return {
    changed() {
      if (disposed) return;
      if (!dirty) dirtySince = now();
      dirty = true;
      if (status === 'conflict') return;
      if (status === 'offline' && timer) return; // the retry timer is already set
      if (!inflight) setStatus('pending');
      schedule();
    },
    async flush() {
      if (inflight) await inflight;
      if (dirty && status !== 'conflict') await run();
      // A second pass covers edits that arrived during the first save.
      if (dirty && (status === 'pending' || status === 'saving')) await run();
    },
    resume() {
      if (status !== 'conflict') return;
      setStatus(dirty ? 'pending' : 'saved');
      if (dirty) {
        dirtySince = now();
        schedule();
      }
    },
    status: () => status,
    dispose() {
      disposed = true;
      clearTimer();
    },
  };
}
