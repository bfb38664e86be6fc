import { channelLimits } from '../../../../electron/model/channels';
import type { Campaign } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { getLocale, t, type MessageKey } from '../../i18n';
import { Button } from '../../ui/Button';
import { campaignRange } from './CampaignDialog';
import { CampaignDot, StateBadge } from './badges';
import { groupPosts, localWhen, type QueueGroup } from './queueLogic';
import { groupByCampaign } from './teamLogic';

const GROUP_LABEL: Record<QueueGroup, MessageKey> = {
  in_review: 'queue.group.in_review',
  approved: 'queue.group.approved',
  scheduled: 'queue.group.scheduled',
  exported: 'queue.group.exported',
  failed: 'queue.group.failed',
  drafts: 'queue.group.drafts',
};

type Props = {
  posts: PostRecordShape[];
  campaigns: Campaign[];
  campaignById: Map<string, Campaign>;
  groupBy: 'state' | 'campaign';
  zone: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onEditCampaign: (c: Campaign) => void;
};

/** The queue as a list: grouped by workflow state, or by campaign (with each campaign's dates and goal). */
export function QueueList({ posts, campaigns, campaignById, groupBy, zone, selectedId, onSelect, onEditCampaign }: Props) {
  const row = (p: PostRecordShape) => <PostRow key={p.id} post={p} campaign={p.campaignId ? campaignById.get(p.campaignId) : undefined} zone={zone} selected={p.id === selectedId} onSelect={onSelect} />;
  if (groupBy === 'state') {
    return (
      <div className="queue-list" data-testid="queue-list" data-group-by="state">
        {groupPosts(posts).map((g) => (
          <section key={g.group} className="queue-group" data-testid="queue-group" data-group={g.group}>
            <h2 className="queue-group__title">
              {t(GROUP_LABEL[g.group])} <span className="queue-group__count">{g.posts.length}</span>
            </h2>
            <ul className="queue-group__rows">{g.posts.map(row)}</ul>
          </section>
        ))}
      </div>
    );
  }
  const locale = getLocale();
  return (
    <div className="queue-list" data-testid="queue-list" data-group-by="campaign">
      {groupByCampaign(posts, campaigns).map(({ campaign, posts: list }) => {
        const range = campaign ? campaignRange(campaign, locale) : null;
        return (
          <section key={campaign?.id ?? 'none'} className="queue-group campaign-group" data-testid="campaign-group" data-campaign={campaign?.name ?? ''} style={campaign ? { borderLeftColor: campaign.color } : undefined}>
            <header className="campaign-group__header">
              <CampaignDot campaign={campaign ?? undefined} />
              <h2 className="campaign-group__name">{campaign?.name ?? t('queue.campaign.none')}</h2>
              <span className="queue-group__count">{list.length}</span>
              {range && (
                <span className="campaign-group__range" data-testid="campaign-range">
                  {range}
                </span>
              )}
              {campaign && (
                <Button size="sm" variant="ghost" onClick={() => onEditCampaign(campaign)} data-testid="campaign-edit">
                  {t('queue.campaign.edit')}
                </Button>
              )}
            </header>
            {campaign?.goal && (
              <p className="campaign-group__goal" data-testid="campaign-goal-text">
                {t('queue.campaign.goalShown', { goal: campaign.goal })}
              </p>
            )}
            {list.length === 0 ? <p className="field__hint">{t('queue.campaign.noPosts')}</p> : <ul className="queue-group__rows">{list.map(row)}</ul>}
          </section>
        );
      })}
    </div>
  );
}

function PostRow({ post: p, campaign, zone, selected, onSelect }: { post: PostRecordShape; campaign: Campaign | undefined; zone: string; selected: boolean; onSelect: (id: string) => void }) {
  const when = localWhen(p.scheduledAt, zone);
  return (
    <li>
      <button
        type="button"
        className={`post-row${selected ? ' post-row--selected' : ''}`}
        onClick={() => onSelect(p.id)}
        data-testid="post-row"
        data-post-id={p.id}
        data-title={p.title}
        data-state={p.state}
      >
        <CampaignDot campaign={campaign} />
        <span className="post-row__title">{p.title}</span>
        <span className="post-row__channels">
          {p.targets.map((tg) => (
            <span key={tg.channel} className="channel-chip">
              {channelLimits[tg.channel].label}
            </span>
          ))}
        </span>
        <span className="post-row__when">{when ? `${when.date} ${when.time}` : t('queue.unscheduled')}</span>
        <StateBadge state={p.state} />
      </button>
    </li>
  );
}
