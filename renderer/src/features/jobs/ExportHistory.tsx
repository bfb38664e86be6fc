import { useEffect, useState } from 'react';
import type { ExportEntry } from '../../../../electron/model/export';
import { call, errorText, shell } from '../../api/client';
import { exportUrl } from '../../api/media';
import { getLocale, t } from '../../i18n';
import { formatBytes, formatClock, formatDateTime } from '../../i18n/format';
import { useStore } from '../../store';
import { exportAction, finishedExportsKey, newestFirst } from './exportHistoryLogic';
import { RevealExportButton } from './RevealExportButton';
import './exports.css';

/**
 * Finished exports (`exports.list`): jobs of the library, so they outlive the Export dialog, reloads and
 * restarts. Reloaded when an export finishes and when the window comes back into view (a file may have been
 * moved or deleted meanwhile).
 */
export function useExportHistory(draftId: string | undefined, enabled: boolean): { entries: ExportEntry[]; error: string | null } {
  const [entries, setEntries] = useState<ExportEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [visits, setVisits] = useState(0);
  const finished = useStore((s) => finishedExportsKey(s.jobs, draftId));

  useEffect(() => {
    if (!enabled) return;
    const onVisible = () => document.visibilityState === 'visible' && setVisits((n) => n + 1);
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [enabled]);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    call('exports.list', draftId === undefined ? {} : { draftId }).then(
      (list) => {
        if (!live) return;
        setEntries(newestFirst(list));
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [draftId, enabled, finished, visits]);

  return { entries, error };
}

/** Download (browser mode) or Show in folder (the app) for one finished export; a missing file says so. */
export function ExportActions({ entry }: { entry: ExportEntry }) {
  const action = exportAction(entry, shell);
  switch (action.kind) {
    case 'gone':
      return (
        <span className="export-entry__gone" title={t('exports.goneHint', { path: entry.outputPath })} data-testid="export-gone">
          {t('exports.gone')}
        </span>
      );
    case 'outside':
      return (
        <span className="export-entry__note" data-testid="export-outside">
          {t('exports.outside', { path: entry.outputPath })}
        </span>
      );
    case 'download':
      return (
        <a className="btn btn--secondary btn--sm" href={exportUrl(entry.jobId)} download={entry.fileName} data-testid="export-entry-download">
          <span className="btn__label">{t('exports.download')}</span>
        </a>
      );
    case 'reveal':
      return <RevealExportButton jobId={entry.jobId} testId="export-entry-reveal" />;
  }
}

/**
 * A draft's exports, newest first (the Export dialog). While the dialog shows a job of its own (`current`) the
 * history folds under "Earlier exports (N)" without that job: the result and its Download stay in view and the
 * dialog fits a 900 px window (walk finding 19).
 */
export function ExportHistory({ draftId, enabled, current }: { draftId: string; enabled: boolean; current?: string | null }) {
  const { entries, error } = useExportHistory(draftId, enabled);
  if (current) {
    const earlier = entries.filter((e) => e.jobId !== current);
    if (error || earlier.length === 0) return null;
    return (
      <details className="export-history export-history--folded" data-testid="export-history">
        <summary className="field__label" data-testid="export-history-fold">
          {t('exports.earlier', { count: earlier.length })}
        </summary>
        <ExportList entries={earlier} />
      </details>
    );
  }
  return (
    <section className="export-history" aria-label={t('exports.title')} data-testid="export-history">
      <h3 className="field__label">{t('exports.title')}</h3>
      {error ? (
        <p className="field__error" role="alert">
          {t('exports.loadFailed', { reason: error })}
        </p>
      ) : entries.length === 0 ? (
        <p className="field__hint">{t('exports.empty')}</p>
      ) : (
        <ExportList entries={entries} />
      )}
    </section>
  );
}

function ExportList({ entries }: { entries: readonly ExportEntry[] }) {
  const locale = getLocale();
  return (
    <ul className="export-history__list">
      {entries.map((e) => (
        <li key={e.jobId} className={`export-entry${e.available ? '' : ' export-entry--gone'}`} data-testid="export-entry" data-job-id={e.jobId} data-available={e.available}>
          <div className="export-entry__text">
            <span className="export-entry__name" title={e.outputPath}>
              {e.fileName}
            </span>
            <span className="export-entry__meta">
              {t('exports.meta', { size: formatBytes(e.sizeBytes, locale), duration: formatClock(e.durationSec), when: formatDateTime(e.finishedAt, locale) })}
            </span>
          </div>
          <ExportActions entry={e} />
        </li>
      ))}
    </ul>
  );
}
