import fs from 'node:fs/promises';
import path from 'node:path';
import { runImport } from '../import/importer';
import { expandPaths } from '../import/walk';
import type { JobContext } from '../jobs/runner';
import { draftNotFound } from '../library/drafts-repo';
import { writeProxy } from '../media/proxy';
import { ensureRendition } from '../media/renditions';
import { readStreamFacts } from '../media/stream-facts';
import type { MediaTools } from '../media/ffmpeg';
import { readVideoColour } from '../media/video-colour';
import { copyColour } from '../model/video-colour';
import { renditionExt } from '../model/asset';
import type { TextClip, VideoDraft } from '../model/draft';
import { AppError, errorMessage } from '../model/errors';
import { ExportJobInput } from '../model/export';
import { ImportRequest } from '../model/import';
import { type LoudnessTarget, loudnessLabel } from '../model/loudness';
import type { ExportResult, ImportFailure, ImportResult, ProxyResult } from '../model/job';
import { ProxyJobInput, needsProxy } from '../model/proxy';
import { reversedAssets, reversedKey } from '../model/reverse';
import { type SourceFacts, outputSize } from '../render/compiler';
import { type ExportOutcome, type ExportPhase, exportFileName, freeExportPath, runExport, runVariantExport } from '../render/export';
import { lutIdsOf } from '../render/look-files';
import { startBeatsAfterImport } from './beats-api';
import { checkVideoColour } from './colour-check';
import { exportEncoder } from './export-settings';
import { PostsRepo } from '../library/posts-repo';
import type { CaptionTrack } from '../model/caption-track';
import { photoSourceFacts, renditionSourceFacts } from '../render/source-facts';
import { rasterizeText } from '../render/text';
import { rasterizeDraftCaptions } from './caption-raster';
import { type Rooms, type StudioContext, requireTools } from './context';
import { imageExportJob } from './image-export-job';
import { PathGate } from './path-gate';

/** Import options the Studio was opened with (tests and benchmarks tune them). */
export type ImportTuning = {
  maxImagePixels?: number;
  importConcurrency?: number;
  /** Import without colours and hashes (the benchmark's baseline for their cost). */
  skipSignatures?: boolean;
};

/** Registers the handlers of the media job kinds (import, proxy, export) on a library's job runner. */
export function registerMediaJobs(ctx: StudioContext, rooms: Rooms, tuning: ImportTuning): void {
  rooms.runner.register('import', (job, input) => importJob(ctx, rooms, job, input, tuning));
  rooms.runner.register('export', (job, input) => exportJob(ctx, rooms, job, input));
  rooms.runner.register('proxy', (job, input) => proxyJob(ctx, rooms, job, input));
  rooms.runner.register('image-export', (job, input) => imageExportJob(rooms, job, input));
}

async function importJob(ctx: StudioContext, rooms: Rooms, job: JobContext, input: unknown, tuning: ImportTuning): Promise<ImportResult> {
  let req = ImportRequest.parse(input);
  // Browser mode: the folders named were checked, but a link inside one may lead anywhere. Walk them here and
  // pass on only files whose real path is inside an allowed folder; the others are reported, not read.
  const refused: ImportFailure[] = [];
  if (ctx.paths.allowedFolders !== null && req.paths.length > 0) {
    const walked = await expandPaths(req.paths, job.signal);
    const admitted: string[] = [];
    for (const f of walked.files) {
      const real = await ctx.paths.admits(f.path);
      if (real) admitted.push(real);
      else refused.push({ path: f.path, reason: PathGate.outsideReason() });
    }
    refused.unshift(...walked.failed);
    req = { ...req, paths: admitted };
  }
  let pending: string[] = [];
  let lastEmit = 0;
  const flush = () => {
    if (pending.length === 0) return;
    ctx.emit('assets.changed', { reason: 'imported', ids: pending });
    pending = [];
    lastEmit = Date.now();
  };
  try {
    const result = await runImport(
      {
        folder: rooms.folder,
        assets: rooms.assets,
        tools: rooms.tools,
        toolsError: rooms.toolsError ?? undefined,
        maxImagePixels: tuning.maxImagePixels,
        concurrency: tuning.importConcurrency,
        signatures: tuning.skipSignatures ? undefined : rooms.visual,
      },
      req,
      {
        signal: job.signal,
        onProgress: (p) => job.progress(p.total ? p.done / p.total : null, p.total ? `${p.done} of ${p.total}${p.current ? ` · ${p.current}` : ''}` : undefined),
        onImported: (id) => {
          pending.push(id);
          if (Date.now() - lastEmit > 400) flush();
        },
      },
    );
    // Heavy videos get their preview proxies in a job of their own: it never holds up or fails the import.
    ctx.startProxies(rooms, result.assetIds);
    // Music gets its beats found the same way (beats-api.ts), so they are on the timeline without a click.
    startBeatsAfterImport(rooms, result.assetIds, (m, e) => ctx.log(m, e));
    return refused.length ? { ...result, failed: [...refused, ...result.failed] } : result;
  } finally {
    flush();
  }
}

