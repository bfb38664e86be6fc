import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../model/errors';
import { type ChildRecord as ChildRecordT, ChildRecord, type ProcessFacts, type ProcessIdentity, argsHead, staleChildAction } from '../model/processes';
import { currentProcess, isProcessAlive, processFacts, processStartToken } from './process-info';

/**
 * `<library>/run/children/<pid>.json`: every ffmpeg and ffprobe a process starts for a library, written when it
 * is spawned and removed when it exits. A host killed with SIGKILL cannot stop its children (they keep
 * running, re-parented, writing to part files that the next start deletes); its records stay behind, and the
 * next process to open the library kills those that are still that very ffmpeg (sweepStaleChildren).
 */
export class ChildRegistry {
  /** The folder is made once, at the first child (not on every spawn: probes run per imported file). */
  private made = false;

  constructor(
    readonly dir: string,
    private readonly log: (message: string) => void = () => undefined,
    private readonly me: ProcessIdentity = currentProcess(),
    /** The start token of a child (tests pass their own). */
    private readonly startOf: (pid: number) => string | null = (pid) => processStartToken(pid),
  ) {}

  /**
   * Records a child that was just spawned; returns what forgets it (call when it has exited). Never throws:
   * a library that cannot be written to must not stop the work, only the crash clean-up of it.
   */
  add(pid: number, binary: string, args: readonly string[], output: string | null): () => void {
    const file = path.join(this.dir, `${pid}.json`);
    const record: ChildRecordT = {
      pid,
      binary,
      args: argsHead(args),
      output,
      startedAt: new Date().toISOString(),
      start: this.startOf(pid),
      parent: this.me,
    };
    try {
      if (!this.made) fs.mkdirSync(this.dir, { recursive: true });
      this.made = true;
      // Written whole, then renamed: a crash never leaves half a record.
      const tmp = path.join(this.dir, `.${pid}.${randomBytes(4).toString('hex')}.tmp`);
      fs.writeFileSync(tmp, JSON.stringify(record));
      fs.renameSync(tmp, file);
    } catch (e) {
      this.made = false; // the folder may have been removed: made again for the next child
      this.log(`could not record child process ${pid} in ${this.dir} (${errorMessage(e)}); if Postframe crashes now it may be left running`);
      return () => undefined;
    }
    return () => {
      try {
        fs.rmSync(file, { force: true });
      } catch (e) {
        this.log(`could not remove ${file} (${errorMessage(e)})`);
      }
    };
  }
}

export type StaleSweep = {
  /** Children of dead owners that were still running, now killed. */
  killed: ChildRecordT[];
  /** Children of owners that are alive (this process, another window, the CLI): left alone. */
  live: ChildRecordT[];
  /** Records dropped: exited children, pids reused by other programs, unreadable files. */
  forgotten: number;
};

export type SweepDeps = {
  me?: ProcessIdentity;
  facts?: (pid: number) => Promise<ProcessFacts>;
  kill?: (pid: number) => void;
  /** Resolves once the pid no longer names a running process (or gives up after a while). */
  waitGone?: (pid: number) => Promise<void>;
  log?: (message: string) => void;
};

/** How long a half-written record (a crash between write and rename) is left for its writer. */
const TMP_GRACE_MS = 60_000;

/**
 * On opening a library: kills the children that crashed processes left running (only after checking the pid
 * still names that ffmpeg: its start time and command line), forgets records of children that are gone, and
 * keeps those of live owners. Returns what it found, so part files of live children are not swept.
 */
export async function sweepStaleChildren(dir: string, deps: SweepDeps = {}): Promise<StaleSweep> {
  const me = deps.me ?? currentProcess();
  const facts = deps.facts ?? ((pid: number) => processFacts(pid));
  const kill = deps.kill ?? ((pid: number) => process.kill(pid, 'SIGKILL'));
  const waitGone = deps.waitGone ?? waitUntilGone;
  const log = deps.log ?? (() => undefined);
  const out: StaleSweep = { killed: [], live: [], forgotten: 0 };
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return out;
  }
  const drop = async (file: string) => {
    await fs.promises.rm(file, { force: true }).catch(() => undefined);
  };
  for (const name of names) {
    const file = path.join(dir, name);
    if (name.endsWith('.tmp')) {
      const st = await fs.promises.stat(file).catch(() => null);
      if (st && Date.now() - st.mtimeMs > TMP_GRACE_MS) await drop(file);
      continue;
    }
    const m = /^(\d+)\.json$/.exec(name);
    if (!m) continue;
    let record: ChildRecordT;
    try {
      const parsed = ChildRecord.safeParse(JSON.parse(await fs.promises.readFile(file, 'utf8')));
      if (!parsed.success || String(parsed.data.pid) !== m[1]) throw new Error('not a child record');
      record = parsed.data;
    } catch {
      await drop(file);
      out.forgotten++;
      continue;
    }
    const owner = record.parent.pid === me.pid ? { alive: true, start: me.start } : await facts(record.parent.pid);
    const child = await facts(record.pid);
    const action = staleChildAction(record, me, owner, child);
    if (action === 'keep') {
      out.live.push(record);
      continue;
    }
    if (action === 'kill') {
      try {
        kill(record.pid);
        await waitGone(record.pid);
        out.killed.push(record);
        log(`stopped ${path.basename(record.binary)} (pid ${record.pid}), left running by Postframe process ${record.parent.pid}, which has ended`);
      } catch (e) {
        log(`could not stop ${path.basename(record.binary)} (pid ${record.pid}) left by an ended Postframe process: ${errorMessage(e)}`);
        out.live.push(record);
        continue;
      }
    } else {
      out.forgotten++;
    }
    await drop(file);
  }
  return out;
}

/**
 * Waits (briefly) for a killed pid to be gone. It is not our child, so there is no exit event to wait for:
 * the OS is asked a few times; SIGKILL takes effect at once, so this is short.
 */
async function waitUntilGone(pid: number): Promise<void> {
  for (let i = 0; i < 100 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
}
