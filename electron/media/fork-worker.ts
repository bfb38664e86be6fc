import { fork, type Serializable } from 'node:child_process';
import { WorkerEnd } from '../model/worker-end';

/** A worker process as its owners see it (the text rasteriser, the speech recogniser). */
export interface ForkedWorker<Req, Reply> {
  send(m: Req): void;
  onMessage(f: (m: Reply) => void): void;
  /** Called once, however it ended (exit, spawn error, a failed send), with why. */
  onExit(f: (why: string) => void): void;
  kill(): void;
}

/**
 * child_process.fork with an IPC channel (CLI, serve, tests; Electron passes utilityProcess instead). stderr's tail
 * is kept so a death says why: `why(stderrTail)` picks the line that explains it, else the exit code or signal.
 * Every error path (spawn, stderr, a send to a dead child) ends in onExit, never an uncaught error.
 */
export function forkWorker<Req extends Serializable, Reply>(
  entry: { file: string; execArgv: string[] },
  o: { env?: NodeJS.ProcessEnv; keepStderr: number; why: (stderrTail: string) => string },
): ForkedWorker<Req, Reply> {
  const child = fork(entry.file, [], { execArgv: entry.execArgv, ...(o.env ? { env: o.env } : {}), stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
  const ending = new WorkerEnd(o.keepStderr, o.why);
  child.stderr?.on('data', (d: Buffer) => ending.stderr(d));
  child.stderr?.on('error', () => undefined);
  child.on('error', (e) => ending.end(e.message));
  // 'close', not 'exit': it comes once stderr is drained, so the reason read from its tail is the last thing said.
  child.on('close', (code, signal) => ending.exited(signal ? `killed by ${signal}` : `exit code ${code}`));
  return {
    send: (m) => {
      child.send(m, (e) => {
        if (!e) return;
        ending.end(e.message);
        child.kill();
      });
    },
    onMessage: (f) => child.on('message', (m) => f(m as Reply)),
    onExit: (f) => ending.onEnd(f),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
