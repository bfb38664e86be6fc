import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';
import { AppSession } from './app-session';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

/** The desktop app on a personal library acts as its owner; on a team library it asks who you are. */
describe('the app’s own sign-in', () => {
  let temp: TempStudio;
  let studio: Studio;

  beforeEach(async () => {
    temp = await openTempStudio('pf-appsession-', { passwordKdf: FAST });
    ({ studio } = temp);
  });
  afterEach(() => temp.close());

  it('acts as the owner on a personal library, with no sign-in', async () => {
    const s = new AppSession();
    expect(s.callerIn(studio)?.user).toMatchObject({ id: 'owner', role: 'admin' });
    expect(await s.handle(studio, { op: 'state' })).toEqual({ ok: true, state: { team: false, signedIn: true, user: expect.objectContaining({ id: 'owner' }) } });
  });

  it('on a team library: nobody until someone signs in, then that person; wrong passwords are refused and audited; sign-out ends it', async () => {
    const owner = studio.ownerCaller();
    const cleo = await studio.accounts.addUser(owner, { name: 'Cleo', login: 'cleo', password: 'a long creator password', role: 'creator' });
    const s = new AppSession();
    expect(s.callerIn(studio)).toBeNull();
    expect(await s.handle(studio, { op: 'state' })).toEqual({ ok: true, state: { team: true, signedIn: false, user: null } });
    const wrong = await s.handle(studio, { op: 'signIn', login: 'cleo', password: 'not her password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(s.callerIn(studio)).toBeNull();
    expect(studio.auditRepo.list().filter((e) => e.action === 'login_failed')).toHaveLength(1);

    const right = await s.handle(studio, { op: 'signIn', login: 'CLEO', password: 'a long creator password' });
    expect(right).toMatchObject({ ok: true, state: { team: true, signedIn: true, user: { id: cleo.id, role: 'creator' } } });
    expect(JSON.stringify(right)).not.toMatch(/token/i);
    // The app routes as her: an admin-only call is refused and recorded under her name.
    const r = await studio.route('policy.set', {}, s.callerIn(studio)!);
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(studio.auditRepo.list().at(-1)).toMatchObject({ action: 'access_denied', actorId: cleo.id });

    // Disabled by an admin: the app's session ends at the next call.
    studio.accounts.setDisabled(owner, { id: cleo.id, disabled: true });
    expect(s.callerIn(studio)).toBeNull();
    studio.accounts.setDisabled(owner, { id: cleo.id, disabled: false });
    await s.handle(studio, { op: 'signIn', login: 'cleo', password: 'a long creator password' });
    expect(s.callerIn(studio)?.user.id).toBe(cleo.id);
    expect(await s.handle(studio, { op: 'signOut' })).toEqual({ ok: true, state: { team: true, signedIn: false, user: null } });
    expect(s.callerIn(studio)).toBeNull();
  });

  it('refuses a malformed request from the page without acting', async () => {
    const s = new AppSession();
    for (const bad of [null, 'signIn', { op: 'signIn' }, { op: 'signIn', login: 'x', password: 'y', as: 'owner' }, { op: 'become', user: 'owner' }]) {
      expect(await s.handle(studio, bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });
});
