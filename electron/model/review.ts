import { z } from 'zod';
import type { RuleCheck } from './policy-report';
import { ChannelId, type Post, PostContent } from './post';
import { PostRecordSchema } from './post-record';

/**
 * "What changed since my last review" (docs/review.md). When an approver approves, requests changes or comments,
 * the post as they saw it is kept as a snapshot; the next time they open the review, `reviewDiff` lists what is
 * different now. Pure: the studio stores snapshots, the renderer shows the list.
 */

export const ReviewSnapshot = z.object({
  title: z.string(),
  content: PostContent,
  targets: z.array(z.object({ channel: ChannelId, overrides: PostContent.partial() })),
  scheduledAt: z.string().nullable(),
  timeZone: z.string(),
  draftId: z.string().nullable(),
  /** The draft's saved revision when reviewed (its media and edit); null without a draft. */
  draftRevision: z.number().int().nullable(),
  coverTime: z.number().nullable(),
  sponsored: z.boolean(),
});
export type ReviewSnapshot = z.infer<typeof ReviewSnapshot>;

export const reviewKinds = ['approve', 'request_changes', 'comment'] as const;
export const ReviewKind = z.enum(reviewKinds);
export type ReviewKind = z.infer<typeof ReviewKind>;

/** One person's last review of a post: when, what they did, and the post as they saw it. */
export const ReviewRecord = z.object({ at: z.string(), kind: ReviewKind, snapshot: ReviewSnapshot });
export type ReviewRecord = z.infer<typeof ReviewRecord>;

type SnapshotSource = Pick<Post, 'title' | 'content' | 'targets' | 'scheduledAt' | 'timeZone' | 'draftId' | 'coverTime' | 'sponsored'>;

/** The parts of a post a reviewer judged, copied (never shared with the live post). */
export function snapshotOf(post: SnapshotSource, draftRevision: number | null): ReviewSnapshot {
  return structuredClone({
    title: post.title,
    content: post.content,
    targets: post.targets.map((t) => ({ channel: t.channel, overrides: t.overrides })),
    scheduledAt: post.scheduledAt,
    timeZone: post.timeZone,
    draftId: post.draftId,
    draftRevision: post.draftId === null ? null : draftRevision,
    coverTime: post.coverTime,
    sponsored: post.sponsored,
  });
}

export type TextField = 'title' | 'caption' | 'firstComment' | 'link';
const contentTextFields = ['caption', 'firstComment', 'link'] as const;
type ListField = 'hashtags' | 'mentions';

/**
 * One difference, ready to show. `before`/`after` are the values as text (a link or time may be '' when unset);
 * lists say what was added and removed.
 */
export type ReviewChange =
  | { kind: 'text'; field: TextField; before: string; after: string }
  | { kind: 'list'; field: ListField; added: string[]; removed: string[] }
  | { kind: 'channels'; added: ChannelId[]; removed: ChannelId[] }
  | { kind: 'override'; channel: ChannelId; field: keyof PostContent; before: string; after: string }
  | { kind: 'schedule'; before: string | null; after: string | null; beforeZone: string; afterZone: string }
  | { kind: 'media'; change: 'draft' | 'edited'; beforeRevision: number | null; afterRevision: number | null }
  | { kind: 'cover'; before: number | null; after: number | null }
  | { kind: 'sponsored'; before: boolean; after: boolean };

const listText = (v: string | readonly string[] | null | undefined): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : v.join(' '));

function listDiff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: [...a].filter((x) => !b.has(x)), removed: [...b].filter((x) => !a.has(x)) };
}

/**
 * What is different in `after` from `before`, in the order a reviewer reads a post: media, text, lists,
 * channels, each channel's own overrides, schedule, cover, sponsorship. Equal snapshots give [].
 */