/**
 * Makes the proxies one after another. One that fails is skipped (its original still plays where the
 * browser can decode it); the job fails only when none could be made.
 */
async function proxyJob(ctx: StudioContext, rooms: Rooms, job: JobContext, input: unknown): Promise<ProxyResult> {
  const { assetIds } = ProxyJobInput.parse(input);
  const tools = requireTools(rooms, 'FFmpeg is missing. Install it to make preview proxies.');
  let made = 0;
  const failures: string[] = [];
  for (const [i, id] of assetIds.entries()) {
    if (job.signal.aborted) throw new AppError('cancelled', 'Cancelled.');
    const a = rooms.assets.get(id);
    if (!a || a.kind !== 'video') continue;
    const detail = `${i + 1} of ${assetIds.length} · ${a.name}`;
    job.progress(i / assetIds.length, detail);
    // Imported before its dynamic range was kept: read it, and check the proxy it has (studio/colour-check.ts).
    const check = a.facts.dynamicRange === undefined ? await checkVideoColour(rooms, tools, a, job.signal) : null;
    if (check?.newPoster) ctx.emit('assets.changed', { reason: 'updated', ids: [id] });
    const facts = check?.facts ?? a.facts;
    if (!needsProxy(facts) || (a.hasProxy && !check?.staleProxy)) continue;
    const out = rooms.folder.proxyPath(a.sha256);
    try {
      // A stale proxy is replaced when the new one is complete (writeProxy renames over it); until then it plays.
      await writeProxy(tools, rooms.folder.originalPath(a.sha256, a.ext), facts, out, {
        signal: job.signal,
        onProgress: (f) => job.progress((i + f) / assetIds.length, detail),
      });
    } catch (e) {
      if (job.signal.aborted) throw e;
      failures.push(`${a.name}: ${errorMessage(e)}`);
      continue;
    }
    // A proxy made again over an older one gets a new address (the old one may be in the browser's cache).
    if (a.hasProxy) rooms.assets.bumpMediaRev(id);
    // Purged while ffmpeg ran: its files were removed already, so this proxy belongs to nobody.
    if (!rooms.assets.setHasProxy(id, true)) {
      await fs.rm(out, { force: true });
      continue;
    }
    made++;
    ctx.emit('assets.changed', { reason: 'updated', ids: [id] });
  }
  if (made === 0 && failures.length > 0) throw new AppError('unsupported_media', failures.join('\n'));
  return { kind: 'proxy', assetIds, made };
}

/** Exports a stored draft (or, for the CLI, a draft document) as a job; see render/export.ts. */
async function exportJob(ctx: StudioContext, rooms: Rooms, job: JobContext, input: unknown): Promise<ExportResult> {
  const req = ExportJobInput.parse(input);
  const tools = requireTools(rooms, 'FFmpeg is missing. Install it, then export again.');
  let doc = req.doc;
  if (!doc) {
    const rec = req.draftId ? rooms.drafts.get(req.draftId) : null;
    if (!rec) throw draftNotFound();
    if (rec.doc.kind !== 'video') throw new AppError('invalid_input', 'Only video drafts can be exported to MP4. Open a video draft and export again.');
    doc = rec.doc;
  }
  const draft = doc;
  const common = {
    draft,
    sources: await sourceFactsOf(rooms, tools, draft, job.signal),
    rasterize: (clip: TextClip) => rasterizeText(clip, draft.canvas, rooms.folder.textCacheDir, rooms.textFonts),
    rasterizeCaptions: (track: CaptionTrack) => rasterizeDraftCaptions(rooms, draft, track, job.signal),
    captionCacheDir: rooms.folder.textCacheDir,
    preset: req.preset,
    luts: await rooms.looks.sourceFor(lutIdsOf(draft)),
    signal: job.signal,
    loudness: req.loudness,
    // The target named in the detail line: the request's, else the (first) variant's channel target.
    onProgress: (f: number, phase: ExportPhase) => job.progress(f, exportPhaseDetail(phase, f, req.loudness ?? (req.outputs?.[0] ?? req).variant?.loudness ?? null)),
    encoder: await exportEncoder(tools, new PostsRepo(rooms.db), (m) => ctx.log(m)),
    log: (m: string) => ctx.log(m),
  };
  // The result describes the (first) file; a one-pass export lists every file it wrote as well, each with the
  // channels and frame size it was made for, so the app can say what was made (walk #73), not only "Done".
  const size = req.outputs?.[0]?.variant ?? req.variant ?? outputSize(draft.canvas, req.preset);
  const resultOf = (first: ExportOutcome, all?: readonly ExportOutcome[]): ExportResult => ({
    kind: 'export',
    draftId: req.draftId ?? '',
    outputPath: first.outputPath,
    fileName: path.basename(first.outputPath),
    sizeBytes: first.sizeBytes,
    durationSec: first.durationSec,
    method: first.method,
    width: size.width,
    height: size.height,
    ...(all
      ? {
          outputs: all.map((o, i) => {
            const asked = req.outputs?.[i];
            return { outputPath: o.outputPath, sizeBytes: o.sizeBytes, durationSec: o.durationSec, ...(asked ? { label: asked.label, width: asked.variant.width, height: asked.variant.height } : {}) };
          }),
        }
      : {}),
  });
  if (req.outputs) {
    const outs = await runVariantExport(tools, common, req.outputs);
    return resultOf(outs[0]!, outs);
  }
  const outputPath = req.outputPath ?? freeExportPath(rooms.folder.exportsDir, exportFileName(doc.name, new Date()));
  const out = await runExport(tools, {
    ...common,
    variant: req.variant ?? null,
    outputPath,
    streamFacts: async (assetId) => {
      const a = rooms.assets.get(assetId);
      return a ? readStreamFacts(tools, rooms.folder.originalPath(a.sha256, a.ext), job.signal) : null;
    },
  });
  return resultOf(out);
}

