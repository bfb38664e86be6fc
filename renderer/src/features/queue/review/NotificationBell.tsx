import { useEffect, useRef, useState } from 'react';
import { t, tn, type MessageKey } from '../../../i18n';
import { BellIcon } from '../../../ui/icons';
import { useReviewInbox } from './inboxStore';
import { openNotice } from './ReviewNotices';
import { localWhen } from '../queueLogic';
import './review.css';

/**
 * The Queue header's bell: how many notices wait, and the list (a post waiting for my review opens its review;
 * a decision on my post opens the post). "Notify me" asks the browser (in Electron: the OS) for permission, from
 * the click itself, as browsers require.
 */
export function NotificationBell({ zone }: { zone: string }) {
  const notices = useReviewInbox((s) => s.notices);
  const notifyMe = useReviewInbox((s) => s.notifyMe);
  const setNotifyMe = useReviewInbox((s) => s.setNotifyMe);
  const [open, setOpen] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const count = notices.length;

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  const toggleNotify = async (on: boolean) => {
    setHint(null);
    if (!on) return setNotifyMe(false);
    if (typeof Notification === 'undefined') return setHint(t('notify.unsupported'));
    const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    if (permission !== 'granted') return setHint(t('notify.denied'));
    setNotifyMe(true);
  };

  return (
    <div className="bell" ref={ref}>
      <button
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={count ? tn('notify.bellCount', count) : t('notify.bell')}
        title={t('notify.bell')}
        onClick={() => setOpen(!open)}
        data-testid="notify-bell"
        data-count={count}
      >
        <BellIcon size={20} />
        {count > 0 && <span className="bell__count">{count > 99 ? '99+' : count}</span>}
      </button>
      {open && (
        <div className="bell__panel" role="dialog" aria-label={t('notify.bell')} data-testid="notify-panel">
          <h3 className="bell__title">{t('notify.bell')}</h3>
          {count === 0 ? (
            <p className="field__hint">{t('notify.empty')}</p>
          ) : (
            <ul className="bell__list">
              {notices.map((n) => {
                const at = localWhen(n.at, zone);
                return (
                  <li key={n.key}>
                    <button
                      type="button"
                      className={`bell__item bell__item--${n.kind}`}
                      onClick={() => {
                        setOpen(false);
                        openNotice(n);
                      }}
                      data-testid="notify-item"
                      data-kind={n.kind}
                      data-post-id={n.postId}
                    >
                      <span className="bell__kind">{t(`notify.${n.kind}` as MessageKey)}</span>
                      <span className="bell__post">{n.title}</span>
                      {at && <span className="bell__when">{`${at.date} ${at.time}`}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <label className="bell__notify">
            <input type="checkbox" checked={notifyMe} onChange={(e) => void toggleNotify(e.target.checked)} data-testid="notify-me" />
            {t('notify.notifyMe')}
          </label>
          {hint && <p className="field__hint">{hint}</p>}
        </div>
      )}
    </div>
  );
}
