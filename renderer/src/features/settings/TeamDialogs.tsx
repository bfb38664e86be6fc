import { useState } from 'react';
import { channelLimits } from '../../../../electron/model/channels';
import { channelIds, type ChannelId, type Role, type User } from '../../../../electron/model/post';
import { errorText } from '../../api/client';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { channelsToSend } from './teamLogic';

const ROLES: Role[] = ['creator', 'approver', 'admin'];
const roleText = (r: Role) => t(`queue.role.${r}` as MessageKey);

/** Role and (for approvers) the channels they approve; used to invite and to change a person's role. */
export function RoleDialog(props: { title: string; lead?: string; submit: string; initial?: User; onClose: () => void; onSave: (role: Role, channels: ChannelId[] | null) => Promise<void> }) {
  const [role, setRole] = useState<Role>(props.initial?.role ?? 'creator');
  const [ticked, setTicked] = useState<Set<ChannelId>>(new Set(props.initial?.approverChannels ?? []));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = () => {
    setBusy(true);
    props.onSave(role, channelsToSend(role, ticked)).then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };
  const toggle = (c: ChannelId) => setTicked((s) => (s.has(c) ? new Set([...s].filter((x) => x !== c)) : new Set([...s, c])));
  return (
    <Dialog
      open
      title={props.title}
      onClose={props.onClose}
      testId="team-role-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={props.onClose}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" disabled={busy} onClick={save} data-testid="team-role-save">
            {props.submit}
          </Button>
        </>
      }
    >
      {props.lead && <p>{props.lead}</p>}
      <label className="field">
        <span className="field__label">{t('team.role')}</span>
        <select className="select" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="team-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleText(r)}
            </option>
          ))}
        </select>
      </label>
      {role === 'approver' && (
        <fieldset className="field">
          <legend className="field__label">{t('team.channels')}</legend>
          <div className="team__channels">
            {channelIds.map((c) => (
              <label key={c}>
                <input type="checkbox" checked={ticked.has(c)} onChange={() => toggle(c)} data-testid={`team-channel-${c}`} /> {channelLimits[c].label}
              </label>
            ))}
          </div>
          <p className="field__hint">{t('team.channelsHint')}</p>
        </fieldset>
      )}
      {error && (
        <p className="auth__error" role="alert" data-testid="team-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

/** A one-time link to copy; `makes`: for an invite, which role the link gives (said first, so nobody sends the wrong one). */
export function LinkDialog({ title, url, note, makes, onClose }: { title: string; url: string; note: string; makes?: string; onClose: () => void }) {
  const showToast = useStore((s) => s.showToast);
  const copy = () =>
    navigator.clipboard.writeText(url).then(
      () => showToast({ message: t('team.copied'), tone: 'success' }),
      (e: unknown) => showToast({ message: errorText(e), tone: 'error' }),
    );
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      testId="team-link-dialog"
      wide
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('team.done')}
        </Button>
      }
    >
      {makes && (
        <p className="team__makes" data-testid="team-link-makes">
          {makes}
        </p>
      )}
      <div className="team__link">
        <input className="input" readOnly value={url} aria-label={title} onFocus={(e) => e.currentTarget.select()} data-testid="team-link" />
        <Button onClick={() => void copy()} data-testid="team-copy">
          {t('team.copy')}
        </Button>
      </div>
      <p className="field__hint">{note}</p>
    </Dialog>
  );
}
