import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from './main';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';

describe('postframe serve flags', () => {
  const box = useCliSandbox('pf-cli-serve-');

  it('names its flags in the help', async () => {
    const { out } = await runCli('--help');
    expect(out).toContain('postframe serve [--library DIR] [--port N] [--host ADDR] [--allow-folder DIR]... [--max-upload-mb N]');
  });

  it('refuses an upload limit that is not a whole number of MB, before starting', async () => {
    for (const bad of ['0', 'lots', '2.5']) {
      const r = await runCli('serve', '--library', box.libraryPath, '--max-upload-mb', bad);
      expect(r.code, bad).toBe(EXIT.usage);
      expect(r.err).toContain(`--max-upload-mb must be a whole number from 1 to 1000000, not "${bad}".`);
    }
  });

  it('refuses an allowed folder that does not exist, before starting', async () => {
    const r = await runCli('serve', '--library', box.libraryPath, '--allow-folder', box.tmp, '--allow-folder', path.join(box.tmp, 'missing'));
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain(`--allow-folder ${path.join(box.tmp, 'missing')}: there is no folder there.`);
  });
});
