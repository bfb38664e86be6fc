import type { StudioOptions } from '../studio';

/**
 * The text rasteriser's process in Electron (docs/fonts.md): packaged Electron has the RunAsNode fuse off, so
 * child_process.fork of our own binary cannot start a Node process; Electron's `utilityProcess.fork` can. The
 * worker (render/text-worker.ts) already speaks `process.parentPort` there. This adapts a utility process to the
 * rasteriser's `WorkerSpawner` seam; electron/main/index.ts passes it `utilityProcess.fork`. Electron is only
 * imported as types here, so the adapter is tested in Node with a stand-in (text-worker-spawner.test.ts).
 */

type WorkerSpawner = NonNullable<StudioOptions['textWorkerSpawner']>;
type WorkerHandle = ReturnType<WorkerSpawner>;

/** The part of Electron's UtilityProcess the adapter uses. */
export interface UtilityLike {
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
  readonly stderr: NodeJS.ReadableStream | null;
}
export type UtilityFork = (modulePath: string, args: string[], options: { env: NodeJS.ProcessEnv; execArgv: string[]; stdio: ['ignore', 'ignore', 'pipe']; serviceName: string }) => UtilityLike;

export function utilityProcessSpawner(fork: UtilityFork): WorkerSpawner {
  return (entry, env) => {
    const child = fork(entry.file, [], { env, execArgv: entry.execArgv, stdio: ['ignore', 'ignore', 'pipe'], serviceName: 'Postframe text renderer' });
    let stderr = '';
    let exitListener: ((why: string) => void) | null = null;
    let done = false;
    const end = (why: string) => {
      if (done) return;
      done = true;
      exitListener?.(why);
    };
    child.stderr?.on('data', (d: Buffer | string) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    // A pipe error only loses the diagnostics; the process's own end is reported by 'exit'.
    child.stderr?.on('error', () => undefined);
    child.on('error', (type, location) => end(`${type}${location ? ` at ${location}` : ''}`));
    child.on('exit', (code) => end(lastLine(stderr) || `exit code ${code}`));
    const handle: WorkerHandle = {
      send: (m) => {
        if (done) throw new Error('the text renderer process has ended');
        child.postMessage(m);
      },
      onMessage: (f) => {
        child.on('message', (m) => f(m as Parameters<typeof f>[0]));
      },
      onExit: (f) => {
        exitListener = f;
      },
      kill: () => {
        child.kill();
      },
    };
    return handle;
  };
}

function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).pop() ?? '';
}
