import { useMemo, useState } from 'react';
import { localDateOf, monthGrid, utcToZoned } from '../../../../electron/model/schedule';
import { getLocale, t } from '../../i18n';
import { useStore } from '../../store';
import { IconButton } from '../../ui/Button';
import { Button } from '../../ui/Button';
import { CampaignDot } from './badges';
import { CampaignBands, campaignStyle, DRAG_TYPE, dropPost, isPostDrag, startDrag, WEEK_START, type CalendarProps } from './calendarShared';
import { postsByLocalDay } from './queueLogic';

/**
 * A month of the user's zone with each scheduled post on its local day, coloured by campaign, with campaign
 * date ranges as bands; drag a post to another day to move it (same local time in the post's own zone).
 */
export function MonthView({ posts, zone, campaignById, campaigns, actor, selectedId, onSelect }: CalendarProps) {
  const showToast = useStore((s) => s.showToast);
  const today = useMemo(() => localDateOf(new Date().toISOString(), zone), [zone]);
  const [ym, setYm] = useState(() => ({ y: Number(today.slice(0, 4)), m: Number(today.slice(5, 7)) }));
  const weeks = useMemo(() => monthGrid(ym.y, ym.m, zone, WEEK_START), [ym, zone]);
  const byDay = useMemo(() => postsByLocalDay(posts, zone), [posts, zone]);
  const [over, setOver] = useState<string | null>(null);

  const monthLabel = new Intl.DateTimeFormat(getLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(ym.y, ym.m - 1, 1)));
  const weekdayLabels = weeks[0]!.map((d) => new Intl.DateTimeFormat(getLocale(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${d.date}T12:00:00Z`)));
  const step = (delta: number) => setYm(({ y, m }) => ({ y: m + delta > 12 ? y + 1 : m + delta < 1 ? y - 1 : y, m: ((m - 1 + delta + 12) % 12) + 1 }));


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
                  if (!isPostDrag(e)) return;
                  e.preventDefault();
                  setOver(d.date);
                }}
                onDragLeave={() => setOver((o) => (o === d.date ? null : o))}
                onDrop={(e) => {
                  e.preventDefault();
                  setOver(null);
                  void dropPost(posts.find((p) => p.id === e.dataTransfer.getData(DRAG_TYPE)), actor, zone, d.date, undefined, showToast);
                }}
              >
                <span className="month__date">{Number(d.date.slice(8))}</span>
                <CampaignBands campaigns={campaigns} date={d.date} />
                {(byDay.get(d.date) ?? []).map((p) => (
                  <button
                    key={p.id}
                    type="button"
                    draggable
                    onDragStart={(e) => startDrag(e, p.id)}
                    onClick={() => onSelect(p.id)}
                    style={campaignStyle(p.campaignId ? campaignById.get(p.campaignId) : undefined)}
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
