import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaTools } from '../media/ffmpeg';
import { AppError } from '../model/errors';
import { exportResultOf } from '../model/job';
import { type DueOutcome, exportDuePosts } from '../publish/export-due';
import { FOLDER_ROOT_KEY } from '../publish/post-service';
import type { StudioContext } from './context';

/** Where the folder connector delivers (`postframe queue folder`; the settings screen later). */
export function setDeliveryFolder(ctx: StudioContext, root: string): void {
  ctx.postsRepo.setSetting(FOLDER_ROOT_KEY, path.resolve(root));
}

/**
 * Exports and delivers the approved or scheduled posts that are due, through the folder connector set in
 * the library's settings (`connectors.folder.root`). See publish/export-due.ts.
 */
export async function exportDue(ctx: StudioContext, opts: { now?: Date; includeLate?: boolean } = {}): Promise<DueOutcome[]> {
  const root = ctx.postsRepo.setting(FOLDER_ROOT_KEY);
  if (typeof root !== 'string' || root === '') {
    throw new AppError('invalid_input', 'No delivery folder is set for this library. Set one with: postframe queue folder --library DIR PATH');
  }
  const tools = ctx.requireTools('FFmpeg is missing. Install it, then export again.');
  const { rooms } = ctx;
  const out = await exportDuePosts({
    service: ctx.postService,
    db: rooms.db,
    folderRoot: root,
    coverDir: path.join(rooms.folder.cacheDir, 'covers'),
    writeCover: (media, atSec, out) => writeCoverFrame(tools, media, atSec, out),
    draftExists: (id) => rooms.drafts.get(id) !== null,
    exportDraft: async (draftId) => {
      const job = await ctx.waitForJob(ctx.startExport({ draftId, preset: { height: 'canvas', fps: 'canvas', quality: 'standard' } }).id);
      const r = exportResultOf(job);
      if (job.status !== 'done' || !r) throw new AppError('internal', `The export ${job.status}: ${job.error ?? 'no result'}`);
      return r.outputPath;
    },
    now: opts.now ?? new Date(),
    includeLate: opts.includeLate ?? false,
  });
  const ids = [...new Set(out.map((o) => o.postId))];
  if (ids.length) ctx.emit('posts.changed', { reason: 'transitioned', ids });
  return out;
}

/** One JPEG frame of an exported video for the delivery's cover (the post's cover time, else a little way in). */
async function writeCoverFrame(tools: MediaTools, media: string, atSec: number | null, out: string): Promise<void> {
  await fs.mkdir(path.dirname(out), { recursive: true });
  const cmd = tools
    .command(media)
    .inputOptions(['-ss', (atSec ?? 0).toFixed(3)])
    .outputOptions(['-frames:v', '1', '-an', '-sn', '-q:v', '3', '-f', 'image2', '-update', '1'])
    .output(out);
  await tools.run(cmd);
  await fs.access(out).catch(() => {
    throw new AppError('unsupported_media', `No cover frame could be taken at ${atSec ?? 0} s of ${path.basename(media)}. Choose a cover time inside the video.`);
  });
}
