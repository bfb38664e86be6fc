import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Connector, type Delivery, type DeliveryOutcome, captionText, deliveryFiles, deliveryMetadata } from './delivery';
import { localDate, slugify } from './slug';

/**
 * Folder connector: `<root>/<channel>/<yyyy-mm-dd>-<slug>/` with the media (original extension), its caption files
 * (SRT, for channels that take them), cover.jpg,
 * caption.txt and post.json. Atomic: everything is built in a hidden sibling (`.<name>.tmp-<rand>`), each file
 * is fsynced, then the folder is renamed into place, so a reader (a person, a sync client, another tool)
 * never sees a half-written post. Idempotent by deliveryId: a folder whose post.json has the same deliveryId
 * is the same delivery, so sending again is a no-op; a different post with the same name gets `-2`, `-3`, ….
 */
export interface FolderConnectorOptions {
  root: string;
  /**
   * Test seam: called after each step of building the hidden folder ('media', 'captions' when there are caption
   * files, 'cover', 'caption', 'post.json',
   * 'synced'). Throwing here stands in for a crash or a full disk at that point.
   */
  onStep?: (step: string) => void;
}

const MAX_SUFFIX = 1000;
const TMP_PATTERN = /^\..+\.tmp-[0-9a-f]+$/;

export function folderConnector(opts: FolderConnectorOptions): Connector {
  return { kind: 'folder', send: (d) => writeDeliveryFolder(opts, d) };
}

/** The folder name (without the -N suffix) a delivery gets. */
export function folderBaseName(d: Delivery, now: Date = new Date()): string {
  const when = d.post.scheduledAt ? new Date(d.post.scheduledAt) : now;
  return `${localDate(when, d.post.timeZone)}-${slugify(d.post.title)}`;
}

function readDeliveryId(dir: string): string | null {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'post.json'), 'utf8')) as { deliveryId?: unknown };
    return typeof meta.deliveryId === 'string' ? meta.deliveryId : null;
  } catch {
    return null;
  }
}

function writeSynced(file: string, data: string): void {
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

async function copySynced(from: string, to: string): Promise<void> {
  await fs.promises.copyFile(from, to, fs.constants.COPYFILE_EXCL);
  const fh = await fs.promises.open(to, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** fsync a directory so a rename in it survives a power cut (a no-op where directories cannot be opened). */
function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  } finally {
    if (fd != null) fs.closeSync(fd);
  }
}

/** Finds the folder already holding this delivery, or the first free name for it. */
function placeFor(channelDir: string, base: string, deliveryId: string): { existing: string | null; free: string } {
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const dir = path.join(channelDir, name);
    if (!fs.existsSync(dir)) return { existing: null, free: name };
    if (readDeliveryId(dir) === deliveryId) return { existing: name, free: name };
  }
  throw new Error(`More than ${MAX_SUFFIX} folders are named ${base} in ${channelDir}: move old exports elsewhere, then export again.`);
}

