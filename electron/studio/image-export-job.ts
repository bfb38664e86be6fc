import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { JobContext } from '../jobs/runner';
import { draftNotFound } from '../library/drafts-repo';
import { loadSharp } from '../media/sharp';
import { AppError } from '../model/errors';
import type { ImageDraft } from '../model/image-draft';
import { type ImageExportEntry, type ImageExportInput, ImageExportJobInput, type ImageExportResult } from '../model/image-export-job';
import { imageExportResultOf } from '../model/job';
import { safeBaseName, writeImagePages } from '../render/image-export';
import type { Raw } from '../render/image-render';
import { jpegPagesPdf } from '../render/pdf-pages';
import type { Rooms } from './context';
import { renderImagePage } from './images-api';

/**
 * The export job of an image draft (docs/image-render.md "Export job"): pages drawn and encoded one at a time
 * with progress per page, cancellable between pages, written into a fresh folder of the library's exports/, and
 * the files listed in the job's result (the export history).
 */

/** A folder name no earlier export has: `<name> 2026-01-31 10-42-07`, then ` (2)`, … */
async function freeDir(parent: string, base: string, now: Date): Promise<string> {
  const stamp = now.toISOString().slice(0, 19).replace('T', ' ').replace(/:/g, '-');
  for (let n = 1; ; n++) {
    const dir = path.join(parent, `${base} ${stamp}${n === 1 ? '' : ` (${n})`}`);
    try {
      await fs.mkdir(dir, { recursive: false });
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

async function scaledTo(raw: Raw, width: number | null): Promise<Raw> {
  if (width === null || width === raw.width) return raw;
  const height = Math.max(1, Math.round((raw.height * width) / raw.width));
  const sharp = await loadSharp();
  const data = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 } }).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer();
  return { data, width, height };
}

export function imageDraftOf(rooms: Rooms, draftId: string): ImageDraft {
  const rec = rooms.drafts.get(draftId);
  if (!rec) throw draftNotFound();
  if (rec.doc.kind !== 'image') throw new AppError('invalid_input', 'That draft is a video: export it as MP4 from the video editor.');
  return rec.doc;
}

/** Checks what a job cannot start without (said before it is queued). */
export function checkImageExport(input: ImageExportInput, draft: ImageDraft): void {
  if (input.pdf && input.format !== 'jpeg') throw new AppError('invalid_input', 'A PDF document is made of JPEG pages. Choose JPEG to make the PDF.');
  if (draft.pages.length === 0) throw new AppError('invalid_input', 'The draft has no pages. Add a page in the image editor.');
}

