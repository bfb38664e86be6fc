import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { AppInfo, RecentLibrary } from '../../../../electron/model/library';
import { call, errorText, onEvent } from '../../api/client';
import { useHostOs } from '../../api/hostOs';
import { examplePath } from '../../../../electron/model/host-os';
import { getLocale, t, tn } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useStore } from '../../store';
import type { Theme } from '../../store/uiSlice';
import { Button } from '../../ui/Button';
import { AlertIcon, CheckIcon, FolderIcon, MoonIcon, SunIcon } from '../../ui/icons';
import { TextInput } from '../../ui/TextInput';
import { examplePathIn } from './allowedPaths';
import { AuditSection } from './AuditSection';
import { BackupSection } from './BackupSection';
import { CaptionModelsSection } from './CaptionModelsSection';
import { DeliverySection } from './DeliverySection';
import { ExportSection } from './ExportSection';
import { TeamSection } from './TeamSection';
import { useOpenLibrary } from './useOpenLibrary';
import { can } from '../../../../electron/model/permissions';
import { useMe } from '../../store/meStore';
import './settings.css';
import { RadioGroup } from '../../ui/RadioGroup';

export function SettingsScreen() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [recent, setRecent] = useState<RecentLibrary[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  // Bumped after opening a library from this screen (the engine's library.changed event also refreshes).
  const [reloadKey, setReloadKey] = useState(0);
  const load = useCallback(() => setReloadKey((k) => k + 1), []);

  useEffect(() => {
    let live = true;
    const refresh = () =>
      Promise.all([call('app.info', {}), call('libraries.recent', {})]).then(
        ([i, r]) => {
          if (!live) return;
          setInfo(i);
          setRecent(r);
          setLoadError(null);
        },
        (e: unknown) => live && setLoadError(errorText(e)),
      );
    void refresh();
    const offLib = onEvent('library.changed', () => void refresh());
    const offAssets = onEvent('assets.changed', () => void refresh());
    return () => {
      live = false;
      offLib();
      offAssets();
    };
  }, [reloadKey]);

  return (
    <div className="settings" data-testid="settings-screen">
      <header className="settings__header">
        <h1 className="settings__title">{t('settings.title')}</h1>
      </header>
      <div className="settings__body">
        {loadError && (
          <p className="banner banner--error banner--inline" role="alert">
            {loadError}
          </p>
        )}
        <section className="card" aria-labelledby="settings-library">
          <h2 id="settings-library" className="card__title">
            {t('settings.library')}
          </h2>
          {info && (
            <dl className="facts facts--wide">
              <div className="facts__row">
                <dt>{t('settings.libraryName')}</dt>
                <dd>{info.library.name}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('settings.libraryPath')}</dt>
                <dd className="mono" data-testid="library-path">
                  {info.library.path}
                </dd>
              </div>
              <div className="facts__row">
                <dt>{t('settings.assetCount')}</dt>
                <dd data-testid="asset-count">{tn('library.count', info.library.assetCount)}</dd>
              </div>
            </dl>
          )}
          {info && <OpenLibraryForm onOpened={load} allowedFolders={info.allowedFolders} />}
          {recent.length > 0 && <RecentList recent={recent} current={info?.library.path ?? null} onOpened={load} />}
        </section>

        <BackupSection allowedFolders={info?.allowedFolders ?? null} onOpened={load} />

        <TeamSection />

        <DeliverySection allowedFolders={info?.allowedFolders ?? null} />

        <AuditSection />

        <section className="card" aria-labelledby="settings-media">
          <h2 id="settings-media" className="card__title">
            {t('settings.mediaTools')}
          </h2>
          {info &&
            (info.ffmpeg.ok ? (
              <p className="status status--ok" data-testid="ffmpeg-status">
                <CheckIcon size={18} />
                {info.ffmpeg.version ? t('settings.ffmpegOkVersion', { version: info.ffmpeg.version }) : t('settings.ffmpegOk')}
              </p>
            ) : (
              <div className="status status--error" data-testid="ffmpeg-status" role="alert">
                <AlertIcon size={18} />
                <div>
                  <p>{t('settings.ffmpegMissing')}</p>
                  {info.ffmpeg.message && <p className="status__message">{info.ffmpeg.message}</p>}
                </div>
              </div>
            ))}
        </section>

        <ExportSection />

        <CaptionModelsSection />

        <section className="card" aria-labelledby="settings-appearance">
          <h2 id="settings-appearance" className="card__title">
            {t('settings.appearance')}
          </h2>
          <ThemeToggle />
        </section>

        {info && <p className="settings__version">{t('settings.version', { version: info.version })}</p>}
      </div>
    </div>
  );
}

