import { type BrandKit, BrandKitContent } from '../../../../electron/model/brand-kit';
import type { ErrorCode } from '../../../../electron/model/errors';
import { type Autosave, type AutosaveStatus, createAutosave, type SaveOutcome } from '../../store/autosave';
import { canRedo, canUndo, type History, historyOf, record, redo, undo } from './kitHistory';

/**
 * One kit open in the Brand room's editor: its undo history and its autosave. No React and no transport: the
 * caller gives `update` (kits.update with the actor) and `fetch` (kits.get), so the whole save cycle (debounce,
 * stale edit refused, reload, undo after a save) is unit-tested with fake timers.
 *
 * Saving stops (until the next edit, or a reload for a conflict) when the engine refuses the content: another
 * window saved first (`conflict`), the content breaks a rule (`invalid`: a name left empty, a logo purged
 * meanwhile), or the person may not edit kits (`forbidden`). Retrying those would fail the same way forever;
 * the edits stay on screen and in the history, and the problem is shown where it happened.
 */
export type SaveProblem = { kind: 'conflict' | 'invalid' | 'forbidden'; message: string };

export type KitSessionState = {
  kit: BrandKit;
  content: BrandKitContent;
  status: AutosaveStatus;
  problem: SaveProblem | null;
  canUndo: boolean;
  canRedo: boolean;
};

/** A failed call as the session needs to know it: ApiError has these two fields. */
type CallError = { code: ErrorCode; message: string };
const isCallError = (e: unknown): e is CallError => typeof e === 'object' && e !== null && 'code' in e && 'message' in e;

export type KitSessionDeps = {
  update: (id: string, baseUpdatedAt: string, content: BrandKitContent) => Promise<BrandKit>;
  fetch: (id: string) => Promise<BrandKit>;
  onChange: (s: KitSessionState) => void;
  now?: () => number;
  debounceMs?: number;
  maxWaitMs?: number;
};

const same = (a: BrandKitContent, b: BrandKitContent) => JSON.stringify(a) === JSON.stringify(b);

export class KitSession {
  private kit: BrandKit;
  private history: History<BrandKitContent>;
  private status: AutosaveStatus = 'saved';
  private problem: SaveProblem | null = null;
  private autosave: Autosave;
  private readonly now: () => number;

  constructor(
    kit: BrandKit,
    private readonly deps: KitSessionDeps,
  ) {
    this.kit = kit;
    this.history = historyOf(contentOf(kit));
    this.now = deps.now ?? (() => Date.now());
    this.autosave = this.newAutosave();
  }

  private newAutosave(): Autosave {
    return createAutosave({
      save: () => this.save(),
      onStatus: (s) => {
        this.status = s;
        this.emit();
      },
      debounceMs: this.deps.debounceMs ?? 600,
      maxWaitMs: this.deps.maxWaitMs ?? 2000,
      now: this.now,
    });
  }

  get id(): string {
    return this.kit.id;
  }

  state(): KitSessionState {
    return { kit: this.kit, content: this.history.present, status: this.status, problem: this.problem, canUndo: canUndo(this.history), canRedo: canRedo(this.history) };
  }

  /** An edit of the kit's content; edits with the same `key` in quick succession are one undo step. */
  edit(change: (c: BrandKitContent) => BrandKitContent, key?: string): void {
    const next = change(this.history.present);
    const h = record(this.history, next, { key: key ?? null, at: this.now(), equal: same });
    if (h === this.history) return;
    this.history = h;
    this.changed();
  }

  undo(): void {
    if (!canUndo(this.history)) return;
    this.history = undo(this.history);
    this.changed();
  }

  redo(): void {
    if (!canRedo(this.history)) return;
    this.history = redo(this.history);
    this.changed();
  }

  /** After a conflict: drops the edits that could not be saved and shows the kit as it is now (history restarts). */
  async reload(): Promise<void> {
    const fresh = await this.deps.fetch(this.kit.id);
    this.kit = fresh;
    this.history = historyOf(contentOf(fresh));
    this.problem = null;
    this.autosave.dispose();
    // A fresh autosave: the old one holds the dropped edits as unsaved.
    this.autosave = this.newAutosave();
    this.status = 'saved';
    this.emit();
  }

  /**
   * The kit changed in the engine (a `kits.changed` event). Our own saves come back with the `updatedAt` we
   * already hold and change nothing; another window's save is taken over when nothing here is unsaved, and
   * otherwise left for the next save to report as a conflict.
   */
  async external(): Promise<void> {
    const fresh = await this.deps.fetch(this.kit.id);
    if (fresh.updatedAt === this.kit.updatedAt || this.status !== 'saved' || this.problem) return;
    this.kit = fresh;
    this.history = historyOf(contentOf(fresh));
    this.emit();
  }

  /** Saves what is unsaved now (leaving the room, switching kits). */
  flush(): Promise<void> {
    return this.autosave.flush();
  }

  dispose(): void {
    this.autosave.dispose();
  }

  private changed(): void {
    // A refused save waits for a new edit to try again (a reload, for a conflict): this is that edit.
    if (this.problem && this.problem.kind !== 'conflict') {
      this.problem = null;
      this.autosave.resume();
    }
    this.emit();
    this.autosave.changed();
  }

  private async save(): Promise<SaveOutcome> {
    const content = this.history.present;
    if (same(content, contentOf(this.kit))) return 'saved';
    const parsed = BrandKitContent.safeParse(content);
    if (!parsed.success) return this.refuse({ kind: 'invalid', message: parsed.error.issues[0]?.message ?? 'This kit cannot be saved as it is.' });
    try {
      this.kit = await this.deps.update(this.kit.id, this.kit.updatedAt, parsed.data);
      this.problem = null;
      this.emit();
      return 'saved';
    } catch (e) {
      if (!isCallError(e)) return 'offline';
      if (e.code === 'conflict') return this.refuse({ kind: 'conflict', message: e.message });
      if (e.code === 'invalid_input' || e.code === 'not_found') return this.refuse({ kind: 'invalid', message: e.message });
      if (e.code === 'unauthorized' || e.code === 'forbidden') return this.refuse({ kind: 'forbidden', message: e.message });
      return 'offline';
    }
  }

  private refuse(problem: SaveProblem): SaveOutcome {
    this.problem = problem;
    // 'conflict' is the autosave's way to stop until resume(): used for every refusal (see the class comment).
    return 'conflict';
  }

  private emit(): void {
    this.deps.onChange(this.state());
  }
}

/** The editable part of a kit. */
export function contentOf(kit: BrandKit): BrandKitContent {
  const { id: _id, isDefault: _d, createdAt: _c, updatedAt: _u, ...content } = kit;
  return content;
}
