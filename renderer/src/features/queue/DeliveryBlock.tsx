import { useCallback, useEffect, useState } from 'react';
import { channelLimits } from '../../../../electron/model/channels';
import type { ChannelDelivery, PostDeliveryStatus } from '../../../../electron/model/delivery-status';
import { jobTitleFor } from '../../../../electron/model/job-title';
import type { User } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { call, errorText, onEvent } from '../../api/client';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { ProgressBar } from '../../ui/ProgressBar';
import { channelTone, exportAction, formatLate, problemAdvice, showsDelivery } from './deliveryLogic';
import { localWhen } from './queueLogic';
import './delivery.css';

/**
 * The post's way out, in its panel: Export now (or again), a late post's question, the render jobs' progress,
 * and each channel's delivery: delivered, trying again, failed with the reason, or unknown, which only a person
 * settles (Mark as delivered / Send again). Refreshed on `delivery.changed` and when the post changes.
 */
export function DeliveryBlock({ post, actor, zone, onReschedule }: { post: PostRecordShape; actor: User; zone: string; onReschedule: () => void }) {
  const showToast = useStore((s) => s.showToast);
  const setScreen = useStore((s) => s.setScreen);
  const [status, setStatus] = useState<PostDeliveryStatus | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      call('delivery.status', { postId: post.id }).then(setStatus, (e: unknown) => {
        showToast({ message: errorText(e), tone: 'error' });
      }),
    [post.id, showToast],
  );

  useEffect(() => {
    void load();
    return onEvent('delivery.changed', ({ postIds }) => {
      if (postIds.length === 0 || postIds.includes(post.id)) void load();
    });
  }, [load, post.id, post.updatedAt, post.state]);

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await fn();
      if (done) showToast({ message: done, tone: 'success' });
      await load();
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  if (!status || status.postId !== post.id || !showsDelivery(status)) return null;
  const action = exportAction(status.state, status.busy);
  const advice = problemAdvice(status.problem, actor.role, t('delivery.askAdmin'));
  const exportNow = () => act(() => call('delivery.exportNow', { id: post.id }), t('delivery.started', { title: post.title }));

  return (
    <section className="delivery" data-testid="delivery-block" data-state={status.state} aria-labelledby={`delivery-${post.id}`}>
      <h3 id={`delivery-${post.id}`} className="queue-group__title">
        {t('delivery.title')}
      </h3>
      {status.minutesLate !== null && (
        <div className="delivery__notice delivery__notice--warn" data-testid="delivery-late" role="status">
          <AlertIcon size={18} />
          <p>{t('delivery.late', { late: formatLate(status.minutesLate) })}</p>
        </div>
      )}
      {advice.text && (
        <div className={`delivery__notice delivery__notice--${status.state === 'failed' ? 'error' : 'warn'}`} data-testid="delivery-problem" role="status">
          <AlertIcon size={18} />
          <p>{advice.text}</p>
        </div>
      )}
      {(action || status.minutesLate !== null || advice.openSettings) && (
        <div className="delivery__actions">
          {action && (
            <Button variant="primary" disabled={busy || !status.canExport} onClick={() => void exportNow()} data-testid="delivery-export-now">
              {t(action === 'again' ? 'delivery.exportAgain' : 'delivery.exportNow')}
            </Button>
          )}
          {status.minutesLate !== null && (
            <Button onClick={onReschedule} data-testid="delivery-reschedule">
              {t('delivery.reschedule')}
            </Button>
          )}
          {advice.openSettings && (
            <Button variant="ghost" onClick={() => setScreen('settings')} data-testid="delivery-open-settings">
              {t('delivery.openSettings')}
            </Button>
          )}
        </div>
      )}
      {action && <p className="field__hint">{t(action === 'again' ? 'delivery.exportAgainHint' : 'delivery.exportNowHint')}</p>}
      {status.jobIds.length > 0 && <RenderProgress jobIds={status.jobIds} />}
      <ul className="delivery__channels" data-testid="delivery-channels">
        {status.channels.map((c) => (
          <ChannelRow
            key={c.channel}
            c={c}
            zone={zone}
            busy={busy || status.busy}
            onMark={() => void act(() => call('delivery.markDelivered', { postId: post.id, channel: c.channel }), t('delivery.marked', { channel: channelLimits[c.channel].label }))}
            onSend={() => void act(() => call('delivery.sendAgain', { postId: post.id, channel: c.channel }))}
          />
        ))}
      </ul>
    </section>
  );
}

function RenderProgress({ jobIds }: { jobIds: string[] }) {
  const jobs = useStore((s) => s.jobs);
  return (
    <div className="delivery__jobs" data-testid="delivery-jobs">
      {jobIds.map((id) => {
        const job = jobs[id];
        const title = job ? jobTitleFor(job.title, job.status) : t('delivery.working');
        const value = job?.status === 'done' ? 1 : (job?.progress ?? null);
        return (
          <div key={id} className="delivery__job">
            <span className="delivery__job-title">{title}</span>
            <ProgressBar value={value} label={title} size="sm" />
          </div>
        );
      })}
    </div>
  );
}

function ChannelRow({ c, zone, busy, onMark, onSend }: { c: ChannelDelivery; zone: string; busy: boolean; onMark: () => void; onSend: () => void }) {
  const tone = channelTone(c.state);
  const retryAt = c.nextAttemptAt ? localWhen(c.nextAttemptAt, zone)?.time : null;
  const word = c.state === 'retry' ? t('delivery.state.retry', { time: retryAt ?? '…' }) : t(`delivery.state.${c.state ?? 'none'}` as MessageKey);
  return (
    <li className="delivery__channel" data-testid="delivery-channel" data-channel={c.channel} data-state={c.state ?? 'none'}>
      <div className="delivery__channel-head">
        <span className="delivery__channel-name">{channelLimits[c.channel].label}</span>
        <span className="delivery__connector">{t(c.connector ? `delivery.connector.${c.connector}` : 'delivery.connector.none')}</span>
        <span className={`delivery__state delivery__state--${tone}`} data-testid="delivery-channel-state">
          {c.state === 'delivered' && <CheckIcon size={14} />}
          {word}
        </span>
      </div>
      {c.error && c.state !== 'delivered' && <p className="delivery__error">{c.error}</p>}
      {c.state === 'unknown' && (
        <div className="delivery__decide">
          <p className="field__hint">{t('delivery.unknownHelp')}</p>
          <div className="delivery__actions">
            <Button size="sm" variant="primary" disabled={busy} onClick={onMark} data-testid="delivery-mark-delivered">
              {t('delivery.markDelivered')}
            </Button>
            <Button size="sm" disabled={busy} onClick={onSend} data-testid="delivery-send-again">
              {t('delivery.sendAgain')}
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
