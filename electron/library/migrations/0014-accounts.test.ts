import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';
import { m0014 } from './0014-accounts';

const V = m0014.version;
const hash = (c: string) => c.repeat(64);

describe('migration 0014 (accounts), on a library file', () => {
  let dir: string;
  let file: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-0014-'));
    file = path.join(dir, 'library.db');
    db = openDatabase(file);
    migrate(db, migrations, V - 1);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every user, none of them able to sign in, and makes logins unique without case', () => {
    db.prepare("INSERT INTO users (id, name, role) VALUES ('u1', 'Ana', 'creator')").run();
    expect(migrate(db, migrations, V)).toBe(V);
    db.close();
    db = openDatabase(file);
    expect(schemaVersion(db)).toBe(V);
    const rows = db.prepare('SELECT id, login, password_hash, disabled_at, approver_channels, created_at FROM users ORDER BY id').all() as Record<string, unknown>[];
    expect(rows.map((r) => [r.id, r.login, r.password_hash, r.disabled_at, r.approver_channels])).toEqual([
      ['owner', null, null, null, null],
      ['u1', null, null, null, null],
    ]);
    expect(rows.every((r) => typeof r.created_at === 'string' && !Number.isNaN(Date.parse(r.created_at)))).toBe(true);
    db.prepare("UPDATE users SET login = 'Ana' WHERE id = 'u1'").run();
    expect(() => db.prepare("UPDATE users SET login = 'ana' WHERE id = 'owner'").run()).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT id FROM users WHERE login = 'ANA'").pluck().get()).toBe('u1');
    db.prepare("INSERT INTO users (id, name, role) VALUES ('u2', 'Bo', 'approver')").run();
  });

  it('stores sessions and links by token hash only, and drops them with their user', () => {
    migrate(db, migrations, V);
    db.prepare("INSERT INTO users (id, name, role) VALUES ('u1', 'Ana', 'creator')").run();
    const addSession = db.prepare("INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (?, 'u1', 't', 't', 't')");
    addSession.run(hash('a'));
    expect(() => addSession.run('short-token')).toThrow(/CHECK/);
    const addLink = db.prepare('INSERT INTO invites (id, kind, role, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    addLink.run(hash('b'), 'invite', 'approver', null, 'owner', 't', 't');
    addLink.run(hash('c'), 'reset', null, 'u1', 'owner', 't', 't');
    expect(() => addLink.run(hash('d'), 'invite', null, null, 'owner', 't', 't')).toThrow(/CHECK/);
    expect(() => addLink.run(hash('e'), 'reset', null, null, 'owner', 't', 't')).toThrow(/CHECK/);
    expect(() => addLink.run(hash('f'), 'invite', 'boss', null, 'owner', 't', 't')).toThrow(/CHECK/);
    db.prepare("DELETE FROM users WHERE id = 'u1'").run();
    expect(db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(0);
    expect(db.prepare('SELECT kind FROM invites').pluck().all()).toEqual(['invite']);
  });
});
