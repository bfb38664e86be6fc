import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import pkg from '../../package.json';
import { type Db, migrate, openDatabase, schemaVersion } from '../library/db';
import { LibraryFolder } from '../library/folder';
import { LATEST_SCHEMA_VERSION } from '../library/migrations';
import { TarError, TarWriter, extractTarEntry, tarEntries } from '../library/tar';
import {
  BACKUP_DATABASE_NAME,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_HEADER_NAME,
  BACKUP_JSON_MAX_BYTES,
  BACKUP_MANIFEST_NAME,
  type BackupEntry,
  type BackupEntryKind,
  BackupHeader,
  BackupManifest,
  manifestProblem,
  unsafeBackupEntry,
} from '../model/backup-manifest';
import { renditionExt } from '../model/asset';
import { unsafeEntryName } from '../model/zip-entry';
import { AppError, clause, errorMessage } from '../model/errors';

export const BACKUP_EXTENSION = '.postframe-backup';

export type Progress = (fraction: number, detail: string) => void;
type RunOptions = { signal?: AbortSignal; progress?: Progress; now?: () => Date };

export type BackupOutcome = { path: string; sizeBytes: number; files: number; assets: number; fonts: number };
export type RestoreOutcome = { path: string; sizeBytes: number; files: number; assets: number; schemaVersion: number; backupSchemaVersion: number; createdAt: string };

const cancelled = () => new AppError('cancelled', 'The backup was cancelled. Nothing was written.');

/** `Acme library 2026-12-03 1405.postframe-backup`: a file name for a backup of `libraryName` made at `at`. */
export function backupFileName(libraryName: string, at: Date): string {
  const base = libraryName.normalize('NFC').replace(/[^\p{L}\p{N} ._-]+/gu, '-').replace(/^[.\s-]+|[.\s-]+$/g, '') || 'library';
  const stamp = at.toISOString().slice(0, 16).replace('T', ' ').replace(':', '');
  return `${base} ${stamp}${BACKUP_EXTENSION}`;
}

type PlannedFile = { name: string; kind: BackupEntryKind; file: string; size: number };

/**
 * The files a database snapshot refers to: every asset's original (in the Trash too), every font, and the previews
 * made at import that nothing remakes later (thumbnails, posters, waveforms, renditions, proxies). A missing
 * original or font fails the backup (it would restore a library that cannot show the asset); a missing preview is
 * left out, as it is missing in the library itself. Text layers and exports are not included (docs/backup.md).
 */
async function planFiles(snapshot: Db, folder: LibraryFolder): Promise<{ files: PlannedFile[]; assets: number; fonts: number; looks: number }> {
  type AssetRow = { name: string; sha256: string; ext: string; has_thumbnail: number; has_poster: number; has_waveform: number; has_proxy: number };
  const assets = snapshot.prepare('SELECT name, sha256, ext, has_thumbnail, has_poster, has_waveform, has_proxy FROM assets ORDER BY rowid').all() as AssetRow[];
  const hasFonts = snapshot.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fonts'").get() !== undefined;
  const fonts = hasFonts ? (snapshot.prepare('SELECT id, ext, file_name FROM fonts ORDER BY rowid').all() as { id: string; ext: 'ttf' | 'otf'; file_name: string }[]) : [];
  const looks = importedLooks(snapshot);
  const rel = (p: string) => path.relative(folder.root, p).split(path.sep).join('/');
  const out: PlannedFile[] = [];
  const required = async (file: string, kind: BackupEntryKind, what: string) => {
    const st = await fs.stat(file).catch(() => null);
    if (!st?.isFile()) {
      throw new AppError('conflict', `${what} is missing from the library folder (${file}), so this library cannot be backed up whole. Restore that file, or delete the item for good, then back up again.`);
    }
    out.push({ name: rel(file), kind, file, size: st.size });
  };
  const optional = async (file: string) => {
    const st = await fs.stat(file).catch(() => null);
    if (st?.isFile()) out.push({ name: rel(file), kind: 'cache', file, size: st.size });
  };
  for (const a of assets) await required(folder.originalPath(a.sha256, a.ext), 'media', `The original of “${a.name}”`);
  for (const f of fonts) await required(folder.fontPath(f.id, f.ext), 'font', `The font file “${f.file_name}”`);
  for (const l of looks) await required(folder.lutPath(l.id), 'look', `The look file “${l.file_name}”`);
  for (const a of assets) {
    if (a.has_thumbnail) await optional(folder.thumbPath(a.sha256));
    if (a.has_poster) await optional(folder.posterPath(a.sha256));
    if (a.has_waveform) await optional(folder.waveformPath(a.sha256));
    if (a.has_proxy) await optional(folder.proxyPath(a.sha256));
    // A reversed copy and its preview proxy (made on demand, no flag: the file is the fact) ride along when there.
    await optional(folder.reversedPath(a.sha256));
    await optional(folder.reversedProxyPath(a.sha256));
    const rendition = renditionExt(a.ext);
    if (rendition) await optional(folder.renditionPath(a.sha256, rendition));
  }
  return { files: out, assets: assets.length, fonts: fonts.length, looks: looks.length };
}

