import { useMemo, useState } from 'react';
import type { Campaign, User } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { localDateOf, monthGrid, reschedule, utcToZoned } from '../../../../electron/model/schedule';
import { call, errorText } from '../../api/client';
import { getLocale, t } from '../../i18n';
import { useStore } from '../../store';
import { IconButton } from '../../ui/Button';
import { Button } from '../../ui/Button';
import { CampaignDot } from './QueueScreen';
import { postsByLocalDay } from './queueLogic';

/** Weeks start on Monday (ISO 8601), as most of the app's users expect. */
const WEEK_START = 1;
const DRAG_TYPE = 'application/x-postframe-post';

type Props = {
  posts: PostRecordShape[];
  zone: string;
  campaignById: Map<string, Campaign>;
  actor: User | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
};

/** A month of the user's zone with each scheduled post on its local day; drag a post to another day to move it (same local time). */
export function MonthView({ posts, zone, campaignById, actor, selectedId, onSelect }: Props) {
  const showToast = useStore((s) => s.showToast);
  const today = useMemo(() => localDateOf(new Date().toISOString(), zone), [zone]);
  const [ym, setYm] = useState(() => ({ y: Number(today.slice(0, 4)), m: Number(today.slice(5, 7)) }));
  const weeks = useMemo(() => monthGrid(ym.y, ym.m, zone, WEEK_START), [ym, zone]);
  const byDay = useMemo(() => postsByLocalDay(posts, zone), [posts, zone]);
  const [over, setOver] = useState<string | null>(null);

  const monthLabel = new Intl.DateTimeFormat(getLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(ym.y, ym.m - 1, 1)));
  const weekdayLabels = weeks[0]!.map((d) => new Intl.DateTimeFormat(getLocale(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${d.date}T12:00:00Z`)));
  const step = (delta: number) => setYm(({ y, m }) => ({ y: m + delta > 12 ? y + 1 : m + delta < 1 ? y - 1 : y, m: ((m - 1 + delta + 12) % 12) + 1 }));

  const drop = async (postId: string, date: string) => {
    const post = posts.find((p) => p.id === postId);
    if (!post?.scheduledAt || !actor || localDateOf(post.scheduledAt, zone) === date) return;
    try {
      const moved = reschedule(post.scheduledAt, zone, date);
      await call('posts.update', { id: post.id, actorId: actor.id, scheduledAt: moved.utc });
      if (moved.adjusted === 'skipped') showToast({ message: t('queue.movedSkipped', { time: utcToZoned(moved.utc, zone).time }) });
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    }
  };

  return (
    <div className="month" data-testid="month-view" data-month={`${ym.y}-${String(ym.m).padStart(2, '0')}`}>
      <div className="month__nav">
        <IconButton label={t('queue.prevMonth')} icon={<span aria-hidden="true">‹</span>} onClick={() => step(-1)} data-testid="month-prev" />
        <h2 className="month__label">{monthLabel}</h2>
        <IconButton label={t('queue.nextMonth')} icon={<span aria-hidden="true">›</span>} onClick={() => step(1)} data-testid="month-next" />
        <Button size="sm" variant="ghost" onClick={() => setYm({ y: Number(today.slice(0, 4)), m: Number(today.slice(5, 7)) })}>
          {t('queue.today')}
        </Button>
        <span className="month__zone">{zone}</span>
      </div>
      <div className="month__grid" role="grid" aria-label={monthLabel}>
        <div className="month__row" role="row">
          {weekdayLabels.map((w) => (
            <div key={w} className="month__weekday" role="columnheader">
              {w}
            </div>
          ))}
        </div>
        {weeks.map((week) => (
          <div key={week[0]!.date} className="month__row" role="row">
            {week.map((d) => (
              <div
                key={d.date}
                role="gridcell"
                className={`month__day${d.inMonth ? '' : ' month__day--out'}${d.date === today ? ' month__day--today' : ''}${over === d.date ? ' month__day--over' : ''}`}
                data-testid="calendar-day"
                data-date={d.date}
                onDragOver={(e) => {
                  if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
                  e.preventDefault();
                  setOver(d.date);
                }}
                onDragLeave={() => setOver((o) => (o === d.date ? null : o))}
                onDrop={(e) => {
                  e.preventDefault();
                  setOver(null);
                  void drop(e.dataTransfer.getData(DRAG_TYPE), d.date);
                }}
              >
                <span className="month__date">{Number(d.date.slice(8))}</span>
                {(byDay.get(d.date) ?? []).map((p) => (
                  <button
                    key={p.id}
                    type="button"
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData(DRAG_TYPE, p.id);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    onClick={() => onSelect(p.id)}
                    className={`cal-post cal-post--${p.state}${p.id === selectedId ? ' cal-post--selected' : ''}`}
                    data-testid="calendar-post"
                    data-post-id={p.id}
                    title={p.title}
                  >
                    <CampaignDot campaign={p.campaignId ? campaignById.get(p.campaignId) : undefined} />
                    <span className="cal-post__time">{utcToZoned(p.scheduledAt!, zone).time}</span>
                    <span className="cal-post__title">{p.title}</span>
                  </button>
                ))}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
