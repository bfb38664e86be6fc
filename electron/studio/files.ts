import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { UploadResponse } from '../api/transport';
import { newUploadId, uploadPath } from '../import/importer';
import type { LibraryFolder } from '../library/folder';
import { writeTileFromThumbnail } from '../media/images';
import { mimeForExtension } from '../media/mime';
import { type MediaVariant, renditionExt } from '../model/asset';
import { AppError, errorMessage, isAppError } from '../model/errors';
import { uploadTooLargeMessage } from '../model/upload';
import { exportFilesOf, exportResultOf } from '../model/job';
import { isTextLayerKey, textLayerPath } from '../render/text';
import type { Rooms } from './context';

// Bytes never travel through the API: the host and the media:// protocol serve these files by id or key.

const isFile = (p: string) => fs.stat(p).then((s) => s.isFile(), () => false);

/**
 * Streams an upload into cache/uploads; `imports.start({uploads})` then imports it. Over `maxBytes` (counted as
 * the bytes arrive: a body need not say its length) it stops, removes what it wrote and throws `too_large`.
 * An error destroys `body`; the host hands over a stream of its own so it can still answer the request.
 */
export async function stageUpload(folder: LibraryFolder, name: string, body: Readable, maxBytes: number): Promise<UploadResponse> {
  const id = newUploadId();
  const file = uploadPath(folder, id);
  const shownName = path.basename(name);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) done(new AppError('too_large', uploadTooLargeMessage(shownName, maxBytes, null)));
      else done(null, chunk);
    },
  });
  const out = createWriteStream(file);
  try {
    await pipeline(body, limit, out);
  } catch (e) {
    // pipeline() settles on the first error without waiting for the file stream to close, and the stream's open
    // runs on libuv's pool beside our removal: on a loaded machine the unlink could land before the open created
    // the file (seen once in CI-like runs). Wait for the close, which comes after the open, then remove.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await fs.rm(file, { force: true });
    if (isAppError(e)) throw e;
    throw new AppError('invalid_input', `The upload of ${shownName} was interrupted (${errorMessage(e)}). Drop the file again.`);
  }
  return { id, name: shownName, sizeBytes: size };
}

/** A media file of an asset, confined to the library folder; null when it does not exist. */
export async function resolveMedia({ folder, assets }: Rooms, assetId: string, variant: MediaVariant): Promise<{ path: string; mime: string } | null> {
  const f = assets.files(assetId);
  if (!f) return null;
  let file: string | null = null;
  let mime = 'application/octet-stream';
  switch (variant) {
    case 'original':
      file = folder.originalPath(f.sha256, f.ext);
      mime = mimeForExtension(f.ext);
      break;
    case 'thumb':
      if (f.hasThumbnail) [file, mime] = [folder.thumbPath(f.sha256), 'image/webp'];
      break;
    case 'tile':
      if (f.hasThumbnail) return tileOf(folder, f.sha256);
      break;
    case 'poster':
      if (f.hasPoster) [file, mime] = [folder.posterPath(f.sha256), 'image/jpeg'];
      else if (f.hasThumbnail) [file, mime] = [folder.thumbPath(f.sha256), 'image/webp'];
      break;
    case 'waveform':
      if (f.hasWaveform) [file, mime] = [folder.waveformPath(f.sha256), 'application/json'];
      break;
    case 'proxy':
      if (f.hasProxy) [file, mime] = [folder.proxyPath(f.sha256), 'video/mp4'];
      break;
    case 'reversed':
      // Made on demand by a 'reverse' job (studio/reverse-api.ts); until then there is nothing to serve.
      if (f.kind === 'video') [file, mime] = [folder.reversedPath(f.sha256), 'video/mp4'];
      break;
    case 'reversed-proxy':
      // Its preview proxy, made by the same job after the copy when the source needs a proxy.
      if (f.kind === 'video') [file, mime] = [folder.reversedProxyPath(f.sha256), 'video/mp4'];
      break;
    case 'rendition': {
      const ext = renditionExt(f.ext);
      if (ext) [file, mime] = [folder.renditionPath(f.sha256, ext), ext === 'png' ? 'image/png' : 'image/jpeg'];
      break;
    }
  }
  if (!file || !folder.contains(file)) return null;
  return (await isFile(file)) ? { path: file, mime } : null;
}

/** Tiles being made on request, by file: the grid asks for a screenful at once, and each is made once. */
const makingTiles = new Map<string, Promise<boolean>>();

/**
 * The grid's tile picture of an asset that has a thumbnail. A library imported before tiles existed (or one
 * restored from a backup, which leaves them out: they are remade) gets it on the first request, made from the
 * thumbnail; when that fails (a damaged thumbnail, a full disk) the thumbnail itself is served, so a tile never
 * shows broken. Both files are content-addressed under cache/ and confined to the library folder.
 */
async function tileOf(folder: LibraryFolder, sha256: string): Promise<{ path: string; mime: string } | null> {
  const tile = folder.tilePath(sha256);
  const thumb = folder.thumbPath(sha256);
  if (!folder.contains(tile) || !folder.contains(thumb)) return null;
  if (await isFile(tile)) return { path: tile, mime: 'image/webp' };
  if (!(await isFile(thumb))) return null;
  let making = makingTiles.get(tile);
  if (!making) {
    making = fs
      .mkdir(path.dirname(tile), { recursive: true })
      .then(() => writeTileFromThumbnail(thumb, tile))
      .then(
        () => true,
        () => false, // served as the thumbnail below; the next request tries again
      )
      .finally(() => makingTiles.delete(tile));
    makingTiles.set(tile, making);
  }
  return (await making) ? { path: tile, mime: 'image/webp' } : { path: thumb, mime: 'image/webp' };
}

/** A rasterised text layer (cache/text/<key>.png); the key must be a text-layer hash, never a path. */
export async function resolveTextLayer(folder: LibraryFolder, key: string): Promise<{ path: string; mime: string } | null> {
  if (!isTextLayerKey(key)) return null;
  const file = textLayerPath(folder.textCacheDir, key);
  if (!folder.contains(file)) return null;
  return (await isFile(file)) ? { path: file, mime: 'image/png' } : null;
}

/**
 * A file of a finished export job, only when it lies inside the library folder (CLI exports elsewhere are not served).
 * `output` is the file's index in a one-pass export of several variants (exportFilesOf); 0 is any export's first.
 */
export async function resolveExport({ folder, jobs }: Rooms, jobId: string, output = 0): Promise<{ path: string; fileName: string; mime: string } | null> {
  const job = jobId.length <= 64 ? jobs.get(jobId) : null;
  const result = job?.status === 'done' ? exportResultOf(job) : null;
  const file = result ? exportFilesOf(result)[output] : undefined;
  if (!file || !folder.contains(file)) return null;
  if (!(await isFile(file))) return null;
  return { path: file, fileName: path.basename(file), mime: mimeForExtension(path.extname(file).slice(1)) };
}
