import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Studio } from '../studio';
import { importFixtures } from '../studio/__tests__/kit-fixtures';
import { ANY_PATH } from '../studio/path-gate';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';
import { EXIT } from './main';

/** `postframe backup` and `postframe restore` through main() with captured output, on real library folders. */
describe('postframe backup / restore', () => {
  const box = useCliSandbox('pf-backup-cli-');

  it('backs a library up into a folder and restores it into a new one that opens with the same assets', async () => {
    expect((await runCli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const studio = await Studio.open({ libraryPath: box.libraryPath, settingsDir: box.settingsDir, shell: 'browser', pathAccess: ANY_PATH, visualBackfill: false });
    try {
      await importFixtures(studio, ['logo.png']);
    } finally {
      await studio.close();
    }
    const out = path.join(box.tmp, 'backups');
    fs.mkdirSync(out);
    const backup = await runCli('backup', '--library', box.libraryPath, out);
    expect(backup).toMatchObject({ code: EXIT.ok, err: '', out: expect.stringMatching(/^Backed up 1 asset and 0 fonts to .*backups\/lib \d{4}-\d\d-\d\d \d{4}\.postframe-backup \([\d.]+ (KB|MB)\)\n$/) });
    const [file] = fs.readdirSync(out);
    const target = path.join(box.tmp, 'restored');
    const restored = await runCli('restore', path.join(out, file!), target, '--json');
    expect(restored.code).toBe(EXIT.ok);
    expect(JSON.parse(restored.out)).toMatchObject({ path: target, assets: 1 });
    const list = await runCli('search', '--library', target, 'logo', '--json');
    expect(list.err).toBe('');
    expect(JSON.parse(list.out)).toMatchObject([{ name: 'logo.png' }]);

    // Never over an existing library; a usage error says how to call it.
    expect(await runCli('restore', path.join(out, file!), box.libraryPath)).toMatchObject({ code: EXIT.error, err: expect.stringMatching(/already exists and is not empty\. A backup is restored into a new folder/) });
    expect((await runCli('restore', path.join(out, file!))).code).toBe(EXIT.usage);
    expect((await runCli('backup', '--library', box.libraryPath)).code).toBe(EXIT.usage);
  });
});