export async function writeDeliveryFolder(opts: FolderConnectorOptions, d: Delivery): Promise<DeliveryOutcome> {
  const channelDir = path.join(opts.root, d.post.channel);
  const step = opts.onStep ?? (() => undefined);
  try {
    await fs.promises.mkdir(channelDir, { recursive: true });
  } catch (e) {
    return { state: 'failed', status: null, error: `Cannot create the export folder ${channelDir} (${(e as Error).message}): choose a folder you can write to in Settings.` };
  }
  const base = folderBaseName(d);
  const first = placeFor(channelDir, base, d.deliveryId);
  if (first.existing) return { state: 'delivered', status: null, message: `Already in ${path.join(channelDir, first.existing)}` };

  // An image post: its pages as numbered files in page order (01.jpg, 02.jpg, …) instead of one media file; a
  // document post: `document.pdf`.
  const files = deliveryFiles(d);
  const mediaName = files.media;
  const imageNames = files.images ?? null;
  const tmp = path.join(channelDir, `.${first.free}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    await fs.promises.mkdir(tmp);
    if (d.images && imageNames) {
      for (const [i, file] of d.images.entries()) await copySynced(file, path.join(tmp, imageNames[i]!));
    } else await copySynced(d.mediaPath, path.join(tmp, mediaName));
    step('media');
    // Caption files beside the video, named for the channel (media.srt; Facebook's media.en_US.srt).
    for (const c of d.captions) await copySynced(c.path, path.join(tmp, c.fileName));
    if (d.captions.length > 0) step('captions');
    await copySynced(d.coverPath, path.join(tmp, 'cover.jpg'));
    step('cover');
    writeSynced(path.join(tmp, 'caption.txt'), captionText(d.post));
    step('caption');
    writeSynced(path.join(tmp, 'post.json'), JSON.stringify(deliveryMetadata(d, files), null, 2) + '\n');
    step('post.json');
    syncDir(tmp);
    step('synced');
    // Another writer (a second app on a shared folder) may have taken the name meanwhile: look again, and
    // rename only onto a name that does not exist, so a finished folder is never replaced.
    for (let tries = 0; ; tries++) {
      const place = placeFor(channelDir, base, d.deliveryId);
      if (place.existing) {
        await fs.promises.rm(tmp, { recursive: true, force: true });
        return { state: 'delivered', status: null, message: `Already in ${path.join(channelDir, place.existing)}` };
      }
      try {
        await renameNoReplace(tmp, path.join(channelDir, place.free));
        syncDir(channelDir);
        return { state: 'delivered', status: null, message: `Written to ${path.join(channelDir, place.free)}` };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || tries >= 5) throw e;
      }
    }
  } catch (e) {
    await fs.promises.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    const err = e as NodeJS.ErrnoException;
    const what = err.code === 'ENOENT' ? 'A file to export is missing' : err.code === 'ENOSPC' ? 'The disk is full' : 'Writing the export failed';
    return { state: 'failed', status: null, error: `${what} (${err.message}). Fix that, then export again; nothing half-written was left behind.` };
  }
}

/**
 * rename(2) replaces an EMPTY target directory on POSIX, so an empty folder someone made with our name would be
 * swallowed silently; refusing any existing target keeps "never replace" true. (A racing writer between the check
 * and the rename is the remaining window; placeFor re-checks after EEXIST/ENOTEMPTY.)
 */
async function renameNoReplace(from: string, to: string): Promise<void> {
  if (fs.existsSync(to)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
  try {
    await fs.promises.rename(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EPERM' || code === 'EACCES') {
      if (fs.existsSync(to)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
    }
    throw e;
  }
}

/**
 * Removes hidden `.*.tmp-*` folders a crash left in `<root>/<channel>/`, once they are `minAgeMs` old (default an
 * hour, like the library's staging sweep: the export folder may be shared with another Postframe whose live
 * temp folder must not vanish under it; a leftover is hidden, so waiting costs nothing). Returns what was removed.
 */
export async function sweepFolderConnector(root: string, opts: { minAgeMs?: number; now?: Date } = {}): Promise<string[]> {
  const cutoff = (opts.now ?? new Date()).getTime() - (opts.minAgeMs ?? 60 * 60_000);
  const removed: string[] = [];
  let channels: fs.Dirent[];
  try {
    channels = await fs.promises.readdir(root, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const ch of channels) {
    if (!ch.isDirectory() || ch.name.startsWith('.')) continue;
    const dir = path.join(root, ch.name);
    for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !TMP_PATTERN.test(entry.name)) continue;
      const tmp = path.join(dir, entry.name);
      const stat = await fs.promises.stat(tmp).catch(() => null);
      if (!stat || stat.mtimeMs > cutoff) continue;
      await fs.promises.rm(tmp, { recursive: true, force: true });
      removed.push(tmp);
    }
  }
  return removed;
}
