import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { ChildRecord, type ProcessIdentity } from '../model/processes';
import { resolveBinaries } from './binaries';
import { ChildRegistry, sweepStaleChildren } from './child-registry';
import { MediaTools } from './ffmpeg';
import { currentProcess, isProcessAlive, processStartToken } from './process-info';

let tmp: string;
let dir: string;
const spawned: ChildProcess[] = [];
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-children-'));
  dir = path.join(tmp, 'run', 'children');
});
afterEach(() => {
  for (const c of spawned.splice(0)) c.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

const records = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.json')) : []);
const readRecord = (pid: number) => ChildRecord.parse(JSON.parse(fs.readFileSync(path.join(dir, `${pid}.json`), 'utf8')));

function started(c: ChildProcess): Promise<ChildProcess> {
  spawned.push(c);
  return new Promise((resolve, reject) => {
    c.once('spawn', () => resolve(c));
    c.once('error', reject);
  });
}

/** A long-running process that is not ffmpeg. */
const sleeper = () => started(spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', '-i', '/Library/media/ab/clip.mp4'], { stdio: 'ignore' }));

/** A real ffmpeg that runs for minutes (in real time, writing nothing): what a crashed host leaves behind. */
const longFfmpeg = () =>
  started(spawn(resolveBinaries().ffmpeg, ['-nostdin', '-re', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=5:duration=600', '-f', 'null', '-'], { stdio: 'ignore' }));

/** The identity of a process that has ended: a host killed with -9. */
async function endedProcess(): Promise<ProcessIdentity> {
  const c = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const start = await new Promise<string | null>((resolve) => c.once('spawn', () => resolve(processStartToken(c.pid!))));
  await new Promise((r) => c.once('exit', r));
  return { pid: c.pid!, host: os.hostname(), start };
}

describe.runIf(process.platform === 'linux')('MediaTools records its children in the library', () => {
  const bins = resolveBinaries();

  it('an ffmpeg run has a record while it runs (binary, arguments, output, parent), none after', async () => {
    const tools = new MediaTools(bins, undefined, new ChildRegistry(dir));
    const out = path.join(tmp, 'out.mp4');
    const ctl = new AbortController();
    let seen: ChildRecord | null = null;
    const run = tools.run(['-f', 'lavfi', '-re', '-i', 'testsrc=size=160x120:rate=10:duration=60', '-c:v', 'mpeg4', out], {
      signal: ctl.signal,
      onProgress: () => {
        if (seen) return;
        const [name] = records();
        seen = readRecord(Number(name!.replace('.json', '')));
        ctl.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen).toMatchObject({ binary: bins.ffmpeg, output: out, parent: currentProcess() });
    expect(seen!.args.slice(0, 4)).toEqual(['-nostdin', '-y', '-stats', '-f']);
    expect(seen!.start).toMatch(/:\d+$/);
    expect(records()).toEqual([]);
  });

  it('probe goes through the registry: recorded, and reached by cancel and by killAll', async () => {
    const tools = new MediaTools(bins, undefined, new ChildRegistry(dir));
    // A FIFO nobody writes to: ffprobe waits on it for ever, so the test can look at it while it runs.
    const fifo = path.join(tmp, 'never.mp4');
    execFileSync('mkfifo', [fifo]);
    const ctl = new AbortController();
    const probing = tools.probe(fifo, { signal: ctl.signal });
    expect(tools.runningCount).toBe(1);
    const [name] = records();
    const rec = readRecord(Number(name!.replace('.json', '')));
    expect([rec.binary, rec.args]).toEqual([bins.ffprobe, ['-show_streams', '-show_format', fifo]]);
    ctl.abort();
    await expect(probing).rejects.toBeInstanceOf(AppError);
    expect([tools.runningCount, records()]).toEqual([0, []]);

    const raw = tools.probeRaw(['-show_packets', fifo]);
    const text = tools.ffprobeText(['-show_packets', fifo]);
    expect(tools.runningCount).toBe(2);
    tools.killAll();
    await Promise.all([expect(raw).rejects.toThrow(/killed/), expect(text).rejects.toThrow(/killed/)]);
    expect([tools.runningCount, records()]).toEqual([0, []]);
  });
});

describe.runIf(process.platform === 'linux')('sweepStaleChildren', () => {
  it('kills the ffmpeg a dead host left running, after checking the pid is still that process', async () => {
    const orphan = await longFfmpeg();
    const exited = new Promise<NodeJS.Signals | null>((r) => orphan.once('exit', (_c, s) => r(s)));
    new ChildRegistry(dir, undefined, await endedProcess()).add(orphan.pid!, orphan.spawnfile, orphan.spawnargs.slice(1), null);
    const logged: string[] = [];
    expect(isProcessAlive(orphan.pid!)).toBe(true);
    const r = await sweepStaleChildren(dir, { log: (m) => logged.push(m) });
    expect(r.killed.map((c) => c.pid)).toEqual([orphan.pid]);
    expect(await exited).toBe('SIGKILL');
    expect(isProcessAlive(orphan.pid!)).toBe(false);
    expect(records()).toEqual([]);
    expect(logged[0]).toMatch(/stopped ffmpeg \(pid \d+\), left running by Postframe process \d+, which has ended/);
  });

  it('never kills a process whose pid now names another program or another start: it forgets the record', async () => {
    const other = await sleeper();
    const dead = await endedProcess();
    new ChildRegistry(dir, undefined, dead).add(other.pid!, '/usr/bin/ffmpeg', ['-nostdin', '-y', '-i', '/Library/media/ab/clip.mp4'], null);
    const r = await sweepStaleChildren(dir);
    expect([r.killed, r.forgotten, records()]).toEqual([[], 1, []]);
    const ff = await longFfmpeg();
    new ChildRegistry(dir, undefined, dead, () => 'another-boot:1').add(ff.pid!, ff.spawnfile, ff.spawnargs.slice(1), null);
    expect((await sweepStaleChildren(dir)).killed).toEqual([]);
    expect([isProcessAlive(other.pid!), isProcessAlive(ff.pid!)]).toEqual([true, true]);
  });

  it('leaves the children of live owners alone: this process, another running one, another machine', async () => {
    const mine = await longFfmpeg();
    const theirs = await longFfmpeg();
    const remote = await longFfmpeg();
    const owner = await sleeper();
    const liveOwner: ProcessIdentity = { pid: owner.pid!, host: os.hostname(), start: processStartToken(owner.pid!) };
    new ChildRegistry(dir).add(mine.pid!, mine.spawnfile, mine.spawnargs.slice(1), '/Library/exports/.a.part.mp4');
    new ChildRegistry(dir, undefined, liveOwner).add(theirs.pid!, theirs.spawnfile, theirs.spawnargs.slice(1), null);
    new ChildRegistry(dir, undefined, { pid: 1, host: 'another-machine', start: null }).add(remote.pid!, remote.spawnfile, remote.spawnargs.slice(1), null);
    const r = await sweepStaleChildren(dir);
    expect(r.killed).toEqual([]);
    expect(r.live.map((c) => c.pid).sort()).toEqual([mine.pid, theirs.pid, remote.pid].sort());
    expect(r.live.find((c) => c.pid === mine.pid)?.output).toBe('/Library/exports/.a.part.mp4');
    expect([mine, theirs, remote].every((c) => isProcessAlive(c.pid!))).toBe(true);
    expect(records()).toHaveLength(3);
  });

  it('drops unreadable records and old half-written ones, keeps a fresh half-written one', async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '123.json'), '{ not json');
    fs.writeFileSync(path.join(dir, '124.json'), JSON.stringify({ pid: 999, binary: 'x', args: [], output: null, startedAt: '', start: null, parent: currentProcess() }));
    fs.writeFileSync(path.join(dir, '.125.ab.tmp'), '{');
    fs.writeFileSync(path.join(dir, '.126.cd.tmp'), '{');
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(path.join(dir, '.125.ab.tmp'), old, old);
    const r = await sweepStaleChildren(dir);
    expect(r.forgotten).toBe(2);
    expect(fs.readdirSync(dir)).toEqual(['.126.cd.tmp']);
    expect(await sweepStaleChildren(path.join(tmp, 'missing'))).toEqual({ killed: [], live: [], forgotten: 0 });
  });
});
