import { describe, expect, it } from 'vitest';
import { Studio } from '../studio';
import { EXIT, main } from './main';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';
import type { CliInput } from './users-command';

/** `postframe users …` through main() on a real library folder, with the password piped or typed. */
describe('postframe users', () => {
  const box = useCliSandbox('pf-users-cli-');
  const lib = () => ['--library', box.libraryPath];

  async function cli(input: Partial<CliInput>, ...argv: string[]) {
    let out = '';
    let err = '';
    const asked: string[] = [];
    const full: CliInput = {
      isTTY: false,
      readAll: async () => '',
      askHidden: async (p) => {
        asked.push(p);
        return '';
      },
      ...input,
    };
    const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), input: full });
    return { code, out, err, asked };
  }
  const piped = (pw: string): Partial<CliInput> => ({ readAll: async () => `${pw}\n` });

  async function withStudio<T>(fn: (s: Studio) => T | Promise<T>): Promise<T> {
    const studio = await Studio.open({ libraryPath: box.libraryPath, settingsDir: box.settingsDir, shell: 'browser' });
    try {
      return await fn(studio);
    } finally {
      await studio.close();
    }
  }

  it('adds the first admin from piped stdin, who can then sign in; the CLI acts and audits as the owner', async () => {
    expect((await runCli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const r = await cli(piped('the first admin password'), 'users', 'add', ...lib(), '--name', 'Mia', '--login', 'mia', '--admin', '--password-stdin');
    expect(r).toMatchObject({ code: EXIT.ok, out: 'Added mia (Mia, admin). They can sign in now.\n' });
    const list = await cli({}, 'users', 'list', ...lib());
    expect(list.out).toBe('LOGIN\tNAME\tROLE\tCHANNELS\tSTATE\nmia\tMia\tadmin\n(no login)\tOwner\tadmin\n');
    await withStudio(async (s) => {
      expect(s.accounts.setupNeeded()).toBe(false);
      expect((await s.accounts.signIn({ login: 'MIA', password: 'the first admin password' }, { address: '127.0.0.1', userAgent: 't' })).ok).toBe(true);
      const created = s.auditRepo.list(null).find((e) => e.action === 'account_create')!;
      expect([created.actorId, created.actorName]).toEqual(['owner', 'Owner']);
      expect(JSON.stringify(s.auditRepo.list(null))).not.toContain('the first admin password');
    });
  });

  it('asks twice without echo at a terminal, and refuses when the two differ or no password can be read', async () => {
    expect((await runCli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const answers = ['an approver password', 'an approver password'];
    const ok = await cli({ isTTY: true, askHidden: async () => answers.shift()! }, 'users', 'add', ...lib(), '--name', 'Ava', '--login', 'ava', '--role', 'approver', '--channels', 'tiktok,x');
    expect(ok.code).toBe(EXIT.ok);
    const differ = ['one password here', 'another password'];
    const bad = await cli({ isTTY: true, askHidden: async () => differ.shift()! }, 'users', 'add', ...lib(), '--name', 'Bo', '--login', 'bob', '--role', 'creator');
    expect(bad).toMatchObject({ code: EXIT.error, err: 'postframe: The two passwords differ. Run the command again.\n' });
    const noTty = await cli({}, 'users', 'add', ...lib(), '--name', 'Bo', '--login', 'bob', '--role', 'creator');
    expect(noTty.code).toBe(EXIT.usage);
    expect(noTty.err).toMatch(/--password-stdin/);
    const weak = await cli(piped('short'), 'users', 'add', ...lib(), '--name', 'Bo', '--login', 'bob', '--role', 'creator', '--password-stdin');
    expect(weak).toMatchObject({ code: EXIT.error, err: expect.stringMatching(/at least 10 characters/) });
    expect((await cli({}, 'users', 'list', ...lib(), '--json')).out).toMatch(/"login":"ava".*"approverChannels":\["tiktok","x"\]/);
  });

  it('disables and enables, changes roles, keeps the last admin, and prints a one-time reset link', async () => {
    expect((await runCli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    await cli(piped('an admin password'), 'users', 'add', ...lib(), '--name', 'Mia', '--login', 'mia', '--admin', '--password-stdin');
    await cli(piped('a creator password'), 'users', 'add', ...lib(), '--name', 'Cleo', '--login', 'cleo', '--role', 'creator', '--password-stdin');
    expect((await cli({}, 'users', 'disable', ...lib(), 'Cleo')).out).toBe('Disabled cleo: their sessions have ended.\n');
    expect((await cli({}, 'users', 'enable', ...lib(), 'cleo')).out).toBe('Enabled cleo: they can sign in again.\n');
    expect((await cli({}, 'users', 'set-role', ...lib(), 'cleo', 'approver', '--channels', 'linkedin')).out).toBe('cleo is now approver linkedin.\n');
    expect(await cli({}, 'users', 'set-role', ...lib(), 'cleo', 'boss')).toMatchObject({ code: EXIT.usage, err: expect.stringMatching(/creator, approver or admin/) });
    expect(await cli({}, 'users', 'disable', ...lib(), 'nobody')).toMatchObject({ code: EXIT.error, err: expect.stringMatching(/Nobody signs in as "nobody"/) });
    // Owner (no login) and Mia are admins: Mia may not be demoted while she is the only admin who can sign in.
    expect(await cli({}, 'users', 'set-role', ...lib(), 'mia', 'creator')).toMatchObject({ code: EXIT.error, err: expect.stringMatching(/last admin who can sign in/) });

    const r = await cli({}, 'users', 'reset', ...lib(), 'cleo', '--public-url', 'https://studio.example:8443/');
    expect(r.code).toBe(EXIT.ok);
    const token = /https:\/\/studio\.example:8443\/#reset=([A-Za-z0-9_-]{43})\n$/.exec(r.out)?.[1];
    expect(token).toBeDefined();
    await withStudio(async (s) => {
      const signed = await s.accounts.resetPassword(token!, 'a fresh password', { address: '127.0.0.1', userAgent: 't' });
      expect(signed.user.login).toBe('cleo');
      await expect(s.accounts.resetPassword(token!, 'yet another password', { address: '127.0.0.1', userAgent: 't' })).rejects.toThrow(/already used/);
      // After the log's own first entry (library_created, docs/audit.md "Anchor").
      expect(s.auditRepo.list(null).map((e) => e.action).filter((a) => a !== 'library_created')).toEqual(['account_create', 'account_create', 'account_disable', 'account_enable', 'account_role', 'account_reset_link', 'account_password', 'login']);
    });
  });

  it('refuses a missing library and a wrong subcommand', async () => {
    expect(await cli({}, 'users', 'list', ...lib())).toMatchObject({ code: EXIT.error, err: expect.stringMatching(/no Postframe library/) });
    expect((await runCli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    expect(await cli({}, 'users', 'remove', ...lib(), 'x')).toMatchObject({ code: EXIT.usage, err: expect.stringMatching(/Use: postframe users list/) });
  });
});