/** Writes a draft's pages to `dir` (the queue uses it for a post's files); progress and cancel as the job. */
export async function writeDraftImages(rooms: Rooms, draft: ImageDraft, input: Omit<ImageExportInput, 'draftId' | 'channel'>, dir: string, job: Pick<JobContext, 'signal' | 'progress'>, baseName = draft.name) {
  const count = draft.pages.length;
  const steps = count + (input.pdf ? 1 : 0);
  const pages = await writeImagePages(
    count,
    async (i) => {
      if (job.signal.aborted) throw new AppError('cancelled', 'Cancelled.');
      job.progress(i / steps, `Page ${i + 1} of ${count}`);
      return scaledTo(await renderImagePage(rooms, draft, i), input.width);
    },
    dir,
    baseName,
    input.format,
    { maxBytes: input.maxBytes ?? undefined },
  );
  let pdf: ImageExportResult['pdf'] = null;
  if (input.pdf) {
    if (job.signal.aborted) throw new AppError('cancelled', 'Cancelled.');
    job.progress(count / steps, 'PDF document');
    const bytes = jpegPagesPdf(await Promise.all(pages.map((p) => fs.readFile(p.path))), { title: draft.name });
    const fileName = `${safeBaseName(baseName)}.pdf`;
    const outputPath = path.join(dir, fileName);
    const tmp = `${outputPath}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, outputPath);
    pdf = { fileName, outputPath, sizeBytes: bytes.length, pages: count };
  }
  const files = pages.map((p) => ({ fileName: path.basename(p.path), outputPath: p.path, sizeBytes: p.sizeBytes, quality: p.quality, fits: p.fits, width: p.width, height: p.height }));
  return { files, pdf };
}

export async function imageExportJob(rooms: Rooms, job: JobContext, raw: unknown): Promise<ImageExportResult> {
  const input = ImageExportJobInput.parse(raw);
  const draft = imageDraftOf(rooms, input.draftId);
  checkImageExport(input, draft);
  let dir: string;
  if (input.outputDir) {
    // A post's delivery: its own folder per revision, made afresh.
    dir = input.outputDir;
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
  } else dir = await freeDir(rooms.folder.exportsDir, safeBaseName(draft.name), new Date());
  try {
    const { files, pdf } = await writeDraftImages(rooms, draft, input, dir, job);
    return { kind: 'image-export', draftId: input.draftId, format: input.format, channel: input.channel, maxBytes: input.maxBytes, dir, files, pdf };
  } catch (e) {
    // A cancelled or failed export leaves no half-written folder behind.
    await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
}

const isFile = (p: string) => fs.stat(p).then((s) => s.isFile(), () => false);

/** The image exports of a draft (or all), newest first, each file marked as still there or gone. */
export async function listImageExports(rooms: Rooms, opts: { draftId?: string; limit: number }): Promise<ImageExportEntry[]> {
  const jobs = rooms.jobs.finishedExports({ ...opts, kind: 'image-export' });
  const out: ImageExportEntry[] = [];
  for (const job of jobs) {
    const r = imageExportResultOf(job);
    if (!r) continue;
    const { kind: _kind, ...rest } = r;
    out.push({ ...rest, jobId: job.id, finishedAt: job.updatedAt, files: await Promise.all(r.files.map(async (f) => ({ ...f, available: await isFile(f.outputPath) }))) });
  }
  return out;
}

const imageMime: Record<ImageExportResult['format'], string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };

/**
 * One file of a finished image export, for a download (docs/security.md "Image export downloads"): `part` is a
 * page's number (1-based, as the numbered file names count) or `pdf`, never a path. The file must be one the done
 * job's result names, lie directly in that export's folder inside the library (links followed), and exist.
 */
export async function resolveImageExportFile({ folder, jobs }: Rooms, jobId: string, part: string): Promise<{ path: string; fileName: string; mime: string } | null> {
  if (jobId.length > 64 || !/^(?:[1-9][0-9]{0,2}|pdf)$/.test(part)) return null;
  const job = jobs.get(jobId);
  const result = job?.status === 'done' ? imageExportResultOf(job) : null;
  if (!result) return null;
  const named = part === 'pdf' ? result.pdf : result.files[Number(part) - 1];
  if (!named || !folder.contains(result.dir) || path.dirname(path.resolve(named.outputPath)) !== path.resolve(result.dir)) return null;
  const [real, realDir, realRoot] = await Promise.all([named.outputPath, result.dir, folder.root].map((p) => fs.realpath(p).catch(() => null)));
  if (!real || !realDir || !realRoot || path.dirname(real) !== realDir || !real.startsWith(realRoot + path.sep)) return null;
  if (!(await isFile(real))) return null;
  return { path: real, fileName: named.fileName, mime: part === 'pdf' ? 'application/pdf' : imageMime[result.format] };
}

/** "Show in folder" in the app: an image export's first file still there (the file manager opens its folder). */
export async function locateImageExport({ jobs }: Rooms, jobId: string): Promise<string | null> {
  const job = jobId.length <= 64 ? jobs.get(jobId) : null;
  const result = job?.status === 'done' ? imageExportResultOf(job) : null;
  if (!result) return null;
  for (const f of [...result.files, ...(result.pdf ? [result.pdf] : [])]) if (await isFile(f.outputPath)) return f.outputPath;
  return null;
}
