import { useCallback, useEffect, useState } from 'react';
import type { PendingInvite } from '../../../../electron/api/contract';
import { call, errorText, onEvent } from '../../api/client';
import { getLocale, t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { expiresInText, inviteRoleText } from '../account/inviteText';

/**
 * Settings → Team, admins only: invites nobody has used yet (which role each makes, who made it, how long it still
 * works) and Cancel, after which its link opens nothing. Live: another admin's invite or cancel, or someone
 * accepting, reloads the list (`invites.changed`). The host checks 'users.manage' again on both calls.
 */
export function PendingInvites() {
  const [invites, setInvites] = useState<PendingInvite[]>([]);
  // "Works until" counts from when the list was read (it reloads on every change).
  const [readAt, setReadAt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const showToast = useStore((s) => s.showToast);
  const load = useCallback(
    () =>
      call('users.invites', {}).then(
        (list) => {
          setInvites(list);
          setReadAt(Date.now());
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [],
  );
  useEffect(() => {
    void load();
    const offInvites = onEvent('invites.changed', () => void load());
    const offLib = onEvent('library.changed', () => void load());
    return () => {
      offInvites();
      offLib();
    };
  }, [load]);
  // Cancelling cannot be undone (the link is spent), so it is asked first, with "Keep it" focused.
  const [confirming, setConfirming] = useState<PendingInvite | null>(null);
  const cancel = (i: PendingInvite) => {
    setConfirming(null);
    return call('users.cancelInvite', { id: i.id }).then(
      () => showToast({ message: t('team.pendingCancelled'), tone: 'success' }),
      (e: unknown) => showToast({ message: errorText(e), tone: 'error' }),
    );
  };
  if (invites.length === 0 && !error) return null;
  return (
    <div className="team__pending" data-testid="team-pending">
      <h3 className="field__label">{t('team.pendingTitle')}</h3>
      <p className="field__hint">{t('team.pendingLead')}</p>
      {error && (
        <p className="banner banner--error banner--inline" role="alert">
          {error}
        </p>
      )}
      <table className="team__table">
        <thead>
          <tr>
            <th>{t('team.pendingRole')}</th>
            <th>{t('team.pendingBy')}</th>
            <th>{t('team.pendingExpires')}</th>
            <th aria-label={t('team.pendingCancel')} />
          </tr>
        </thead>
        <tbody>
          {invites.map((i) => {
            const as = inviteRoleText(i.role, i.approverChannels);
            return (
              <tr key={i.id} data-testid="team-pending-row" data-role={i.role}>
                <td>{as}</td>
                <td>{i.createdBy.name}</td>
                <td title={formatDateTime(i.expiresAt, getLocale())}>{expiresInText(i.expiresAt, readAt)}</td>
                <td>
                  <Button size="sm" variant="ghost" onClick={() => setConfirming(i)} aria-label={t('team.pendingCancelLabel', { as })} data-testid="team-pending-cancel">
                    {t('team.pendingCancel')}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Dialog
        open={confirming !== null}
        title={t('team.pendingConfirmTitle')}
        onClose={() => setConfirming(null)}
        testId="team-pending-confirm"
        footer={
          <>
            <Button onClick={() => setConfirming(null)}>{t('team.pendingConfirmKeep')}</Button>
            <Button variant="danger" onClick={() => confirming && void cancel(confirming)} data-testid="team-pending-confirm-go">
              {t('team.pendingCancel')}
            </Button>
          </>
        }
      >
        {confirming && <p>{t('team.pendingConfirmBody', { as: inviteRoleText(confirming.role, confirming.approverChannels), by: confirming.createdBy.name })}</p>}
      </Dialog>
    </div>
  );
}
