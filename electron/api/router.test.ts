import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import type { ApiImpl, CallName, Caller } from './contract';
import { access, mayCall, takesActorId } from './access';
import { calls } from './contract';
import { type Refusal, type Route, createRouter } from './router';

/** Only the calls a test touches; the router looks calls up by name. */
function fakeImpl(overrides: Partial<Record<keyof ApiImpl, (input: never) => Promise<unknown>>>): ApiImpl {
  return overrides as unknown as ApiImpl;
}

const owner: Caller = { user: { id: 'owner', name: 'Owner', role: 'admin' }, sessionId: null };
const cleo: Caller = { user: { id: 'u-cleo', name: 'Cleo', role: 'creator' }, sessionId: 's1' };
const ava: Caller = { user: { id: 'u-ava', name: 'Ava', role: 'approver' }, sessionId: 's2' };
const asOwner = (route: Route) => (name: unknown, input: unknown) => route(name, input, owner);

describe('createRouter', () => {
  const logged: unknown[][] = [];
  const log = { error: (...args: unknown[]) => logged.push(args) };

  it('refuses an unknown call by name, including inherited object keys', async () => {
    const route = asOwner(createRouter(fakeImpl({}), { log }));
    expect(await route('assets.explode', {})).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Unknown call "assets.explode".' } });
    expect(await route('toString', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await route('__proto__', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await route(42, {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Unknown call "42".' } });
  });

  it('passes parsed input with defaults to the implementation', async () => {
    let seen: unknown;
    const route = asOwner(createRouter(fakeImpl({ 'assets.list': async (input) => ((seen = input), { items: [], total: 0 }) }), { log }));
    expect(await route('assets.list', { query: 'beach' })).toEqual({ ok: true, value: { items: [], total: 0 } });
    expect(seen).toEqual({ query: 'beach', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 200 });
    // A missing input counts as {}.
    expect(await route('assets.list', undefined)).toMatchObject({ ok: true });
  });

  it('explains invalid input in words, naming the field', async () => {
    let called = false;
    const route = asOwner(createRouter(fakeImpl({ 'assets.update': async () => ((called = true), {}) }), { log }));
    const r = await route('assets.update', { id: 'a1', name: '   ' });
    expect(r).toEqual({ ok: false, error: { code: 'invalid_input', message: 'name: A name cannot be empty' } });
    const limit = await route('assets.list', { limit: 5000 });
    expect(limit).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^limit: /) } });
    const nested = await route('imports.start', { uploads: [{ id: '', name: 'x' }] });
    expect(nested).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^uploads\.0\.id: /) } });
    const extra = await route('app.info', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/sneaky/) } });
    const refine = await route('imports.start', {});
    expect(refine).toMatchObject({ ok: false, error: { message: 'Choose at least one file or folder to import' } });
    expect(called).toBe(false);
  });

  it('passes an AppError code and message through', async () => {
    const route = asOwner(createRouter(fakeImpl({ 'assets.get': async () => { throw new AppError('not_found', 'This asset is no longer in the library.'); } }), { log }));
    expect(await route('assets.get', { id: 'x' })).toEqual({ ok: false, error: { code: 'not_found', message: 'This asset is no longer in the library.' } });
  });

  it('turns an unexpected error into internal, logged, with no stack trace in the message', async () => {
    logged.length = 0;
    const boom = new TypeError("Cannot read properties of undefined (reading 'x')");
    const route = asOwner(createRouter(fakeImpl({ 'tags.list': async () => { throw boom; } }), { log }));
    const r = await route('tags.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    const message = (r as { error: { message: string } }).error.message;
    expect(message).toContain("Cannot read properties of undefined (reading 'x')");
    expect(message).not.toMatch(/\n\s+at |router\.test\.ts|TypeError/);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toEqual([expect.stringContaining('tags.list'), boom]);

    const thrownString = asOwner(createRouter(fakeImpl({ 'tags.list': async () => { // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point: a thrown non-Error
        throw 'plain string'; } }), { log }));
    expect(await thrownString('tags.list', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('plain string') } });
  });

  it('fills actorId from the caller, and refuses (and reports) an input naming someone else', async () => {
    const seen: unknown[] = [];
    const refusals: [Caller, Refusal][] = [];
    const route = createRouter(fakeImpl({ 'posts.comment': async (input) => (seen.push(input), {}) }), { log, refused: (c, r) => refusals.push([c, r]) });
    expect(await route('posts.comment', { id: 'p1', body: 'Looks good' }, cleo)).toMatchObject({ ok: true });
    expect(seen).toEqual([{ id: 'p1', body: 'Looks good', actorId: 'u-cleo' }]);
    expect(await route('posts.comment', { id: 'p1', body: 'Same me', actorId: 'u-cleo' }, cleo)).toMatchObject({ ok: true });
    for (const named of ['owner', 'u-ava', '', 42, null]) {
      const r = await route('posts.comment', { id: 'p1', body: 'As the boss', actorId: named }, cleo);
      expect(r).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/acts as the person signed in/) } });
    }
    expect(seen).toHaveLength(2);
    expect(refusals).toHaveLength(5);
    expect(refusals[0]).toEqual([cleo, { call: 'posts.comment', why: 'named_another_user', detail: { named: 'owner' } }]);
  });

  it('refuses a call above the caller’s role before the handler runs, saying who may', async () => {
    let ran = 0;
    const refusals: Refusal[] = [];
    const impl = fakeImpl({ 'policy.set': async () => (ran++, {}), 'posts.transition': async () => (ran++, {}) });
    const route = createRouter(impl, { log, refused: (_c, r) => refusals.push(r) });
    expect(await route('policy.set', { policy: undefined }, cleo)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Only an admin can change the compliance policy and approval rules. Ask an admin to do it, or to change your role.' },
    });
    expect(await route('posts.transition', { id: 'p1', event: 'approve' }, cleo)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^Only an approver or an admin can approve posts/) } });
    expect(await route('posts.transition', { id: 'p1', event: 'request_changes', comment: 'no' }, cleo)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // A malformed call above the caller's role is refused for the role, not explained as input.
    expect(await route('policy.set', { policy: 'everything off' }, cleo)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    refusals.pop();
    expect(ran).toBe(0);
    expect(refusals.map((r) => [r.call, r.why, r.detail])).toEqual([
      ['policy.set', 'role', { role: 'creator', needs: 'policy.edit' }],
      ['posts.transition', 'role', { role: 'creator', needs: 'posts.review' }],
      ['posts.transition', 'role', { role: 'creator', needs: 'posts.review' }],
    ]);
    // The same steps pass the first wall for a reviewer and the author's own steps for anyone.
    expect(await route('posts.transition', { id: 'p1', event: 'approve' }, ava)).toMatchObject({ ok: true });
    expect(await route('posts.transition', { id: 'p1', event: 'submit' }, cleo)).toMatchObject({ ok: true });
    expect(ran).toBe(2);
  });

  it('never lets a client take the engine’s own workflow steps', async () => {
    const route = asOwner(createRouter(fakeImpl({ 'posts.transition': async () => ({}) }), { log }));
    for (const event of ['start_render', 'render_done', 'deliver_done', 'fail']) {
      expect(await route('posts.transition', { id: 'p1', event })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('a refusal that cannot be recorded is still a refusal, and is logged', async () => {
    logged.length = 0;
    const route = createRouter(fakeImpl({}), { log, refused: () => { throw new Error('disk full'); } });
    expect(await route('users.create', { name: 'Eve', role: 'admin' }, cleo)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(logged).toHaveLength(1);
  });
});

describe('the access table', () => {
  const names = Object.keys(calls) as CallName[];

  it('has a row for every call and no other', () => {
    expect(Object.keys(access).sort()).toEqual([...names].sort());
  });

  it('lets an admin make every call; a creator and an approver exactly the calls open to everyone', () => {
    const sample = { event: 'approve' } as never;
    for (const name of names) {
      expect(mayCall(owner.user, name, sample).ok, name).toBe(true);
      const rule = access[name];
      const open = rule === 'everyone' || (typeof rule === 'function' && rule(sample) === 'everyone');
      expect(mayCall(cleo.user, name, sample).ok, name).toBe(open);
    }
  });

  it('finds every call whose input names an actor (so none slips past the router’s fill)', () => {
    const withActor = names.filter((n) => takesActorId(calls[n].input));
    // Each of these schemas mentions actorId: a schema wrapped in a refinement or pipe must still be found.
    for (const n of names) {
      const accepts = calls[n].input.safeParse({ actorId: '\u0000' });
      if (withActor.includes(n)) continue;
      // A call without the field must not quietly accept one either (strict objects refuse, plain ones strip it).
      if (accepts.success) expect(Object.hasOwn(accepts.data as object, 'actorId'), n).toBe(false);
    }
    expect(withActor).toEqual(expect.arrayContaining(['posts.transition', 'posts.create', 'policy.set', 'connectors.set', 'kits.update', 'fonts.add', 'models.choose', 'library.backup', 'library.restore', 'drafts.save', 'queue.importCsv', 'users.create']));
  });
});
