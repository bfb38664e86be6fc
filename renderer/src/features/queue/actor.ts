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

const ACTOR_EVENT = 'postframe:actor';

export function rememberActorId(id: string): void {
  try {
    window.localStorage.setItem(ACTOR_KEY, id);
  } catch {
    // Private mode: the choice lasts for this session only.
  }
  window.dispatchEvent(new Event(ACTOR_EVENT));
}

/** Calls `fn` when this window works as another profile (useActor reads it again). */
export function onActorChange(fn: () => void): () => void {
  window.addEventListener(ACTOR_EVENT, fn);
  return () => window.removeEventListener(ACTOR_EVENT, fn);
}

/** The chosen profile among the library's users; a profile remembered from another library falls back to the first admin. */
export function actorAmong(users: User[], id: string): User | null {
  return users.find((u) => u.id === id) ?? users.find((u) => u.role === 'admin') ?? users[0] ?? null;
}
