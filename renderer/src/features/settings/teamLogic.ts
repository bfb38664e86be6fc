import { channelIds, type ChannelId, type Role, type User } from '../../../../electron/model/post';

/** Settings → Team's pure parts: the links it shows, the list's order, and the approver channels a form sends. */

/** The one-time link a person opens: the host serves the app at `origin`, the screen reads the fragment. */
export function oneTimeLink(origin: string, kind: 'invite' | 'reset', token: string): string {
  return `${origin.replace(/\/+$/, '')}/#${kind}=${token}`;
}

/** Me first, then active people before disabled ones, admins → approvers → creators, then by name. */
export function teamOrder(users: readonly User[], meId: string | null): User[] {
  const rank: Record<Role, number> = { admin: 0, approver: 1, creator: 2 };
  return [...users].sort(
    (a, b) =>
      Number(b.id === meId) - Number(a.id === meId) ||
      Number(a.disabled ?? false) - Number(b.disabled ?? false) ||
      rank[a.role] - rank[b.role] ||
      a.name.localeCompare(b.name),
  );
}

/** Only approvers carry channels; ticking none (or all) means every channel, which the host stores as null. */
export function channelsToSend(role: Role, ticked: ReadonlySet<ChannelId>): ChannelId[] | null {
  if (role !== 'approver' || ticked.size === 0 || ticked.size === channelIds.length) return null;
  return channelIds.filter((c) => ticked.has(c));
}

/** Whether anyone besides me is in the library (the empty state shows otherwise). */
export function aloneIn(users: readonly User[], meId: string | null): boolean {
  return users.every((u) => u.id === meId);
}
