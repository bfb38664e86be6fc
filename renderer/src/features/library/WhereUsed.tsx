import { useEffect, useState, type ReactNode } from 'react';
import type { WhereUsed as WhereUsedShape } from '../../../../electron/model/organise';
import { call, errorText, onEvent } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';

/**
 * "Where used" in the detail panel: drafts (open in the editor), posts (open in the Queue), brand kits and
 * collections. Refetched when drafts, posts or collections change, so it never shows a use that has gone.
 */
export function WhereUsed({ assetId }: { assetId: string }) {
  const [data, setData] = useState<WhereUsedShape | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const openDraft = useStore((s) => s.openDraft);
  const openPost = useStore((s) => s.openPostInQueue);
  const setQuery = useStore((s) => s.setQuery);

  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const offs = [onEvent('drafts.changed', bump), onEvent('posts.changed', bump), onEvent('collections.changed', bump)];
    return () => offs.forEach((off) => off());
  }, []);
  useEffect(() => {
    let live = true;
    call('assets.whereUsed', { id: assetId }).then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [assetId, version]);

  const empty = data && data.drafts.length + data.posts.length + data.kits.length === 0;
  return (
    <div className="where" data-testid="where-used">
      <h3 className="field__label">{t('where.title')}</h3>
      {error && <p className="field__error">{error}</p>}
      {empty && <p className="detail__note" data-testid="where-none">{t('where.none')}</p>}
      {data && data.drafts.length > 0 && (
        <Group title={t('where.drafts')}>
          {data.drafts.map((d) => (
            <li key={d.id}>
              <button type="button" className="where__link" onClick={() => openDraft(d.id)} title={t('where.openDraft', { name: d.name })} data-testid="where-draft">
                {d.name}
              </button>
              {d.trashed && <span className="where__meta">{t('where.trashed')}</span>}
            </li>
          ))}
        </Group>
      )}
      {data && data.posts.length > 0 && (
        <Group title={t('where.posts')}>
          {data.posts.map((p) => (
            <li key={p.id}>
              <button type="button" className="where__link" onClick={() => openPost(p.id)} title={t('where.openPost', { title: p.title })} data-testid="where-post">
                {p.title}
              </button>
              <span className="where__meta">{t(`queue.state.${p.state}`)}</span>
            </li>
          ))}
        </Group>
      )}
      {data && data.kits.length > 0 && (
        <Group title={t('where.kits')}>
          {data.kits.map((k) => (
            <li key={k.id} data-testid="where-kit">
              {k.name}
            </li>
          ))}
        </Group>
      )}
      {data && data.collections.length > 0 && (
        <Group title={t('where.collections')}>
          {data.collections.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="where__link"
                onClick={() => setQuery({ collectionId: c.id, smartCollectionId: null, trashed: false })}
                title={t('where.showCollection', { name: c.name })}
                data-testid="where-collection"
              >
                {c.name}
              </button>
            </li>
          ))}
        </Group>
      )}
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="where__group">
      <h4 className="where__title">{title}</h4>
      <ul className="where__list">{children}</ul>
    </div>
  );
}
