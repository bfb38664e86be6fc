import { WorkerEnd } from '../model/worker-end';

/**
 * A worker process started with Electron's `utilityProcess.fork` (packaged Electron has the RunAsNode fuse off, so
 * child_process.fork of our own binary cannot start Node). The workers (render/text-worker.ts,
 * media/whisper-worker.ts) speak `process.parentPort` there. Its end reaches the owner once, with the stderr line
 * that says why (model/worker-end.ts, as child_process workers do). Electron is only imported as types here, so
 * this is tested in Node with a stand-in (utility-worker.test.ts).
 */

/** The part of Electron's UtilityProcess used here. */
export interface UtilityLike {
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
  readonly stderr: NodeJS.ReadableStream | null;
}
export type UtilityFork = (modulePath: string, args: string[], options: { env?: NodeJS.ProcessEnv; execArgv: string[]; stdio: ['ignore', 'ignore', 'pipe']; serviceName: string }) => UtilityLike;

/** A worker as its owner sees it: the shape of the rasteriser's and the recogniser's spawner seams. */
export interface UtilityWorker<Req, Reply> {
  send(m: Req): void;
  onMessage(f: (m: Reply) => void): void;
  onExit(f: (why: string) => void): void;
  kill(): void;
}

export function utilityWorker<Req, Reply>(
  fork: UtilityFork,
  entry: { file: string; execArgv: string[] },
  o: { env?: NodeJS.ProcessEnv; serviceName: string; keepStderr: number; why: (stderrTail: string) => string },
): UtilityWorker<Req, Reply> {
  const child = fork(entry.file, [], { ...(o.env ? { env: o.env } : {}), execArgv: entry.execArgv, stdio: ['ignore', 'ignore', 'pipe'], serviceName: o.serviceName });
  const ending = new WorkerEnd(o.keepStderr, o.why);
  child.stderr?.on('data', (d: Buffer | string) => ending.stderr(d));
  // A pipe error only loses the diagnostics; the process's own end is reported by 'exit'.
  child.stderr?.on('error', () => undefined);
  child.on('error', (type, location) => ending.end(`${type}${location ? ` at ${location}` : ''}`));
  child.on('exit', (code) => ending.exited(`exit code ${code}`));
  return {
    send: (m) => {
      if (ending.ended) throw new Error(`the ${o.serviceName} process has ended`);
      child.postMessage(m);
    },
    onMessage: (f) => {
      child.on('message', (m) => f(m as Reply));
    },
    onExit: (f) => ending.onEnd(f),
    kill: () => {
      child.kill();
    },
  };
}
