import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { UtilityFork } from '../utility-worker';

/** A stand-in for Electron's UtilityProcess (the binary is absent here): records what it is sent and told. */
export class FakeUtility extends EventEmitter {
  sent: unknown[] = [];
  killed = 0;
  readonly stderr = new PassThrough();
  postMessage(m: unknown): void {
    this.sent.push(m);
  }
  kill(): boolean {
    this.killed++;
    return true;
  }
}

/** A fork that hands out one FakeUtility and records how it was called. */
export function fakeFork(): { fork: UtilityFork; calls: Parameters<UtilityFork>[]; child: FakeUtility } {
  const calls: Parameters<UtilityFork>[] = [];
  const child = new FakeUtility();
  return {
    calls,
    child,
    fork: (...args) => {
      calls.push(args);
      return child;
    },
  };
}

/** Writes to the stand-in's stderr and waits until the reader has it. */
export function writeStderr(child: FakeUtility, text: string): Promise<void> {
  return new Promise<void>((resolve) => {
    child.stderr.once('data', () => resolve());
    child.stderr.write(text);
  });
}
