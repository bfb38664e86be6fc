import type { ApiPart, StudioContext } from './context';
import { callerOf } from '../api/router';
import type { AccountsService } from './accounts-service';

type AccountCalls = 'session.me' | 'account.changePassword' | 'account.signOutEverywhere' | 'users.invite' | 'users.resetLink' | 'users.setRole' | 'users.setDisabled';

/**
 * The account calls (issue 13): each acts for the caller the transport vouches for (`callerOf`), never for a
 * person the input names. Who may is api/access.ts ('users.manage' for the team's accounts); the service checks
 * it again with the user read fresh, so a role removed a moment ago counts.
 */
export function accountsApi(ctx: Pick<StudioContext, 'emit'>, accounts: () => AccountsService): ApiPart<AccountCalls> {
  return {
    async 'session.me'(_input, caller) {
      const c = callerOf(caller);
      return { user: accounts().me(c), team: accounts().isTeam() };
    },
    async 'account.changePassword'(input, caller) {
      await accounts().changePassword(callerOf(caller), input);
      return {};
    },
    async 'account.signOutEverywhere'(_input, caller) {
      return { ended: accounts().signOutEverywhere(callerOf(caller)) };
    },
    async 'users.invite'(input, caller) {
      return accounts().invite(callerOf(caller), input);
    },
    async 'users.resetLink'(input, caller) {
      return accounts().resetLink(callerOf(caller), input.id);
    },
    async 'users.setRole'(input, caller) {
      const u = accounts().setRole(callerOf(caller), input);
      ctx.emit('users.changed', { ids: [u.id] });
      return u;
    },
    async 'users.setDisabled'(input, caller) {
      const u = accounts().setDisabled(callerOf(caller), input);
      ctx.emit('users.changed', { ids: [u.id] });
      return u;
    },
  };
}
