import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryFolder } from '../library/folder';
import { currentProcess, processStartToken } from '../media/process-info';
import type { ProcessIdentity } from '../model/processes';
import { openTempStudio } from './__tests__/temp-studio';
import { UPLOAD_IDLE_MS, ownerPidOf, recordOwner, sweepStaging } from './sweep';

let tmp: string;
let folder: LibraryFolder;
const spawned: ChildProcess[] = [];
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-sweep-'));
  folder = new LibraryFolder(path.join(tmp, 'lib'));
  folder.ensureLayout();
});
afterEach(() => {
  for (const c of spawned.splice(0)) c.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Another Postframe process on this library: running (`end` stops it) and recorded as an owner. */
async function otherProcess(): Promise<{ id: ProcessIdentity; end: () => Promise<void> }> {
  const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  spawned.push(c);
  await new Promise((r) => c.once('spawn', r));
  const id = { pid: c.pid!, host: os.hostname(), start: processStartToken(c.pid!) };
  await recordOwner(folder, id);
  return { id, end: () => new Promise((r) => (c.once('exit', r), c.kill('SIGKILL'))) };
}

function put(dir: string, name: string, ageMs = 0): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, 'x');
  const t = new Date(Date.now() - ageMs);
  fs.utimesSync(p, t, t);
  return p;
}

const exists = (p: string) => fs.existsSync(p);

describe('ownerPidOf', () => {
  it('reads the pid an in-flight file is named after', () => {
    expect(ownerPidOf('4242-0f1e2d3c')).toBe(4242);
    expect(ownerPidOf('4242-9b2c1a55-8f7e-4c3b-a1d2-000000000000')).toBe(4242);
    expect(ownerPidOf('9b2c1a55-8f7e-4c3b-a1d2-000000000000')).toBeNull();
    expect(ownerPidOf('0-x')).toBeNull();
  });
});

describe.runIf(process.platform === 'linux')('sweepStaging', () => {
  it('removes what an ended process left at once, and keeps what a running one is working on', async () => {
    const live = await otherProcess();
    const dead = await otherProcess();
    await dead.end();
    const liveStaging = put(folder.stagingDir, `${live.id.pid}-a1`);
    const liveUpload = put(folder.uploadsDir, `${live.id.pid}-upload`);
    const deadStaging = put(folder.stagingDir, `${dead.id.pid}-b2`);
    const deadUpload = put(folder.uploadsDir, `${dead.id.pid}-upload`);
    const r = await sweepStaging(folder);
    expect(r.removed.sort()).toEqual([deadStaging, deadUpload].sort());
    expect([liveStaging, liveUpload].every(exists)).toBe(true);
    // The ended process's owner record went with its files; the live one's stays.
    expect(fs.readdirSync(folder.ownersDir)).toEqual([`${live.id.pid}.json`]);
  });

  it('a reused pid is not the owner: the start time tells them apart', async () => {
    const now = await otherProcess();
    await recordOwner(folder, { ...now.id, start: 'older-boot:1' });
    const stale = put(folder.stagingDir, `${now.id.pid}-c3`);
    await sweepStaging(folder);
    expect(exists(stale)).toBe(false);
  });

  it('uploads a running owner never imported are swept once idle, unless an unfinished import needs them', async () => {
    const me = currentProcess();
    await recordOwner(folder, me);
    const fresh = put(folder.uploadsDir, `${me.pid}-fresh`);
    const idle = put(folder.uploadsDir, `${me.pid}-idle`, UPLOAD_IDLE_MS + 60_000);
    const queued = put(folder.uploadsDir, `${me.pid}-queued`, UPLOAD_IDLE_MS + 60_000);
    const staging = put(folder.stagingDir, `${me.pid}-copy`, UPLOAD_IDLE_MS + 60_000);
    const jobs = {
      withStatus: () => [{ id: 'j1', kind: 'import' as const }],
      input: () => ({ paths: [], uploads: [{ id: `${me.pid}-queued`, name: 'clip.mp4' }] }),
    };
    await sweepStaging(folder, { jobs });
    expect([exists(fresh), exists(idle), exists(queued), exists(staging)]).toEqual([true, false, true, true]);
  });

  it("files whose owner cannot be known (another machine, an older Postframe) are kept for an hour", async () => {
    await recordOwner(folder, { pid: 4242, host: 'another-machine', start: null });
    const remoteFresh = put(folder.stagingDir, '4242-x');
    const legacyFresh = put(folder.uploadsDir, '9b2c1a55-8f7e-4c3b-a1d2-000000000000');
    const legacyOld = put(folder.uploadsDir, '0c2c1a55-8f7e-4c3b-a1d2-000000000000', 2 * 60 * 60_000);
    await sweepStaging(folder);
    expect([exists(remoteFresh), exists(legacyFresh), exists(legacyOld)]).toEqual([true, true, false]);
  });
});

describe.runIf(process.platform === 'linux')('opening a library', () => {
  it('sweeps the staging and uploads of a process that was killed, without waiting an hour', async () => {
    const temp = await openTempStudio('pf-sweep-open-');
    try {
      const lib = new LibraryFolder(temp.libraryPath);
      const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
      const start = await new Promise<string | null>((r) => gone.once('spawn', () => r(processStartToken(gone.pid!))));
      await new Promise((r) => gone.once('exit', r));
      folder = lib;
      await recordOwner(lib, { pid: gone.pid!, host: os.hostname(), start });
      const staged = put(lib.stagingDir, `${gone.pid}-half-copied`);
      const upload = put(lib.uploadsDir, `${gone.pid}-never-imported`);
      const second = await temp.reopen();
      await second.close();
      expect([exists(staged), exists(upload)]).toEqual([false, false]);
    } finally {
      await temp.close();
    }
  });
});
