import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CallInput } from '../../../../electron/api/contract';
import { channelLimits } from '../../../../electron/model/channels';
import { type ConnectorKind, type ConnectorSettingsView, WEBHOOK_TIMEOUT_SEC, originOf } from '../../../../electron/model/delivery-settings';
import { classifyUrlHost } from '../../../../electron/model/net-target';
import { can } from '../../../../electron/model/permissions';
import { channelIds, type ChannelId, type User } from '../../../../electron/model/post';
import { call, errorText, onEvent } from '../../api/client';
import { useHostOs } from '../../api/hostOs';
import { examplePath } from '../../../../electron/model/host-os';
import { type MessageKey, t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { AlertIcon, FolderIcon } from '../../ui/icons';
import { TextInput } from '../../ui/TextInput';
import { useMeStore } from '../../store/meStore';
import { examplePathIn } from './allowedPaths';
import './delivery-settings.css';
import { RadioGroup } from '../../ui/RadioGroup';

/**
 * Settings → Delivery: the library's folder connector, its webhook (URL, an optional secret header, the timeout)
 * and, when both are set, which one each channel goes to. The engine checks everything and says what is wrong;
 * the secret is never shown again once saved. Only an admin may change them (model/permissions.ts); everyone
 * else sees them read-only, with a note saying so.
 */
/** `allowedFolders`: null in the app (any folder); in the browser, the only folders deliveries may be written to. */
export function DeliverySection({ allowedFolders }: { allowedFolders: string[] | null }) {
  const [view, setView] = useState<ConnectorSettingsView | null>(null);
  const [actor, setActor] = useState<User | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      Promise.all([call('connectors.get', {}), useMeStore.getState().refresh()]).then(
        ([v]) => {
          setView(v);
          setActor(useMeStore.getState().me);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(errorText(e)),
      ),
    [],
  );
  useEffect(() => {
    void load();
    return onEvent('library.changed', () => void load());
  }, [load]);

  return (
    <section className="card" aria-labelledby="settings-delivery" data-testid="delivery-settings">
      <h2 id="settings-delivery" className="card__title">
        {t('settings.delivery')}
      </h2>
      <p className="field__hint">{t('settings.deliveryIntro')}</p>
      {loadError && (
        <p className="field__error" role="alert">
          {loadError}
        </p>
      )}
      {view && actor && (
        <>
          {!can(actor.role, 'delivery.settings') && (
            <p className="banner delivery-readonly" data-testid="delivery-readonly">
              {t('delivery.readOnly', { name: actor.name, role: t(`queue.role.${actor.role}` as MessageKey) })}
            </p>
          )}
          {/* A disabled fieldset disables every control inside: the settings stay readable, nothing can be sent. */}
          <fieldset className="delivery-fieldset" disabled={!can(actor.role, 'delivery.settings')} data-testid="delivery-fieldset">
            {/* Keyed by what is saved: a form starts again from the stored values after a save or a library switch. */}
            <FolderForm key={view.folder?.root ?? ''} view={view} actor={actor} onSaved={setView} allowedFolders={allowedFolders} />
            <WebhookForm key={JSON.stringify(view.webhook)} view={view} actor={actor} onSaved={setView} />
            <Routes view={view} actor={actor} onSaved={setView} />
          </fieldset>
        </>
      )}
    </section>
  );
}

type FormProps = { view: ConnectorSettingsView; actor: User; onSaved: (v: ConnectorSettingsView) => void };

/** Saves a change as the profile in use; returns the engine's words when it refuses. */
function useSave(actor: User, onSaved: (v: ConnectorSettingsView) => void) {
  const showToast = useStore((s) => s.showToast);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (input: Omit<CallInput<'connectors.set'>, 'actorId'>, done: string) => {
    setBusy(true);
    try {
      const v = await call('connectors.set', { ...input });
      setError(null);
      onSaved(v);
      showToast({ message: done, tone: 'success' });
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { save, busy, error };
}

function FolderForm({ view, actor, onSaved, allowedFolders }: FormProps & { allowedFolders: string[] | null }) {
  const [root, setRoot] = useState(view.folder?.root ?? '');
  const os = useHostOs();
  const { save, busy, error } = useSave(actor, onSaved);
  // The engine refuses folders outside the allowed ones: with none allowed (and none set), say so instead.
  if (allowedFolders && allowedFolders.length === 0 && !view.folder) {
    return (
      <div className="delivery-form" data-testid="delivery-folder-form">
        <h3 className="delivery-form__title">{t('delivery.folder')}</h3>
        <p className="field__hint" data-testid="delivery-folder-not-allowed">
          {t('delivery.folderNotAllowed')}
        </p>
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ folder: { root } }, t('delivery.folderSaved', { path: root.trim() }));
  };
  return (
    <form className="delivery-form" onSubmit={submit} data-testid="delivery-folder-form">
      <h3 className="delivery-form__title">{t('delivery.folder')}</h3>
      <TextInput
        label={t('delivery.folderLabel')}
        placeholder={allowedFolders?.length ? examplePathIn(allowedFolders[0]!, 'Deliveries') : os ? t('delivery.folderPlaceholder', { path: examplePath(os, 'deliveries') }) : undefined}
        hint={!allowedFolders ? t('delivery.folderHint') : allowedFolders.length ? t('delivery.folderHintAllowed', { folders: allowedFolders.join(', ') }) : t('delivery.folderNotAllowed')}
        value={root}
        onChange={(e) => setRoot(e.target.value)}
        error={error}
        leading={<FolderIcon size={18} />}
        spellCheck={false}
        data-testid="delivery-folder-input"
      />
      <div className="delivery-form__actions">
        <Button type="submit" variant="primary" disabled={busy || root.trim() === '' || root === view.folder?.root} data-testid="delivery-folder-save">
          {t('delivery.save')}
        </Button>
        {view.folder && (
          <Button variant="ghost" disabled={busy} onClick={() => void save({ folder: null }, t('delivery.folderRemoved'))} data-testid="delivery-folder-remove">
            {t('delivery.remove')}
          </Button>
        )}
      </div>
    </form>
  );
}

/** The host of a URL as a person typed it, for a warning; the text itself when it does not parse. */
function hostOf(url: string): string {
  try {
    return new URL(url.trim()).host;
  } catch {
    return url.trim();
  }
}

function WebhookForm({ view, actor, onSaved }: FormProps) {
  const hook = view.webhook;
  const [url, setUrl] = useState(hook?.url ?? '');
  const [headerName, setHeaderName] = useState(hook?.headerName ?? '');
  const [headerValue, setHeaderValue] = useState('');
  const [timeout, setTimeoutSec] = useState(String(hook?.timeoutSec ?? WEBHOOK_TIMEOUT_SEC.default));
  const { save, busy, error } = useSave(actor, (v) => {
    setHeaderValue('');
    onSaved(v);
  });
  // The engine keeps a saved secret only for the origin it was given for; say so before the person saves.
  const typedOrigin = originOf(url);
  const dropsSecret = Boolean(hook?.hasHeaderValue) && headerValue === '' && typedOrigin !== null && typedOrigin !== originOf(hook!.url);
  // The saved address's status comes from the engine; a typed one is classified here by the same rule.
  const target = hook && url.trim() === hook.url ? hook.target : classifyUrlHost(url);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = headerName.trim();
    // An empty secret box keeps the saved secret (it is never sent back here); no header name removes it.
    const value = !name ? null : headerValue !== '' ? headerValue : undefined;
    void save({ webhook: { url, headerName: name || null, headerValue: value, timeoutSec: Number(timeout) } }, dropsSecret && name ? t('delivery.webhookSavedNoSecret') : t('delivery.webhookSaved'));
  };
  return (
    <form className="delivery-form" onSubmit={submit} data-testid="delivery-webhook-form">
      <h3 className="delivery-form__title">{t('delivery.webhook')}</h3>
      <p className="field__hint">{t('delivery.webhookHint')}</p>
      <TextInput
        label={t('delivery.webhookUrl')}
        placeholder={t('delivery.webhookUrlPlaceholder')}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        spellCheck={false}
        inputMode="url"
        data-testid="delivery-webhook-url"
      />
      {target && target !== 'public' && (
        <p className="delivery-form__warning" data-testid="delivery-webhook-target" data-kind={target}>
          <AlertIcon size={16} />
          {t(`delivery.target.${target}`, { host: hostOf(url) })}
        </p>
      )}
      <div className="delivery-form__row">
        <TextInput
          label={t('delivery.headerName')}
          placeholder={t('delivery.headerNamePlaceholder')}
          value={headerName}
          onChange={(e) => setHeaderName(e.target.value)}
          spellCheck={false}
          data-testid="delivery-webhook-header"
        />
        <TextInput
          label={t('delivery.headerValue')}
          placeholder={hook?.hasHeaderValue ? '••••••••' : t('delivery.headerValuePlaceholder')}
          hint={dropsSecret || !hook?.hasHeaderValue ? undefined : can(actor.role, 'delivery.settings') ? t('delivery.headerValueKept') : t('delivery.headerValueSaved')}
          type="password"
          autoComplete="off"
          value={headerValue}
          onChange={(e) => setHeaderValue(e.target.value)}
          disabled={headerName.trim() === ''}
          data-testid="delivery-webhook-secret"
        />
      </div>
      {hook?.secretUnreadable && !dropsSecret && (
        <p className="delivery-form__warning" role="alert" data-testid="delivery-webhook-secret-unreadable">
          <AlertIcon size={16} />
          {t(hook.secretUnreadable === 'other_machine' ? 'delivery.secretOtherMachine' : 'delivery.secretDamaged')}
        </p>
      )}
      {dropsSecret && (
        <p className="delivery-form__warning" data-testid="delivery-webhook-secret-dropped">
          <AlertIcon size={16} />
          {t('delivery.secretDropped')}
        </p>
      )}
      <div className="delivery-form__row">
        <TextInput
          label={t('delivery.timeout')}
          hint={t('delivery.timeoutHint')}
          type="number"
          min={WEBHOOK_TIMEOUT_SEC.min}
          max={WEBHOOK_TIMEOUT_SEC.max}
          value={timeout}
          onChange={(e) => setTimeoutSec(e.target.value)}
          data-testid="delivery-webhook-timeout"
        />
      </div>
      {error && (
        <p className="field__error" role="alert" data-testid="delivery-webhook-error">
          {error}
        </p>
      )}
      <div className="delivery-form__actions">
        <Button type="submit" variant="primary" disabled={busy || url.trim() === ''} data-testid="delivery-webhook-save">
          {t('delivery.save')}
        </Button>
        {hook && (
          <Button variant="ghost" disabled={busy} onClick={() => void save({ webhook: null }, t('delivery.webhookRemoved'))} data-testid="delivery-webhook-remove">
            {t('delivery.remove')}
          </Button>
        )}
      </div>
    </form>
  );
}

function Routes({ view, actor, onSaved }: FormProps) {
  const { save, busy, error } = useSave(actor, onSaved);
  const both = view.folder !== null && view.webhook !== null;
  const only: ConnectorKind | null = view.webhook ? 'webhook' : view.folder ? 'folder' : null;
  const choose = (channel: ChannelId, kind: ConnectorKind) =>
    void save({ routes: { ...view.routes, [channel]: kind } }, t('delivery.routeSaved', { channel: channelLimits[channel].label, connector: t(`delivery.connector.${kind}`).toLowerCase() }));
  return (
    <div className="delivery-form" data-testid="delivery-routes">
      <h3 className="delivery-form__title">{t('delivery.routes')}</h3>
      {!both ? (
        <p className="field__hint" data-testid="delivery-routes-summary">
          {only ? t('delivery.routesOne', { connector: t(`delivery.connector.${only}`).toLowerCase() }) : t('delivery.routesNone')}
        </p>
      ) : (
        <>
          <p className="field__hint">{t('delivery.routesBoth')}</p>
          <ul className="delivery-routes">
            {channelIds.map((ch) => (
              <li key={ch} className="delivery-routes__item" data-testid="delivery-route" data-channel={ch}>
                <span className="delivery-routes__channel">{channelLimits[ch].label}</span>
                <RadioGroup className="segmented" aria-label={channelLimits[ch].label}>
                  {(['webhook', 'folder'] as const).map((kind) => (
                    <button
                      key={kind}
                      type="button"
                      role="radio"
                      aria-checked={view.effective[ch] === kind}
                      className="segmented__item"
                      disabled={busy}
                      onClick={() => view.effective[ch] !== kind && choose(ch, kind)}
                      data-testid={`delivery-route-${kind}`}
                    >
                      {t(`delivery.connector.${kind}`)}
                    </button>
                  ))}
                </RadioGroup>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
