import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), '__tests__', 'guards-child.ts');

/** Runs the child in `mode` to its end: what it printed and how it exited. */
function runChild(mode: string): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', CHILD, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr.on('data', (d: Buffer) => (err += d.toString()));
    c.once('error', reject);
    c.once('close', (code) => resolve({ out, err, code }));
  });
}

describe('process guards', () => {
  it('an unhandled rejection is logged with its stack and the process keeps running', async () => {
    const r = await runChild('rejection');
    expect(r.err).toMatch(/unhandled promise rejection[^]*Error: planted rejection\n\s+at /);
    expect(r.out).toBe('alive\n');
    expect(r.code).toBe(0);
  });

  it('an uncaught exception is logged with its stack; children are killed, then the library closes, then exit 1', async () => {
    const r = await runChild('exception');
    expect(r.err).toMatch(/uncaught exception[^]*Error: planted exception\n\s+at /);
    expect(r.out).toBe('killChildren\nclosed\nexit 1\n');
    expect(r.code).toBe(1);
  });

  it('a close that never finishes does not keep the process alive past the grace period', async () => {
    const r = await runChild('hung-close');
    expect(r.out).toBe('killChildren\nexit 1\n');
    expect(r.code).toBe(1);
  });
});
