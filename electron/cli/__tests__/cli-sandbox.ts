import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { main } from '../main';

export type CliSandbox = { tmp: string; libraryPath: string; settingsDir: string };

/**
 * A temp library path and a temp POSTFRAME_HOME for each test (so the CLI's recent-libraries list never
 * touches the real home), restored and removed afterwards. Fields are filled in before each test.
 */
export function useCliSandbox(prefix: string): CliSandbox {
  const box: CliSandbox = { tmp: '', libraryPath: '', settingsDir: '' };
  let savedHome: string | undefined;
  beforeEach(() => {
    box.tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    box.libraryPath = path.join(box.tmp, 'lib');
    box.settingsDir = path.join(box.tmp, 'home');
    savedHome = process.env.POSTFRAME_HOME;
    process.env.POSTFRAME_HOME = box.settingsDir;
  });
  afterEach(() => {
    if (savedHome === undefined) delete process.env.POSTFRAME_HOME;
    else process.env.POSTFRAME_HOME = savedHome;
    fs.rmSync(box.tmp, { recursive: true, force: true });
  });
  return box;
}

/** Runs `postframe ARGS` in-process and captures what it prints. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}
