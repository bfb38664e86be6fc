import { z } from 'zod';
import { ConnectorKind } from './delivery-settings';
import { ChannelId, PostState } from './post';

/**
 * What the app shows of a post's way out: each channel's delivery (the ledger row of the post's current revision),
 * the export jobs while its variants render, and why it waits or failed. Built by publish/engine.ts.
 */
export const deliveryStates = ['pending', 'sending', 'delivered', 'retry', 'unknown', 'failed'] as const;
export const DeliveryState = z.enum(deliveryStates);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const ChannelDelivery = z.object({
  channel: ChannelId,
  /** Where it goes (or went): the ledger row's connector, else the one the settings choose now; null = none set. */
  connector: ConnectorKind.nullable(),
  /** null: nothing was attempted for this revision yet. */
  state: DeliveryState.nullable(),
  attempts: z.number().int().nonnegative(),
  /** ISO time of the next automatic attempt ('retry'). */
  nextAttemptAt: z.string().nullable(),
  /** Why it failed, will be retried, or may have arrived (words for a person). */
  error: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ChannelDelivery = z.infer<typeof ChannelDelivery>;

export const PostDeliveryStatus = z.object({
  postId: z.string(),
  revision: z.number().int(),
  state: PostState,
  channels: z.array(ChannelDelivery),
  /** The export jobs of the variants while they render (progress is in job.updated events). */
  jobIds: z.array(z.string()),
  /** This post is being exported or delivered right now. */
  busy: z.boolean(),
  /** Export now (or again) would start: the post is approved, scheduled or failed, idle, and nothing is missing. */
  canExport: z.boolean(),
  /** Why a due post is not going out (no connector, no draft…), or why the post failed. */
  problem: z.string().nullable(),
  /** Due more than an hour ago and not exported automatically: a person chooses Export now or a new time. */
  minutesLate: z.number().int().nullable(),
});
export type PostDeliveryStatus = z.infer<typeof PostDeliveryStatus>;

export const LatePost = z.object({
  postId: z.string(),
  title: z.string(),
  scheduledAt: z.string(),
  timeZone: z.string(),
  minutesLate: z.number().int(),
});
export type LatePost = z.infer<typeof LatePost>;

/**
 * The sentence a post's problem ends with when the fix is in Settings → Delivery (no connector for a channel).
 * Only admins may change those settings (permissions.ts `delivery.settings`): the app swaps it for "ask an admin"
 * for anyone else.
 */
export const SET_UP_DELIVERY = 'Set one up in Settings → Delivery.';

/** A delivery that waits for a person: an unknown outcome ("Mark as delivered" or "Send again"). */
export function needsDecision(c: Pick<ChannelDelivery, 'state'>): boolean {
  return c.state === 'unknown';
}
