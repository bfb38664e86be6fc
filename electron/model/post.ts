import { z } from 'zod';

/**
 * Posts: a finished draft taken to one or more channels through review, approval, scheduling and delivery.
 * Times are stored in UTC (ISO-8601) together with the IANA zone the user scheduled in, so a post set for
 * "9:00 in Helsinki" stays at 9:00 local across daylight-saving changes.
 */
export const channelIds = ['tiktok', 'instagram_reel', 'instagram_feed', 'youtube_shorts', 'facebook_reel', 'x', 'linkedin'] as const;
export const ChannelId = z.enum(channelIds);
export type ChannelId = z.infer<typeof ChannelId>;

export const postStates = ['draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'rendering', 'ready', 'exported', 'failed'] as const;
export const PostState = z.enum(postStates);
export type PostState = z.infer<typeof PostState>;

export const Role = z.enum(['creator', 'approver', 'admin']);
export type Role = z.infer<typeof Role>;
export const User = z.object({
  id: z.string(),
  name: z.string().min(1).max(80),
  role: Role,
  // Issue 13 (accounts): defaults keep every older user value valid. Never a password hash or a token.
  /** What the person signs in with (unique without case); null = cannot sign in (a personal library's owner). */
  login: z.string().nullable().default(null),
  /** A disabled account cannot sign in and its sessions are over; its history stays. */
  disabled: z.boolean().default(false),
  /** The channels an approver may decide on; null = every channel. Admins decide on every channel whatever this says. */
  approverChannels: z.array(ChannelId).nullable().default(null),
});
/** A user as code builds one: the account fields may be left out (they default as the schema says). */
export type User = z.input<typeof User>;
/** The user every library starts with (migration 0007): the app acts as them on a personal library. */
export const LOCAL_OWNER_ID = 'owner';

/** What is said with the media. Each channel target may override any field. */
export const PostContent = z.object({
  caption: z.string().max(70_000),
  hashtags: z.array(z.string().regex(/^[\p{L}\p{N}_]+$/u, 'A hashtag is letters, digits and _ (without the #)')).max(100),
  mentions: z.array(z.string().regex(/^[\w.]+$/, 'A mention is a handle without the @')).max(100),
  firstComment: z.string().max(10_000),
  link: z.string().url().nullable(),
});
export type PostContent = z.infer<typeof PostContent>;

export const ChannelTarget = z.object({ channel: ChannelId, overrides: PostContent.partial() });
export type ChannelTarget = z.infer<typeof ChannelTarget>;

export const Campaign = z.object({
  id: z.string(),
  name: z.string().min(1).max(120),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  startDate: z.string().date().nullable(),
  endDate: z.string().date().nullable(),
  goal: z.string().max(500),
});
export type Campaign = z.infer<typeof Campaign>;

export const Post = z.object({
  id: z.string(),
  /**
   * The draft whose media the post carries. null for text-first posts (bulk CSV imports): they are planned
   * on the calendar first and get a draft attached before they can be exported (docs/architecture.md "Posts").
   */
  draftId: z.string().nullable(),
  title: z.string().min(1).max(200),
  content: PostContent,
  targets: z.array(ChannelTarget).min(1).max(channelIds.length),
  /** Seconds into the video for the cover frame; null = the first frame. */
  coverTime: z.number().nonnegative().nullable(),
  sponsored: z.boolean(),
  campaignId: z.string().nullable(),
  /** UTC instant, or null while unscheduled. */
  scheduledAt: z.string().datetime().nullable(),
  /** IANA zone the time was chosen in (e.g. "Europe/Helsinki"). */
  timeZone: z.string().min(1),
  state: PostState,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Post = z.infer<typeof Post>;

/** The content a channel actually gets: the post's own, with that channel's overrides on top. */
export function contentFor(post: Pick<Post, 'content' | 'targets'>, channel: ChannelId): PostContent {
  const target = post.targets.find((t) => t.channel === channel);
  return { ...post.content, ...Object.fromEntries(Object.entries(target?.overrides ?? {}).filter(([, v]) => v !== undefined)) };
}