/** The imported looks (.cube files, migration 0017) a database names; none in a library from before them. */
function importedLooks(db: Db): { id: string; file_name: string }[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'looks'").get() !== undefined;
  return has ? (db.prepare('SELECT id, file_name FROM looks ORDER BY rowid').all() as { id: string; file_name: string }[]) : [];
}

/**
 * Backs up a library that may be in use to one `.postframe-backup` file at `dest` (docs/backup.md). The database is
 * copied with SQLite's online backup API (a consistent snapshot however many writes run meanwhile); the files are
 * the ones that snapshot refers to, which never change (content-addressed), so the archive is consistent too. It is
 * written under a hidden part name and renamed at the end: a failure or cancel leaves no file.
 */
export async function backupLibrary(rooms: { db: Db; folder: LibraryFolder }, dest: string, opts: RunOptions = {}): Promise<BackupOutcome> {
  const now = (opts.now ?? (() => new Date()))();
  const progress = opts.progress ?? (() => undefined);
  if (!path.isAbsolute(dest)) throw new AppError('invalid_input', `“${dest}” is not a full path. Give the whole path of the backup file to write.`);
  if (await fs.stat(dest).catch(() => null)) throw new AppError('conflict', `There is already a file at ${dest}. Choose another name; backups never overwrite a file.`);
  const dir = path.dirname(dest);
  if (!(await fs.stat(dir).catch(() => null))?.isDirectory()) throw new AppError('invalid_input', `There is no folder ${dir}. Choose a folder that exists for the backup.`);

  await fs.mkdir(rooms.folder.stagingDir, { recursive: true });
  const snapshotPath = path.join(rooms.folder.stagingDir, `${process.pid}-backup-${randomUUID()}.sqlite`);
  const part = path.join(dir, `.${path.basename(dest)}.${process.pid}.part`);
  let writer: TarWriter | null = null;
  try {
    progress(0, 'Copying the library database');
    await rooms.db.backup(snapshotPath);
    if (opts.signal?.aborted) throw cancelled();
    const snapshot = new Database(snapshotPath);
    let plan: Awaited<ReturnType<typeof planFiles>>;
    let version: number;
    try {
      // One self-contained file (no -wal beside it), and jobs that were running are not running in the copy.
      snapshot.pragma('journal_mode = DELETE');
      snapshot
        .prepare("UPDATE jobs SET status = 'failed', error = ?, detail = NULL WHERE status IN ('queued', 'running')")
        .run('This was still running when the library was backed up. Start it again in the restored library if you need it.');
      version = schemaVersion(snapshot);
      plan = await planFiles(snapshot, rooms.folder);
    } finally {
      snapshot.close();
    }
    const dbSize = (await fs.stat(snapshotPath)).size;
    const total = dbSize + plan.files.reduce((s, f) => s + f.size, 0);
    let done = 0;
    const onBytes = (n: number) => {
      done += n;
      progress(total ? done / total : 1, `${formatMb(done)} of ${formatMb(total)}`);
    };
    const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, generator: `Postframe ${pkg.version}`, createdAt: now.toISOString(), schemaVersion: version, libraryName: path.basename(rooms.folder.root) };
    const mtime = now.getTime() / 1000;
    writer = new TarWriter(part);
    await writer.addBuffer(BACKUP_HEADER_NAME, Buffer.from(`${JSON.stringify(header, null, 2)}\n`), mtime);
    const entries: BackupEntry[] = [];
    const db = await writer.addFile(BACKUP_DATABASE_NAME, snapshotPath, { signal: opts.signal, onBytes });
    entries.push({ path: BACKUP_DATABASE_NAME, kind: 'database', sizeBytes: db.size, sha256: db.sha256 });
    for (const f of plan.files) {
      if (opts.signal?.aborted) throw cancelled();
      const r = await writer.addFile(f.name, f.file, { signal: opts.signal, onBytes }).catch((e: unknown) => {
        if (opts.signal?.aborted) throw cancelled();
        if (e instanceof TarError) throw new AppError('conflict', `${e.message}. Back up again.`);
        throw e;
      });
      entries.push({ path: f.name, kind: f.kind, sizeBytes: r.size, sha256: r.sha256 });
    }
    const manifest: BackupManifest = { ...header, entries };
    await writer.addBuffer(BACKUP_MANIFEST_NAME, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), mtime);
    await writer.finish();
    const sizeBytes = writer.bytesWritten;
    writer = null;
    if (opts.signal?.aborted) throw cancelled();
    await fs.rename(part, dest);
    progress(1, `${formatMb(total)} backed up`);
    return { path: dest, sizeBytes, files: entries.length, assets: plan.assets, fonts: plan.fonts };
  } catch (e) {
    if (opts.signal?.aborted) throw cancelled();
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_input', `The backup could not be written to ${dest} (${clause(errorMessage(e))}). Choose a folder you can write to with enough free space. Nothing was written.`);
  } finally {
    await writer?.abort();
    await fs.rm(part, { force: true });
    await fs.rm(snapshotPath, { force: true });
    await fs.rm(`${snapshotPath}-journal`, { force: true });
  }
}

