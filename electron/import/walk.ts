import fs from 'node:fs/promises';
import path from 'node:path';

export type Candidate = { path: string; name: string };
export type WalkResult = { files: Candidate[]; failed: { path: string; reason: string }[] };

/** Hidden files and folders (.DS_Store, .git, editor swap files) are never media a user meant to import. */
const isHidden = (name: string) => name.startsWith('.') || name === 'Thumbs.db' || name === 'desktop.ini';

/**
 * Expands files and folders (recursively) into the files to import, in a stable order. Symlinked folders
 * are not followed, so a link loop cannot run forever; missing paths become failures, not exceptions.
 */
export async function expandPaths(inputs: readonly string[], signal?: AbortSignal): Promise<WalkResult> {
  const files: Candidate[] = [];
  const failed: WalkResult['failed'] = [];
  const seen = new Set<string>();

  async function visit(p: string, explicit: boolean): Promise<void> {
    if (signal?.aborted) return;
    let st;
    try {
      st = explicit ? await fs.stat(p) : await fs.lstat(p);
    } catch {
      failed.push({ path: p, reason: 'Not found. Check that the file still exists and that the path is right.' });
      return;
    }
    if (st.isSymbolicLink()) {
      const target = await fs.stat(p).catch(() => null);
      if (target?.isFile()) return add(p);
      return;
    }
    if (st.isDirectory()) {
      let entries: string[];
      try {
        entries = (await fs.readdir(p)).sort((a, b) => a.localeCompare(b));
      } catch {
        failed.push({ path: p, reason: 'This folder cannot be read. Check its permissions.' });
        return;
      }
      for (const e of entries) if (!isHidden(e)) await visit(path.join(p, e), false);
      return;
    }
    if (st.isFile()) return add(p);
    if (explicit) failed.push({ path: p, reason: 'Not a regular file or folder.' });
  }

  function add(p: string): void {
    const abs = path.resolve(p);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: abs, name: path.basename(abs) });
  }

  for (const input of inputs) await visit(path.resolve(input), true);
  return { files, failed };
}
