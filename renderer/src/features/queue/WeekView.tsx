import { useEffect, useMemo, useRef, useState } from 'react';
import { localDateOf, weekDays } from '../../../../electron/model/schedule';
import { getLocale, t } from '../../i18n';
import { useStore } from '../../store';
import { Button, IconButton } from '../../ui/Button';
import { CampaignDot } from './badges';
import { CampaignBands, campaignStyle, DRAG_TYPE, dropPost, isPostDrag, startDrag, WEEK_START, type CalendarProps } from './calendarShared';
import { hourKinds, slotTime, weekLayout } from './teamLogic';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** Height of one hour row in px: a post (shown as 45 minutes) stays readable, a working day fits on a laptop. */
const HOUR_PX = 48;
/** Where the grid scrolls on open: the morning, when most posts go out. */
const FIRST_VISIBLE_HOUR = 7;

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A week of the viewer's zone with a row per hour: each post at its local time, coloured by campaign. Drag a
 * post to another day or time (snapped to 15 minutes); the move is made on the post's own zone's clock, so
 * it keeps its zone and a drag by whole days keeps its local time across daylight-saving changes. Hours the
 * clocks skip or repeat on a change day are marked.
 */
export function WeekView({ posts, zone, campaignById, campaigns, actor, selectedId, onSelect }: CalendarProps) {
  const showToast = useStore((s) => s.showToast);
  const today = useMemo(() => localDateOf(new Date().toISOString(), zone), [zone]);
  const [anchor, setAnchor] = useState(today);
  const days = useMemo(() => weekDays(anchor, zone, WEEK_START), [anchor, zone]);
  const items = useMemo(() => weekLayout(posts, days, zone), [posts, days, zone]);
  const kinds = useMemo(() => days.map((d) => hourKinds(d.date, zone)), [days, zone]);
  const [over, setOver] = useState<string | null>(null);
  // While a post is dragged the others let drops through to the hour rows under them.
  const [dragging, setDragging] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = FIRST_VISIBLE_HOUR * HOUR_PX;
  }, []);

  const locale = getLocale();
  const dayLabel = (date: string) => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  const fmtRange = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const weekLabel = `${fmtRange.format(new Date(`${days[0]!.date}T12:00:00Z`))} – ${fmtRange.format(new Date(`${days[6]!.date}T12:00:00Z`))}`;

  return (
    <div className={`week${dragging ? ' week--dragging' : ''}`} data-testid="week-view" data-week-start={days[0]!.date}>
      <div className="month__nav">
        <IconButton label={t('queue.prevWeek')} icon={<span aria-hidden="true">‹</span>} onClick={() => setAnchor((a) => shiftDate(a, -7))} data-testid="week-prev" />
        <h2 className="month__label">{weekLabel}</h2>
        <IconButton label={t('queue.nextWeek')} icon={<span aria-hidden="true">›</span>} onClick={() => setAnchor((a) => shiftDate(a, 7))} data-testid="week-next" />
        <Button size="sm" variant="ghost" onClick={() => setAnchor(today)}>
          {t('queue.today')}
        </Button>
        <span className="month__zone">{zone}</span>
      </div>
      <div className="week__head">
        <span className="week__gutter" />
        {days.map((d) => (
          <div key={d.date} className={`week__dayhead${d.date === today ? ' week__dayhead--today' : ''}`}>
            <span>{dayLabel(d.date)}</span>
            <CampaignBands campaigns={campaigns} date={d.date} />
          </div>
        ))}
      </div>
      <div className="week__scroll" ref={scroller}>
        <div className="week__grid" role="grid" aria-label={weekLabel} style={{ height: 24 * HOUR_PX }}>
          <div className="week__gutter">
            {HOURS.map((h) => (
              <span key={h} className="week__hour-label" style={{ top: h * HOUR_PX }}>
                {String(h).padStart(2, '0')}:00
              </span>
            ))}
          </div>
          {days.map((d, di) => (
            <div key={d.date} className="week__day" role="row" data-testid="week-day" data-date={d.date}>
              {HOURS.map((h) => {
                const kind = kinds[di]![h]!;
                const key = `${d.date}T${h}`;
                return (
                  <div
                    key={h}
                    role="gridcell"
                    className={`week__slot week__slot--${kind}${over === key ? ' week__slot--over' : ''}`}
                    style={{ height: HOUR_PX }}
                    title={kind === 'skipped' ? t('queue.hourSkipped') : kind === 'repeated' ? t('queue.hourRepeated') : undefined}
                    data-testid="week-slot"
                    data-hour={h}
                    data-kind={kind}
                    onDragOver={(e) => {
                      if (!isPostDrag(e)) return;
                      e.preventDefault();
                      setOver(key);
                    }}
                    onDragLeave={() => setOver((o) => (o === key ? null : o))}
                    onDrop={(e) => {
                      e.preventDefault();
                      setOver(null);
                      setDragging(false);
                      const rect = e.currentTarget.getBoundingClientRect();
                      const time = slotTime(h, (e.clientY - rect.top) / rect.height);
                      void dropPost(posts.find((p) => p.id === e.dataTransfer.getData(DRAG_TYPE)), actor, zone, d.date, time, showToast);
                    }}
                  />
                );
              })}
              {items
                .filter((it) => it.day === di)
                .map((it) => {
                  const campaign = it.post.campaignId ? campaignById.get(it.post.campaignId) : undefined;
                  return (
                    <button
                      key={it.post.id}
                      type="button"
                      draggable
                      onDragStart={(e) => {
                        startDrag(e, it.post.id);
                        // After the browser took its drag image: changing the DOM inside dragstart can cancel the drag.
                        setTimeout(() => setDragging(true), 0);
                      }}
                      onDragEnd={() => setDragging(false)}
                      onClick={() => onSelect(it.post.id)}
                      className={`cal-post week__post cal-post--${it.post.state}${it.post.id === selectedId ? ' cal-post--selected' : ''}`}
                      style={{
                        ...campaignStyle(campaign),
                        top: (it.minutes / 60) * HOUR_PX,
                        left: `calc(${(it.lane / it.lanes) * 100}% + 2px)`,
                        width: `calc(${100 / it.lanes}% - 4px)`,
                      }}
                      data-testid="calendar-post"
                      data-post-id={it.post.id}
                      data-time={it.time}
                      title={`${it.time} ${it.post.title}`}
                    >
                      <span className="week__post-time">
                        <CampaignDot campaign={campaign} />
                        <span className="cal-post__time">{it.time}</span>
                      </span>
                      <span className="cal-post__title">{it.post.title}</span>
                    </button>
                  );
                })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
