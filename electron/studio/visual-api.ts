import type { JobContext } from '../jobs/runner';
import { signatureOfFile } from '../media/visual';
import type { Asset } from '../model/asset';
import { type DuplicateGroup, type DuplicateList, type DuplicateMode, type KeepResult, repointAssets } from '../model/duplicates';
import { AppError } from '../model/errors';
import type { Job, VisualResult } from '../model/job';
import { groupPairs, nearPairs } from '../model/near-dup';
import type { HashedAsset } from '../library/visual-repo';
import type { ApiPart, Rooms, StudioContext } from './context';

type VisualCalls = 'duplicates.list' | 'duplicates.keep' | 'visual.backfill';

/** How many pictures the backfill reads between checks for cancel and progress events. */
const BATCH = 25;

/** Registers the backfill job: colours and hashes for pictures imported before they existed. */
export function registerVisualJobs(ctx: StudioContext, rooms: Rooms): void {
  rooms.runner.register('visual', (job) => visualJob(ctx, rooms, job));
}

/**
 * Starts the backfill when pictures lack a signature and none is queued or running; null when nothing is
 * missing. It runs as a job beside everything else: opening the library never waits for it.
 */
export function startVisualBackfill(rooms: Rooms): Job | null {
  const pending = rooms.visual.pendingCount();
  if (pending === 0) return null;
  const running = rooms.runner.list().find((j) => j.kind === 'visual' && (j.status === 'queued' || j.status === 'running'));
  if (running) return running;
  return rooms.runner.start('visual', pending === 1 ? 'Finding colours and duplicates in 1 picture' : `Finding colours and duplicates in ${pending} pictures`, {});
}

async function visualJob(ctx: StudioContext, rooms: Rooms, job: JobContext): Promise<VisualResult> {
  const total = rooms.visual.pendingCount();
  let done = 0;
  let unreadable = 0;
  job.progress(0, `0 of ${total}`);
  for (;;) {
    const batch = rooms.visual.pending(BATCH);
    if (batch.length === 0) break;
    const changed: string[] = [];
    for (const p of batch) {
      if (job.signal.aborted) throw new AppError('cancelled', 'Cancelled. Pictures done so far keep their colours and hashes.');
      // The grid thumbnail (a video's is made from its poster): small, upright, already decoded once at import.
      const file = p.hasThumbnail ? rooms.folder.thumbPath(p.sha256) : p.hasPoster ? rooms.folder.posterPath(p.sha256) : null;
      const sig = file ? await signatureOfFile(file).catch(() => null) : null;
      if (!sig) unreadable++;
      if (rooms.visual.save(p.id, sig)) changed.push(p.id);
      done++;
      job.progress(total ? Math.min(1, done / total) : null, `${done} of ${Math.max(total, done)}`);
    }
    if (changed.length) ctx.emit('assets.changed', { reason: 'updated', ids: changed });
  }
  return { kind: 'visual', done, unreadable };
}

/**
 * Groups of duplicates among live pictures. In a group the likely keeper comes first (most pixels, then the
 * larger file, then the earlier import); groups in the order of their earliest import.
 */
export function duplicateGroups(rooms: Rooms, mode: DuplicateMode): DuplicateGroup[] {
  const items = rooms.visual.liveHashes();
  const pairs = mode === 'near' ? nearPairs(items) : exactPairs(items);
  return groupPairs(items.length, pairs).map((g) => {
    const members = g
      .map((i) => ({ i, a: rooms.assets.get(items[i]!.id)! }))
      .sort((p, q) => (q.a.width ?? 0) * (q.a.height ?? 0) - (p.a.width ?? 0) * (p.a.height ?? 0) || q.a.sizeBytes - p.a.sizeBytes || p.i - q.i);
    const first = items[members[0]!.i]!;
    return { members: members.map(({ i, a }) => ({ ...summaryOf(a), tags: a.tags, distance: hammingHex(first.phash, items[i]!.phash) })) };
  });
}

function exactPairs(items: HashedAsset[]): { a: number; b: number }[] {
  const byKey = new Map<string, number>();
  const pairs: { a: number; b: number }[] = [];
  items.forEach((it, i) => {
    const key = `${it.kind}:${it.phash}:${it.dhash}:${it.width}x${it.height}`;
    const first = byKey.get(key);
    if (first === undefined) byKey.set(key, i);
    else pairs.push({ a: first, b: i });
  });
  return pairs;
}

