import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditActions, isAuditSelfAction } from '../model/audit';
import { AuditRepo } from './audit-repo';
import { migrate, openDatabase } from './db';
import { machineKey } from './secret-crypto';

const KEY = machineKey(Buffer.alloc(32, 9));

const step = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      action: fc.constantFrom(...auditActions.filter((a) => !isAuditSelfAction(a))),
      actor: fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), name: fc.string({ maxLength: 12 }) }),
      postId: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null }),
      detail: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })),
    }),
  },
  // The library closed and opened again (the app restarting): a new repository on the same file.
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
);

/** A new library (schema 0 → latest, genesis signed) and what a random session did to it. */
function play(steps: ({ kind: 'reopen' } | { kind: 'append'; action: (typeof auditActions)[number]; actor: { id: string; name: string }; postId: string | null; detail: Record<string, unknown> })[]) {
  const db = openDatabase(':memory:');
  migrate(db);
  let audit = new AuditRepo(db, KEY);
  audit.secureOnOpen({ schemaBefore: 0 });
  let appended = 0;
  for (const s of steps) {
    if (s.kind === 'reopen') {
      audit = new AuditRepo(db, KEY);
      audit.secureOnOpen({ schemaBefore: 15 });
    } else {
      audit.append({ actor: s.actor, action: s.action, postId: s.postId, detail: s.detail });
      appended++;
    }
  }
  return { db, audit, appended };
}

describe('the signed audit head (property)', () => {
  it('any sequence of appends and reopens verifies, with the head on the last entry', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { db, audit, appended } = play(steps);
        const r = audit.verify();
        expect(r).toEqual({ ok: true, count: appended + 1, keyId: KEY.keyId, findings: [], notes: [] });
        db.close();
      }),
      { numRuns: 150 },
    );
  });

  it('after any one change to an entry, or losing any number of the newest entries, verify fails', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.nat(),
        fc.oneof(fc.constant('edit' as const), fc.constant('truncate' as const)),
        (steps, pick, how) => {
          const { db, audit } = play(steps);
          const count = audit.count();
          const seq = 1 + (pick % count);
          db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
          if (how === 'edit') db.prepare("UPDATE audit_log SET actor_name = actor_name || 'x' WHERE seq = ?").run(seq);
          else db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(seq);
          expect(audit.verify().ok).toBe(false);
          db.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});
