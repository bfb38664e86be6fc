import type { User } from '../../../../electron/model/post';

/**
 * The profile a person works as (the Queue header's switcher), remembered per browser. It is the `actorId`
 * of every call that needs one; Settings reads it too, to know whether to offer admin-only settings.
 */
const ACTOR_KEY = 'postframe.actorId';

export function storedActorId(): string {
  try {
    return window.localStorage.getItem(ACTOR_KEY) ?? 'owner';
  } catch {
    return 'owner';
  }
}

export function rememberActorId(id: string): void {
  try {
    window.localStorage.setItem(ACTOR_KEY, id);
  } catch {
    // Private mode: the choice lasts for this session only.
  }
}

/** The chosen profile among the library's users; a profile remembered from another library falls back to the first admin. */
export function actorAmong(users: User[], id: string): User | null {
  return users.find((u) => u.id === id) ?? users.find((u) => u.role === 'admin') ?? users[0] ?? null;
}
