import { useCallback, useEffect, useState } from 'react';
import type { Campaign, User } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import type { DraftSummary } from '../../../../electron/model/draft-record';
import { call, errorText, onEvent } from '../../api/client';
import { useMe } from '../../store/meStore';

export type QueueData = {
  users: User[];
  /** The signed-in user (the host acts as them on every call). */
  actor: User | null;
  posts: PostRecordShape[];
  campaigns: Campaign[];
  drafts: DraftSummary[];
  error: string | null;
  loaded: boolean;
  reload: () => Promise<void>;
};

/**
 * Everything the Queue room shows, loaded once and refreshed on `posts.changed` / `drafts.changed`. `users`: the
 * library's people (names for posts, approvers for the rules); `actor`: who is signed in.
 */
export function useQueueData(): QueueData {
  const [users, setUsers] = useState<User[]>([]);
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

  const actor = useMe();
  return { users, actor, posts, campaigns, drafts, error, loaded, reload };
}
