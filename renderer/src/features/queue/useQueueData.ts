import { useCallback, useEffect, useState } from 'react';
import type { Campaign, User } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import type { DraftSummary } from '../../../../electron/model/draft-record';
import { call, errorText, onEvent } from '../../api/client';
import { actorAmong, rememberActorId, storedActorId } from './actor';

export type QueueData = {
  users: User[];
  actor: User | null;
  setActorId: (id: string) => void;
  posts: PostRecordShape[];
  campaigns: Campaign[];
  drafts: DraftSummary[];
  error: string | null;
  loaded: boolean;
  reload: () => Promise<void>;
};

/**
 * Everything the Queue room shows, loaded once and refreshed on `posts.changed` / `drafts.changed`. The chosen
 * profile is remembered per browser; it is the `actorId` of every call (there is no sign-in in a local app).
 */
export function useQueueData(): QueueData {
  const [users, setUsers] = useState<User[]>([]);
  const [actorId, setActorIdState] = useState(storedActorId);
  const [posts, setPosts] = useState<PostRecordShape[]>([]);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const reload = useCallback(
    () =>
      Promise.all([call('users.list', {}), call('posts.list', {}), call('campaigns.list', {}), call('drafts.list', {})]).then(
        ([u, p, c, d]) => {
          setUsers(u);
          setPosts(p);
          setCampaigns(c);
          setDrafts(d);
          setError(null);
          setLoaded(true);
        },
        (e: unknown) => {
          setError(errorText(e));
          setLoaded(true);
        },
      ),
    [],
  );

  useEffect(() => {
    void reload();
    const offPosts = onEvent('posts.changed', () => void reload());
    const offDrafts = onEvent('drafts.changed', () => void reload());
    return () => {
      offPosts();
      offDrafts();
    };
  }, [reload]);

  const setActorId = useCallback((id: string) => {
    rememberActorId(id);
    setActorIdState(id);
  }, []);

  const actor = actorAmong(users, actorId);
  return { users, actor, setActorId, posts, campaigns, drafts, error, loaded, reload };
}
