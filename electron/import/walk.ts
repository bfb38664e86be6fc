import fs from 'node:fs/promises';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { LibraryFolder } from '../library/folder';

/**
 * A file to import. `fsPath` is how to open it: the bytes of its name as the file system holds them (a
 * Buffer for files found inside folders), because a name that is not valid UTF-8 (Latin-1 from an old ZIP,
 * on Linux) cannot survive a trip through a JavaScript string. `path` and `name` are for people: readable,
 * decoded as UTF-8 or, when the bytes are not UTF-8, as Windows-1252.
 */
export type Candidate = { path: string; name: string; fsPath: string | Buffer };
export type WalkResult = { files: Candidate[]; failed: { path: string; reason: string }[] };

/** Hidden files and folders (.DS_Store, .git, editor swap files) are never media a user meant to import. */
const isHidden = (name: string) => name.startsWith('.') || name === 'Thumbs.db' || name === 'desktop.ini';

/**
 * Files something is still writing: Postframe's renditions (`x.png.<pid>.part`) and exports (`x.part.mp4`, also
 * hidden), browsers' downloads (`.part`, `.crdownload`). Half a file is never what a person meant to import.
 */
const isPartFile = (name: string) => /\.part(\.[a-z0-9]{1,5})?$/i.test(name) || /\.crdownload$/i.test(name);

/** What Postframe's folder connector writes into each delivered post's folder (publish/delivery.ts deliveryMetadata). */
const DELIVERY_SCHEMA = /^postframe\.delivery\//;

/**
 * A folder Postframe itself wrote, whose files are not new media: a library (its database, WAL files, run records,
 * content-addressed originals, caches and exports) or a delivered post (renders of assets some library holds).
 */
async function ownFolderKind(dir: Buffer, names: readonly string[]): Promise<'library' | 'delivery' | null> {
  if (names.includes(LibraryFolder.MARKER)) return 'library';
  if (!names.includes('post.json')) return null;
  try {
    const meta = JSON.parse(await fs.readFile(Buffer.concat([dir, Buffer.from(`${path.sep}post.json`)]), 'utf8')) as { schema?: unknown };
    return typeof meta.schema === 'string' && DELIVERY_SCHEMA.test(meta.schema) ? 'delivery' : null;
  } catch {
    return null;
  }
}

/** The library that holds `dir` (the nearest folder at or above it with a library database), or null. */
async function libraryAround(dir: string): Promise<string | null> {
  for (let at = dir; ; ) {
    if (await fs.access(path.join(at, LibraryFolder.MARKER)).then(() => true, () => false)) return at;
    const up = path.dirname(at);
    if (up === at) return null;
    at = up;
  }
}

const insideLibrary = (library: string, dir: string) =>
  `${dir === library ? `${dir} is a Postframe library` : `${dir} is inside the Postframe library ${library}`}: its files are the library's own (its database, originals, caches and exports), not new media. To work with that library, open it in Settings; to bring in one of its files, import the files themselves.`;

const utf8 = new TextDecoder('utf-8', { fatal: true });
let legacy: TextDecoder | null = null;

/** A file name's bytes as text a person can read: UTF-8 when they are, else Windows-1252 (a superset of Latin-1). */
export function readableName(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    try {
      legacy ??= new TextDecoder('windows-1252');
      return legacy.decode(bytes);
    } catch {
      return bytes.toString('latin1');
    }
  }
}

/** Whether a name's bytes are not UTF-8 (so a string of it is only a lossy reading). */
export function isLossyName(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return false;
  } catch {
    return true;
  }
}

const NOT_UTF8 =
  'The name of this file is not valid UTF-8 (it may come from an old ZIP or another system), so it cannot be opened by the name given. Import the folder that holds it instead, or rename the file.';

/**
 * Expands files and folders (recursively) into the files to import, in a stable order. Symlinked folders
 * are not followed, so a link loop cannot run forever; missing paths become failures, not exceptions.
 * Inside folders, names are read as bytes and files are opened by those bytes, whatever their encoding.
 * Postframe's own folders are left out: a library or a delivered post found inside a folder is skipped, and
 * a library folder (or one inside a library) named explicitly is refused with what to do instead; so are
 * hidden files and files still being written (`.part`).
 */
export async function expandPaths(inputs: readonly string[], signal?: AbortSignal): Promise<WalkResult> {
  const files: Candidate[] = [];
  const failed: WalkResult['failed'] = [];
  const seen = new Set<string>();
  const sep = Buffer.from(path.sep);

  async function visit(p: Buffer, explicit: boolean): Promise<void> {
    if (signal?.aborted) return;
    const shown = readableName(p);
    let st;
    try {
      st = explicit ? await fs.stat(p) : await fs.lstat(p);
    } catch {
      // A name that arrived as a string with U+FFFD in it was not UTF-8 before someone decoded it: its bytes are gone.
      failed.push({ path: shown, reason: shown.includes('\uFFFD') ? NOT_UTF8 : 'Not found. Check that the file still exists and that the path is right.' });
      return;
    }
    if (st.isSymbolicLink()) {
      const target = await fs.stat(p).catch(() => null);
      if (target?.isFile()) return add(p);
      return;
    }
    if (st.isDirectory()) {
      if (explicit) {
        const library = await libraryAround(shown);
        if (library) {
          failed.push({ path: shown, reason: insideLibrary(library, shown) });
          return;
        }
      }
      let entries: { bytes: Buffer; name: string }[];
      try {
        entries = (await fs.readdir(p, { encoding: 'buffer' })).map((bytes) => ({ bytes, name: readableName(bytes) })).sort((a, b) => a.name.localeCompare(b.name));
      } catch {
        failed.push({ path: shown, reason: 'This folder cannot be read. Check its permissions.' });
        return;
      }
      if (!explicit && (await ownFolderKind(p, entries.map((e) => e.name))) !== null) return;
      for (const e of entries) if (!isHidden(e.name) && !isPartFile(e.name)) await visit(Buffer.concat([p, sep, e.bytes]), false);
      return;
    }
    if (st.isFile()) return add(p);
    if (explicit) failed.push({ path: shown, reason: 'Not a regular file or folder.' });
  }

  function add(p: Buffer): void {
    const key = p.toString('latin1');
    if (seen.has(key)) return;
    seen.add(key);
    const lossy = isLossyName(p);
    const shown = readableName(p);
    files.push({ path: shown, name: path.basename(shown), fsPath: lossy ? p : shown });
  }

  for (const input of inputs) await visit(Buffer.from(path.resolve(input)), true);
  return { files, failed };
}
