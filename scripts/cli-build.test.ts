import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTRY, MANIFEST, cliBuildState } from '../bin/cli-build.mjs';

/** The staleness check bin/postframe.mjs runs before it starts the compiled CLI. */
let root: string;
const write = (rel: string, text = 'x', mtimeMs?: number) => {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  if (mtimeMs !== undefined) fs.utimesSync(p, mtimeMs / 1000, mtimeMs / 1000);
};
const built = (sourcesReadAt: number, inputs: string[]) => {
  write(ENTRY, 'export {}');
  write(MANIFEST, JSON.stringify({ sourcesReadAt, inputs }));
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-cli-build-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('cliBuildState', () => {
  const t = Date.parse('2026-06-01T06:00:00Z');

  it('missing until built; fresh while no source is newer than the build', () => {
    write('electron/cli/main.ts', '', t - 60_000);
    write('electron/model/errors.ts', '', t - 60_000);
    expect(cliBuildState(root)).toEqual({ state: 'missing' });
    built(t, ['electron/cli/main.ts', 'electron/model/errors.ts']);
    expect(cliBuildState(root)).toEqual({ state: 'fresh' });
  });

  it('stale when a source changed after the build read it, or is gone', () => {
    write('electron/cli/main.ts', '', t - 60_000);
    write('electron/model/errors.ts', '', t + 1_000);
    built(t, ['electron/cli/main.ts', 'electron/model/errors.ts']);
    expect(cliBuildState(root)).toEqual({ state: 'stale', changed: 'electron/model/errors.ts' });
    built(t, ['electron/cli/main.ts', 'electron/model/gone.ts']);
    expect(cliBuildState(root)).toEqual({ state: 'stale', changed: 'electron/model/gone.ts' });
    write(MANIFEST, '{}');
    expect(cliBuildState(root)).toEqual({ state: 'stale', changed: MANIFEST });
  });

  it('an installed copy without the TypeScript sources runs the build it has', () => {
    built(t, ['electron/cli/main.ts']);
    expect(cliBuildState(root)).toEqual({ state: 'fresh' });
    fs.rmSync(path.join(root, ENTRY));
    expect(cliBuildState(root)).toEqual({ state: 'missing' });
  });
});