function hammingHex(p: string, q: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (Number.parseInt(p.slice(i, i + 8), 16) ^ Number.parseInt(q.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

function summaryOf(a: Asset) {
  const { id, name, kind, ext, sizeBytes, durationSec, width, height, importedAt, trashedAt, hasThumbnail, hasProxy, rating, label } = a;
  return { id, name, kind, ext, sizeBytes, durationSec, width, height, importedAt, trashedAt, hasThumbnail, hasProxy, rating, label };
}

/** Videos whose lengths differ by more than this are not the same clip: drafts cannot be re-pointed safely. */
const VIDEO_LENGTH_SLACK_SEC = 0.5;

/**
 * "Keep this one": in one transaction, the kept asset gets the others' tags, notes, (when it has none) their
 * licence, the highest star rating among them, their colour label when it has none (the first copy's that has
 * one, in `removeIds` order) and their collections; every draft that used another copy is re-pointed to it as a new revision (recorded in asset_merges);
 * the others go to the Trash, where Restore brings them back.
 */
export function keepDuplicate(ctx: StudioContext, keepId: string, removeIds: string[]): KeepResult {
  const { db, assets, drafts, collections } = ctx.rooms;
  const others = [...new Set(removeIds)].filter((id) => id !== keepId);
  if (others.length === 0) throw new AppError('invalid_input', 'Pick at least one other copy to move to the Trash.');
  const result = db.transaction((): KeepResult => {
    const kept = assets.get(keepId);
    if (!kept || kept.trashedAt) throw new AppError('not_found', 'The copy to keep is no longer in the library. Refresh the duplicates and pick again.');
    const copies = others.map((id) => assets.get(id));
    const gone = copies.findIndex((c) => !c || c.trashedAt);
    if (gone >= 0) throw new AppError('not_found', 'One of the other copies is no longer in the library (or already in the Trash). Refresh the duplicates and pick again.');
    const list = copies as Asset[];
    for (const c of list) {
      if (c.kind !== kept.kind) throw new AppError('invalid_input', `“${c.name}” is ${c.kind === 'image' ? 'an image' : `a ${c.kind}`} and “${kept.name}” is not; only copies of one kind can be merged.`);
    }
    const tagsAdded = [...new Set(list.flatMap((c) => c.tags))].filter((t) => !kept.tags.includes(t)).sort();
    if (tagsAdded.length) assets.tag([kept.id], tagsAdded, []);
    const notes = [kept.notes.trim(), ...list.map((c) => c.notes.trim())].filter((n, i, all) => n !== '' && all.indexOf(n) === i);
    const licenced = list.find((c) => c.licenceExpires !== null);
    assets.update(kept.id, {
      notes: notes.join('\n\n'),
      ...(kept.licenceExpires === null && licenced ? { licenceExpires: licenced.licenceExpires, licenceNote: kept.licenceNote || licenced.licenceNote } : {}),
    });
    // A designer's marks survive the merge: the best rating given to any copy, the keeper's own label first.
    const rating = Math.max(kept.rating, ...list.map((c) => c.rating));
    if (rating !== kept.rating) assets.setRating([kept.id], rating);
    const label = kept.label ?? list.find((c) => c.label !== null)?.label ?? null;
    if (label !== kept.label) assets.setLabel([kept.id], label);
    const inCollections = new Set(collections.ofAsset(kept.id).map((c) => c.id));
    const collectionsAdded: string[] = [];
    const at = new Date();
    for (const c of list) {
      for (const col of collections.ofAsset(c.id)) {
        if (inCollections.has(col.id)) continue;
        inCollections.add(col.id);
        collections.add(col.id, [kept.id], at);
        collectionsAdded.push(col.id);
      }
    }

    const map = new Map(list.map((c) => [c.id, kept.id]));
    const byDraft = new Map<string, string[]>();
    for (const u of drafts.usesOf(list.map((c) => c.id))) byDraft.set(u.draftId, [...(byDraft.get(u.draftId) ?? []), u.assetId]);
    const now = new Date().toISOString();
    const log = db.prepare('INSERT INTO asset_merges (kept_id, removed_id, draft_id, revision_before, revision_after, merged_at) VALUES (?, ?, ?, ?, ?, ?)');
    const touched: KeepResult['drafts'] = [];
    for (const [draftId, used] of byDraft) {
      if (kept.kind === 'video') {
        const differs = list.find((c) => used.includes(c.id) && Math.abs((c.durationSec ?? 0) - (kept.durationSec ?? 0)) > VIDEO_LENGTH_SLACK_SEC);
        if (differs) {
          throw new AppError('conflict', `“${differs.name}” is not as long as “${kept.name}”, and a draft uses it: its clips would change. Keep “${differs.name}” instead, or replace it in the draft yourself.`);
        }
      }
      const rec = drafts.get(draftId)!;
      const saved = drafts.save(draftId, rec.revision, repointAssets(rec.doc, map));
      touched.push({ draftId, name: rec.doc.name, revisionBefore: rec.revision, revisionAfter: saved.revision });
      for (const id of used) log.run(kept.id, id, draftId, rec.revision, saved.revision, now);
    }
    for (const c of list) if (!byDraft.size || ![...byDraft.values()].some((u) => u.includes(c.id))) log.run(kept.id, c.id, null, null, null, now);
    const trashedIds = assets.setTrashed(list.map((c) => c.id), true);
    return { keptId: kept.id, trashedIds, tagsAdded, collectionsAdded, drafts: touched };
  }).immediate();
  ctx.emit('assets.changed', { reason: 'updated', ids: [result.keptId] });
  ctx.emit('assets.changed', { reason: 'trashed', ids: result.trashedIds });
  if (result.collectionsAdded.length) ctx.emit('collections.changed', { kind: 'manual', ids: result.collectionsAdded });
  if (result.drafts.length) ctx.emit('drafts.changed', { reason: 'saved', ids: result.drafts.map((d) => d.draftId) });
  return result;
}

export function visualApi(ctx: StudioContext): ApiPart<VisualCalls> {
  return {
    async 'duplicates.list'(input): Promise<DuplicateList> {
      return { mode: input.mode, groups: duplicateGroups(ctx.rooms, input.mode), pending: ctx.rooms.visual.pendingCount() };
    },
    async 'duplicates.keep'(input) {
      return keepDuplicate(ctx, input.keepId, input.removeIds);
    },
    async 'visual.backfill'() {
      const job = startVisualBackfill(ctx.rooms);
      return { jobId: job?.id ?? null, pending: ctx.rooms.visual.pendingCount() };
    },
  };
}
