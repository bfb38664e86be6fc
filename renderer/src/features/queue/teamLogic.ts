import type { VideoDraft } from '../../../../electron/model/draft';
import type { Campaign, ChannelId, ChannelTarget, PostContent } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { activeLayersAt } from '../../../../electron/model/timeline';
import { minutesOfDay, utcToZoned, zonedToUtc, type CalendarDay } from '../../../../electron/model/schedule';
import { parseTags } from './queueLogic';

/**
 * Pure helpers for the team side of the Queue room: campaign grouping and ranges, the week view's layout,
 * per-channel overrides in the composer, and the cover frame. Unit-tested without React.
 */

// ── campaigns ─────────────────────────────────────────────────────────────

export type CampaignGroup = { campaign: Campaign | null; posts: PostRecordShape[] };

/**
 * Posts by campaign, in the campaigns' own order (by start date), then "no campaign" last. Every campaign is
 * listed even without posts (so it can be seen and edited); "no campaign" only when it has posts. Within a
 * group, posts go by time (unscheduled last), then title.
 */
export function groupByCampaign(posts: readonly PostRecordShape[], campaigns: readonly Campaign[]): CampaignGroup[] {
  const byTime = (a: PostRecordShape, b: PostRecordShape) =>
    a.scheduledAt === b.scheduledAt ? a.title.localeCompare(b.title) : a.scheduledAt === null ? 1 : b.scheduledAt === null ? -1 : a.scheduledAt < b.scheduledAt ? -1 : 1;
  const known = new Set(campaigns.map((c) => c.id));
  const groups: CampaignGroup[] = campaigns.map((c) => ({ campaign: c, posts: posts.filter((p) => p.campaignId === c.id).sort(byTime) }));
  const loose = posts.filter((p) => !p.campaignId || !known.has(p.campaignId)).sort(byTime);
  if (loose.length > 0) groups.push({ campaign: null, posts: loose });
  return groups;
}

/** Whether a local day lies inside a campaign's dates (an open end runs on forever; no dates at all = not on the calendar). */
export function campaignCovers(c: Campaign, date: string): boolean {
  if (!c.startDate && !c.endDate) return false;
  return (!c.startDate || c.startDate <= date) && (!c.endDate || date <= c.endDate);
}

/** The campaigns running on a day, for the calendar's campaign bands. */
export function campaignsOnDay(campaigns: readonly Campaign[], date: string): Campaign[] {
  return campaigns.filter((c) => campaignCovers(c, date));
}

/** A campaign colour as a translucent fill (#rrggbb + alpha), for tinting calendar items without losing contrast. */
export function tint(color: string, alpha: number): string {
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255);
  return `${color}${a.toString(16).padStart(2, '0')}`;
}

// ── week view ─────────────────────────────────────────────────────────────

export const SLOT_MINUTES = 15;

export type WeekItem = { post: PostRecordShape; day: number; minutes: number; time: string; lane: number; lanes: number };

/**
 * Where each scheduled post sits in a week of `days` seen in `zone`: the day column, the minute of the day (its
 * wall time there), and a lane so posts less than `spanMinutes` apart sit side by side instead of on top of
 * each other. Posts outside the week are left out.
 */
export function weekLayout(posts: readonly PostRecordShape[], days: readonly CalendarDay[], zone: string, spanMinutes = 45): WeekItem[] {
  const index = new Map(days.map((d, i) => [d.date, i]));
  const items: Omit<WeekItem, 'lane' | 'lanes'>[] = [];
  for (const p of posts) {
    if (!p.scheduledAt) continue;
    const w = utcToZoned(p.scheduledAt, zone);
    const day = index.get(w.date);
    if (day === undefined) continue;
    items.push({ post: p, day, minutes: minutesOfDay(w.time), time: w.time });
  }
  items.sort((a, b) => a.day - b.day || a.minutes - b.minutes || a.post.title.localeCompare(b.post.title));
  const out: WeekItem[] = [];
  // Clusters of overlapping items share a lane count; each item takes the first lane free at its start.
  let cluster: WeekItem[] = [];
  const flush = () => {
    const lanes = Math.max(1, ...cluster.map((c) => c.lane + 1));
    for (const c of cluster) out.push({ ...c, lanes });
    cluster = [];
  };
  for (const it of items) {
    const last = cluster[cluster.length - 1];
    if (last && (last.day !== it.day || cluster.every((c) => c.minutes + spanMinutes <= it.minutes))) flush();
    const busy = new Set(cluster.filter((c) => c.minutes + spanMinutes > it.minutes).map((c) => c.lane));
    let lane = 0;
    while (busy.has(lane)) lane++;
    cluster.push({ ...it, lane, lanes: 1 });
  }
  flush();
  return out;
}