export function reviewDiff(before: ReviewSnapshot, after: ReviewSnapshot): ReviewChange[] {
  const out: ReviewChange[] = [];
  if (before.draftId !== after.draftId) out.push({ kind: 'media', change: 'draft', beforeRevision: before.draftRevision, afterRevision: after.draftRevision });
  else if (before.draftRevision !== after.draftRevision) out.push({ kind: 'media', change: 'edited', beforeRevision: before.draftRevision, afterRevision: after.draftRevision });
  if (before.title !== after.title) out.push({ kind: 'text', field: 'title', before: before.title, after: after.title });
  for (const f of contentTextFields) {
    const b = listText(before.content[f]);
    const a = listText(after.content[f]);
    if (b !== a) out.push({ kind: 'text', field: f, before: b, after: a });
  }
  for (const f of ['hashtags', 'mentions'] as const) {
    const d = listDiff(before.content[f], after.content[f]);
    if (d.added.length || d.removed.length) out.push({ kind: 'list', field: f, ...d });
  }
  const bChannels = before.targets.map((t) => t.channel);
  const aChannels = after.targets.map((t) => t.channel);
  const ch = listDiff(bChannels, aChannels);
  if (ch.added.length || ch.removed.length) out.push({ kind: 'channels', added: ch.added as ChannelId[], removed: ch.removed as ChannelId[] });
  // Overrides of channels in both: a channel added or removed is already said above.
  for (const t of after.targets) {
    const prev = before.targets.find((p) => p.channel === t.channel);
    if (!prev) continue;
    const keys = new Set([...Object.keys(prev.overrides), ...Object.keys(t.overrides)] as (keyof PostContent)[]);
    for (const k of [...keys].sort()) {
      const b = listText(prev.overrides[k]);
      const a = listText(t.overrides[k]);
      if (b !== a) out.push({ kind: 'override', channel: t.channel, field: k, before: b, after: a });
    }
  }
  if (before.scheduledAt !== after.scheduledAt || (after.scheduledAt !== null && before.timeZone !== after.timeZone)) {
    out.push({ kind: 'schedule', before: before.scheduledAt, after: after.scheduledAt, beforeZone: before.timeZone, afterZone: after.timeZone });
  }
  if (before.coverTime !== after.coverTime) out.push({ kind: 'cover', before: before.coverTime, after: after.coverTime });
  if (before.sponsored !== after.sponsored) out.push({ kind: 'sponsored', before: before.sponsored, after: after.sponsored });
  return out;
}

/** The settings key under which one person's last review of a post is kept. */
export function reviewKey(postId: string, actorId: string): string {
  return `review.last:${postId}:${actorId}`;
}

/** A channel as the review shows it: the text it gets (overrides applied) and its rendered file, when there is one. */
export const ReviewChannel = z.object({
  channel: ChannelId,
  content: PostContent,
  /**
   * The finished export of this channel's variant for the post's current revision, served by its job id and the
   * file's index among the job's outputs (0 but for a one-pass export of several variants).
   */
  render: z.object({ jobId: z.string(), output: z.number().int().nonnegative(), at: z.string() }).nullable(),
});
export type ReviewChannel = z.infer<typeof ReviewChannel>;

/** What `posts.review` answers (the shape of the checks and changes is the pure functions' own). */
export const PostReview = z.object({
  post: PostRecordSchema,
  draft: z.object({ id: z.string(), kind: z.enum(['video', 'image']), revision: z.number().int(), name: z.string() }).nullable(),
  channels: z.array(ReviewChannel),
  checks: z.array(z.custom<RuleCheck>()),
  /** The caller's last review of this post, and what is different since; null when they have not reviewed it. */
  since: z.object({ review: ReviewRecord, changes: z.array(z.custom<ReviewChange>()) }).nullable(),
});
export type PostReview = z.infer<typeof PostReview>;

/** A finished channel-variant render of the post (any revision): its job, draft, file name's channels and start time. */
export type RenderCandidate = { jobId: string; draftId: string; channels: readonly string[]; startedAt: string };

/**
 * The render a review may play for `channel`: the newest of the post's renders that carries the channel and was
 * made from the post's draft as it is now (started after the draft's last save). The video does not depend on the
 * post's text, so a render from before a caption edit still shows the media; a draft edited since shows live.
 */
export function pickRender<R extends RenderCandidate>(renders: readonly R[], channel: string, draft: { id: string; updatedAt: string } | null): R | null {
  if (!draft) return null;
  const fits = renders.filter((r) => r.draftId === draft.id && r.channels.includes(channel) && r.startedAt >= draft.updatedAt);
  return fits.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))[0] ?? null;
}