/** The refusal every restore check ends in: which problem, and that nothing was made. */
export function badBackup(why: string): AppError {
  return new AppError('invalid_input', `This backup cannot be restored: ${why}. Nothing was restored. Use another backup file, or make a new backup.`);
}

function kindOf(name: string): BackupEntryKind | null {
  if (name === BACKUP_DATABASE_NAME) return 'database';
  if (name.startsWith('media/')) return 'media';
  if (name.startsWith('fonts/')) return 'font';
  if (name.startsWith('luts/')) return 'look';
  if (name.startsWith('cache/')) return 'cache';
  return null;
}

/** Reads a JSON entry (header, manifest) with a size cap. */
async function readJsonEntry(file: string, entry: { name: string; size: number; dataStart: number }): Promise<unknown> {
  if (entry.size > BACKUP_JSON_MAX_BYTES) throw badBackup(`its ${entry.name} is too big`);
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(entry.size);
    await fh.read(buf, 0, entry.size, entry.dataStart);
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch {
    throw badBackup(`its ${entry.name} is not readable JSON`);
  } finally {
    await fh.close();
  }
}

/**
 * Restores a backup into a NEW library folder `target` (it must not exist, or be an empty folder). Everything is
 * unpacked into a hidden folder beside it and checked (the manifest against the archive, every file's SHA-256
 * against the manifest and, for content-addressed files, against its own name; the database's integrity, its schema
 * brought up to date), and only then renamed to `target`. A failure or cancel removes the hidden folder: nothing is
 * left half-written.
 */
