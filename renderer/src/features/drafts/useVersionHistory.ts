import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../../api/client';
import { getLocale, t } from '../../i18n';
import { loadHistory, restoreDraftVersion } from './historyActions';
import { firstChoice, historyRows, type HistoryRow } from './versionHistory';

export type HistoryView =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; rows: HistoryRow[]; undoable: boolean };

/**
 * The Version history dialog's state: the list (loaded each time it opens), the chosen row, a restore in flight
 * and the last refusal. The work itself is historyActions.ts; this only keeps what the dialog shows.
 */
export function useVersionHistory(open: boolean, draftId: string, listedRevision: number | null) {
  const [view, setView] = useState<HistoryView>({ phase: 'loading' });
  const [chosen, setChosen] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Reads the list; keeps the row of revision `keep` chosen when it is still there. */
  const reload = useCallback(
    (keep?: number) =>
      loadHistory(draftId, listedRevision).then(
        (h) => {
          const rows = historyRows(h.revisions, h.current, Date.now(), getLocale(), t('history.justNow'));
          const kept = keep === undefined ? -1 : rows.findIndex((r) => r.revision === keep);
          setView({ phase: 'ready', rows, undoable: h.undoable });
          setChosen(kept === -1 ? firstChoice(rows) : kept);
        },
        (e: unknown) => setView({ phase: 'failed', message: errorText(e) }),
      ),
    [draftId, listedRevision],
  );

  // Loaded when it opens. The dialog is mounted afresh for each opening (VersionHistoryButton's key), so it starts
  // from "loading" with no error every time.
  useEffect(() => {
    if (open) void reload();
  }, [open, reload]);

  /** Restores the chosen row; resolves with the toast to show when it worked, or null (the error is kept). */
  const restore = async (): Promise<string | null> => {
    if (view.phase !== 'ready' || busy) return null;
    const row = view.rows[chosen];
    if (!row || row.current) return null;
    setBusy(true);
    setError(null);
    const out = await restoreDraftVersion(draftId, row.revision);
    setBusy(false);
    if (out.ok) return t(out.undoable ? 'history.restored' : 'history.restoredKept', { when: row.when });
    setError(out.message);
    // The list may have changed meanwhile (a version gone, another window's save): show it as it is now.
    void reload(row.revision);
    return null;
  };

  const retry = () => {
    setView({ phase: 'loading' });
    void reload();
  };
  return { view, chosen, setChosen, busy, error, restore, reload: retry };
}
