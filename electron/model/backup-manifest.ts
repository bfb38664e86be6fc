import { z } from 'zod';
import { unsafeEntryName } from './zip-entry';

/**
 * The `.postframe-backup` format (docs/backup.md): a tar whose first entry is `postframe-backup.json` (what the
 * archive is, so a wrong file is refused before anything is unpacked), then `library.sqlite`, the library's files,
 * and last `manifest.json` (every entry with its size and SHA-256, known only once they are written).
 */
export const BACKUP_FORMAT = 'postframe-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_HEADER_NAME = 'postframe-backup.json';
export const BACKUP_MANIFEST_NAME = 'manifest.json';
export const BACKUP_DATABASE_NAME = 'library.sqlite';
/** The header and manifest are small; anything bigger is not ours. */
export const BACKUP_JSON_MAX_BYTES = 64 * 1024 * 1024;

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  generator: z.string().max(200),
  createdAt: z.string().max(40),
  /** The database's schema version (PRAGMA user_version): a restore into an older Postframe is refused. */
  schemaVersion: z.number().int().nonnegative(),
  libraryName: z.string().max(255),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
export const BackupEntryKind = z.enum(['database', 'media', 'font', 'look', 'cache']);
export type BackupEntryKind = z.infer<typeof BackupEntryKind>;
export const BackupEntry = z.object({ path: z.string().min(1).max(100), kind: BackupEntryKind, sizeBytes: z.number().int().nonnegative(), sha256: Sha256 });
export type BackupEntry = z.infer<typeof BackupEntry>;

export const BackupManifest = BackupHeader.extend({ entries: z.array(BackupEntry).max(10_000_000) });
export type BackupManifest = z.infer<typeof BackupManifest>;

const SHA = '[0-9a-f]{64}';
/**
 * The only names a backup holds, each under the folder its kind lives in (library/folder.ts), with the two-letter
 * shard matching the hash: an allow-list, stricter than the zip-slip rules it is checked after.
 */
const ENTRY_RULES: [BackupEntryKind, RegExp][] = [
  ['database', /^library\.sqlite$/],
  ['media', new RegExp(`^media/([0-9a-f]{2})/(${SHA})(\\.[a-z0-9]{1,10})?$`)],
  ['font', new RegExp(`^fonts/([0-9a-f]{2})/(${SHA})\\.(ttf|otf)$`)],
  ['look', new RegExp(`^luts/([0-9a-f]{2})/(${SHA})\\.cube$`)],
  ['cache', new RegExp(`^cache/(?:thumbs|posters|waveforms|proxies|renditions|reversed|reversed-proxies)/([0-9a-f]{2})/(${SHA})\\.(webp|jpg|json|mp4|png)$`)],
];

/** Why `name` may not be a backup's file entry (zip-slip rules, then the allow-list), or null when it may. */
export function unsafeBackupEntry(name: string, kind: BackupEntryKind): string | null {
  const unsafe = unsafeEntryName(name);
  if (unsafe) return unsafe;
  const rule = ENTRY_RULES.find(([k]) => k === kind)![1];
  const m = rule.exec(name);
  if (!m) return `“${name}” is not where a library keeps its ${kind === 'database' ? 'database' : kind === 'cache' ? 'previews' : kind === 'look' ? 'imported looks' : `${kind} files`}`;
  if (m[1] !== undefined && m[2] !== undefined && m[2].slice(0, 2) !== m[1]) return `“${name}” is in the wrong folder for its hash`;
  return null;
}

/**
 * Checks a manifest against the entries the archive holds (in order), before anything is committed: the header's
 * entry first, every listed file present once with its declared size, nothing unlisted, the database present.
 * Returns the problem in words, or null.
 */
export function manifestProblem(manifest: BackupManifest, header: BackupHeader, archive: { name: string; size: number }[]): string | null {
  if (manifest.format !== header.format || manifest.version !== header.version || manifest.createdAt !== header.createdAt || manifest.schemaVersion !== header.schemaVersion) {
    return 'its manifest does not match its header';
  }
  const listed = new Map<string, BackupEntry>();
  for (const e of manifest.entries) {
    const bad = unsafeBackupEntry(e.path, e.kind);
    if (bad) return bad;
    if (listed.has(e.path)) return `“${e.path}” is listed twice`;
    listed.set(e.path, e);
  }
  if (listed.get(BACKUP_DATABASE_NAME)?.kind !== 'database') return 'it holds no library database';
  const files = archive.filter((a) => a.name !== BACKUP_HEADER_NAME && a.name !== BACKUP_MANIFEST_NAME);
  const seen = new Set<string>();
  for (const a of files) {
    const e = listed.get(a.name);
    if (!e) return `“${a.name}” is in the archive but not in its manifest`;
    if (seen.has(a.name)) return `“${a.name}” is in the archive twice`;
    seen.add(a.name);
    if (e.sizeBytes !== a.size) return `“${a.name}” is ${a.size} bytes; its manifest says ${e.sizeBytes}`;
  }
  for (const p of listed.keys()) if (!seen.has(p)) return `“${p}” is missing`;
  return null;
}
