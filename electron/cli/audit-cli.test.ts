import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { auditHash } from '../library/audit-repo';
import { keyFilePath } from '../library/machine-key';
import { anchorMac, machineKey } from '../library/secret-crypto';
import { canonicalJson } from '../model/audit';
import { Studio } from '../studio';
import { EXIT } from './main';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';

/**
 * `postframe audit verify|export` through main() with captured output, on a real library file: entries are made
 * through the app, the file is then changed with better-sqlite3 directly (as someone with another SQLite tool
 * would: DROP TRIGGER, UPDATE, DELETE), and the library is verified and reopened through the app and the CLI.
 */
describe('postframe audit verify', () => {
  const box = useCliSandbox('pf-audit-cli-');
  const cli = runCli;
  const dbFile = () => path.join(box.libraryPath, 'library.sqlite');

  async function withStudio(fn: (s: Studio) => void, settingsDir = box.settingsDir) {
    const studio = await Studio.open({ libraryPath: box.libraryPath, settingsDir, shell: 'browser', visualBackfill: false });
    try {
      fn(studio);
    } finally {
      await studio.close();
    }
  }

  /** Another tool on the file: no app, no key. */
  function tamper(sql: string) {
    const db = new Database(dbFile());
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  const lines = (out: string) => out.trim().split('\n');

  /** A library with its genesis entry and 20 more (21 in all), verified ok. */
  async function library21() {
    expect((await cli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    await withStudio((s) => {
      for (let i = 1; i <= 20; i++) s.auditRepo.append({ actor: { id: 'u1', name: 'Ada' }, action: i % 2 ? 'submit' : 'approve', postId: `p${i}` });
    });
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r).toMatchObject({ code: EXIT.ok, err: '' });
    expect(r.out).toMatch(/^ok \(21 entries, signed by this machine's key [0-9a-f]{16}\)\n$/);
  }

  it('a new library starts with its library_created entry, so even an empty-looking log verifies', async () => {
    expect((await cli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.out).toMatch(/^ok \(1 entry, /);
    await withStudio((s) => expect(s.auditRepo.list().map((e) => [e.seq, e.action, e.actorName])).toEqual([[1, 'library_created', 'Postframe']]));
    // The key file was made private on first need.
    expect(fs.statSync(keyFilePath(box.settingsDir)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(keyFilePath(box.settingsDir))).mode & 0o777).toBe(0o700);
  });

  it('fails after an entry is edited', async () => {
    await library21();
    tamper("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'Eve' WHERE seq IN (17, 19)");
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.error);
    expect(lines(r.out)).toEqual([
      expect.stringMatching(/^the append-only guard is missing now \(audit_log_no_update dropped\)/),
      'entry 17: hash does not match its contents (edited?)',
    ]);
  });

  it('fails after an entry is edited and the whole chain after it recomputed (the signed head no longer fits)', async () => {
    await library21();
    // A careful forger rewrites entry 21 and recomputes its hash: the chain is whole, the head is not.
    const db = new Database(dbFile());
    db.exec('DROP TRIGGER audit_log_no_update');
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 21').get() as Parameters<typeof auditHash>[0] & { hash: string };
    const forged = { ...row, actor_name: 'Eve' };
    const { hash: _old, ...fields } = forged;
    db.prepare('UPDATE audit_log SET actor_name = ?, hash = ? WHERE seq = 21').run('Eve', auditHash(fields));
    db.exec(fs.readFileSync(path.join(__dirname, '..', 'library', 'migrations', '0006-audit.ts'), 'utf8').match(/CREATE TRIGGER audit_log_no_update[\s\S]*?END;/)![0]);
    db.close();
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.error);
    expect(lines(r.out)).toEqual(['entry 21 is not the entry the signed head names (the log was rewritten from some point on)']);
  });

  it('fails after the last entries are deleted', async () => {
    await library21();
    tamper('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 15');
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.error);
    expect(lines(r.out)).toEqual([
      expect.stringMatching(/^the append-only guard is missing now \(audit_log_no_delete dropped\)/),
      'the log ends at entry 15 but its signed head is entry 21: entries 16–21 were deleted',
    ]);
  });

  it('fails after every entry is deleted', async () => {
    await library21();
    tamper('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log');
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.error);
    expect(lines(r.out)).toEqual([
      expect.stringMatching(/guard is missing now/),
      'the log is empty: every library has at least its library_created entry, so all entries were deleted',
      'the log ends at entry 0 but its signed head is entry 21: entries 1–21 were deleted',
    ]);
  });

  it('fails after the signed head is deleted or re-pointed without the key, and the app records a lost head when it signs again', async () => {
    await library21();
    const last15 = () => {
      const db = new Database(dbFile(), { readonly: true });
      const h = db.prepare('SELECT hash FROM audit_log WHERE seq = 15').pluck().get() as string;
      db.close();
      return h;
    };
    tamper(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 15; UPDATE audit_anchor SET seq = 15, hash = '${last15()}';
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'no'); END;`);
    expect(lines((await cli('audit', 'verify', '--library', box.libraryPath)).out)).toEqual(['the signed head does not match its signature (edited?)']);

    tamper('DELETE FROM audit_anchor');
    expect(lines((await cli('audit', 'verify', '--library', box.libraryPath)).out)).toEqual(['the signed head is missing (deleted?): the newest entries cannot be vouched for']);
    // Opening puts a head back, and says so in the log for good.
    await withStudio(() => undefined);
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.error);
    expect(lines(r.out)).toEqual([expect.stringMatching(/^entry 16 \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): the signed head had been deleted and was signed again/)]);
  });

  it('fails after the triggers are dropped, before and after the app puts them back', async () => {
    await library21();
    tamper('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_append_only');
    // verify reads sqlite_master as found: it puts nothing back.
    const before = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(before.code).toBe(EXIT.error);
    expect(lines(before.out)).toEqual([expect.stringMatching(/^the append-only guard is missing now \(audit_log_no_update, audit_log_no_delete, audit_log_append_only dropped\)/)]);
    expect(lines((await cli('audit', 'verify', '--library', box.libraryPath)).out)).toHaveLength(1);

    // Opening the library (the app, serve, any command) re-creates them and records that they were gone.
    await withStudio((s) => {
      const restored = s.auditRepo.list().at(-1)!;
      expect([restored.seq, restored.action, restored.detail]).toEqual([22, 'audit_guard_restored', { triggers: ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_append_only'] }]);
      expect(() => s.database.exec('DELETE FROM audit_log WHERE seq = 22')).toThrow(/append-only/);
    });
    const after = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(after.code).toBe(EXIT.error);
    expect(lines(after.out)).toEqual([expect.stringMatching(/^entry 22 \(.* UTC\): the append-only guard had been removed \(audit_log_no_update, audit_log_no_delete, audit_log_append_only\) and was put back/)]);
  });

  it('fails where the head was signed by another machine, and the other machine records taking it over', async () => {
    await library21();
    const elsewhere = path.join(box.tmp, 'other-home');
    process.env.POSTFRAME_HOME = elsewhere;
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.error);
    expect(lines(r.out)).toEqual([expect.stringMatching(/^signed on another machine \(key [0-9a-f]{16}; this machine's key is [0-9a-f]{16}\): verify it where it was last used/)]);

    // The other machine works on it: its first entry records the head it found, then signs with its own key.
    await withStudio((s) => s.auditRepo.append({ actor: { id: 'u2', name: 'Bo' }, action: 'edit', postId: 'p1' }), elsewhere);
    const there = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(lines(there.out)).toEqual([expect.stringMatching(/^entry 22 \(.*\): the log came from another machine \(key [0-9a-f]{16}\); entries before it were signed there/)]);

    // Back home, the head it took over is checked with this machine's key: it named entry 21 as it still is.
    process.env.POSTFRAME_HOME = box.settingsDir;
    expect(lines((await cli('audit', 'verify', '--library', box.libraryPath)).out)).toEqual([expect.stringMatching(/^signed on another machine/)]);
  });

  it('anchors an older library once on open (trust on first use) and says so', async () => {
    // A library as Postframe before anchoring left it: schema 14 (accounts came just before), three chained entries, no head.
    expect((await cli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const db = new Database(dbFile());
    // Everything later migrations made goes too (0015's anchor and identity, 0016's beats, 0017's looks, 0018's
    // columns, 0019's started_at, 0020's first progress, 0021's restored_from): they run again on open.
    db.exec('DROP TABLE audit_anchor; DROP TABLE library_identity; DROP TABLE asset_beats; DROP TABLE looks; PRAGMA user_version = 14');
    db.exec('ALTER TABLE assets DROP COLUMN dynamic_range; ALTER TABLE assets DROP COLUMN media_rev; ALTER TABLE jobs DROP COLUMN started_at');
    db.exec('ALTER TABLE jobs DROP COLUMN first_progress_at; ALTER TABLE jobs DROP COLUMN first_progress; ALTER TABLE draft_revisions DROP COLUMN restored_from');
    db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log');
    db.exec(fs.readFileSync(path.join(__dirname, '..', 'library', 'migrations', '0006-audit.ts'), 'utf8').match(/CREATE TRIGGER audit_log_no_delete[\s\S]*?END;/)![0]);
    let prev = '0'.repeat(64);
    for (let seq = 1; seq <= 3; seq++) {
      const row = { seq, at: `2025-01-0${seq}T00:00:00.000Z`, actor_id: 'owner', actor_name: 'Owner', action: 'submit', post_id: 'p', detail: '{}', prev_hash: prev };
      const hash = auditHash(row);
      db.prepare('INSERT INTO audit_log VALUES (@seq, @at, @actor_id, @actor_name, @action, @post_id, @detail, @prev_hash, @hash)').run({ ...row, hash });
      prev = hash;
    }
    db.close();
    const old = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(old.code).toBe(EXIT.error);
    expect(old.err).toMatch(/not signed yet .* Open it once with this version/);

    await withStudio((s) => expect(s.auditRepo.list().at(-1)).toMatchObject({ seq: 4, action: 'audit_anchored', detail: { trustedUpTo: 3, hash: prev } }));
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.ok);
    expect(lines(r.out)).toEqual([expect.stringMatching(/^ok \(4 entries/), expect.stringMatching(/^note: entry 4 \(.*\): the log was first signed here; entries before it are trusted as they were found/)]);
  });

  it('refuses a key file others can read, saying what to chmod', async () => {
    await library21();
    fs.chmodSync(keyFilePath(box.settingsDir), 0o644);
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.error);
    expect(r.err).toContain(`chmod 600 "${keyFilePath(box.settingsDir)}"`);
  });

  it('refuses a missing library without creating one, and a wrong subcommand', async () => {
    const r = await cli('audit', 'verify', '--library', box.libraryPath);
    expect(r.code).toBe(EXIT.error);
    expect(r.err).toMatch(/no Postframe library at .*postframe library init/);
    expect(fs.existsSync(box.libraryPath)).toBe(false);
    const u = await cli('audit', 'check', '--library', box.libraryPath);
    expect(u.code).toBe(EXIT.usage);
    expect(u.err).toMatch(/Use: postframe audit verify --library DIR/);
    expect((await cli('audit', 'export', '--library', box.libraryPath)).code).toBe(EXIT.usage);
  });
});

describe('postframe audit export', () => {
  const box = useCliSandbox('pf-audit-export-');

  it('writes one line per entry and the signed head, checkable as docs/audit.md describes', async () => {
    expect((await runCli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const studio = await Studio.open({ libraryPath: box.libraryPath, settingsDir: box.settingsDir, shell: 'browser', visualBackfill: false });
    for (let i = 1; i <= 4; i++) studio.auditRepo.append({ actor: { id: 'u1', name: 'Ada' }, action: 'edit', postId: 'p1', detail: { n: i, note: 'ä "quoted"' } });
    await studio.close();
    const out = path.join(box.tmp, 'audit.jsonl');
    const r = await runCli('audit', 'export', '--library', box.libraryPath, '--out', out);
    expect(r).toEqual({ code: EXIT.ok, out: `Wrote 5 entries and the signed head to ${out}\n`, err: '' });

    // The check an outside archive runs: each hash recomputed, each link followed, the head matching the last line,
    // and (where the key is) the head's HMAC.
    const text = fs.readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const head = (text.pop() as { head: { libraryId: string; seq: number; hash: string; mac: string; keyId: string } }).head;
    let prev = '0'.repeat(64);
    for (const e of text) {
      const fields = { seq: e.seq, at: e.at, actorId: e.actorId, actorName: e.actorName, action: e.action, postId: e.postId, detail: e.detail, prevHash: e.prevHash };
      expect(createHashHex(canonicalJson(fields))).toBe(e.hash);
      expect(e.prevHash).toBe(prev);
      prev = e.hash as string;
    }
    expect([head.seq, head.hash]).toEqual([5, prev]);
    const key = machineKey(fs.readFileSync(keyFilePath(box.settingsDir)));
    expect(head.keyId).toBe(key.keyId);
    expect(anchorMac(key, head)).toBe(head.mac);
    expect(JSON.stringify(text)).not.toContain(key.key.toString('hex'));
  });
});

function createHashHex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
