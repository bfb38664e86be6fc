import { useEffect, useState } from 'react';
import type { User } from '../../../../electron/model/post';
import { call } from '../../api/client';
import { actorAmong, storedActorId } from '../queue/actor';

/** The profile this window works as (the Queue's switcher), or null while loading or when it cannot be read. */
export function useActor(): User | null {
  const [actor, setActor] = useState<User | null>(null);
  useEffect(() => {
    let live = true;
    call('users.list', {}).then(
      (users) => live && setActor(actorAmong(users, storedActorId())),
      () => live && setActor(null),
    );
    return () => {
      live = false;
    };
  }, []);
  return actor;
}
