import path from 'node:path';
import { CONFIRM_LATE_MINUTES, lateness } from '../model/schedule';
import type { Db } from '../library/db';
import { DeliveriesRepo, deliver } from './deliveries-repo';
import { deliveryFor } from './delivery';
import { folderConnector } from './folder-connector';
import type { PostService } from './post-service';

/** What happened to one due post (and, when delivered, to each of its channels). */
export type DueOutcome = {
  postId: string;
  title: string;
  status: 'delivered' | 'skipped_late' | 'skipped_no_draft' | 'failed' | 'waiting';
  message: string;
  deliveries: { channel: string; deliveryId: string; state: string; error: string | null }[];
};

export type ExportDueOptions = {
  service: PostService;
  db: Db;
  folderRoot: string;
  /** Where cover JPEGs are written (a cache folder: rebuildable). */
  coverDir: string;
  /** Exports a stored draft with the export engine and resolves with the media file. */
  exportDraft: (draftId: string) => Promise<string>;
  writeCover: (media: string, atSec: number | null, out: string) => Promise<void>;
  draftExists: (draftId: string) => boolean;
  now: Date;
  /** Deliver posts more than CONFIRM_LATE_MINUTES late too (a person said yes). */
  includeLate: boolean;
};

/**
 * One pass of the scheduler: every approved or scheduled post whose time has come is rendered
 * (start_render → render_done), delivered to each target channel through the folder connector and the
 * delivery ledger (so a re-run never writes a post twice), and marked exported, or failed with the reason.
 * A post more than an hour late is left for a person to confirm (issue 4: "asking before exporting any more
 * than an hour late"). The one export serves every channel; per-channel render variants are a later step.
 */
export async function exportDuePosts(o: ExportDueOptions): Promise<DueOutcome[]> {
  const { service } = o;
  const repo = service.posts;
  const ledger = new DeliveriesRepo(o.db, () => o.now);
  const connector = folderConnector({ root: o.folderRoot });
  const out: DueOutcome[] = [];
  for (const post of repo.due(o.now)) {
    const base = { postId: post.id, title: post.title, deliveries: [] as DueOutcome['deliveries'] };
    const late = lateness(post.scheduledAt!, o.now);
    if (late > CONFIRM_LATE_MINUTES && !o.includeLate) {
      out.push({ ...base, status: 'skipped_late', message: `${late} minutes late: not exported. Run again with --include-late to export it anyway, or reschedule it.` });
      continue;
    }
    if (!post.draftId || !o.draftExists(post.draftId)) {
      out.push({ ...base, status: 'skipped_no_draft', message: 'It has no draft to export (imported from CSV, or its draft was deleted). Attach a draft to the post, then run again.' });
      continue;
    }
    // The scheduler acts for the post's author (workflow: start_render is open to the team).
    const actorId = repo.user(post.createdBy) ? post.createdBy : 'owner';
    service.transition({ id: post.id, event: 'start_render', actorId });
    let media: string;
    let cover: string;
    try {
      media = await o.exportDraft(post.draftId);
      cover = path.join(o.coverDir, `${post.id}-${post.revision}.jpg`);
      await o.writeCover(media, post.coverTime, cover);
    } catch (e) {
      const reason = `The export failed: ${(e as Error).message}`;
      service.transition({ id: post.id, event: 'fail', actorId, comment: reason });
      out.push({ ...base, status: 'failed', message: reason });
      continue;
    }
    service.transition({ id: post.id, event: 'render_done', actorId });
    const current = repo.require(post.id);
    for (const t of current.targets) {
      const d = deliveryFor(current, t.channel, current.revision, { mediaPath: media, coverPath: cover });
      const { record } = await deliver(ledger, connector, d, { now: o.now });
      base.deliveries.push({ channel: t.channel, deliveryId: d.deliveryId, state: record.state, error: record.lastError });
    }
    const states = base.deliveries.map((d) => d.state);
    if (states.every((s) => s === 'delivered')) {
      service.transition({ id: post.id, event: 'deliver_done', actorId });
      out.push({ ...base, status: 'delivered', message: `Delivered to ${base.deliveries.map((d) => d.channel).join(', ')}.` });
    } else if (states.some((s) => s === 'failed' || s === 'unknown')) {
      const reason = base.deliveries.filter((d) => d.error).map((d) => `${d.channel}: ${d.error}`).join('; ');
      service.transition({ id: post.id, event: 'fail', actorId, comment: reason });
      out.push({ ...base, status: 'failed', message: reason });
    } else {
      out.push({ ...base, status: 'waiting', message: 'Some channels will be retried; the post stays ready until they are delivered.' });
    }
  }
  return out;
}
