import type { Caller, CallResult } from '../api/contract';
import { AppAuthRequest } from '../api/app-auth';
import type { AppAuthAnswer, AppAuthState } from '../api/transport';
import { isAppError } from '../model/errors';
import type { Studio } from '../studio';

/** Every call of a team library before anyone has signed in to the app. */
export const SIGN_IN_FIRST: CallResult<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This library is shared by a team: sign in to work in it.' },
};

/**
 * Who the desktop app acts for (DESIGN.md "Accounts and trust"). A personal library (nobody has a login) is its
 * owner's: no sign-in. A team library asks who you are, like the host does, through the same AccountsService
 * (throttled, audited); the session token stays in the main process and never reaches the page. Opening another
 * library ends the question for the old one: a token is only ever valid in the library that issued it.
 */
export class AppSession {
  private token: string | null = null;

  constructor(private readonly meta = { address: 'this computer (Postframe app)', userAgent: 'Postframe desktop app' }) {}

  /** The caller for the next call, or null when a team library waits for sign-in. */
  callerIn(studio: Studio): Caller | null {
    if (!studio.accounts.isTeam()) return studio.ownerCaller();
    if (!this.token) return null;
    const caller = studio.accounts.session(this.token);
    if (!caller) this.token = null;
    return caller;
  }

  state(studio: Studio): AppAuthState {
    const team = studio.accounts.isTeam();
    const caller = this.callerIn(studio);
    return { team, signedIn: caller !== null, user: caller?.user ?? null };
  }

  async handle(studio: Studio, raw: unknown): Promise<AppAuthAnswer> {
    const parsed = AppAuthRequest.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: 'That sign-in request is not valid. Reload the window.' } };
    const request = parsed.data;
    try {
      if (request.op === 'signIn') {
        const r = await studio.accounts.signIn({ login: request.login, password: request.password }, this.meta);
        if (!r.ok) return { ok: false, error: { code: r.code === 'throttled' ? 'unauthorized' : r.code, message: r.message, retryAfterSeconds: r.retryAfterSeconds } };
        this.token = r.token;
      } else if (request.op === 'signOut') {
        const caller = this.token ? studio.accounts.session(this.token) : null;
        if (caller?.sessionId) studio.accounts.signOut(caller.sessionId);
        this.token = null;
      }
      return { ok: true, state: this.state(studio) };
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: { code: e.code, message: e.message } };
      throw e;
    }
  }
}
