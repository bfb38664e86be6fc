import fs from 'node:fs/promises';
import path from 'node:path';
import { exportFilesOf, exportResultOf } from '../model/job';
import { contentFor } from '../model/post';
import type { DraftRecord } from '../model/draft-record';
import { pickRender, type ReviewChannel, type ReviewKind, reviewDiff, snapshotOf } from '../model/review';
import type { PostRecord } from '../library/posts-repo';
import type { ApiPart, StudioContext } from './context';

const isFile = (p: string) => fs.stat(p).then((s) => s.isFile(), () => false);

/**
 * The approver's review of a post (docs/review.md): what each channel gets and plays, what the policy checked,
 * and what changed since the caller's last review. Read-only; reviews are recorded by `recordReview`.
 */
export function reviewApi(ctx: StudioContext): ApiPart<'posts.review'> {
  return {
    async 'posts.review'(input) {
      const actor = ctx.postsRepo.requireUser(input.actorId);
      const post = ctx.postsRepo.require(input.id);
      const draft = post.draftId ? ctx.rooms.drafts.get(post.draftId) : null;
      const last = ctx.postService.lastReview(post.id, actor.id);
      const now = snapshotOf(post, draft?.revision ?? null);
      return {
        post,
        draft: draft ? { id: draft.id, kind: draft.doc.kind === 'image' ? 'image' : 'video', revision: draft.revision, name: draft.doc.name } : null,
        channels: await channelsOf(ctx, post, draft),
        checks: ctx.postService.policyChecks(post),
        since: last ? { review: last, changes: reviewDiff(last.snapshot, now) } : null,
      };
    },
  };
}

/**
 * Each target's text and the render to play for it (model/review.ts pickRender): the delivery engine names a
 * variant file after the channels it serves (`tiktok+instagram_reel.mp4`) in the post's render folder.
 */
async function channelsOf(ctx: StudioContext, post: PostRecord, draft: DraftRecord | null): Promise<ReviewChannel[]> {
  const postDir = path.dirname(ctx.rooms.delivery.renderDir(post));
  const prefix = path.join(postDir, path.sep);
  const renders = ctx.rooms.jobs.variantExportsIn(postDir).flatMap((job) => {
    const r = exportResultOf(job);
    if (!r) return [];
    // A one-pass export wrote every channel group's file: each is a render of its own channels.
    return exportFilesOf(r).flatMap((file, output) => {
      if (!file.startsWith(prefix)) return [];
      const channels = path.basename(file, path.extname(file)).split('+');
      return [{ jobId: job.id, output, draftId: r.draftId, channels, startedAt: job.createdAt, path: file }];
    });
  });
  const live = draft ? { id: draft.id, updatedAt: draft.updatedAt } : null;
  return Promise.all(
    post.targets.map(async ({ channel }) => {
      const file = pickRender(renders, channel, live);
      return { channel, content: contentFor(post, channel), render: file && (await isFile(file.path)) ? { jobId: file.jobId, output: file.output, at: file.startedAt } : null };
    }),
  );
}

/**
 * After someone other than the author approved, requested changes or commented: keep the post as they saw it, in the same
 * transaction as the step itself, so their next review can show what changed since.
 */
export function reviewed<T>(ctx: StudioContext, postId: string, actorId: string, kind: ReviewKind, step: () => T): T {
  return ctx.rooms.db.transaction(() => {
    const out = step();
    const post = ctx.postsRepo.require(postId);
    // The author's own comments are not a review of their post.
    if (post.createdBy === actorId) return out;
    const draft = post.draftId ? ctx.rooms.drafts.get(post.draftId) : null;
    ctx.postService.recordReview(post, actorId, kind, draft?.revision ?? null);
    return out;
  })();
}
