import fs from 'node:fs/promises';
import path from 'node:path';
import pkg from '../../package.json';
import { PostsRepo } from '../library/posts-repo';
import type { MediaTools } from '../media/ffmpeg';
import { draftDuration } from '../model/draft';
import { AppError, errorMessage } from '../model/errors';
import { ExportJobInput } from '../model/export';
import { ImageExportJobInput } from '../model/image-export-job';
import { watermarkCoverage } from '../model/kit-apply';
import { changeConnectorSettings, makeConnector, readConnectorSettings } from '../publish/connectors';
import { DeliveriesRepo, recoverDeliveries } from '../publish/deliveries-repo';
import { type DueOutcome, DeliveryEngine } from '../publish/engine';
import { sweepFolderConnector } from '../publish/folder-connector';
import { PostService } from '../publish/post-service';
import { Scheduler, type Timers } from '../publish/scheduler';
import { type Rooms, type StudioContext, requireTools } from './context';

/**
 * The publish room's delivery, joined to the library and the export engine: the delivery engine of one open
 * library (publish/engine.ts), its in-app scheduler, and the CLI's one-off pass. docs/delivery.md.
 */

/**
 * The publish room's use cases on a library's rooms, going by `clock`: the one way the Studio's API and the
 * delivery engine build it, so both see the same time and the same draft licences.
 */
export function postServiceOf(rooms: Pick<Rooms, 'db' | 'assets' | 'drafts' | 'audit'>, clock: () => Date): PostService {
  const watermarkOf = (draftId: string) => {
    const rec = rooms.drafts.get(draftId);
    return rec ? watermarkCoverage(rec.doc) : 'noDraft';
  };
  return new PostService(new PostsRepo(rooms.db), rooms.audit, rooms.db, (draftId) => rooms.assets.licencesOfDraft(draftId), clock, watermarkOf);
}

/** Builds the delivery engine of a library's rooms (called while the rooms are built: it uses `rooms`, not ctx.rooms). */
export function createDeliveryEngine(ctx: StudioContext, rooms: Omit<Rooms, 'delivery'>, clock: () => Date): DeliveryEngine {
  const service = postServiceOf(rooms, clock);
  const posts = service.posts;
  return new DeliveryEngine({
    service,
    ledger: new DeliveriesRepo(rooms.db, clock),
    audit: rooms.audit,
    connectors: () => readConnectorSettings(posts, rooms.secrets),
    makeConnector: (kind, s) => makeConnector(kind, s, pkg.version),
    rendersDir: path.join(rooms.folder.exportsDir, 'posts'),
    clock,
    render: {
      draftFacts: (id) => {
        const rec = rooms.drafts.get(id);
        if (!rec) return null;
        const doc = rec.doc;
        const canvas = { width: doc.canvas.width, height: doc.canvas.height, fps: doc.kind === 'video' ? doc.canvas.fps : 30 };
        return { name: doc.name, kind: doc.kind, canvas, durationSec: doc.kind === 'video' ? draftDuration(doc) : 0, pages: doc.kind === 'image' ? doc.pages.length : 0, captions: doc.kind === 'video' ? (doc.captions ?? []) : [] };
      },
      startVariants: ({ draftId, outputs, title }) => {
        const input = ExportJobInput.parse({ draftId, preset: { height: 'canvas', fps: 'canvas', quality: 'standard' }, outputs });
        const job = rooms.runner.start('export', title, input);
        const done = ctx.waitForJob(job.id, rooms.jobs).then((j) => {
          if (j.status !== 'done') throw new Error(j.status === 'cancelled' ? 'it was cancelled' : (j.error ?? j.status));
        });
        return { jobId: job.id, done };
      },
      startImages: ({ draftId, plan, outputDir, title }) => {
        const input = ImageExportJobInput.parse({ draftId, format: 'jpeg', width: plan.width, maxBytes: plan.maxBytes, pdf: plan.document, outputDir });
        const job = rooms.runner.start('image-export', title, input);
        const done = ctx.waitForJob(job.id, rooms.jobs).then((j) => {
          if (j.status !== 'done') throw new Error(j.status === 'cancelled' ? 'it was cancelled' : (j.error ?? j.status));
        });
        return { jobId: job.id, done };
      },
      cancelJob: (id) => {
        try {
          rooms.runner.cancel(id);
        } catch {
          // gone already
        }
      },
      writeCover: (media, atSec, out) => writeCoverFrame(requireTools(rooms, 'FFmpeg is missing. Install it, then export again.'), media, atSec, out),
    },
    events: {
      postsChanged: (ids) => ctx.emit('posts.changed', { reason: 'transitioned', ids }),
      deliveryChanged: (postIds) => ctx.emit('delivery.changed', { postIds }),
      late: (posts) => ctx.emit('delivery.late', { posts }),
    },
    // Bound: the engine calls it as a plain function (an unbound method here once crashed `serve`).
    log: (message, error) => ctx.log(message, error),
  });
}

