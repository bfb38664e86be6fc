import { useEffect, useState } from 'react';
import type { User } from '../../../../electron/model/post';
import { call, onEvent } from '../../api/client';
import { actorAmong, onActorChange, storedActorId } from '../queue/actor';

/** The profile this person works as (the Queue's switcher), read again when another library opens or the profile changes; null until known. */
export function useActor(): User | null {
  const [actor, setActor] = useState<User | null>(null);
  useEffect(() => {
    const load = () => void call('users.list', {}).then((users) => setActor(actorAmong(users, storedActorId())), () => setActor(null));
    load();
    const offLibrary = onEvent('library.changed', load);
    const offActor = onActorChange(load);
    return () => {
      offLibrary();
      offActor();
    };
  }, []);
  return actor;
}