export async function restoreLibrary(file: string, target: string, opts: RunOptions = {}): Promise<RestoreOutcome> {
  const progress = opts.progress ?? (() => undefined);
  if (!path.isAbsolute(target)) throw new AppError('invalid_input', `“${target}” is not a full path. Give the whole path of a new folder for the restored library.`);
  const parent = path.dirname(target);
  if (!(await fs.stat(parent).catch(() => null))?.isDirectory()) throw new AppError('invalid_input', `There is no folder ${parent}. Choose a place that exists for the restored library.`);
  const existing = await fs.readdir(target).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : ['?']));
  if (existing !== null && existing.length > 0) {
    throw new AppError('conflict', `${target} already exists and is not empty. A backup is restored into a new folder, never over a library: choose a new folder name.`);
  }
  const st = await fs.stat(file).catch(() => null);
  if (!st?.isFile()) throw new AppError('not_found', `There is no backup file at ${file}. Choose the .postframe-backup file to restore.`);
  const archiveSize = st.size;

  const temp = path.join(parent, `.${path.basename(target)}.${process.pid}.restoring`);
  await fs.rm(temp, { recursive: true, force: true });
  await fs.mkdir(temp);
  try {
    let header: BackupHeader | null = null;
    let manifest: BackupManifest | null = null;
    const seen: { name: string; size: number }[] = [];
    const hashes = new Map<string, string>();
    let done = 0;
    const onBytes = (n: number) => {
      done += n;
      progress(archiveSize ? Math.min(0.95, done / archiveSize) : 0.95, `${formatMb(done)} of ${formatMb(archiveSize)} unpacked`);
    };
    progress(0, 'Reading the backup');
    for await (const entry of tarEntries(file)) {
      if (opts.signal?.aborted) throw new AppError('cancelled', 'The restore was cancelled. Nothing was restored.');
      if (manifest) throw badBackup(`“${entry.name}” comes after its manifest`);
      if (!header) {
        if (entry.name !== BACKUP_HEADER_NAME) throw badBackup('it is not a Postframe backup (its first file is not postframe-backup.json)');
        const raw = await readJsonEntry(file, entry);
        const version = (raw as { version?: unknown } | null)?.version;
        if ((raw as { format?: unknown } | null)?.format !== BACKUP_FORMAT) throw badBackup('it is not a Postframe backup');
        if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
          throw new AppError('invalid_input', `This backup was made by a newer Postframe (backup format ${version}; this version reads up to ${BACKUP_FORMAT_VERSION}). Update Postframe to restore it. Nothing was restored.`);
        }
        const parsed = BackupHeader.safeParse(raw);
        if (!parsed.success) throw badBackup('its postframe-backup.json is damaged');
        header = parsed.data;
        if (header.schemaVersion > LATEST_SCHEMA_VERSION) {
          throw new AppError('invalid_input', `This backup is of a library saved by a newer Postframe (schema ${header.schemaVersion}; this version knows ${LATEST_SCHEMA_VERSION}). Update Postframe to restore it. Nothing was restored.`);
        }
        continue;
      }
      if (entry.name === BACKUP_MANIFEST_NAME) {
        const parsed = BackupManifest.safeParse(await readJsonEntry(file, entry));
        if (!parsed.success) throw badBackup('its manifest is damaged');
        manifest = parsed.data;
        continue;
      }
      const kind = kindOf(entry.name);
      const unsafe = unsafeEntryName(entry.name) ?? (kind ? unsafeBackupEntry(entry.name, kind) : `“${entry.name}” is not a file a library holds`);
      if (unsafe) throw badBackup(unsafe);
      if (hashes.has(entry.name)) throw badBackup(`“${entry.name}” is in it twice`);
      const dest = path.resolve(temp, ...entry.name.split('/'));
      // The allow-list above already keeps names inside; this is the last guard before writing.
      if (!dest.startsWith(temp + path.sep)) throw badBackup(`“${entry.name}” points outside its folder`);
      await fs.mkdir(path.dirname(dest), { recursive: true });
      const r = await extractTarEntry(file, entry, dest, { signal: opts.signal, onBytes });
      hashes.set(entry.name, r.sha256);
      seen.push({ name: entry.name, size: r.size });
    }
    if (!header) throw badBackup('it is empty');
    if (!manifest) throw badBackup('its manifest is missing (the file is cut short)');
    const problem = manifestProblem(manifest, header, seen);
    if (problem) throw badBackup(problem);
    for (const e of manifest.entries) {
      const actual = hashes.get(e.path);
      if (actual !== e.sha256) throw badBackup(`“${e.path}” is damaged (its SHA-256 does not match the manifest)`);
      // Content-addressed files are named by their hash: a file whose bytes are not its name is not the one listed.
      const named = /([0-9a-f]{64})(\.[a-z0-9]+)?$/.exec(e.path)?.[1];
      if ((e.kind === 'media' || e.kind === 'font' || e.kind === 'look') && named !== actual) throw badBackup(`“${e.path}” does not hold the file its name says`);
    }
    if (opts.signal?.aborted) throw new AppError('cancelled', 'The restore was cancelled. Nothing was restored.');

    progress(0.96, 'Checking the library database');
    const { assets, version } = checkRestoredDatabase(new LibraryFolder(temp), hashes);
    progress(0.99, 'Moving the library into place');
    if (existing !== null) await fs.rmdir(target);
    await fs.rename(temp, target);
    progress(1, 'Restored');
    return { path: target, sizeBytes: archiveSize, files: seen.length, assets, schemaVersion: version, backupSchemaVersion: header.schemaVersion, createdAt: header.createdAt };
  } catch (e) {
    await fs.rm(temp, { recursive: true, force: true });
    if (opts.signal?.aborted) throw new AppError('cancelled', 'The restore was cancelled. Nothing was restored.');
    if (e instanceof AppError) throw e;
    if (e instanceof TarError) throw badBackup(e.message);
    throw new AppError('invalid_input', `The backup could not be restored into ${target} (${clause(errorMessage(e))}). Choose a folder you can write to with enough free space. Nothing was restored.`);
  }
}

