import { channelIds, type ChannelId, type Role } from '../../../../electron/model/post';

/**
 * Invites' pure words (the invite page and Settings → Team): which role a link makes, how long it still works,
 * and what a link that no longer works says. The host decides; this only picks the words.
 */

/** How a link's role reads: an approver limited to some channels names them, in the order Postframe lists them. */
export type InviteRole = { kind: 'creator' | 'admin' | 'approverAll' } | { kind: 'approverFor'; channels: ChannelId[] };

export function inviteRole(role: Role, channels: readonly ChannelId[] | null): InviteRole {
  if (role !== 'approver') return { kind: role };
  const some = channelIds.filter((c) => channels?.includes(c));
  return some.length === 0 || some.length === channelIds.length ? { kind: 'approverAll' } : { kind: 'approverFor', channels: some };
}

/**
 * "in 7 days", "in 3 hours", "in 12 minutes": the time left in its largest unit (days from two days, hours from two
 * hours), counted up so a fresh 7-day invite says 7, not 6; null once past.
 */
export function expiresIn(expiresAt: string, nowMs: number): { value: number; unit: 'day' | 'hour' | 'minute' } | null {
  const left = Date.parse(expiresAt) - nowMs;
  if (!(left > 0)) return null;
  const minutes = left / 60_000;
  if (minutes >= 48 * 60) return { value: Math.ceil(minutes / (24 * 60)), unit: 'day' };
  if (minutes >= 120) return { value: Math.ceil(minutes / 60), unit: 'hour' };
  return { value: Math.ceil(minutes), unit: 'minute' };
}

/** An invite page's state when its link was checked: still checking, working, or one line saying why not. */
export type InvitePage = { kind: 'checking' } | { kind: 'form' } | { kind: 'refused'; why: 'used' | 'expired' | 'unknown' };

/**
 * What the page shows for the host's answer (null: the host could not be asked). A host that did not answer shows
 * the form: accepting then gives the host's own answer, so an unreachable check never locks a person out.
 */
export function invitePage(state: 'valid' | 'used' | 'expired' | 'unknown' | null | undefined): InvitePage {
  if (state === undefined) return { kind: 'checking' };
  if (state === null || state === 'valid') return { kind: 'form' };
  return { kind: 'refused', why: state };
}
