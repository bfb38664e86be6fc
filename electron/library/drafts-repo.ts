import { randomUUID } from 'node:crypto';
import { type Background, type CanvasPreset, type Draft, type Fps, type ImageCanvas, draftDuration, imageCanvasFor, newImageDraft, newVideoDraft } from '../model/draft';
import { draftChanges } from '../model/draft-changes';
import { migrateDraft } from '../model/draft-migrate';
import type { DraftRecord, DraftRevision, DraftSummary } from '../model/draft-record';
import { AppError } from '../model/errors';
import type { Db } from './db';

/** Revisions kept per draft: enough to step back through a long session, bounded so the library stays small. */
export const KEEP_REVISIONS = 100;

const NAME_MAX = 200;

type Row = {
  rowid: number;
  id: string;
  name: string;
  kind: Draft['kind'];
  preset: CanvasPreset;
  duration_sec: number;
  revision: number;
  doc: string;
  created_at: string;
  updated_at: string;
  trashed_at: string | null;
};

type SummaryRow = Omit<Row, 'rowid' | 'doc'>;

/** `kitId`: the brand kit the draft starts with (the library's default kit, given by the caller). */
/** `preset`/`fps` shape a video draft, `canvas` an image draft (default 4:5). */
export type NewDraft = { kind: Draft['kind']; name?: string; preset?: CanvasPreset; fps?: Fps; canvas?: ImageCanvas; kitId?: string | null };

/** A live draft that uses an asset about to be deleted for good. */
export type AssetUse = { assetId: string; assetName: string; draftId: string; draftName: string };

/**
 * Checks a write of a draft's document inside its transaction (the stored document, the one coming in) and
 * throws to refuse it; nothing is written then. The studio passes the template gate (studio/template-gate.ts).
 */
/**
 * Checks a write against the stored document (throws to refuse). It may return what to record once the write
 * has become the current revision (e.g. an audit entry): run inside the same transaction, so both land or neither.
 */
export type DraftWriteGuard = (before: Draft, after: Draft) => ((revision: number) => void) | undefined;
const noGuard: DraftWriteGuard = () => undefined;

export type DraftsRepoOptions = { now?: () => Date; keepRevisions?: number };

const SUMMARY_COLUMNS = 'id, name, kind, preset, duration_sec, revision, created_at, updated_at, trashed_at';

function toSummary(r: SummaryRow): DraftSummary {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    preset: r.preset,
    durationSec: r.duration_sec,
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    trashedAt: r.trashed_at,
  };
}

/** Length on the timeline; an image draft is a still and has none. */
export function docDuration(doc: Draft): number {
  return doc.kind === 'video' ? draftDuration(doc) : 0;
}

/** Every asset a document places, once each, in first-use order. */
export function draftAssetIds(doc: Draft): string[] {
  const ids = new Set<string>();
  if (doc.kind === 'video') {
    for (const t of doc.tracks) for (const c of t.clips) if (c.type === 'media') ids.add(c.assetId);
  } else {
    const background = (b: Background | null) => {
      if (b?.type === 'photo') ids.add(b.assetId);
    };
    background(doc.spread);
    for (const p of doc.pages) {
      background(p.background);
      for (const l of p.layers) if (l.type === 'media') ids.add(l.assetId);
    }
  }
  return [...ids];
}

export function draftNotFound(): AppError {
  return new AppError('not_found', 'This draft is no longer in the library. Pick it again from the draft list.');
}

