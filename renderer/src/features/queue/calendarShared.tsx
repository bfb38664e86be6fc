import type { DragEvent } from 'react';
import type { Campaign, User } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { moveByDrop, utcToZoned } from '../../../../electron/model/schedule';
import { call, errorText } from '../../api/client';
import { t } from '../../i18n';
import { campaignsOnDay, tint } from './teamLogic';

/** Shared by the month and week calendars: their props, dragging posts, and the campaign bands of a day. */
export type CalendarProps = {
  posts: PostRecordShape[];
  zone: string;
  campaignById: Map<string, Campaign>;
  /** The campaigns whose date ranges are drawn (all, or the one the queue is filtered to). */
  campaigns: Campaign[];
  actor: User | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
};

/** Weeks start on Monday (ISO 8601), as most of the app's users expect. */
export const WEEK_START = 1;
export const DRAG_TYPE = 'application/x-postframe-post';

export function startDrag(e: DragEvent, postId: string): void {
  e.dataTransfer.setData(DRAG_TYPE, postId);
  e.dataTransfer.effectAllowed = 'move';
}

export function isPostDrag(e: DragEvent): boolean {
  return e.dataTransfer.types.includes(DRAG_TYPE);
}

/**
 * Moves a dropped post to `date` (and `time` in the week view) as seen in the viewer's zone. The move is made
 * on the post's own zone's clock (model/schedule.ts moveByDrop), so the post keeps its zone and a drag by whole
 * days keeps its local time across daylight-saving changes.
 */
export async function dropPost(
  post: PostRecordShape | undefined,
  actor: User | null,
  zone: string,
  date: string,
  time: string | undefined,
  toast: (t: { message: string; tone?: 'error' }) => void,
): Promise<void> {
  if (!post?.scheduledAt || !actor) return;
  try {
    const moved = moveByDrop(post.scheduledAt, post.timeZone, zone, date, time);
    if (moved.utc === post.scheduledAt) return;
    await call('posts.update', { id: post.id, scheduledAt: moved.utc });
    const local = utcToZoned(moved.utc, post.timeZone).time;
    if (moved.adjusted === 'skipped') toast({ message: t('queue.movedSkipped', { time: local }) });
    else if (post.timeZone !== zone) toast({ message: t('queue.movedInZone', { time: local, zone: post.timeZone }) });
  } catch (e) {
    toast({ message: errorText(e), tone: 'error' });
  }
}

/** A calendar item's colours: the campaign's colour as a left edge and a light tint, the surface otherwise. */
export function campaignStyle(campaign: Campaign | undefined): React.CSSProperties | undefined {
  return campaign ? { borderLeftColor: campaign.color, background: tint(campaign.color, 0.16) } : undefined;
}

/** Thin coloured bars for the campaigns running on a day: a campaign's date range reads as a ribbon across the grid. */
export function CampaignBands({ campaigns, date }: { campaigns: Campaign[]; date: string }) {
  const on = campaignsOnDay(campaigns, date);
  if (on.length === 0) return null;
  return (
    <span className="campaign-bands" data-testid="campaign-bands" data-campaigns={on.map((c) => c.name).join(',')}>
      {on.map((c) => (
        <span key={c.id} className="campaign-band" style={{ background: c.color }} title={c.name} />
      ))}
    </span>
  );
}
