import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A browser-mode host in a process of its own (the same `startHost` `postframe serve` runs), so a test can
 * see it die: an uncaught error ends the child, not the test runner. `host-main.ts` is its entry point.
 */
export type HostProcess = {
  port: number;
  openUrl: string;
  /** What the child wrote to stderr so far (its error log). */
  stderr(): string;
  /** Null while it runs; its exit code or signal once it has died. */
  exited(): string | null;
  stop(): Promise<void>;
};

const here = path.dirname(fileURLToPath(import.meta.url));

export async function startHostProcess(): Promise<HostProcess> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-hostproc-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'host-main.ts'), tmp], {
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: path.resolve(here, '..', '..', '..'),
  });
  let out = '';
  let err = '';
  let exit: string | null = null;
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exitedP = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = signal ?? String(code);
      resolve();
    }),
  );
  const ready = await new Promise<{ port: number; openUrl: string }>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve(JSON.parse(line.slice(6)) as { port: number; openUrl: string });
    });
    void exitedP.then(() => reject(new Error(`the host process exited (${exit}) before it was ready:\n${err}`)));
  });
  return {
    ...ready,
    stderr: () => err,
    exited: () => exit,
    async stop() {
      // Closing stdin asks it to close the host and the studio; it exits by itself.
      if (exit === null) child.stdin!.end();
      await exitedP;
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
