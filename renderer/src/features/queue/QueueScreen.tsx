import { useEffect, useMemo, useState } from 'react';
import type { Campaign } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { call, errorText } from '../../api/client';
import { getLocale, t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { PlusIcon } from '../../ui/icons';
import { CampaignDialog, campaignRange } from './CampaignDialog';
import { Composer } from './Composer';
import { LatePostsBanner } from './LatePosts';
import { MonthView } from './MonthView';
import { PolicyView } from './PolicyView';
import { PostPanel } from './PostPanel';
import { QueueList } from './QueueList';
import { browserZone } from './queueLogic';
import { WeekView } from './WeekView';
import { useQueueData } from './useQueueData';
import { useReviewInbox } from './review/inboxStore';
import { NotificationBell } from './review/NotificationBell';
import { ReviewView } from './review/ReviewView';
import { CampaignDot } from './badges';
import './queue.css';
import { RadioGroup } from '../../ui/RadioGroup';

type View = 'list' | 'month' | 'week' | 'policy';
const CALENDAR_VIEWS: { view: View; label: MessageKey }[] = [
  { view: 'list', label: 'queue.viewList' },
  { view: 'month', label: 'queue.viewMonth' },
  { view: 'week', label: 'queue.viewWeek' },
];

/**
 * The Queue room: posts as a list (by state or by campaign), a month or week calendar, the composer, the
 * workflow actions of the signed-in user, campaigns, and the policy and approval rules.
 */
export function QueueScreen() {
  const data = useQueueData();
  const showToast = useStore((s) => s.showToast);
  const zone = useMemo(() => browserZone(), []);
  const [view, setView] = useState<View>('list');
  const [groupBy, setGroupBy] = useState<'state' | 'campaign'>('state');
  const [campaignId, setCampaignId] = useState<string>('');
  // A post the Library's "where used" asked to open comes in selected.
  const [selectedId, setSelectedId] = useState<string | null>(() => useReviewInbox.getState().open?.postId ?? useStore.getState().queuePostRequest);
  useEffect(() => void useStore.getState().takeQueuePostRequest(), []);
  // The approver's review of a post (from its panel, the bell, a toast or an OS notification).
  const [reviewId, setReviewId] = useState<string | null>(() => {
    const o = useReviewInbox.getState().open;
    return o?.review ? o.postId : null;
  });
  useEffect(() => {
    useReviewInbox.getState().take(); // taken by the initial state above
    return useReviewInbox.subscribe((s) => {
      const o = s.open && useReviewInbox.getState().take();
      if (!o) return;
      setView((v) => (v === 'policy' ? 'list' : v));
      setSelectedId(o.postId);
      setReviewId(o.review ? o.postId : null);
    });
  }, []);
  const [composer, setComposer] = useState<{ post: PostRecordShape | null } | null>(null);
  const [campaignEdit, setCampaignEdit] = useState<{ campaign: Campaign | null } | null>(null);

  const campaignById = useMemo(() => new Map(data.campaigns.map((c) => [c.id, c])), [data.campaigns]);
  const filtered = campaignId ? campaignById.get(campaignId) : undefined;
  const shown = useMemo(() => (campaignId ? data.posts.filter((p) => p.campaignId === campaignId) : data.posts), [data.posts, campaignId]);
  const shownCampaigns = useMemo(() => (filtered ? [filtered] : data.campaigns), [filtered, data.campaigns]);
  const selected = data.posts.find((p) => p.id === selectedId) ?? null;
  const actor = data.actor;

  const downloadIcs = async () => {
    try {
      const { text } = await call('queue.ics', { campaignId: campaignId || null });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filtered ? `postframe-${icsSlug(filtered.name)}.ics` : 'postframe-queue.ics';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    }
  };

  const calendarProps = { posts: shown, zone, campaignById, campaigns: shownCampaigns, actor, selectedId, onSelect: setSelectedId };
  const empty = data.loaded && shown.length === 0 && !(view === 'list' && groupBy === 'campaign' && data.campaigns.length > 0);

  return (
    <section className="library queue" data-testid="queue-screen">
      <header className="toolbar">
        <h1 className="queue__title">{t('queue.title')}</h1>
        <RadioGroup className="segmented view-switch" aria-label={t('queue.viewLabel')}>
          {CALENDAR_VIEWS.map((v) => (
            <button key={v.view} type="button" role="radio" aria-checked={view === v.view} className="segmented__item" onClick={() => setView(v.view)} data-testid={`queue-view-${v.view}`}>
              {t(v.label)}
            </button>
          ))}
        </RadioGroup>
        <div className="toolbar__spacer" />
        <Button variant={view === 'policy' ? 'secondary' : 'ghost'} aria-pressed={view === 'policy'} onClick={() => setView(view === 'policy' ? 'list' : 'policy')} data-testid="queue-view-policy">
          {t('queue.viewPolicy')}
        </Button>
        <NotificationBell zone={zone} />
        <Button variant="primary" icon={<PlusIcon size={18} />} onClick={() => setComposer({ post: null })} disabled={!actor} data-testid="new-post">
          {t('queue.newPost')}
        </Button>
      </header>
      {view !== 'policy' && (
        <div className="subbar queue__subbar">
          <select className="select" aria-label={t('queue.campaignFilter')} value={campaignId} onChange={(e) => setCampaignId(e.target.value)} data-testid="campaign-filter">
            <option value="">{t('queue.allCampaigns')}</option>
            {data.campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {filtered && (
            <span className="queue__campaign-note" data-testid="campaign-filter-range">
              <CampaignDot campaign={filtered} />
              {campaignRange(filtered, getLocale()) ?? t('queue.campaign.noDates')}
            </span>
          )}
          {filtered && actor && (
            <Button size="sm" variant="ghost" onClick={() => setCampaignEdit({ campaign: filtered })} data-testid="campaign-edit-filtered">
              {t('queue.campaign.edit')}
            </Button>
          )}
          {view === 'list' && (
            <label className="queue__group-by">
              <span className="field__label">{t('queue.groupBy')}</span>
              <select className="select" value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'state' | 'campaign')} data-testid="group-by">
                <option value="state">{t('queue.groupBy.state')}</option>
                <option value="campaign">{t('queue.groupBy.campaign')}</option>
              </select>
            </label>
          )}
          <div className="toolbar__spacer" />
          <Button size="sm" icon={<PlusIcon size={16} />} onClick={() => setCampaignEdit({ campaign: null })} disabled={!actor} data-testid="new-campaign">
            {t('queue.campaign.new')}
          </Button>
          <Button size="sm" onClick={() => void downloadIcs()} data-testid="ics-download">
            {t('queue.downloadIcs')}
          </Button>
        </div>
      )}
      <div className="queue__body">
        <div className="queue__main">
          {data.error && (
            <div className="banner banner--error banner--inline" role="alert">
              <span>{data.error}</span>
              <Button size="sm" onClick={() => void data.reload()}>
                {t('drafts.retry')}
              </Button>
            </div>
          )}
          {/* In the list only: above a calendar it would move the rows a drag is aiming at. */}
          {view === 'list' && <LatePostsBanner actor={actor} onOpen={setSelectedId} />}
          {view === 'policy' ? (
            actor && <PolicyView actor={actor} users={data.users} />
          ) : view === 'month' ? (
            <MonthView {...calendarProps} />
          ) : view === 'week' ? (
            <WeekView {...calendarProps} />
          ) : empty ? (
            <div className="empty" data-testid="queue-empty">
              <h2 className="empty__title">{t('queue.emptyTitle')}</h2>
              <p className="empty__body">{data.drafts.length > 0 ? t('queue.emptyBody') : t('queue.emptyNoDrafts')}</p>
              <Button variant="primary" icon={<PlusIcon size={18} />} onClick={() => setComposer({ post: null })} disabled={!actor || data.drafts.length === 0}>
                {t('queue.emptyAction')}
              </Button>
            </div>
          ) : (
            <QueueList
              posts={shown}
              campaigns={shownCampaigns}
              campaignById={campaignById}
              groupBy={groupBy}
              zone={zone}
              selectedId={selectedId}
              onSelect={setSelectedId}
              onEditCampaign={(c) => setCampaignEdit({ campaign: c })}
            />
          )}
        </div>
        {selected && actor && view !== 'policy' && (
          <PostPanel
            post={selected}
            actor={actor}
            users={data.users}
            zone={zone}
            campaign={selected.campaignId ? campaignById.get(selected.campaignId) : undefined}
            onEdit={() => setComposer({ post: selected })}
            onReview={() => setReviewId(selected.id)}
            onClose={() => setSelectedId(null)}
          />
        )}
        {reviewId && actor && <ReviewView key={`${reviewId}:${actor.id}`} postId={reviewId} actor={actor} users={data.users} zone={zone} onClose={() => setReviewId(null)} />}
      </div>
      {composer && actor && (
        <Composer
          post={composer.post}
          actor={actor}
          drafts={data.drafts}
          campaigns={data.campaigns}
          zone={zone}
          onClose={() => setComposer(null)}
          onSaved={(p) => {
            setComposer(null);
            setSelectedId(p.id);
            void data.reload();
          }}
        />
      )}
      {campaignEdit && actor && (
        <CampaignDialog
          campaign={campaignEdit.campaign}
          actor={actor}
          existing={data.campaigns.length}
          onClose={() => setCampaignEdit(null)}
          onSaved={(c) => {
            setCampaignEdit(null);
            showToast({ message: t('queue.campaign.saved', { name: c.name }) });
            void data.reload();
          }}
        />
      )}
    </section>
  );
}

/** A campaign name as a file name part: ASCII letters, digits and dashes. */
function icsSlug(name: string): string {
  return name.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_-]+/g, '-').slice(0, 40) || 'campaign';
}
