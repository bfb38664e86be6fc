import fs from 'node:fs/promises';
import path from 'node:path';
import { TextDecoder } from 'node:util';

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
      let entries: { bytes: Buffer; name: string }[];
      try {
        entries = (await fs.readdir(p, { encoding: 'buffer' })).map((bytes) => ({ bytes, name: readableName(bytes) })).sort((a, b) => a.name.localeCompare(b.name));
      } catch {
        failed.push({ path: shown, reason: 'This folder cannot be read. Check its permissions.' });
        return;
      }
      for (const e of entries) if (!isHidden(e.name)) await visit(Buffer.concat([p, sep, e.bytes]), false);
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
