import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Asset, type AssetKind, type MediaFacts, renditionExt } from '../model/asset';
import { AppError, errorMessage } from '../model/errors';
import type { ImportRequest } from '../model/import';
import type { Orientation } from '../model/orientation';
import type { ImportFailure, ImportResult } from '../model/job';
import type { AssetsRepo } from '../library/assets-repo';
import type { LibraryFolder } from '../library/folder';
import { computeWaveform, writeVideoPoster, writeWaveformThumbnail } from '../media/av';
import { durationFromTimestamps } from '../media/duration';
import { assertMp4Complete } from '../media/mp4-check';
import { summarizeFfmpegError, type MediaTools } from '../media/ffmpeg';
import { DEFAULT_MAX_IMAGE_PIXELS, readImageInfo, writeImageThumbnail, writeTileFromThumbnail } from '../media/images';
import { cleanSvg, heicRendition, svgRendition } from '../media/renditions';
import { SVG_MAX_BYTES } from '../media/svg-sanitize';
import { parseProbe, probeStartSec } from '../media/probe';
import { SNIFF_BYTES, sniff, storedExtension } from './sniff';
import { expandPaths } from './walk';
import type { VisualSignature } from '../model/visual-signature';

export type ImportDeps = {
  folder: LibraryFolder;
  assets: AssetsRepo;
  /** Null when ffmpeg is missing: images still import, audio/video fail with the fix in the reason. */
  tools: MediaTools | null;
  toolsError?: string;
  maxImagePixels?: number;
  concurrency?: number;
  /**
   * Where each imported picture's visual signature (colours, hashes) goes, computed from the pixels decoded for
   * its thumbnail or poster. Absent: not computed (the benchmark's baseline; a backfill job fills them in).
   */
  signatures?: SignatureSink;
};

/** Stores a new asset's signature; a failure there never fails the import (the backfill tries again). */
export type SignatureSink = { save(assetId: string, sig: VisualSignature | null): void };


export type ImportProgress = { done: number; total: number; current: string | null };

/** `path` and `name` are for people; `fsPath` opens the file (the bytes of a name that is not UTF-8: walk.ts). */
type Source = { path: string; name: string; fsPath: string | Buffer; staged: boolean };
type Outcome = { status: 'imported'; asset: Asset } | { status: 'duplicate'; id: string } | { status: 'failed'; reason: string };

/**
 * Imports files into the library. Each file is hashed and copied into staging, checked for
 * duplicates by SHA-256, analysed (sharp for images, ffprobe/ffmpeg for audio and video), then moved to its
 * content address and recorded. A file that fails leaves nothing behind and never stops the batch.
 */
export async function runImport(
  deps: ImportDeps,
  /** Uploads are files the host already streamed into cache/uploads/<id>: moved, not copied, removed after. */
  req: ImportRequest,
  options: { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void; onImported?: (assetId: string) => void } = {},
): Promise<ImportResult> {
  const { signal } = options;
  const walked = await expandPaths(req.paths, signal);
  const sources: Source[] = [
    ...walked.files.map((f) => ({ path: f.path, name: f.name, fsPath: f.fsPath, staged: false })),
    ...req.uploads.map((u) => {
      const p = uploadPath(deps.folder, u.id);
      return { path: p, name: path.basename(u.name), fsPath: p, staged: true };
    }),
  ];
  const result: ImportResult = { kind: 'import', imported: 0, duplicates: 0, failed: [...walked.failed], assetIds: [], duplicateIds: [] };
  const inflight = new Set<string>();
  let done = 0;
  let next = 0;
  options.onProgress?.({ done: 0, total: sources.length, current: sources[0]?.name ?? null });

  const worker = async () => {
    while (next < sources.length && !signal?.aborted) {
      const src = sources[next++]!;
      const outcome = await importOne(deps, src, inflight, signal);
      if (outcome.status === 'imported') {
        result.imported++;
        result.assetIds.push(outcome.asset.id);
        options.onImported?.(outcome.asset.id);
      } else if (outcome.status === 'duplicate') {
        result.duplicates++;
        if (outcome.id) result.duplicateIds.push(outcome.id);
      } else if (!signal?.aborted) {
        result.failed.push({ path: src.staged ? src.name : src.path, reason: outcome.reason } satisfies ImportFailure);
      }
      done++;
      options.onProgress?.({ done, total: sources.length, current: src.name });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 2) }, worker));
  // Uploads that were never reached (cancelled) are not kept around.
  await Promise.all(sources.filter((s) => s.staged).map((s) => fs.rm(s.path, { force: true })));
  return result;
}

