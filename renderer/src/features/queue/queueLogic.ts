import type { PostState } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import type { Span } from '../../../../electron/model/policy';
import { localDateOf, utcToZoned } from '../../../../electron/model/schedule';

/**
 * Pure helpers of the Queue room: grouping, calendar placement and caption highlighting. Kept out of React
 * so they are unit-tested on their own.
 */

export type QueueGroup = 'in_review' | 'approved' | 'scheduled' | 'exported' | 'failed' | 'drafts';
export const queueGroups: readonly QueueGroup[] = ['in_review', 'approved', 'scheduled', 'exported', 'failed', 'drafts'];

/** Which list group a state belongs to. Rendering and ready posts are on their way out, so they sit with Scheduled. */
export function groupOf(state: PostState): QueueGroup {
  switch (state) {
    case 'in_review':
      return 'in_review';
    case 'approved':
      return 'approved';
    case 'scheduled':
    case 'rendering':
    case 'ready':
      return 'scheduled';
    case 'exported':
      return 'exported';
    case 'failed':
      return 'failed';
    case 'draft':
    case 'changes_requested':
      return 'drafts';
  }
}

/** Posts by group, each group ordered by time (unscheduled last), then title. Empty groups are left out. */
export function groupPosts(posts: readonly PostRecordShape[]): { group: QueueGroup; posts: PostRecordShape[] }[] {
  const byTime = (a: PostRecordShape, b: PostRecordShape) => {
    if (a.scheduledAt !== b.scheduledAt) {
      if (a.scheduledAt === null) return 1;
      if (b.scheduledAt === null) return -1;
      return a.scheduledAt < b.scheduledAt ? -1 : 1;
    }
    return a.title.localeCompare(b.title);
  };
  return queueGroups
    .map((group) => ({ group, posts: posts.filter((p) => groupOf(p.state) === group).sort(byTime) }))
    .filter((g) => g.posts.length > 0);
}

/** Scheduled posts keyed by the local day (YYYY-MM-DD) they happen on in `zone`. */
export function postsByLocalDay(posts: readonly PostRecordShape[], zone: string): Map<string, PostRecordShape[]> {
  const out = new Map<string, PostRecordShape[]>();
  for (const p of posts) {
    if (!p.scheduledAt) continue;
    const day = localDateOf(p.scheduledAt, zone);
    const list = out.get(day) ?? [];
    list.push(p);
    out.set(day, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.scheduledAt! < b.scheduledAt! ? -1 : 1));
  return out;
}

/** "2026-12-24 09:00" in the zone, or null while unscheduled. */
export function localWhen(scheduledAt: string | null, zone: string): { date: string; time: string } | null {
  if (!scheduledAt) return null;
  const w = utcToZoned(scheduledAt, zone);
  return { date: w.date, time: w.time };
}

export type Segment = { text: string; marked: boolean };

/** Splits text into plain and marked runs by the spans (overlapping or unsorted spans are merged). */
export function highlight(text: string, spans: readonly Pick<Span, 'start' | 'end'>[]): Segment[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, Math.min(s.start, text.length)), end: Math.max(0, Math.min(s.end, text.length)) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const m of merged) {
    if (m.start > at) out.push({ text: text.slice(at, m.start), marked: false });
    out.push({ text: text.slice(m.start, m.end), marked: true });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

/** "#a b, #c" → ["a", "b", "c"]: the words people type, without # or @, split on spaces and commas. */
export function parseTags(input: string, prefix: '#' | '@'): string[] {
  return input
    .split(/[\s,]+/)
    .map((w) => (w.startsWith(prefix) ? w.slice(1) : w))
    .filter((w) => w.length > 0);
}

/** The zone the browser runs in, for showing and entering local times. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