/**
 * Opens the unpacked database as a library would (migrations run when the backup is older), checks its integrity
 * and that every asset's original and every font it names was unpacked.
 */
function checkRestoredDatabase(folder: LibraryFolder, unpacked: Map<string, string>): { assets: number; version: number } {
  let db: Db;
  try {
    db = openDatabase(folder.dbPath);
  } catch {
    throw badBackup('its database cannot be opened');
  }
  try {
    let ok: unknown;
    try {
      ok = db.pragma('integrity_check', { simple: true });
    } catch {
      throw badBackup('its database is not a SQLite database');
    }
    if (ok !== 'ok') throw badBackup('its database is damaged (integrity check)');
    const version = migrate(db);
    const rel = (p: string) => path.relative(folder.root, p).split(path.sep).join('/');
    const assets = db.prepare('SELECT name, sha256, ext FROM assets').all() as { name: string; sha256: string; ext: string }[];
    for (const a of assets) if (!unpacked.has(rel(folder.originalPath(a.sha256, a.ext)))) throw badBackup(`the original of “${a.name}” is not in it`);
    const fonts = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'fonts'").get() ? (db.prepare('SELECT id, ext, file_name FROM fonts').all() as { id: string; ext: 'ttf' | 'otf'; file_name: string }[]) : [];
    for (const f of fonts) if (!unpacked.has(rel(folder.fontPath(f.id, f.ext)))) throw badBackup(`the font “${f.file_name}” is not in it`);
    for (const l of importedLooks(db)) if (!unpacked.has(rel(folder.lutPath(l.id)))) throw badBackup(`the imported look “${l.file_name}” is not in it`);
    return { assets: assets.length, version };
  } finally {
    db.close();
  }
}

function formatMb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.max(0, Math.round(bytes / 1e6))} MB`;
}
