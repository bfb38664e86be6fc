import { ChannelId, type User } from '../model/post';

/** A user with every account field filled in, as the library stores it (never the password hash). */
export type AccountUser = Required<User>;

/** The columns a User is read from (migrations 0007 and 0014). */
export const USER_COLUMNS = 'id, name, role, login, disabled_at, approver_channels';

export type UserRow = { id: string; name: string; role: User['role']; login: string | null; disabled_at: string | null; approver_channels: string | null };

/** A stored channel list that no longer parses (a channel removed from Postframe) keeps the channels still known. */
function channelsOf(json: string | null): ChannelId[] | null {
  if (json === null) return null;
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((c) => (ChannelId.safeParse(c).success ? [c as ChannelId] : []));
}

export function toUser(r: UserRow): AccountUser {
  return { id: r.id, name: r.name, role: r.role, login: r.login, disabled: r.disabled_at !== null, approverChannels: channelsOf(r.approver_channels) };
}