/** “A”, “B”, “C” and 2 more — names quoted, a long list cut short. */
function quoteList(names: string[], max = 3): string {
  const shown = names.slice(0, max).map((x) => `“${x}”`).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Why assets cannot be deleted for good while live drafts use them, and what to do about it. */
export function purgeRefusalMessage(uses: AssetUse[]): string {
  const assets = [...new Map(uses.map((u) => [u.assetId, u.assetName])).values()];
  const drafts = [...new Map(uses.map((u) => [u.draftId, u.draftName])).values()];
  const what = assets.length === 1 ? `“${assets[0]}” is` : `${assets.length} of these assets (${quoteList(assets)}) are`;
  const it = assets.length === 1 ? 'it' : 'them';
  const where =
    drafts.length === 1
      ? `the draft “${drafts[0]}”. Remove ${it} from “${drafts[0]}” first, or move that draft to the Trash.`
      : `the drafts ${quoteList(drafts)}. Remove ${it} from those drafts first, or move them to the Trash.`;
  return `${what} used by ${where} Nothing was deleted.`;
}

function copyName(name: string): string {
  const suffix = ' copy';
  return name.length + suffix.length <= NAME_MAX ? `${name}${suffix}` : `${name.slice(0, NAME_MAX - suffix.length)}${suffix}`;
}

/**
 * Drafts: the current document of each, its revision history and the assets it uses, changed together
 * in one transaction per call. Every change of the document (save, rename, restoring a revision) is a
 * new revision; history is never rewritten.
 */
export class DraftsRepo {
  private readonly now: () => Date;
  private readonly keep: number;

  constructor(
    private readonly db: Db,
    options: DraftsRepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.keep = options.keepRevisions ?? KEEP_REVISIONS;
  }

  create(input: NewDraft): DraftRecord {
    const name = input.name ?? (input.kind === 'video' ? 'Untitled video' : 'Untitled image');
    const doc: Draft =
      input.kind === 'video'
        ? newVideoDraft(name, input.preset ?? '9:16', input.fps ?? 30, (prefix) => `${prefix}-${randomUUID()}`, input.kitId ?? null)
        : newImageDraft(name, input.canvas ?? imageCanvasFor('4:5'), (prefix) => `${prefix}-${randomUUID()}`, input.kitId ?? null);
    return this.insert(doc);
  }

  /** A new draft (new id, fresh history) holding `doc` as it is: "New from template", a template saved from a draft. */
  createFrom(doc: Draft): DraftRecord {
    return this.insert(doc);
  }

  get(id: string): DraftRecord | null {
    const r = this.db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as Row | undefined;
    return r ? this.toRecord(r) : null;
  }

  /** Live drafts, most recently edited first; or the trash, most recently trashed first. Templates are not listed (library/templates-repo.ts). */
  list(trashed: boolean): DraftSummary[] {
    const sql = trashed
      ? `SELECT ${SUMMARY_COLUMNS} FROM drafts WHERE trashed_at IS NOT NULL AND is_template = 0 ORDER BY trashed_at DESC, rowid DESC`
      : `SELECT ${SUMMARY_COLUMNS} FROM drafts WHERE trashed_at IS NULL AND is_template = 0 ORDER BY updated_at DESC, rowid DESC`;
    return (this.db.prepare(sql).all() as SummaryRow[]).map(toSummary);
  }

  summary(id: string): DraftSummary | null {
    const r = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM drafts WHERE id = ?`).get(id) as SummaryRow | undefined;
    return r ? toSummary(r) : null;
  }

  /**
   * Saves `doc` as the next revision when `baseRevision` is still the current one. A stale base means
   * another window saved in between: the save is refused (nothing current changes) but the refused
   * document is kept in the history, so the edit can still be recovered from there.
   */
  save(id: string, baseRevision: number, doc: Draft, guard: DraftWriteGuard = noGuard): { revision: number; updatedAt: string } {
    const outcome = this.db.transaction(() => {
      const cur = this.row(id);
      if (doc.kind !== cur.kind) {
        throw new AppError('invalid_input', `This is a ${cur.kind} draft; it cannot be saved as a ${doc.kind} draft. Create a new draft instead.`);
      }
      // Before anything is written, a refused document is not even kept in the history.
      const written = guard(this.parse(cur.doc), doc);
      const savedAt = this.now().toISOString();
      const revision = this.nextRevision(cur);
      this.addRevision(cur.rowid, revision, savedAt, doc);
      if (baseRevision !== cur.revision) {
        this.prune(cur.rowid, cur.revision);
        return { conflict: true as const, current: cur.revision, kept: revision };
      }
      this.makeCurrent(cur.rowid, revision, savedAt, doc);
      written?.(revision);
      return { conflict: false as const, revision, updatedAt: savedAt };
    })();
    // Thrown after the commit: throwing inside the transaction would roll back the kept revision.
    if (outcome.conflict) {
      throw new AppError(
        'conflict',
        `This draft was changed in another window (now at revision ${outcome.current}). Reopen it to continue; your version is kept as revision ${outcome.kept}.`,
      );
    }
    return { revision: outcome.revision, updatedAt: outcome.updatedAt };
  }

  /** A new revision whose only change is the name (the name is part of the document). */
  rename(id: string, name: string): DraftSummary {
    this.db.transaction(() => {
      const cur = this.row(id);
      const doc = { ...this.parse(cur.doc), name };
      const savedAt = this.now().toISOString();
      const revision = this.nextRevision(cur);
      this.addRevision(cur.rowid, revision, savedAt, doc);
      this.makeCurrent(cur.rowid, revision, savedAt, doc);
    })();
    return this.summary(id)!;
  }

  /** A new draft (new id, fresh history) holding a copy of the current document, named "… copy". */
  duplicate(id: string): DraftRecord {
    const cur = this.row(id);
    const doc = this.parse(cur.doc);
    return this.insert({ ...doc, name: copyName(doc.name) });
  }

  /** Moves drafts to or from the trash; returns the ids that changed (unknown, already there, or templates (deleted with templates.delete) are skipped). */
  setTrashed(ids: string[], trashed: boolean): string[] {
    const changed: string[] = [];
    const now = this.now().toISOString();
    const stmt = trashed
      ? this.db.prepare('UPDATE drafts SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL AND is_template = 0')
      : this.db.prepare('UPDATE drafts SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL AND is_template = 0');
    this.db.transaction(() => {
      for (const id of ids) {
        const { changes } = trashed ? stmt.run(now, id) : stmt.run(id);
        if (changes > 0) changed.push(id);
      }
    })();
    return changed;
  }

  /**
   * The kept history, newest first (refused saves included, so they can be restored), each with what changed
   * against the kept version before it. The diff is made here, beside the documents, so the dialog never has to
   * download every revision; the oldest kept one has nothing to compare with (changes: null).
   */
  revisions(id: string): DraftRevision[] {
    const cur = this.row(id);
    const rows = this.db
      .prepare('SELECT revision, saved_at, name, duration_sec, doc, restored_from FROM draft_revisions WHERE draft_rowid = ? ORDER BY revision DESC')
      .all(cur.rowid) as { revision: number; saved_at: string; name: string; duration_sec: number; doc: string; restored_from: number | null }[];
    const docs = rows.map((r) => this.parseOrNull(r.doc));
    return rows.map((r, i) => {
      const doc = docs[i];
      const older = docs[i + 1];
      return {
        revision: r.revision,
        savedAt: r.saved_at,
        name: r.name,
        durationSec: r.duration_sec,
        changes: doc && older ? draftChanges(older, doc) : null,
        restoredFrom: r.restored_from,
      };
    });
  }

  /**
   * Makes an earlier revision's document the current one, as a new revision on top of the history that records
   * which one it restored (`restoredFrom`), so Version history can say so.
   */
  restoreRevision(id: string, revision: number, guard: DraftWriteGuard = noGuard): DraftRecord {
    this.db.transaction(() => {
      const cur = this.row(id);
      const stored = this.db.prepare('SELECT doc FROM draft_revisions WHERE draft_rowid = ? AND revision = ?').pluck().get(cur.rowid, revision) as
        | string
        | undefined;
      if (stored === undefined) {
        throw new AppError('not_found', `Revision ${revision} of this draft is not kept any more (only the newest ${this.keep} are). Pick another one from the list.`);
      }
      const doc = this.parse(stored);
      if (doc.kind !== cur.kind) throw new Error(`Revision ${revision} of draft ${id} is a ${doc.kind} draft in a ${cur.kind} draft`);
      const written = guard(this.parse(cur.doc), doc);
      const savedAt = this.now().toISOString();
      const next = this.nextRevision(cur);
      this.addRevision(cur.rowid, next, savedAt, doc, revision);
      this.makeCurrent(cur.rowid, next, savedAt, doc);
      written?.(next);
    })();
    return this.get(id)!;
  }

  /**
   * Live (not trashed) drafts that use any of the given assets, limited to assets that are in the trash
   * (only those can be deleted for good). Purging one of them would break the draft.
   */
  liveUsesOfTrashedAssets(assetIds: string[]): AssetUse[] {
    return (
      this.db
        .prepare(
          `SELECT da.asset_id AS assetId, a.name AS assetName, d.id AS draftId, d.name AS draftName
           FROM draft_assets da
           JOIN drafts d ON d.rowid = da.draft_rowid
           JOIN assets a ON a.id = da.asset_id
           WHERE da.asset_id IN (SELECT value FROM json_each(?)) AND d.trashed_at IS NULL AND a.trashed_at IS NOT NULL
           ORDER BY d.updated_at DESC, a.name`,
        )
        .all(JSON.stringify(assetIds)) as AssetUse[]
    );
  }

  /** Drafts (live and trashed) whose current document uses any of the given assets. */
  usesOf(assetIds: string[]): { draftId: string; assetId: string }[] {
    return this.db
      .prepare(
        `SELECT d.id AS draftId, da.asset_id AS assetId FROM draft_assets da JOIN drafts d ON d.rowid = da.draft_rowid
         WHERE da.asset_id IN (SELECT value FROM json_each(?)) ORDER BY d.rowid`,
      )
      .all(JSON.stringify(assetIds)) as { draftId: string; assetId: string }[];
  }

  // ── internals ─────────────────────────────────────────────────────────────

  private insert(doc: Draft): DraftRecord {
    const id = randomUUID();
    const at = this.now().toISOString();
    this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO drafts (id, name, kind, preset, duration_sec, revision, doc, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
        )
        .run(id, doc.name, doc.kind, doc.canvas.preset, docDuration(doc), JSON.stringify(doc), at, at);
      const rowid = Number(lastInsertRowid);
      this.addRevision(rowid, 1, at, doc);
      this.writeAssets(rowid, doc);
    })();
    return this.get(id)!;
  }

  private row(id: string): Row {
    const r = this.db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw draftNotFound();
    return r;
  }

  /** A stored document, or null when it no longer parses (the history still lists it; its diff is unknown). */
  private parseOrNull(json: string): Draft | null {
    try {
      return this.parse(json);
    } catch {
      return null;
    }
  }

  /** Stored documents go through the draft migrations, so drafts saved by an older Postframe still open. */
  private parse(json: string): Draft {
    return migrateDraft(JSON.parse(json));
  }

  private toRecord(r: Row): DraftRecord {
    return { id: r.id, revision: r.revision, createdAt: r.created_at, updatedAt: r.updated_at, trashedAt: r.trashed_at, doc: this.parse(r.doc) };
  }

  /** Above the current revision and above anything kept from a refused save, so numbers never repeat. */
  private nextRevision(cur: Row): number {
    const kept = this.db.prepare('SELECT max(revision) FROM draft_revisions WHERE draft_rowid = ?').pluck().get(cur.rowid) as number | null;
    return Math.max(cur.revision, kept ?? 0) + 1;
  }

  /** `restoredFrom`: the revision whose document this one brings back (restoreRevision); null for any other save. */
  private addRevision(rowid: number, revision: number, savedAt: string, doc: Draft, restoredFrom: number | null = null): void {
    this.db
      .prepare('INSERT INTO draft_revisions (draft_rowid, revision, saved_at, name, duration_sec, doc, restored_from) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(rowid, revision, savedAt, doc.name, docDuration(doc), JSON.stringify(doc), restoredFrom);
  }

  private makeCurrent(rowid: number, revision: number, savedAt: string, doc: Draft): void {
    this.db
      .prepare('UPDATE drafts SET name = ?, preset = ?, duration_sec = ?, revision = ?, doc = ?, updated_at = ? WHERE rowid = ?')
      .run(doc.name, doc.canvas.preset, docDuration(doc), revision, JSON.stringify(doc), savedAt, rowid);
    this.writeAssets(rowid, doc);
    this.prune(rowid, revision);
  }

  private writeAssets(rowid: number, doc: Draft): void {
    this.db.prepare('DELETE FROM draft_assets WHERE draft_rowid = ?').run(rowid);
    const add = this.db.prepare('INSERT INTO draft_assets (draft_rowid, asset_id) VALUES (?, ?)');
    for (const assetId of draftAssetIds(doc)) add.run(rowid, assetId);
  }

  /** Keeps the newest revisions, and always the current one (its document is also in the drafts row). */
  private prune(rowid: number, current: number): void {
    this.db
      .prepare(
        `DELETE FROM draft_revisions WHERE draft_rowid = ? AND revision <> ? AND revision <
           (SELECT revision FROM draft_revisions WHERE draft_rowid = ? ORDER BY revision DESC LIMIT 1 OFFSET ?)`,
      )
      .run(rowid, current, rowid, this.keep - 1);
  }
}