/** `allowedFolders`: null in the app (any path); in the browser, the only folders a library may be in. */
function OpenLibraryForm({ onOpened, allowedFolders }: { onOpened: () => void; allowedFolders: string[] | null }) {
  const [path, setPath] = useState('');
  const os = useHostOs();
  const { open, busy, error, dialog } = useOpenLibrary(onOpened);
  const actor = useMe();
  // The host refuses it anyway ('library.open'); a creator is told why rather than shown a form that fails.
  if (actor && !can(actor.role, 'library.open')) {
    return (
      <p className="field__hint open-library__not-allowed" data-testid="library-open-admin-only">
        {t('settings.openAdminOnly')}
      </p>
    );
  }
  // The engine refuses paths outside the allowed folders: with none allowed, say how to allow one instead.
  if (allowedFolders && allowedFolders.length === 0) {
    return (
      <p className="field__hint open-library__not-allowed" data-testid="library-open-not-allowed">
        {t('settings.openNotAllowed')}
      </p>
    );
  }
  const submit = async (create: boolean) => {
    if (!path.trim()) return;
    if (await open(path.trim(), create)) setPath('');
  };
  return (
    <form
      className="open-library"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit(false);
      }}
    >
      <TextInput
        label={t('settings.openLabel')}
        placeholder={allowedFolders ? examplePathIn(allowedFolders[0]!, 'Library') : os ? t('settings.openPlaceholder', { path: examplePath(os, 'library') }) : undefined}
        hint={allowedFolders ? t('settings.openHintAllowed', { folders: allowedFolders.join(', ') }) : t('settings.openHint')}
        value={path}
        onChange={(e) => setPath(e.target.value)}
        error={error}
        leading={<FolderIcon size={18} />}
        spellCheck={false}
        data-testid="library-path-input"
      />
      <div className="open-library__actions">
        <Button type="submit" variant="primary" disabled={busy || !path.trim()} data-testid="library-open">
          {t('settings.open')}
        </Button>
        <Button disabled={busy || !path.trim()} onClick={() => void submit(true)} data-testid="library-create">
          {t('settings.create')}
        </Button>
      </div>
      {dialog}
    </form>
  );
}

function RecentList({ recent, current, onOpened }: { recent: RecentLibrary[]; current: string | null; onOpened: () => void }) {
  const { open, busy, error, dialog } = useOpenLibrary(onOpened);
  const actor = useMe();
  const mayOpen = !actor || can(actor.role, 'library.open');
  return (
    <div className="recent">
      {dialog}
      <h3 className="field__label">{t('settings.recent')}</h3>
      <ul className="recent__list">
        {recent.map((r) => (
          <li key={r.path} className="recent__item">
            <FolderIcon size={18} />
            <div className="recent__text">
              <span className="recent__name">{r.name}</span>
              <span className="recent__path mono">{r.path}</span>
            </div>
            <span className="recent__date">{formatDateTime(r.openedAt, getLocale())}</span>
            {r.path === current ? (
              <span className="recent__current">{t('settings.current')}</span>
            ) : (
              <Button
                size="sm"
                disabled={busy || !mayOpen}
                title={mayOpen ? undefined : t('settings.openAdminOnly')}
                onClick={() => void open(r.path, false)}
                aria-label={t('settings.openNamed', { name: r.name })}
              >
                {t('settings.open')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ThemeToggle() {
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const option = (value: Theme, label: string, icon: ReactNode) => (
    <button type="button" role="radio" aria-checked={theme === value} className="segmented__item" onClick={() => setTheme(value)} data-testid={`theme-${value}`}>
      {icon}
      {label}
    </button>
  );
  return (
    <RadioGroup className="segmented" aria-label={t('settings.theme')}>
      {option('dark', t('settings.themeDark'), <MoonIcon size={16} />)}
      {option('light', t('settings.themeLight'), <SunIcon size={16} />)}
    </RadioGroup>
  );
}
