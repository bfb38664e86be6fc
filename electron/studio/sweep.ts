import fs from 'node:fs/promises';
import path from 'node:path';
import type { LibraryFolder } from '../library/folder';
import { currentProcess, processFacts } from '../media/process-info';
import { ImportRequest } from '../model/import';
import type { Job, JobStatus } from '../model/job';
import { type OwnerState, ProcessIdentity, ownerState } from '../model/processes';

/**
 * In-flight files of the library (`cache/staging`: copies being imported; `cache/uploads`: browser uploads not
 * yet imported) are named after the process that made them (`<pid>-…`), and each process that opens the
 * library leaves its identity in `run/owners/<pid>.json`. So a sweep knows whose a file is:
 *  - its owner has ended (a crash, a kill -9): the file is garbage at once;
 *  - its owner runs (this process, another window, the CLI): staging is kept; an upload is kept while an
 *    unfinished import job needs it, else until it has been idle for UPLOAD_IDLE_MS (a page that uploaded
 *    and was closed before importing);
 *  - unknown (another machine on a shared drive, a file from an older Postframe): kept until it is an hour
 *    old, the rule before owners were recorded.
 */
export const STALE_UNKNOWN_MS = 60 * 60 * 1000;
export const UPLOAD_IDLE_MS = 60 * 60 * 1000;

/** Records this process as one that works on the library (read by other processes' sweeps). */
export async function recordOwner(folder: LibraryFolder, me: ProcessIdentity = currentProcess()): Promise<void> {
  const file = path.join(folder.ownersDir, `${me.pid}.json`);
  const text = JSON.stringify(me);
  if ((await fs.readFile(file, 'utf8').catch(() => null)) === text) return;
  await fs.mkdir(folder.ownersDir, { recursive: true });
  const tmp = `${file}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}

export type SweepOptions = {
  me?: ProcessIdentity;
  now?: number;
  /** What the OS says about a pid (tests give their own). */
  facts?: typeof processFacts;
  /** Unfinished jobs of this library (their uploads are still needed): the library's JobsRepo. */
  jobs?: { withStatus(...statuses: JobStatus[]): Pick<Job, 'id' | 'kind'>[]; input(id: string): unknown };
};

export type SweepReport = { removed: string[]; kept: string[] };

/** The owner pid a staged file or upload is named after (`<pid>-…`), or null for an older name. */
export function ownerPidOf(name: string): number | null {
  const m = /^(\d{1,10})-/.exec(name);
  const pid = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** Upload ids that queued or running import jobs will read. */
function uploadsInUse(jobs: SweepOptions['jobs']): Set<string> {
  const ids = new Set<string>();
  if (!jobs) return ids;
  for (const job of jobs.withStatus('queued', 'running')) {
    if (job.kind !== 'import') continue;
    const req = ImportRequest.safeParse(jobs.input(job.id));
    if (req.success) for (const u of req.data.uploads) ids.add(u.id);
  }
  return ids;
}

/** Sweeps cache/staging and cache/uploads (see above); then forgets owner records of ended processes. */
export async function sweepStaging(folder: LibraryFolder, o: SweepOptions = {}): Promise<SweepReport> {
  const me = o.me ?? currentProcess();
  const now = o.now ?? Date.now();
  const facts = o.facts ?? processFacts;
  const needed = uploadsInUse(o.jobs);
  const states = new Map<number, Promise<OwnerState>>();
  const stateOf = (pid: number) => {
    let s = states.get(pid);
    if (!s) {
      s = ownerOf(folder, pid, me, facts);
      states.set(pid, s);
    }
    return s;
  };
  const report: SweepReport = { removed: [], kept: [] };
  for (const [dir, isUpload] of [[folder.stagingDir, false], [folder.uploadsDir, true]] as const) {
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const p = path.join(dir, name);
      const st = await fs.stat(p).catch(() => null);
      if (!st) continue;
      const idle = now - st.mtimeMs;
      const pid = ownerPidOf(name);
      const owner = pid === null ? 'unknown' : await stateOf(pid);
      let remove: boolean;
      if (isUpload && needed.has(name)) remove = false;
      else if (owner === 'dead') remove = true;
      else if (owner === 'alive') remove = isUpload && idle > UPLOAD_IDLE_MS;
      else remove = idle > STALE_UNKNOWN_MS;
      if (remove) {
        await fs.rm(p, { force: true, recursive: true });
        report.removed.push(p);
      } else report.kept.push(p);
    }
  }
  // Owner records of ended processes are no longer needed: their files are gone.
  for (const name of await fs.readdir(folder.ownersDir).catch(() => [] as string[])) {
    const pid = /^(\d+)\.json$/.exec(name)?.[1];
    if (pid !== undefined && (await stateOf(Number(pid))) === 'dead') await fs.rm(path.join(folder.ownersDir, name), { force: true });
  }
  return report;
}

async function ownerOf(folder: LibraryFolder, pid: number, me: ProcessIdentity, facts: typeof processFacts): Promise<OwnerState> {
  let recorded: ProcessIdentity | null = null;
  try {
    const parsed = ProcessIdentity.safeParse(JSON.parse(await fs.readFile(path.join(folder.ownersDir, `${pid}.json`), 'utf8')));
    if (parsed.success && parsed.data.pid === pid) recorded = parsed.data;
  } catch {
    // no record: a file from before owners were recorded, or the record was removed
  }
  if (!recorded) return pid === me.pid ? 'alive' : 'unknown';
  return ownerState(recorded, me, recorded.pid === me.pid ? { alive: true, start: me.start } : await facts(pid));
}
