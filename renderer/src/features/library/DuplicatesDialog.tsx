import { useEffect, useState } from 'react';
import type { DuplicateList } from '../../../../electron/model/duplicates';
import { call, errorText } from '../../api/client';
import { mediaUrl } from '../../api/media';
import { t, tn } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { formatBytes } from '../../../../electron/model/upload';

/**
 * Duplicate review: groups of near copies side by side with their size, resolution, import date and tags.
 * "Keep this one" merges the others into it (engine: duplicates.keep) and moves them to the Trash; Undo in the
 * message restores them.
 */
export function DuplicatesDialog({ onClose }: { onClose: () => void }) {
  const [list, setList] = useState<DuplicateList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const showToast = useStore((s) => s.showToast);
  const restoreAssets = useStore((s) => s.restoreAssets);

  // Bumped after each "Keep this one": the groups are read again from the engine.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    call('duplicates.list', { mode: 'near' }).then(
      (next) => {
        if (!live) return;
        setList(next);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [generation]);

  const keep = async (keepId: string, removeIds: string[], name: string) => {
    setBusy(true);
    try {
      const r = await call('duplicates.keep', { keepId, removeIds });
      const drafts = r.drafts.length ? ` ${tn('toast.keptDrafts', r.drafts.length)}` : '';
      showToast({
        message: `${tn('toast.keptOne', r.trashedIds.length, { name })}${drafts}`,
        tone: 'success',
        action: { label: t('action.undo'), run: () => void restoreAssets(r.trashedIds) },
      });
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      wide
      title={t('dupes.title')}
      onClose={onClose}
      testId="duplicates-dialog"
      footer={
        <Button onClick={onClose} data-testid="duplicates-close">
          {t('dupes.close')}
        </Button>
      }
    >
      <p className="dupes__intro">{t('dupes.intro')}</p>
      {error && (
        <p className="dupes__error" role="alert">
          {error}
        </p>
      )}
      {list === null && !error && <p aria-live="polite">{t('dupes.loading')}</p>}
      {list !== null && list.pending > 0 && <p className="dupes__pending">{t('dupes.pending', { count: list.pending })}</p>}
      {list !== null && list.groups.length === 0 && (
        <p className="dupes__none" data-testid="duplicates-none">
          {t('dupes.none')}
        </p>
      )}
      <ol className="dupes__groups">
        {list?.groups.map((g, gi) => (
          <li key={g.members.map((m) => m.id).join(':')} className="dupes__group" data-testid="duplicate-group">
            <h3 className="dupes__group-title">{t('dupes.group', { n: gi + 1 })}</h3>
            <ul className="dupes__members">
              {g.members.map((m) => (
                <li key={m.id} className="dupes__member" data-testid="duplicate-member" data-name={m.name}>
                  <img className="dupes__thumb" src={mediaUrl(m.id, 'thumb')} alt="" loading="lazy" />
                  <div className="dupes__name" title={m.name}>
                    {m.name}
                  </div>
                  <div className="dupes__facts">
                    {m.width && m.height ? t('dupes.size', { size: `${m.width}×${m.height}` }) : ''} · {formatBytes(m.sizeBytes)}
                  </div>
                  <div className="dupes__facts">{t('dupes.imported', { date: new Date(m.importedAt).toLocaleDateString() })}</div>
                  <div className="dupes__tags">{m.tags.length ? m.tags.join(', ') : t('dupes.noTags')}</div>
                  <Button
                    variant="primary"
                    size="sm"
                    disabled={busy}
                    onClick={() => void keep(m.id, g.members.filter((o) => o.id !== m.id).map((o) => o.id), m.name)}
                    data-testid="duplicate-keep"
                  >
                    {t('dupes.keep')}
                  </Button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
