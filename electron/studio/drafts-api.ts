import { draftAssetIds, draftNotFound } from '../library/drafts-repo';
import type { Caller } from '../api/contract';
import { LOCAL_OWNER_ID, type User } from '../model/post';
import { rasterizeText } from '../render/text';
import type { ApiPart, StudioContext } from './context';
import { listExports } from './export-history';
import { draftActor, requireTemplateWriter, templateGate } from './template-gate';

type DraftCalls =
  | 'drafts.list'
  | 'drafts.create'
  | 'drafts.get'
  | 'drafts.save'
  | 'drafts.rename'
  | 'drafts.duplicate'
  | 'drafts.trash'
  | 'drafts.restore'
  | 'drafts.revisions'
  | 'drafts.licences'
  | 'drafts.restoreRevision'
  | 'text.render'
  | 'exports.start'
  | 'exports.list';

/** The editor's calls: drafts and their revisions, text layers, exports. */
export function draftsApi(ctx: StudioContext): ApiPart<DraftCalls> {
  return {
    async 'drafts.list'(input) {
      return ctx.rooms.drafts.list(input.trashed);
    },
    async 'drafts.create'(input) {
      // New drafts use the library's default brand kit (none while the library has no kit).
      const d = ctx.rooms.drafts.create({ ...input, kitId: ctx.rooms.kits.defaultKit()?.id ?? null });
      ctx.emit('drafts.changed', { reason: 'created', ids: [d.id] });
      return d;
    },
    async 'drafts.get'(input) {
      const d = ctx.rooms.drafts.get(input.id);
      if (!d) throw draftNotFound();
      // Videos imported before they needed a proxy (1080p phone footage, issue 14) get one when a draft using them
      // opens: the preview switches to it when it is ready. Nothing starts when every one has its proxy. A proxy is
      // a convenience: failing to queue one never keeps the draft from opening.
      try {
        ctx.startProxies(ctx.rooms, draftAssetIds(d.doc));
      } catch (e) {
        ctx.log('Could not start preview proxies for an opened draft', e);
      }
      return d;
    },
    async 'drafts.licences'(input) {
      if (!ctx.rooms.drafts.get(input.id)) throw draftNotFound();
      return ctx.rooms.assets.licencesOfDraft(input.id);
    },
    async 'drafts.save'(input) {
      const actor = draftActor(ctx, input.actorId);
      requireTemplateWriter(ctx, actor, input.id);
      const { result: saved, backToReview } = withPostsOfDraft(ctx, input.id, actor, () => ctx.rooms.drafts.save(input.id, input.baseRevision, input.doc, templateGate(ctx, actor, input.id)));
      ctx.emit('drafts.changed', { reason: 'saved', ids: [input.id] });
      if (backToReview.length) ctx.emit('posts.changed', { reason: 'transitioned', ids: backToReview });
      return saved;
    },
    async 'drafts.rename'(input) {
      requireTemplateWriter(ctx, draftActor(ctx, input.actorId), input.id);
      const s = ctx.rooms.drafts.rename(input.id, input.name);
      ctx.emit('drafts.changed', { reason: 'renamed', ids: [input.id] });
      return s;
    },
    async 'drafts.duplicate'(input) {
      const d = ctx.rooms.drafts.duplicate(input.id);
      ctx.emit('drafts.changed', { reason: 'created', ids: [d.id] });
      return d;
    },
    async 'drafts.trash'(input) {
      const ids = ctx.rooms.drafts.setTrashed(input.ids, true);
      if (ids.length) ctx.emit('drafts.changed', { reason: 'trashed', ids });
      return { count: ids.length };
    },
    async 'drafts.restore'(input) {
      const ids = ctx.rooms.drafts.setTrashed(input.ids, false);
      if (ids.length) ctx.emit('drafts.changed', { reason: 'restored', ids });
      return { count: ids.length };
    },
    async 'drafts.revisions'(input) {
      return ctx.rooms.drafts.revisions(input.id);
    },
    /** Restoring is a save of an older document (a new revision on top), so it is announced as one. */
    async 'drafts.restoreRevision'(input) {
      const actor = draftActor(ctx, input.actorId);
      requireTemplateWriter(ctx, actor, input.id);
      const { result: d, backToReview } = withPostsOfDraft(ctx, input.id, actor, () => ctx.rooms.drafts.restoreRevision(input.id, input.revision, templateGate(ctx, actor, input.id)));
      ctx.emit('drafts.changed', { reason: 'saved', ids: [input.id] });
      if (backToReview.length) ctx.emit('posts.changed', { reason: 'transitioned', ids: backToReview });
      return d;
    },
    /** Rasterises once per content (cache/text); the preview shows this PNG and the export overlays it. */
    async 'text.render'(input) {
      const { key, width, height, left, top } = await rasterizeText(input.text, input.canvas, ctx.rooms.folder.textCacheDir, ctx.rooms.textFonts);
      return { key, width, height, left, top };
    },
    async 'exports.start'(input, caller) {
      const job = ctx.startExport({ draftId: input.draftId, preset: input.preset, loudness: input.loudness ?? null });
      // What leaves the library is audited, a file saved by hand as much as a delivery.
      auditManualExport(ctx, caller, { kind: 'video', draftId: input.draftId, jobId: job.id, preset: input.preset });
      return { jobId: job.id };
    },
    async 'exports.list'(input) {
      return listExports(ctx.rooms, { draftId: input.draftId, limit: input.limit });
    },
  };
}

/**
 * Writes a draft and, in the same transaction, sends the posts that carry it back to review when approvals were
 * given to the draft as it was (PostService.draftSaved): a saved draft never reaches a channel unreviewed.
 */
function withPostsOfDraft<T>(ctx: StudioContext, draftId: string, actor: User | null, write: () => T): { result: T; backToReview: string[] } {
  return ctx.rooms.db.transaction(() => {
    const result = write();
    const moved = ctx.postService.draftSaved(draftId, actor?.id ?? LOCAL_OWNER_ID);
    return { result, backToReview: moved.map((p) => p.id) };
  })();
}

/** A file exported by hand (a video or an image post's pages), for the audit log: who, which draft, which job. */
export function auditManualExport(ctx: StudioContext, caller: Caller | undefined, detail: Record<string, unknown>): void {
  const actor = caller?.user ?? ctx.postsRepo.requireUser(LOCAL_OWNER_ID);
  ctx.rooms.audit.append({ actor, action: 'export', postId: null, detail: { manual: true, ...detail }, at: ctx.clock().toISOString() });
}
