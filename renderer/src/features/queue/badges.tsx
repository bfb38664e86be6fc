import type { Campaign } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { t, type MessageKey } from '../../i18n';

/** A post's workflow state as a coloured badge. */
export function StateBadge({ state }: { state: PostRecordShape['state'] }) {
  return (
    <span className={`state-badge state-badge--${state}`} data-testid="post-state" data-state={state}>
      {t(`queue.state.${state}` as MessageKey)}
    </span>
  );
}

/** A campaign's colour as a dot (a hollow one for posts without a campaign). */
export function CampaignDot({ campaign }: { campaign: Campaign | undefined }) {
  if (!campaign) return <span className="campaign-dot campaign-dot--none" aria-hidden="true" />;
  return <span className="campaign-dot" style={{ background: campaign.color }} title={campaign.name} aria-label={campaign.name} />;
}
