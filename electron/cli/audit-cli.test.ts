import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Studio } from '../studio';
import { EXIT } from './main';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';

/** `postframe audit verify` through main() with captured output, on a real library folder. */
describe('postframe audit verify', () => {
  const box = useCliSandbox('pf-audit-cli-');

  const cli = runCli;

  async function withStudio(fn: (s: Studio) => void) {
    const studio = await Studio.open({ libraryPath: box.libraryPath, settingsDir: box.settingsDir, shell: 'browser' });
    try {
      fn(studio);
    } finally {
      await studio.close();
    }
  }

  it('says ok with the count, then names the first edited entry and exits 1', async () => {
    expect((await cli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    expect(await cli('audit', 'verify', '--library', box.libraryPath)).toEqual({ code: EXIT.ok, out: 'ok (0 entries)\n', err: '' });

    await withStudio((s) => {
      for (let i = 1; i <= 20; i++) s.auditRepo.append({ actor: { id: 'u1', name: 'Ada' }, action: i % 2 ? 'submit' : 'approve', postId: `p${i}` });
    });
    expect(await cli('audit', 'verify', '--library', box.libraryPath)).toEqual({ code: EXIT.ok, out: 'ok (20 entries)\n', err: '' });

    // Someone edits the file with another tool: the triggers go, entries 17 and 19 change.
    await withStudio((s) => {
      s.database.exec('DROP TRIGGER audit_log_no_update');
      s.database.exec("UPDATE audit_log SET actor_name = 'Eve' WHERE seq IN (17, 19)");
    });
    expect(await cli('audit', 'verify', '--library', box.libraryPath)).toEqual({
      code: EXIT.error, out: 'entry 17: hash does not match its contents (edited?)\n', err: '',
    });
  });

  it('names a deleted entry', async () => {
    expect((await cli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    await withStudio((s) => {
      for (let i = 1; i <= 5; i++) s.auditRepo.append({ actor: { id: 'u1', name: 'Ada' }, action: 'edit', postId: 'p1' });
      s.database.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 4');
    });
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r).toEqual({ code: EXIT.error, out: 'entry 4: missing (deleted?)\n', err: '' });
  });

  it('refuses a missing library without creating one, and a wrong subcommand', async () => {
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.error);
    expect(r.err).toMatch(/no Postframe library at .*postframe library init/);
    expect(fs.existsSync(box.libraryPath)).toBe(false);
    const u = await cli('audit', 'check', '--library', box.libraryPath);
    expect(u.code).toBe(EXIT.usage);
    expect(u.err).toMatch(/Use: postframe audit verify --library DIR/);
  });
});
