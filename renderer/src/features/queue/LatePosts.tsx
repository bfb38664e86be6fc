import { useCallback, useEffect, useRef, useState } from 'react';
import type { LatePost } from '../../../../electron/model/delivery-status';
import type { User } from '../../../../electron/model/post';
import { call, errorText, onEvent } from '../../api/client';
import { t, tn } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { AlertIcon } from '../../ui/icons';
import { formatLate } from './deliveryLogic';
import './delivery.css';

/** Posts more than an hour late (the engine's `delivery.late` call and event), kept fresh. */
function useLatePosts(): { late: LatePost[]; reload: () => void } {
  const [late, setLate] = useState<LatePost[]>([]);
  const reload = useCallback(() => {
    call('delivery.late', {}).then(setLate, () => undefined);
  }, []);
  useEffect(() => {
    reload();
    const offLate = onEvent('delivery.late', ({ posts }) => setLate(posts));
    const offPosts = onEvent('posts.changed', reload);
    return () => {
      offLate();
      offPosts();
    };
  }, [reload]);
  return { late, reload };
}

/**
 * The Queue's question about late posts: the scheduler did not export them because they are more than an hour
 * late. Each can be exported now, or opened to pick a new time.
 */
export function LatePostsBanner({ actor, onOpen }: { actor: User | null; onOpen: (postId: string) => void }) {
  const { late, reload } = useLatePosts();
  const showToast = useStore((s) => s.showToast);
  const [busy, setBusy] = useState<string | null>(null);
  if (late.length === 0) return null;

  const exportNow = async (p: LatePost) => {
    if (!actor) return;
    setBusy(p.postId);
    try {
      await call('delivery.exportNow', { id: p.postId });
      showToast({ message: t('delivery.started', { title: p.title }), tone: 'success' });
      onOpen(p.postId);
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(null);
      reload();
    }
  };

  return (
    <section className="late-posts" data-testid="late-posts" role="status">
      <p className="late-posts__head">
        <AlertIcon size={18} />
        {tn('delivery.lateBanner', late.length)}
      </p>
      <ul className="late-posts__list">
        {late.map((p) => (
          <li key={p.postId} className="late-posts__item" data-testid="late-post" data-post-id={p.postId}>
            <span className="late-posts__title">{p.title}</span>
            <span className="late-posts__late">{t('delivery.lateFor', { late: formatLate(p.minutesLate) })}</span>
            <Button size="sm" variant="primary" disabled={!actor || busy !== null} onClick={() => void exportNow(p)} data-testid="late-export-now">
              {t('delivery.exportNow')}
            </Button>
            <Button size="sm" onClick={() => onOpen(p.postId)} data-testid="late-open">
              {t('delivery.open')}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Wherever the person is in the app, a toast when posts become more than an hour late (the scheduler's catch-up
 * after a start, or a post left waiting): they lead to the Queue, where the question is asked.
 */
export function LatePostsNotice() {
  const showToast = useStore((s) => s.showToast);
  const dismissToast = useStore((s) => s.dismissToast);
  const setScreen = useStore((s) => s.setScreen);
  const told = useRef(new Set<string>());
  const shown = useRef<number | null>(null);
  useEffect(() => {
    const tell = (posts: LatePost[]) => {
      const fresh = posts.filter((p) => !told.current.has(p.postId));
      told.current = new Set(posts.map((p) => p.postId));
      if (fresh.length === 0 || useStore.getState().screen === 'queue') return;
      // One toast says it all: a newer count replaces the one before.
      if (shown.current !== null) dismissToast(shown.current);
      shown.current = showToast({ message: tn('delivery.lateToast', posts.length), tone: 'info', action: { label: t('delivery.openQueue'), run: () => setScreen('queue') }, durationMs: 15_000 });
    };
    // The engine's catch-up pass may have run before this window connected: ask once, then follow the event.
    call('delivery.late', {}).then(tell, () => undefined);
    return onEvent('delivery.late', ({ posts }) => tell(posts));
  }, [showToast, dismissToast, setScreen]);
  return null;
}
