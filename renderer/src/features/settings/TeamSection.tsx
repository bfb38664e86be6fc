import { useCallback, useEffect, useState } from 'react';
import { can } from '../../../../electron/model/permissions';
import type { Role, User } from '../../../../electron/model/post';
import { channelLimits } from '../../../../electron/model/channels';
import { call, errorText, onEvent } from '../../api/client';
import { getLocale, t, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useStore } from '../../store';
import { useMe } from '../../store/meStore';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { inviteRoleText } from '../account/inviteText';
import { PendingInvites } from './PendingInvites';
import { LinkDialog, RoleDialog } from './TeamDialogs';
import { aloneIn, oneTimeLink, teamOrder } from './teamLogic';
import '../account/account.css';

const roleText = (r: Role) => t(`queue.role.${r}` as MessageKey);

/**
 * Settings → Team: the library's people with role, login, status and approver channels. Admins invite (a one-time
 * link), change roles and channels, disable or enable, and make password-reset links; others see the list only.
 * The host checks every change again ('users.manage') and says why it refuses (the last admin, …).
 */
export function TeamSection() {
  const me = useMe();
  const [users, setUsers] = useState<User[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'invite' } | { kind: 'role' | 'disable'; user: User } | { kind: 'link'; title: string; url: string; note: string; makes?: string } | null>(null);
  const showToast = useStore((s) => s.showToast);
  const load = useCallback(() => call('users.list', {}).then(setUsers, (e: unknown) => setError(errorText(e))), []);
  useEffect(() => {
    void load();
    const offUsers = onEvent('users.changed', () => void load());
    const offLib = onEvent('library.changed', () => void load());
    return () => {
      offUsers();
      offLib();
    };
  }, [load]);

  const admin = me !== null && can(me.role, 'users.manage');
  const fail = (e: unknown) => showToast({ message: errorText(e), tone: 'error' });
  const when = (iso: string) => formatDateTime(iso, getLocale());
  const resetLink = (u: User) =>
    call('users.resetLink', { id: u.id }).then(
      (l) => setDialog({ kind: 'link', title: t('team.resetTitle', { name: u.name }), url: oneTimeLink(window.location.origin, 'reset', l.token), note: t('team.resetLinkOnce', { when: when(l.expiresAt), name: u.name }) }),
      fail,
    );
  const enable = (u: User) => call('users.setDisabled', { id: u.id, disabled: false }).then(() => showToast({ message: t('team.enabledToast', { name: u.name }), tone: 'success' }), fail);

  return (
    <section className="card" aria-labelledby="settings-team" data-testid="team-section">
      <h2 id="settings-team" className="card__title">
        {t('team.title')}
      </h2>
      <p className="field__hint">{t('team.lead')}</p>
      {error && (
        <p className="banner banner--error banner--inline" role="alert">
          {error}
        </p>
      )}
      {!admin && <p className="field__hint">{t('team.readOnly')}</p>}
      {aloneIn(users, me?.id ?? null) ? (
        <p className="field__hint" data-testid="team-empty">
          {t('team.empty')}
        </p>
      ) : null}
      <table className="team__table" data-testid="team-list">
        <thead>
          <tr>
            <th>{t('team.colName')}</th>
            <th>{t('team.colLogin')}</th>
            <th>{t('team.colRole')}</th>
            <th>{t('team.colChannels')}</th>
            <th>{t('team.colStatus')}</th>
            {admin && <th aria-label={t('team.actions', { name: '' })} />}
          </tr>
        </thead>
        <tbody>
          {teamOrder(users, me?.id ?? null).map((u) => (
            <tr key={u.id} className={u.disabled ? 'team__row--disabled' : undefined} data-testid="team-row" data-login={u.login ?? ''} data-role={u.role} data-disabled={u.disabled ? 'true' : 'false'}>
              <td>
                {u.name}
                {u.id === me?.id && <span className="field__hint"> ({t('team.you')})</span>}
              </td>
              <td className={u.login ? 'mono' : 'field__hint'}>{u.login ?? t('team.noLogin')}</td>
              <td>{roleText(u.role)}</td>
              <td>{u.role === 'creator' ? '—' : u.role === 'admin' || !u.approverChannels ? t('team.allChannels') : u.approverChannels.map((c) => channelLimits[c].label).join(', ')}</td>
              <td>{u.disabled ? t('team.disabled') : t('team.active')}</td>
              {admin && (
                <td>
                  <div className="team__actions" role="group" aria-label={t('team.actions', { name: u.name })}>
                    <Button size="sm" variant="ghost" onClick={() => setDialog({ kind: 'role', user: u })} data-testid="team-edit">
                      {t('team.edit')}
                    </Button>
                    {u.login && u.id !== me?.id && (
                      <Button size="sm" variant="ghost" onClick={() => void resetLink(u)} data-testid="team-reset">
                        {t('team.resetLink')}
                      </Button>
                    )}
                    {u.id !== me?.id &&
                      (u.disabled ? (
                        <Button size="sm" variant="ghost" onClick={() => void enable(u)} data-testid="team-enable">
                          {t('team.enable')}
                        </Button>
                      ) : (
                        <Button size="sm" variant="ghost" onClick={() => setDialog({ kind: 'disable', user: u })} data-testid="team-disable">
                          {t('team.disable')}
                        </Button>
                      ))}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {admin && <PendingInvites />}
      {admin && (
        <div className="open-library__actions">
          <Button variant="primary" onClick={() => setDialog({ kind: 'invite' })} data-testid="team-invite">
            {t('team.invite')}
          </Button>
        </div>
      )}
      {dialog?.kind === 'invite' && (
        <RoleDialog
          title={t('team.inviteTitle')}
          lead={t('team.inviteLead')}
          submit={t('team.makeLink')}
          onClose={() => setDialog(null)}
          onSave={(role, approverChannels) =>
            call('users.invite', { role, approverChannels }).then((l) =>
              setDialog({
                kind: 'link',
                title: t('team.link'),
                url: oneTimeLink(window.location.origin, 'invite', l.token),
                makes: t('team.linkMakes', { as: inviteRoleText(role, approverChannels) }),
                note: t('team.linkOnce', { when: when(l.expiresAt) }),
              }),
            )
          }
        />
      )}
      {dialog?.kind === 'role' && (
        <RoleDialog
          title={t('team.editTitle', { name: dialog.user.name })}
          initial={dialog.user}
          submit={t('account.save')}
          onClose={() => setDialog(null)}
          onSave={(role, approverChannels) =>
            call('users.setRole', { id: dialog.user.id, role, approverChannels }).then(() => {
              showToast({ message: t('team.saved', { name: dialog.user.name }), tone: 'success' });
              setDialog(null);
            })
          }
        />
      )}
      {dialog?.kind === 'disable' && (
        <Dialog
          open
          title={t('team.disableTitle', { name: dialog.user.name })}
          onClose={() => setDialog(null)}
          testId="team-disable-dialog"
          footer={
            <>
              <Button variant="ghost" onClick={() => setDialog(null)}>
                {t('action.cancel')}
              </Button>
              <Button
                variant="danger"
                data-testid="team-disable-confirm"
                onClick={() => {
                  const u = dialog.user;
                  setDialog(null);
                  void call('users.setDisabled', { id: u.id, disabled: true }).then(() => showToast({ message: t('team.disabledToast', { name: u.name }), tone: 'success' }), fail);
                }}
              >
                {t('team.disable')}
              </Button>
            </>
          }
        >
          <p>{t('team.disableBody', { name: dialog.user.name })}</p>
        </Dialog>
      )}
      {dialog?.kind === 'link' && <LinkDialog title={dialog.title} url={dialog.url} note={dialog.note} makes={dialog.makes} onClose={() => setDialog(null)} />}
    </section>
  );
}
