import path from 'node:path';
import { GOOD_DIR } from '../../../scripts/fixtures';
import type { EventName } from '../../api/contract';
import type { PostRecord } from '../../library/posts-repo';
import { defaultTransform } from '../../model/draft';
import type { ChannelId } from '../../model/post';
import type { Studio, StudioOptions } from '../../studio';
import { openTempStudio } from '../../studio/__tests__/temp-studio';

/**
 * A real Studio on a temp library for delivery tests: a clock the test moves, a 1-second 360x640 draft of the
 * generated red clip (small, so variants render in a moment), an approver, and the events it emitted.
 */
export type DeliveryWorld = {
  tmp: string;
  studio: Studio;
  draftId: string;
  approverId: string;
  events: { name: EventName; payload: unknown }[];
  clock: { now: Date };
  close(): Promise<void>;
};

export async function openDeliveryWorld(prefix: string, start = new Date('2026-06-01T06:00:00.000Z'), options: Partial<StudioOptions> = {}): Promise<DeliveryWorld> {
  const clock = { now: start };
  const temp = await openTempStudio(prefix, { ...options, clock: () => clock.now });
  const { studio } = temp;
  const { jobId } = await studio.api['imports.start']({ paths: [path.join(GOOD_DIR, 'red-clip.mp4')], uploads: [] });
  const job = await studio.waitForJob(jobId);
  const assetId = job.result?.kind === 'import' ? job.result.assetIds[0]! : '';
  const rec = await studio.api['drafts.create']({ kind: 'video', name: 'Red' });
  if (rec.doc.kind !== 'video') throw new Error('a video draft was expected');
  const clip = { id: 'c1', type: 'media' as const, assetId, start: 0, in: 0, out: 1, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null };
  const doc = { ...rec.doc, canvas: { ...rec.doc.canvas, width: 360, height: 640 }, tracks: rec.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t)) };
  await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc });
  const approver = await studio.api['users.create']({ actorId: 'owner', name: 'Ari', role: 'approver' });
  return { tmp: temp.tmp, studio, draftId: rec.id, approverId: approver.id, events: temp.events, clock, close: temp.close };
}

/** An approved post of the world's draft, scheduled `minutesAgo` before the clock (null: unscheduled). */
export async function approvedPost(w: DeliveryWorld, title: string, channels: ChannelId[], minutesAgo: number | null = null): Promise<PostRecord> {
  const api = w.studio.api;
  const p = await api['posts.create']({ draftId: w.draftId, actorId: 'owner', title, targets: channels.map((channel) => ({ channel, overrides: {} })), timeZone: 'UTC', campaignId: null });
  await api['posts.update']({ id: p.id, actorId: 'owner', content: { caption: `${title} caption`, hashtags: ['red'], mentions: [], firstComment: '', link: null } });
  await api['posts.transition']({ id: p.id, event: 'submit', actorId: 'owner' });
  const approved = await api['posts.transition']({ id: p.id, event: 'approve', actorId: w.approverId });
  if (minutesAgo === null) return approved;
  return api['posts.transition']({ id: p.id, event: 'schedule', actorId: 'owner', at: new Date(w.clock.now.getTime() - minutesAgo * 60_000).toISOString() });
}

export function eventsNamed<T>(w: DeliveryWorld, name: EventName): T[] {
  return w.events.filter((e) => e.name === name).map((e) => e.payload as T);
}
