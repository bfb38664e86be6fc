import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { AlertIcon, HistoryIcon, RestoreIcon } from '../../ui/icons';
import { useVersionHistory } from './useVersionHistory';
import { historyState, moveSelection, type HistoryRow } from './versionHistory';
import './versionHistory.css';

type Props = {
  open: boolean;
  onClose: () => void;
  draftId: string;
  name: string;
  /** The current revision as the Drafts list knows it (an editor holding the draft knows better and is asked first). */
  listedRevision?: number | null;
};

/**
 * Version history of a draft: its saved versions newest first; "Restore this version" makes the chosen one current
 * as a new version on top (nothing is lost). Arrows move in the list, Enter restores, Esc closes.
 */
export function VersionHistoryDialog({ open, onClose, draftId, name, listedRevision = null }: Props) {
  const h = useVersionHistory(open, draftId, listedRevision);
  const rows = h.view.phase === 'ready' ? h.view.rows : [];
  const chosenRow = rows[h.chosen];

  const restore = async () => {
    const toast = await h.restore();
    if (!toast) return;
    onClose();
    useStore.getState().showToast({ message: toast, tone: 'success' });
  };

  return (
    <Dialog
      open={open}
      title={t('history.title')}
      onClose={onClose}
      testId="version-history"
      wide
      footer={
        <>
          <Button variant="ghost" onClick={onClose} data-testid="history-cancel">
            {t('action.cancel')}
          </Button>
          <Button variant="primary" icon={<RestoreIcon size={16} />} disabled={!chosenRow || chosenRow.current || h.busy} onClick={() => void restore()} data-testid="history-restore">
            {h.busy ? t('history.restoring') : t('history.restore')}
          </Button>
        </>
      }
    >
      <div className="vh">
        <p className="vh__intro">{t('history.of', { name })}</p>
        {h.view.phase === 'loading' && <p className="vh__state" role="status">{t('history.loading')}</p>}
        {h.view.phase === 'failed' && (
          <div className="banner banner--error banner--inline" role="alert">
            {t('history.loadFailed', { reason: h.view.message })}
            <Button size="sm" onClick={h.reload}>
              {t('history.retry')}
            </Button>
          </div>
        )}
        {h.view.phase === 'ready' && (
          <>
            <VersionList rows={rows} chosen={h.chosen} onChoose={h.setChosen} onEnter={() => void restore()} />
            <StateNote rows={rows} chosen={chosenRow} />
            {historyState(rows) === 'choices' && <p className="vh__safe" data-testid="history-safe">{t(h.view.undoable ? 'history.safeUndo' : 'history.safeKept')}</p>}
          </>
        )}
        {h.error && (
          <p className="vh__error" role="alert" data-testid="history-error">
            <AlertIcon size={16} />
            <span>{h.error}</span>
          </p>
        )}
      </div>
    </Dialog>
  );
}

function StateNote({ rows, chosen }: { rows: HistoryRow[]; chosen: HistoryRow | undefined }) {
  const state = historyState(rows);
  if (state === 'empty') return <p className="vh__state" data-testid="history-empty">{t('history.empty')}</p>;
  if (state === 'onlyCurrent') return <p className="vh__state" data-testid="history-only">{t('history.onlyCurrent')}</p>;
  return chosen?.current ? <p className="vh__state">{t('history.isCurrent')}</p> : null;
}

/** The versions as a listbox: one tab stop, arrows (and Home/End/PageUp/PageDown) move, Enter restores. */
function VersionList({ rows, chosen, onChoose, onEnter }: { rows: HistoryRow[]; chosen: number; onChoose: (i: number) => void; onEnter: () => void }) {
  const id = useId();
  const list = useRef<HTMLUListElement>(null);
  // The list takes the keyboard once it is there (the dialog opened on its buttons while it loaded).
  const shown = rows.length > 0;
  useEffect(() => {
    if (shown) list.current?.focus();
  }, [shown]);
  if (!shown) return null;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnter();
      return;
    }
    const next = moveSelection(chosen, e.key, rows.length);
    if (next === null) return;
    e.preventDefault();
    onChoose(next);
    list.current?.querySelector(`[data-index="${next}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <ul
      ref={list}
      className="vh__list"
      role="listbox"
      aria-label={t('history.listLabel')}
      aria-activedescendant={`${id}-${chosen}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="history-list"
    >
      {rows.map((r, i) => (
        <li
          key={r.revision}
          id={`${id}-${i}`}
          data-index={i}
          role="option"
          aria-selected={i === chosen}
          className={i === chosen ? 'vh__row vh__row--chosen' : 'vh__row'}
          onClick={() => onChoose(i)}
          data-testid="history-row"
          data-revision={r.revision}
          data-current={r.current || undefined}
        >
          <HistoryIcon size={16} className="vh__icon" />
          <span className="vh__when" title={r.whenFull}>
            {r.when}
          </span>
          <span className="vh__what">
            <span className="vh__name">{r.name}</span>
            {r.restored && (
              <span className="vh__restored" title={r.restored.full} data-testid="history-restored">
                <RestoreIcon size={12} />
                <span>{r.restored.text}</span>
              </span>
            )}
            {r.changes && (
              <span className="vh__changes" title={r.changes} data-testid="history-changes">
                {r.changes}
              </span>
            )}
          </span>
          <span className="vh__length mono">{r.length}</span>
          {r.current ? <span className="vh__current">{t('history.current')}</span> : <span className="vh__current vh__current--none" />}
        </li>
      ))}
    </ul>
  );
}
