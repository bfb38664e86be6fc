import fs from 'node:fs/promises';
import { newUploadId, runImport, uploadPath } from '../import/importer';
import type { JobContext } from '../jobs/runner';
import { writeProxy } from '../media/proxy';
import { writeReversed } from '../media/reverse';
import { readVideoColour } from '../media/video-colour';
import type { Asset } from '../model/asset';
import { AppError } from '../model/errors';
import { freezeFrameName } from '../model/freeze-frame';
import { ImportRequest } from '../model/import';
import { needsProxy } from '../model/proxy';
import { ReverseJobInput, type ReverseResult, reverseJobProgress, reverseJobTitle, reverseRefusal } from '../model/reverse';
import { stillFilters } from '../model/video-colour';
import { type ApiPart, type Rooms, type StudioContext, requireTools } from './context';

/**
 * Reverse and freeze frame (issue 14 §3; docs/reverse-freeze.md). "Reverse" on a clip starts a 'reverse' job that
 * makes its asset's reversed copy in cache/reversed (media/reverse.ts), then, when the source needs a preview proxy,
 * the copy's proxy in cache/reversed-proxies; reversed clips export from the copy and preview from its proxy.
 * "Freeze frame" extracts one frame of the original at full size and imports it as a photo the editor places.
 * Both are open to whoever may edit drafts (access.ts EDIT_DRAFTS): they serve an edit and change no draft.
 */
type Calls = 'reverse.start' | 'freezeFrame.make';

const isFile = (p: string) => fs.stat(p).then((s) => s.isFile(), () => false);

export function reverseApi(ctx: StudioContext): ApiPart<Calls> {
  /** The job reversing each asset, so a second "Reverse" while it runs follows the same job. */
  const jobOf = new Map<string, string>();
  return {
    async 'reverse.start'(input) {
      const rooms = ctx.rooms;
      const a = reversibleAsset(rooms, input.assetId);
      const have = await reverseFiles(rooms, a);
      if (have.copy && (have.proxy || !needsProxy(a.facts))) return { jobId: null, plays: have.proxy ? 'proxy' : 'copy' };
      // A copy made before previews had proxies plays at full size meanwhile; the job makes only its proxy.
      const plays = have.copy ? 'copy' : null;
      requireTools(rooms, 'Reversing needs FFmpeg. Install FFmpeg and try again.');
      const known = jobOf.get(a.id);
      const running = known ? rooms.runner.list().find((j) => j.id === known && (j.status === 'queued' || j.status === 'running')) : undefined;
      if (running) return { jobId: running.id, plays };
      const job = rooms.runner.start('reverse', reverseJobTitle(a.name), { assetId: a.id });
      jobOf.set(a.id, job.id);
      return { jobId: job.id, plays };
    },
    async 'freezeFrame.make'(input) {
      const rooms = ctx.rooms;
      const a = rooms.assets.get(input.assetId);
      if (!a || a.trashedAt) throw new AppError('not_found', 'That video is not in the library any more. Put it back from the trash or import it again.');
      if (a.kind !== 'video') throw new AppError('invalid_input', 'Freeze frame works on video clips. Select a video clip and try again.');
      const tools = requireTools(rooms, 'Freeze frame needs FFmpeg to read the video. Install FFmpeg and try again.');
      const seek = Math.min(input.seek, Math.max(0, (a.facts.durationSec ?? input.seek) - 0.001));
      const name = freezeFrameName(a.name, input.at);
      const id = newUploadId();
      const png = uploadPath(rooms.folder, id);
      try {
        // Accurate seek (-ss before -i decodes from the previous keyframe to the frame), full size, upright, in the
        // colours the preview showed it with (the video's own matrix, HDR tone-mapped): model/video-colour.ts.
        const original = rooms.folder.originalPath(a.sha256, a.ext);
        const colour = await readVideoColour(tools, original).catch(() => null);
        const vf = stillFilters(colour);
        await tools.run(['-ss', seek.toFixed(6), '-i', original, '-map', '0:v:0', '-frames:v', '1', ...(vf.length ? ['-vf', vf.join(',')] : []), '-c:v', 'png', '-f', 'image2', png]);
        if (!(await isFile(png))) throw new AppError('unsupported_media', `No frame of “${a.name}” was found at that moment. Move the playhead a little and try again.`);
        const result = await runImport(
          { folder: rooms.folder, assets: rooms.assets, tools: rooms.tools, toolsError: rooms.toolsError ?? undefined, signatures: rooms.visual },
          ImportRequest.parse({ paths: [], uploads: [{ id, name: `${name}.png` }] }),
        );
        const stillId = result.assetIds[0] ?? result.duplicateIds[0];
        if (!stillId) throw new AppError('unsupported_media', result.failed[0]?.reason ?? 'The frame could not be imported. Try again.');
        if (result.assetIds[0]) rooms.assets.update(stillId, { name });
        ctx.emit('assets.changed', { reason: 'imported', ids: [stillId] });
        return { assetId: stillId, name: rooms.assets.get(stillId)?.name ?? name };
      } finally {
        await fs.rm(png, { force: true });
      }
    },
  };
}

