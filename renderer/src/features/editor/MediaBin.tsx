import { useEffect, useState } from 'react';
import type { AssetKind, AssetSummary } from '../../../../electron/model/asset';
import { call, errorText, onEvent } from '../../api/client';
import { mediaUrl } from '../../api/media';
import { t } from '../../i18n';
import { formatClock } from '../../i18n/format';
import { Button, IconButton } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { PlusIcon, SearchIcon } from '../../ui/icons';
import { KindIcon } from '../library/KindIcon';
import { addAsset, goToLibrary } from './actions';

export const ASSET_DRAG_TYPE = 'application/x-postframe-asset';

/** Library media to build the edit from: search, filter by kind, drag onto a track or "+" to append. */
export function MediaBin() {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<AssetKind | null>(null);
  const [items, setItems] = useState<AssetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [epoch, setEpoch] = useState(0);

  useEffect(() => onEvent('assets.changed', () => setEpoch((n) => n + 1)), []);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call('assets.list', { query: query.trim(), kind, limit: 200 }).then(
        (res) => live && (setItems(res.items), setError(null)),
        (e: unknown) => live && setError(errorText(e)),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, kind, epoch]);

  return (
    <div className="bin" data-testid="media-bin">
      <div className="bin__head">
        <div className="search bin__search">
          <SearchIcon size={16} className="search__icon" />
          <input
            type="search"
            className="search__input"
            placeholder={t('bin.search')}
            aria-label={t('bin.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="bin-search"
          />
        </div>
        <div className="chips bin__kinds" role="group" aria-label={t('filter.kind')}>
          <Chip selected={kind === null} onClick={() => setKind(null)}>
            {t('kind.all')}
          </Chip>
          {(['video', 'image', 'audio'] as const).map((k) => (
            <Chip key={k} selected={kind === k} onClick={() => setKind(k)}>
              {t(`kind.${k}`)}
            </Chip>
          ))}
        </div>
      </div>
      {error ? (
        <p className="bin__note" role="alert">
          {error}
        </p>
      ) : items && items.length === 0 ? (
        <div className="bin__empty">
          <p>{query || kind ? t('bin.noMatch') : t('bin.empty')}</p>
          {!query && !kind && (
            <Button size="sm" onClick={() => goToLibrary('assets')}>
              {t('bin.toLibrary')}
            </Button>
          )}
        </div>
      ) : (
        <ul className="bin__list">
          {(items ?? []).map((a) => (
            <BinItem key={a.id} asset={a} />
          ))}
        </ul>
      )}
      <p className="bin__hint" data-testid="bin-hint">{t('bin.hint')}</p>
    </div>
  );
}

function BinItem({ asset }: { asset: AssetSummary }) {
  return (
    <li
      className="bin-item"
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(ASSET_DRAG_TYPE, JSON.stringify(asset));
        e.dataTransfer.effectAllowed = 'copy';
      }}
      onDoubleClick={() => void addAsset(asset)}
      data-testid="bin-item"
      data-asset-id={asset.id}
      data-name={asset.name}
      title={t('bin.itemHint', { name: asset.name })}
    >
      <span className={`bin-item__thumb bin-item__thumb--${asset.kind}`}>
        {asset.hasThumbnail && asset.kind !== 'audio' ? (
          <img src={mediaUrl(asset.id, 'thumb', asset.mediaRev)} alt="" draggable={false} loading="lazy" />
        ) : (
          <KindIcon kind={asset.kind} size={20} />
        )}
        {asset.kind !== 'image' && asset.durationSec !== null && <span className="bin-item__time">{formatClock(asset.durationSec)}</span>}
      </span>
      <span className="bin-item__name">{asset.name}</span>
      <IconButton size="sm" variant="secondary" label={t('bin.add', { name: asset.name })} icon={<PlusIcon size={16} />} onClick={() => void addAsset(asset)} data-testid="bin-add" />
    </li>
  );
}
