import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, canonicalJson, describeAuditFinding, describeAuditProblem } from '../model/audit';
import { AuditRepo, auditHash } from './audit-repo';
import { type Db, migrate, openDatabase } from './db';
import { machineKey } from './secret-crypto';

const KEY = machineKey(Buffer.alloc(32, 7));

const ada = { id: 'u-ada', name: 'Ada' };
const cara = { id: 'u-cara', name: 'Cara' };

/** Simulates someone editing the file with another SQLite tool: the app's triggers are gone. */
function dropGuards(db: Db) {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_append_only;');
}

describe('AuditRepo', () => {
  let db: Db;
  let audit: AuditRepo;
  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db);
    audit = new AuditRepo(db, KEY);
  });
  afterEach(() => db.close());

  /** Five entries on two posts. */
  function seed() {
    audit.append({ actor: cara, action: 'submit', postId: 'p1', at: '2026-03-01T09:00:00.000Z' });
    audit.append({ actor: ada, action: 'reject', postId: 'p1', detail: { comment: 'Logo too small' }, at: '2026-03-01T10:00:00.000Z' });
    audit.append({ actor: cara, action: 'submit', postId: 'p2', at: '2026-03-01T11:00:00.000Z' });
    audit.append({ actor: ada, action: 'approve', postId: 'p2', detail: { complete: true }, at: '2026-03-01T12:00:00.000Z' });
    audit.append({ actor: cara, action: 'export', postId: 'p2', detail: { channel: 'tiktok', folder: 'x/y' }, at: '2026-03-01T13:00:00.000Z' });
  }

  it('chains each entry to the one before, starting from 64 zeros', () => {
    const first = audit.append({ actor: cara, action: 'submit', postId: 'p1', at: '2026-03-01T09:00:00.000Z' });
    const second = audit.append({ actor: ada, action: 'approve', postId: 'p1', detail: { b: 2, a: { y: 1, x: [1, 'z'] } } });
    expect(first).toMatchObject({ seq: 1, prevHash: AUDIT_GENESIS_HASH, actorName: 'Cara', action: 'submit', postId: 'p1', detail: {} });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, detail: { a: { x: [1, 'z'], y: 1 }, b: 2 } });
    // The hash is SHA-256 of the canonical JSON of the stored fields: recomputable by anyone.
    expect(auditHash({ seq: 1, at: '2026-03-01T09:00:00.000Z', actor_id: 'u-cara', actor_name: 'Cara', action: 'submit', post_id: 'p1', detail: '{}', prev_hash: AUDIT_GENESIS_HASH })).toBe(first.hash);
    expect(db.prepare('SELECT detail FROM audit_log WHERE seq = 2').pluck().get()).toBe('{"a":{"x":[1,"z"],"y":1},"b":2}');
    expect(audit.verifyChain()).toEqual({ ok: true, count: 2 });
  });

  it('lists by post, oldest first', () => {
    seed();
    expect(audit.list('p2').map((e) => e.action)).toEqual(['submit', 'approve', 'export']);
    expect(audit.list('p1').map((e) => [e.seq, e.actorName])).toEqual([[1, 'Cara'], [2, 'Ada']]);
    expect(audit.list().length).toBe(5);
    expect(audit.count()).toBe(5);
    expect(audit.verifyChain()).toEqual({ ok: true, count: 5 });
    expect(new AuditRepo(db, KEY).verifyChain()).toEqual({ ok: true, count: 5 });
  });

  it('verifies an empty log', () => {
    expect(audit.verifyChain()).toEqual({ ok: true, count: 0 });
  });

  it('names an edited entry', () => {
    seed();
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET detail = '{"comment":"Looks great"}' WHERE seq = 2`).run();
    expect(audit.verifyChain()).toEqual({ ok: false, seq: 2, problem: 'hash_mismatch' });
  });

  it('names the entry after one edited with a recomputed hash', () => {
    seed();
    dropGuards(db);
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Parameters<typeof auditHash>[0] & { hash: string };
    const forged = { ...row, actor_name: 'Eve' };
    db.prepare('UPDATE audit_log SET actor_name = ?, hash = ? WHERE seq = 3').run('Eve', auditHash(forged));
    expect(audit.verifyChain()).toEqual({ ok: false, seq: 4, problem: 'broken_link' });
  });

  it('names a deleted entry, in the middle or renumbered away', () => {
    seed();
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(audit.verifyChain()).toEqual({ ok: false, seq: 3, problem: 'gap' });
    // Closing the gap by renumbering changes what the later entries hash to.
    db.prepare('UPDATE audit_log SET seq = seq - 1 WHERE seq > 3').run();
    expect(audit.verifyChain()).toEqual({ ok: false, seq: 3, problem: 'hash_mismatch' });
  });

  it('names the first entry when it is deleted', () => {
    seed();
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE seq = 1').run();
    expect(audit.verifyChain()).toEqual({ ok: false, seq: 1, problem: 'gap' });
  });

  it('names an entry inserted with a self-consistent hash in a forged chain position', () => {
    seed();
    dropGuards(db);
    // Replace entry 2 by a forged one that links to entry 1 and hashes correctly: entry 3 no longer links.
    const e1 = db.prepare('SELECT hash FROM audit_log WHERE seq = 1').pluck().get() as string;
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const forged = { seq: 2, at: '2026-03-01T10:00:00.000Z', actor_id: 'u-ada', actor_name: 'Ada', action: 'approve', post_id: 'p1', detail: canonicalJson({}), prev_hash: e1 };
    db.prepare('INSERT INTO audit_log VALUES (@seq, @at, @actor_id, @actor_name, @action, @post_id, @detail, @prev_hash, @hash)').run({ ...forged, hash: auditHash(forged) });
    expect(audit.verifyChain()).toEqual({ ok: false, seq: 3, problem: 'broken_link' });
  });

  it('names an entry appended after the end that links to nothing', () => {
    seed();
    dropGuards(db);
    const forged = { seq: 6, at: '2026-03-02T00:00:00.000Z', actor_id: 'u-eve', actor_name: 'Eve', action: 'approve', post_id: 'p3', detail: '{}', prev_hash: AUDIT_GENESIS_HASH };
    db.prepare('INSERT INTO audit_log VALUES (@seq, @at, @actor_id, @actor_name, @action, @post_id, @detail, @prev_hash, @hash)').run({ ...forged, hash: auditHash(forged) });
    expect(audit.verifyChain()).toEqual({ ok: false, seq: 6, problem: 'broken_link' });
  });

  it('describes each problem for a person', () => {
    expect(describeAuditProblem({ ok: false, seq: 17, problem: 'hash_mismatch' })).toBe('entry 17: hash does not match its contents (edited?)');
    expect(describeAuditProblem({ ok: false, seq: 3, problem: 'gap' })).toBe('entry 3: missing (deleted?)');
    expect(describeAuditProblem({ ok: false, seq: 4, problem: 'broken_link' })).toMatch(/^entry 4: does not link/);
  });
});

describe('the audit log’s own entries', () => {
  it('are written only by the log itself (verify reads them as its history)', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const audit = new AuditRepo(db, KEY);
    for (const action of ['library_created', 'audit_anchored', 'audit_guard_restored', 'audit_head_restored', 'audit_key_changed'] as const) {
      expect(() => audit.append({ actor: ada, action, postId: null })).toThrow(/written by the audit log itself/);
    }
    expect(audit.count()).toBe(0);
    db.close();
  });

  it('describe a missing range in words: one entry, or several', () => {
    expect(describeAuditFinding({ kind: 'truncated', lastSeq: 1, anchoredSeq: 2 })).toBe('the log ends at entry 1 but its signed head is entry 2: entry 2 was deleted');
    expect(describeAuditFinding({ kind: 'truncated', lastSeq: 15, anchoredSeq: 21 })).toBe('the log ends at entry 15 but its signed head is entry 21: entries 16–21 were deleted');
    expect(describeAuditFinding({ kind: 'unsigned_tail', lastSeq: 9, anchoredSeq: 8 })).toBe('entry 9 comes after the signed head: added by another tool, not by Postframe');
  });
});