/** Which of an asset's reversed copy and its preview proxy are in the cache. */
async function reverseFiles(rooms: Rooms, a: Asset): Promise<{ copy: boolean; proxy: boolean }> {
  const [copy, proxy] = await Promise.all([isFile(rooms.folder.reversedPath(a.sha256)), isFile(rooms.folder.reversedProxyPath(a.sha256))]);
  return { copy, proxy };
}

/** The asset to reverse, or the error that says why not. */
function reversibleAsset(rooms: Rooms, assetId: string): Asset {
  const a = rooms.assets.get(assetId);
  if (!a || a.trashedAt) throw new AppError('not_found', 'That video is not in the library any more. Put it back from the trash or import it again.');
  const why = reverseRefusal({ name: a.name, kind: a.kind, durationSec: a.facts.durationSec });
  if (why) throw new AppError('invalid_input', why);
  return a;
}

/** The 'reverse' job of a library's runner. */
export function registerReverseJobs(ctx: StudioContext, rooms: Rooms): void {
  rooms.runner.register('reverse', (job, input) => reverseJob(ctx, rooms, job, input));
}

async function reverseJob(ctx: StudioContext, rooms: Rooms, job: JobContext, raw: unknown): Promise<ReverseResult> {
  const { assetId } = ReverseJobInput.parse(raw);
  const tools = requireTools(rooms, 'Reversing needs FFmpeg. Install FFmpeg and try again.');
  const a = reversibleAsset(rooms, assetId);
  const out = rooms.folder.reversedPath(a.sha256);
  const proxyOut = rooms.folder.reversedProxyPath(a.sha256);
  const have = await reverseFiles(rooms, a);
  const plan = { copy: !have.copy, proxy: needsProxy(a.facts) && !have.proxy };
  const report = (phase: 'copy' | 'proxy') => (f: number) => {
    const p = reverseJobProgress(phase, f, plan);
    job.progress(p.fraction, p.message);
  };
  if (plan.copy) {
    await writeReversed(tools, rooms.folder.originalPath(a.sha256, a.ext), a.facts, out, rooms.folder.stagingDir, { signal: job.signal, onProgress: report('copy') });
  }
  // The preview's copy: the forward proxy's recipe run on the reversed copy (same display size, rotation baked in,
  // same rate and sound), so a reversed clip previews as light as its forwards clips. The export keeps the full copy.
  if (plan.proxy) {
    await writeProxy(tools, out, a.facts, proxyOut, { signal: job.signal, onProgress: report('proxy') }).catch((e: unknown) => {
      // A cancel stops the job; a failed proxy does not undo the copy: the preview plays the full copy instead.
      if (job.signal.aborted) throw e;
      ctx.log(`the preview proxy of ${a.name}'s reversed copy failed; the preview plays the full copy`, e);
    });
  }
  // Purged while ffmpeg ran: its files were removed already, so these copies belong to nobody.
  if (!rooms.assets.get(assetId)) {
    await Promise.all([out, proxyOut].map((f) => fs.rm(f, { force: true })));
    throw new AppError('not_found', 'The video was deleted while it was reversed.');
  }
  ctx.emit('assets.changed', { reason: 'updated', ids: [assetId] });
  return { kind: 'reverse', assetId, durationSec: a.facts.durationSec ?? 0, previewProxy: await isFile(proxyOut) };
}