/** The wall time of a drop at `offset` (0..1) down an hour row, snapped to SLOT_MINUTES: "09:45". */
export function slotTime(hour: number, offset: number): string {
  const quarter = Math.min(60 / SLOT_MINUTES - 1, Math.max(0, Math.floor(offset * (60 / SLOT_MINUTES))));
  return `${String(hour).padStart(2, '0')}:${String(quarter * SLOT_MINUTES).padStart(2, '0')}`;
}

/** Per hour of a local day: 'skipped' when the clocks jump over it, 'repeated' when it happens twice (DST changes). */
export function hourKinds(date: string, zone: string): ('normal' | 'skipped' | 'repeated')[] {
  return Array.from({ length: 24 }, (_, h) => {
    const hh = String(h).padStart(2, '0');
    const kinds = [zonedToUtc(date, `${hh}:00`, zone).adjusted, zonedToUtc(date, `${hh}:30`, zone).adjusted];
    return kinds.includes('skipped') ? 'skipped' : kinds.includes('ambiguous') ? 'repeated' : 'normal';
  });
}

// ── composer: per-channel overrides ───────────────────────────────────────

/** The fields a channel can say differently, as the composer edits them (hashtags and mentions as typed). */
export const overrideFields = ['caption', 'hashtags', 'mentions', 'firstComment'] as const;
export type OverrideField = (typeof overrideFields)[number];
export type OverrideDraft = Partial<Record<OverrideField, string>>;

/** The stored overrides of a target as the composer's text fields show them (#tags and @handles written out). */
export function overridesToDraft(overrides: ChannelTarget['overrides']): OverrideDraft {
  const out: OverrideDraft = {};
  if (overrides.caption !== undefined) out.caption = overrides.caption;
  if (overrides.hashtags !== undefined) out.hashtags = overrides.hashtags.map((h) => `#${h}`).join(' ');
  if (overrides.mentions !== undefined) out.mentions = overrides.mentions.map((m) => `@${m}`).join(' ');
  if (overrides.firstComment !== undefined) out.firstComment = overrides.firstComment;
  return out;
}

/**
 * The composer's override fields back to stored overrides. Only fields the person chose to override are set;
 * anything the composer does not edit (a link override from elsewhere) is kept as it was.
 */
export function draftToOverrides(draft: OverrideDraft, kept: ChannelTarget['overrides'] = {}): Partial<PostContent> {
  const edited = new Set<string>(overrideFields);
  const out = Object.fromEntries(Object.entries(kept).filter(([k]) => !edited.has(k))) as Partial<PostContent>;
  if (draft.caption !== undefined) out.caption = draft.caption;
  if (draft.hashtags !== undefined) out.hashtags = parseTags(draft.hashtags, '#');
  if (draft.mentions !== undefined) out.mentions = parseTags(draft.mentions, '@');
  if (draft.firstComment !== undefined) out.firstComment = draft.firstComment;
  return out;
}

/** The targets the composer saves: the chosen channels in the order given, each with its overrides. */
export function buildTargets(channels: readonly ChannelId[], drafts: Partial<Record<ChannelId, OverrideDraft>>, stored: readonly ChannelTarget[]): ChannelTarget[] {
  return channels.map((channel) => ({ channel, overrides: draftToOverrides(drafts[channel] ?? {}, stored.find((t) => t.channel === channel)?.overrides) }));
}

// ── cover frame ───────────────────────────────────────────────────────────

export type CoverSource = { assetId: string; sourceTime: number };

/**
 * What the picture shows at `t` seconds into a video draft, for choosing the cover: the main track's clip
 * there (the base picture), else the lowest visible media overlay. Null on a gap or a text-only moment.
 */
export function coverSourceAt(draft: VideoDraft, t: number): CoverSource | null {
  const layers = activeLayersAt(draft, t).filter((l) => l.clip.type === 'media' && l.sourceTime !== null);
  const pick = layers.find((l) => l.trackKind === 'main') ?? layers[0];
  if (!pick || pick.clip.type !== 'media') return null;
  return { assetId: pick.clip.assetId, sourceTime: pick.sourceTime! };
}

/** `count` evenly spread times for a thumbnail strip, each in the middle of its part (never the very end). */
export function stripTimes(durationSec: number, count: number): number[] {
  if (!(durationSec > 0) || count < 1) return [];
  return Array.from({ length: count }, (_, i) => Math.round(((i + 0.5) * durationSec * 100) / count) / 100);
}