/**
 * The scheduler of a library's engine. Its first pass recovers what a crash left (rows left 'sending': folder
 * ones are sent again, webhook ones become 'unknown'; hidden half-written folders are swept) and resumes posts
 * left rendering, then catches up on due posts.
 */
export function createScheduler(ctx: StudioContext, rooms: Rooms, opts: { clock: () => Date; timers?: Timers; intervalMs?: number }): Scheduler {
  const engine = rooms.delivery;
  return new Scheduler({
    clock: opts.clock,
    timers: opts.timers,
    intervalMs: opts.intervalMs,
    log: (message, error) => ctx.log(message, error),
    nextWakeAt: (now) => engine.nextWakeAt(now),
    pass: async (first) => {
      if (first) {
        const recovered = recoverDeliveries(new DeliveriesRepo(rooms.db, opts.clock));
        if (recovered.length) ctx.emit('delivery.changed', { postIds: [...new Set(recovered.map((r) => r.postId))] });
        const root = readConnectorSettings(new PostsRepo(rooms.db), rooms.secrets).folderRoot;
        if (root) await sweepFolderConnector(root, { now: opts.clock() });
      }
      await engine.pass({ resume: first });
    },
  });
}

/**
 * Where the folder connector delivers (`postframe queue folder`): checked and audited like the Settings screen's
 * change. The command line acts as the library's Owner, as its other commands do (whoever runs it holds the
 * library file); `actorId` is for callers that know who is acting.
 */
export async function setDeliveryFolder(ctx: StudioContext, root: string, actorId = 'owner'): Promise<string> {
  const s = await changeConnectorSettings(ctx.postService, actorId, { folder: { root } }, ctx.rooms.folder.root, ctx.rooms.secrets);
  return s.folderRoot!;
}

/** `postframe queue export-due`: one pass of the engine, waiting for every post it starts. */
export async function exportDue(ctx: StudioContext, opts: { includeLate?: boolean } = {}): Promise<DueOutcome[]> {
  const s = readConnectorSettings(ctx.postsRepo, ctx.rooms.secrets);
  if (!s.folderRoot && !s.webhook) {
    throw new AppError('invalid_input', 'No delivery folder or webhook is set for this library. Set one in Settings → Delivery, or with: postframe queue folder --library DIR PATH');
  }
  requireTools(ctx.rooms, 'FFmpeg is missing. Install it, then export again.');
  const engine = ctx.rooms.delivery;
  const out = await engine.pass({ includeLate: opts.includeLate ?? false });
  await engine.whenIdle();
  return out;
}

/** One JPEG frame of an exported video for the delivery's cover. */
async function writeCoverFrame(tools: MediaTools, media: string, atSec: number, out: string): Promise<void> {
  await fs.mkdir(path.dirname(out), { recursive: true });
  try {
    await tools.run(['-ss', atSec.toFixed(3), '-i', media, '-frames:v', '1', '-an', '-sn', '-q:v', '3', '-f', 'image2', '-update', '1', out]);
    await fs.access(out);
  } catch (e) {
    throw new AppError('unsupported_media', `No cover frame could be taken at ${atSec.toFixed(1)} s of ${path.basename(media)} (${errorMessage(e)}). Choose a cover time inside the video.`);
  }
}
