import type { ApiPart } from './context';
import { callerOf } from '../api/router';
import type { AccountsService } from './accounts-service';

type AccountCalls = 'session.me' | 'account.changePassword' | 'account.signOutEverywhere' | 'users.invite' | 'users.invites' | 'users.cancelInvite' | 'users.resetLink' | 'users.setRole' | 'users.setDisabled';

/**
 * The account calls (issue 13): each acts for the caller the transport vouches for (`callerOf`), never for a
 * person the input names. Who may is api/access.ts ('users.manage' for the team's accounts); the service checks
 * it again with the user read fresh, so a role removed a moment ago counts. The service tells the app of changes
 * (`users.changed`), whichever door they came through: the API, the host's sign-in routes or the CLI.
 */
export function accountsApi(accounts: () => AccountsService): ApiPart<AccountCalls> {
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
    async 'users.invites'(_input, caller) {
      return accounts().pendingInvites(callerOf(caller));
    },
    async 'users.cancelInvite'(input, caller) {
      accounts().cancelInvite(callerOf(caller), input.id);
      return {};
    },
    async 'users.resetLink'(input, caller) {
      return accounts().resetLink(callerOf(caller), input.id);
    },
    async 'users.setRole'(input, caller) {
      return accounts().setRole(callerOf(caller), input);
    },
    async 'users.setDisabled'(input, caller) {
      return accounts().setDisabled(callerOf(caller), input);
    },
  };
}