/** The export job's detail line: which pass runs (the loudness passes follow the render) and how far the whole is. */
export function exportPhaseDetail(phase: ExportPhase, fraction: number, target: LoudnessTarget | null): string {
  const pct = `${Math.round(fraction * 100)}%`;
  if (phase === 'measure') return `Measuring loudness · ${pct}`;
  if (phase === 'normalise') return `Levelling sound to ${target ? loudnessLabel(target) : 'the target'} · ${pct}`;
  return target ? `Rendering · ${pct}` : pct;
}

/**
 * What the compiler needs to know about each asset a draft uses. An asset that is gone (purged, or its
 * file missing) is left out, and the compiler names the clip that used it.
 */
async function sourceFactsOf(rooms: Rooms, tools: MediaTools, draft: VideoDraft, signal: AbortSignal): Promise<Map<string, SourceFacts>> {
  const out = new Map<string, SourceFacts>();
  const ids = new Set(draft.tracks.flatMap((t) => t.clips.flatMap((c) => (c.type === 'media' ? [c.assetId] : []))));
  for (const id of ids) {
    const a = rooms.assets.get(id);
    if (!a) continue;
    const file = rooms.folder.originalPath(a.sha256, a.ext);
    if (!(await fs.stat(file).then((s) => s.isFile(), () => false))) continue;
    const f = a.facts;
    const rendition = renditionExt(a.ext);
    if (rendition) {
      // SVG and HEIC: the export draws the same upright rendition the preview shows (media/renditions.ts).
      const r = rooms.folder.renditionPath(a.sha256, rendition);
      await ensureRendition(file, r, a.ext);
      out.set(id, renditionSourceFacts(r, f.width, f.height));
      continue;
    }
    if (a.kind === 'image') {
      out.set(id, await photoSourceFacts(file));
      continue;
    }
    // A video's matrix and range, so the export decodes it as the preview (Chromium) does: model/video-colour.ts.
    const colour = a.kind === 'video' ? { colour: await readVideoColour(tools, file, signal) } : {};
    out.set(id, { path: file, kind: a.kind, width: f.width, height: f.height, rotation: f.rotation, durationSec: f.durationSec, hasAudio: f.hasAudio, fps: f.fps, ...colour });
  }
  // Reversed clips read their asset's reversed copy (model/reverse.ts): upright (rotation baked in), same size and
  // length. Missing (its job not finished), it is left out and the compiler says so, naming the clip.
  for (const id of reversedAssets(draft)) {
    const a = rooms.assets.get(id);
    const copy = a ? rooms.folder.reversedPath(a.sha256) : null;
    const facts = out.get(id);
    if (!copy || !facts || !(await fs.stat(copy).then((s) => s.isFile(), () => false))) continue;
    // The copy of HDR footage was tone-mapped when made (media/reverse.ts): it is converted as SDR BT.709 is.
    out.set(reversedKey(id), { ...facts, path: copy, rotation: 0, ...(facts.colour ? { colour: copyColour(facts.colour) } : {}) });
  }
  return out;
}
