import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { currentProcess, isProcessAlive, parseCmdline, parseProcStat, processCommandLine, processFacts, processStartToken } from './process-info';

describe('parsing /proc', () => {
  it('reads state and start time after the last parenthesis, whatever the command name holds', () => {
    const stat = '4242 (ff mpeg) (x)) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 185030 3133440 378 18446744073709551615';
    expect(parseProcStat(stat)).toEqual({ state: 'S', startTicks: '185030' });
    expect(parseProcStat('garbage')).toBeNull();
    expect(parseProcStat('1 (x) Z')).toBeNull();
  });

  it('splits a command line on NUL, keeping empty and spaced arguments', () => {
    expect(parseCmdline('/usr/bin/ffmpeg\0-i\0/My Clips/a.mp4\0\0out.mp4\0')).toEqual(['/usr/bin/ffmpeg', '-i', '/My Clips/a.mp4', '', 'out.mp4']);
    expect(parseCmdline('')).toBeNull();
  });
});

describe.runIf(process.platform === 'linux')('a real process on Linux', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = null;
  });

  const start = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'marker arg'], { stdio: 'ignore' });
      c.once('spawn', () => resolve(c));
      c.once('error', reject);
    });

  it('knows it while it runs: alive, its start time, its exact command line', async () => {
    child = await start();
    const pid = child.pid!;
    expect(isProcessAlive(pid)).toBe(true);
    expect(await processCommandLine(pid)).toEqual([process.execPath, '-e', 'setInterval(() => {}, 1000)', 'marker arg']);
    const token = processStartToken(pid);
    expect(token).toMatch(/^[0-9a-f-]+:\d+$/);
    expect(token).not.toBe(currentProcess().start);
    expect(await processFacts(pid)).toEqual({ alive: true, start: token, command: [process.execPath, '-e', 'setInterval(() => {}, 1000)', 'marker arg'] });
    expect(currentProcess()).toEqual({ pid: process.pid, host: os.hostname(), start: processStartToken(process.pid) });
  });

  it('and not once it has exited', async () => {
    child = await start();
    const pid = child.pid!;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    child = null;
    expect(isProcessAlive(pid)).toBe(false);
    expect(await processFacts(pid)).toEqual({ alive: false, start: null, command: null });
    expect(isProcessAlive(0)).toBe(false);
    expect(isProcessAlive(-5)).toBe(false);
  });
});