/** A new upload's id: named after this process, so a sweep knows whose it is (studio/sweep.ts). */
export function newUploadId(): string {
  return `${process.pid}-${randomUUID()}`;
}

export function uploadPath(folder: LibraryFolder, id: string): string {
  if (!/^[\w-]{1,64}$/.test(id)) throw new AppError('invalid_input', 'That upload id is not valid. Upload the file again.');
  return path.join(folder.uploadsDir, id);
}

async function importOne(deps: ImportDeps, src: Source, inflight: Set<string>, signal?: AbortSignal): Promise<Outcome> {
  const created: string[] = [];
  let staging: string | null = null;
  let claimed: string | null = null;
  try {
    const st = await fs.stat(src.fsPath).catch(() => null);
    if (!st?.isFile()) return { status: 'failed', reason: 'Not found. Check that the file still exists.' };
    if (st.size === 0) return { status: 'failed', reason: 'The file is empty (0 bytes). Copy it again from its source.' };

    const head = await readHead(src.fsPath);
    const sniffed = sniff(head);
    if (sniffed.kind === 'text') return { status: 'failed', reason: `This is a text file, not ${mediaNoun(src.name)}. Only video, image and audio files can be imported.` };
    if (sniffed.kind === 'unknown') return { status: 'failed', reason: 'This is not a video, image or audio format Postframe can read.' };
    if (sniffed.kind === 'image' && sniffed.format === 'svg' && st.size > SVG_MAX_BYTES) {
      return { status: 'failed', reason: `This SVG is ${Math.round(st.size / 1e6)} MB; logos and graphics over ${SVG_MAX_BYTES / 1e6} MB are not imported. Simplify it in a vector editor, then import it.` };
    }
    if (sniffed.kind === 'av' && !deps.tools) return { status: 'failed', reason: deps.toolsError ?? 'FFmpeg is not available, so audio and video cannot be imported.' };

    // 1. Hash. Photos (bounded in size) are read once into memory: hashed, then written to staging while
    //    sharp decodes the same bytes, so the copy costs no extra time. Other files are copied into staging,
    //    hashing on the way; uploads are already ours (hashed in place, moved later).
    let sha256: string;
    let bytes: Buffer | null = null;
    if (sniffed.kind === 'image' && st.size <= IN_MEMORY_MAX_BYTES) {
      bytes = await fs.readFile(src.fsPath, { signal });
      // An SVG is kept as the clean copy made here (media/svg-sanitize.ts), never as the bytes given: that
      // copy is what gets hashed, stored and drawn.
      if (sniffed.format === 'svg') {
        bytes = cleanSvg(bytes);
        if (src.staged) await fs.writeFile(src.path, bytes, { signal });
      }
      sha256 = createHash('sha256').update(bytes).digest('hex');
      if (src.staged) staging = src.path;
    } else if (src.staged) {
      staging = src.path;
      sha256 = await hashFile(src.path, signal);
    } else {
      staging = stagingPath(deps.folder);
      sha256 = await copyAndHash(src.fsPath, staging, signal);
    }

    // 2. Duplicates, in the library or earlier in this same batch.
    const existing = deps.assets.findBySha(sha256);
    if (existing) return { status: 'duplicate', id: existing.id };
    if (inflight.has(sha256)) return { status: 'duplicate', id: '' };
    inflight.add(sha256);
    claimed = sha256;

    // 3. Analyse, and build the cache files.
    /** The grid's tile picture, from the thumbnail just written (also remade on request: studio/files.ts). */
    const writeTile = async (sha: string) => {
      const tile = deps.folder.tilePath(sha);
      await fs.mkdir(path.dirname(tile), { recursive: true });
      created.push(tile);
      await writeTileFromThumbnail(deps.folder.thumbPath(sha), tile);
    };
    const ext = storedExtension(sniffed, path.extname(src.name).slice(1));
    let kind: AssetKind;
    let facts: MediaFacts;
    let hasThumbnail = false;
    let hasPoster = false;
    let hasWaveform = false;
    let signature: VisualSignature | null = null;
    if (sniffed.kind === 'image') {
      const max = deps.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
      let write: Promise<void> = Promise.resolve();
      if (!staging) {
        staging = stagingPath(deps.folder);
        write = fs.writeFile(staging, bytes!, { signal });
      }
      const input = bytes ?? staging;
      const thumb = deps.folder.thumbPath(sha256);
      const renditionAs = renditionExt(ext);
      const analyse = (async () => {
        let info: { facts: MediaFacts };
        let pixels: string | Buffer = input;
        // A rendition is upright already (and carries no EXIF); an original is turned as readImageInfo says.
        let orientation: Orientation = 1;
        if (renditionAs) {
          // SVG and HEIC are used through a rendition: the thumbnail, preview and export all read it.
          const source = typeof input === 'string' ? await fs.readFile(input, { signal }) : input;
          const r = sniffed.format === 'svg' ? await svgRendition(source) : await heicRendition(source, max);
          const file = deps.folder.renditionPath(sha256, renditionAs);
          await fs.mkdir(path.dirname(file), { recursive: true });
          created.push(file);
          await fs.writeFile(file, r.bytes, { signal });
          info = r;
          pixels = r.bytes;
        } else {
          const read = await readImageInfo(input, max);
          info = read;
          orientation = read.orientation;
        }
        await fs.mkdir(path.dirname(thumb), { recursive: true });
        created.push(thumb);
        const sig = deps.signatures ? await writeImageThumbnail(pixels, thumb, orientation, max, { signature: true }) : await writeImageThumbnail(pixels, thumb, orientation, max).then(() => null);
        await writeTile(sha256);
        return { ...info, sig };
      })();
      // Both must settle before we go on: a failed decode must not race a staging write still in flight.
      const [analysed, written] = await Promise.allSettled([analyse, write]);
      if (analysed.status === 'rejected') throw analysed.reason;
      if (written.status === 'rejected') throw written.reason;
      const info = analysed.value;
      signature = info.sig;
      bytes = null;
      kind = 'image';
      facts = info.facts;
      hasThumbnail = true;
    } else {
      const tools = deps.tools!;
      const file = staging!;
      let probed: ReturnType<typeof parseProbe>;
      let startSec = 0;
      try {
        const data = await tools.probe(file, { signal });
        probed = parseProbe(data);
        startSec = probeStartSec(data);
      } catch (e) {
        if (signal?.aborted) throw e;
        throw new AppError('unsupported_media', `The file is damaged or incomplete (${summarizeFfmpegError(errorMessage(e), errorMessage(e))}). Copy it again from its source or re-export it.`);
      }
      if (!probed.kind) throw new AppError('unsupported_media', 'The file has no audio or video stream to import.');
      // An intact index over media data that was cut off probes (and posters) as a healthy clip: check the index.
      if (sniffed.format === 'isobmff' || sniffed.format === 'quicktime') await assertMp4Complete(file);
      kind = probed.kind;
      facts = probed.facts;
      if (facts.durationSec === null) {
        // A browser recording (MediaRecorder WebM) has no duration in its header: its last timestamps tell.
        // A scan that fails leaves the duration unknown, as before: the clip still imports.
        const scan = await durationFromTimestamps(tools, file, { startSec, scratch: stagingPath(deps.folder), signal }).catch((e: unknown) => {
          if (signal?.aborted) throw e;
          return null;
        });
        if (scan) facts = { ...facts, durationSec: scan.durationSec };
      }
      if (kind === 'video') {
        const out = { poster: deps.folder.posterPath(sha256), thumb: deps.folder.thumbPath(sha256) };
        await fs.mkdir(path.dirname(out.poster), { recursive: true });
        await fs.mkdir(path.dirname(out.thumb), { recursive: true });
        created.push(out.poster, out.thumb);
        signature = await writeVideoPoster(tools, file, facts.durationSec, out, signal, probed.colour).catch((e: unknown) => {
          if (e instanceof AppError) throw e;
          throw new AppError('unsupported_media', `No picture could be decoded (${errorMessage(e)}). The video may be damaged; re-export it as MP4 (H.264).`);
        });
        await writeTile(sha256);
        hasPoster = hasThumbnail = true;
      }
      if (facts.hasAudio) {
        const peaksFile = deps.folder.waveformPath(sha256);
        const wave = await computeWaveform(tools, file, signal).catch((e: unknown) => {
          if (e instanceof AppError) throw e;
          throw new AppError('unsupported_media', `The audio could not be decoded (${errorMessage(e)}). Re-export it as AAC, MP3 or WAV.`);
        });
        await fs.mkdir(path.dirname(peaksFile), { recursive: true });
        created.push(peaksFile);
        await fs.writeFile(peaksFile, JSON.stringify(wave));
        hasWaveform = true;
        if (kind === 'audio') {
          // Audio has no picture: its grid thumbnail is the shape of its sound.
          const thumb = deps.folder.thumbPath(sha256);
          await fs.mkdir(path.dirname(thumb), { recursive: true });
          created.push(thumb);
          await writeWaveformThumbnail(wave, thumb);
          await writeTile(sha256);
          hasThumbnail = true;
        }
      }
    }
    if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.');

    // 4. Move the original to its content address, then record it: a row never points at a missing file.
    const original = deps.folder.originalPath(sha256, ext);
    await fs.mkdir(path.dirname(original), { recursive: true });
    await fs.rename(staging!, original);
    staging = null;
    created.push(original);
    const asset = deps.assets.insert({
      sha256,
      kind,
      name: src.name,
      originalName: src.name,
      ext,
      sizeBytes: st.size,
      facts,
      hasThumbnail,
      hasPoster,
      hasWaveform,
    });
    created.length = 0;
    if (deps.signatures) {
      try {
        deps.signatures.save(asset.id, signature);
      } catch {
        // The asset is whole without it; the visual backfill computes what is missing on the next open.
      }
    }
    return { status: 'imported', asset };
  } catch (e) {
    const reason = e instanceof AppError ? e.message : `Could not import this file: ${errorMessage(e)}`;
    return { status: 'failed', reason };
  } finally {
    if (staging && !src.staged) await fs.rm(staging, { force: true });
    await Promise.all(created.map((f) => fs.rm(f, { force: true })));
    if (claimed) inflight.delete(claimed);
  }
}

/** Photos up to this size are read into memory once; larger files (and all audio/video) are streamed. */
const IN_MEMORY_MAX_BYTES = 64 * 1024 * 1024;

function stagingPath(folder: LibraryFolder): string {
  return path.join(folder.stagingDir, `${process.pid}-${Math.random().toString(36).slice(2)}`);
}

function mediaNoun(name: string): string {
  const ext = path.extname(name).slice(1).toLowerCase();
  return ext ? `a .${ext} file` : 'a media file';
}

async function readHead(file: string | Buffer): Promise<Buffer> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function hashFile(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function copyAndHash(src: string | Buffer, dest: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  await pipeline(createReadStream(src, { highWaterMark: 1 << 20 }), tap, createWriteStream(dest), { signal });
  return hash.digest('hex');
}
