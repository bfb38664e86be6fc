import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../model/post';
import { access, EDIT_DRAFTS, mayCallAtAll } from './access';
import type { ApiImpl, Caller, CallName } from './contract';
import { createRouter } from './router';

const roles = ['creator', 'approver', 'admin'] as const satisfies readonly Role[];

/**
 * The rows written as EDIT_DRAFTS in access.ts. Read from the source: EDIT_DRAFTS is 'everyone' today, so the table's
 * values cannot tell a row tied to it from a row open to everyone on its own.
 */
const tiedToEditDrafts = [...fs.readFileSync(new URL('./access.ts', import.meta.url), 'utf8').matchAll(/^\s*'([\w.]+)': EDIT_DRAFTS,$/gm)].map((m) => m[1] as CallName);

// Reverse and freeze frame start media work for an edit; restoring a version writes the draft as a save does:
// whoever may not save drafts may not do them either.
describe('the calls that follow drafts.save', () => {
  it('are written as EDIT_DRAFTS, as drafts.save is', () => {
    expect([...tiedToEditDrafts].sort()).toEqual(['drafts.restoreRevision', 'drafts.save', 'freezeFrame.make', 'reverse.start']);
  });

  it('follow drafts.save for every role', () => {
    for (const name of ['reverse.start', 'freezeFrame.make', 'drafts.restoreRevision'] as const) {
      expect(access[name], name).toBe(EDIT_DRAFTS);
      expect(access['drafts.save']).toBe(EDIT_DRAFTS);
      for (const role of roles) {
        const user = { id: 'u', name: 'U', role };
        expect(mayCallAtAll(user, name).ok, `${role} ${name}`).toBe(mayCallAtAll(user, 'drafts.save').ok);
      }
    }
  });

  it('reading a draft’s version history stays open to every role', () => {
    expect(access['drafts.revisions']).toBe('everyone');
  });
});

/**
 * Every role may edit drafts today, so no real role is refused. This takes draft editing away from creators the way a
 * change of EDIT_DRAFTS would (every row tied to it, and only those, becomes an admin's permission) and checks the
 * router then refuses a creator's restore before the handler runs, while the history stays readable.
 */
describe('a role that may not save drafts', () => {
  const saved = { ...access };
  afterEach(() => Object.assign(access, saved));

  it('is refused restoring a version, and may still read the list', async () => {
    const table = access as Record<CallName, unknown>;
    for (const name of tiedToEditDrafts) table[name] = 'templates.edit';
    const ran: string[] = [];
    const impl = {
      'drafts.save': async () => (ran.push('save'), { revision: 2, updatedAt: '' }),
      'drafts.restoreRevision': async () => (ran.push('restore'), {}),
      'drafts.revisions': async () => (ran.push('revisions'), []),
    } as unknown as ApiImpl;
    const route = createRouter(impl, { log: { error: () => undefined }, refused: () => undefined });
    const cleo: Caller = { user: { id: 'u-cleo', name: 'Cleo', role: 'creator' }, sessionId: 's1' };
    const owner: Caller = { user: { id: 'owner', name: 'Owner', role: 'admin' }, sessionId: null };

    const id = '00000000-0000-4000-8000-000000000001';
    expect(await route('drafts.restoreRevision', { id, revision: 1 }, cleo)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^Only an admin can/) } });
    expect(ran).toEqual([]);
    expect(await route('drafts.revisions', { id }, cleo)).toMatchObject({ ok: true });
    expect(await route('drafts.restoreRevision', { id, revision: 1 }, owner)).toMatchObject({ ok: true });
    expect(ran).toEqual(['revisions', 'restore']);
  });
});
