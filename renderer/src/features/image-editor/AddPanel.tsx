import { useEffect, useState } from 'react';
import type { AssetSummary } from '../../../../electron/model/asset';
import type { BrandKit } from '../../../../electron/model/brand-kit';
import { shapeKinds, type ShapeKind } from '../../../../electron/model/image-draft';
import { call, errorText, onEvent } from '../../api/client';
import { mediaUrl } from '../../api/media';
import { t, type MessageKey } from '../../i18n';
import { Button } from '../../ui/Button';
import { ImageIcon, SearchIcon, TextIcon } from '../../ui/icons';
import { goToLibrary } from '../editor/actions';
import { addPhotoLayer, addShapeLayer, addTextLayer } from './actions';

type Tab = 'text' | 'shapes' | 'photos';

/** The left panel: what a creator adds to the page (text, shapes, photos from the library). */
export function AddPanel({ kit }: { kit: BrandKit | null }) {
  const [tab, setTab] = useState<Tab>('text');
  return (
    <aside className="ie-add" aria-label={t('imageEditor.addTitle')} data-testid="ie-add-panel">
      <div className="ie-tabs" role="tablist">
        {(['text', 'shapes', 'photos'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className="ie-tab" onClick={() => setTab(k)} data-testid={`ie-tab-${k}`}>
            {t(`imageEditor.tab.${k}` as MessageKey)}
          </button>
        ))}
      </div>
      <div className="ie-add__body">{tab === 'text' ? <TextChoices kit={kit} /> : tab === 'shapes' ? <ShapeChoices kit={kit} /> : <PhotoChoices />}</div>
    </aside>
  );
}

function TextChoices({ kit }: { kit: BrandKit | null }) {
  const rows = [
    { role: 'title', label: 'imageEditor.addHeading', size: 96, cls: 'ie-textchoice--heading' },
    { role: 'subtitle', label: 'imageEditor.addSubheading', size: 60, cls: 'ie-textchoice--sub' },
    { role: 'caption', label: 'imageEditor.addBody', size: 40, cls: 'ie-textchoice--body' },
  ] as const;
  return (
    <div className="ie-add__list">
      {rows.map((r) => (
        <button key={r.role} type="button" className={`ie-textchoice ${r.cls}`} onClick={() => addTextLayer(kit, r.role, t(r.label), r.size)} data-testid={`ie-add-text-${r.role}`}>
          {t(r.label)}
        </button>
      ))}
      <p className="ie-add__hint">{kit?.textStyles.length ? t('imageEditor.textKitHint', { kit: kit.name }) : t('imageEditor.textHint')}</p>
    </div>
  );
}

function ShapeIcon({ kind }: { kind: ShapeKind }) {
  return (
    <svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true">
      {kind === 'rect' && <rect x="6" y="6" width="28" height="28" />}
      {kind === 'roundRect' && <rect x="6" y="6" width="28" height="28" rx="8" />}
      {kind === 'ellipse' && <circle cx="20" cy="20" r="14" />}
      {kind === 'line' && <line x1="5" y1="20" x2="35" y2="20" strokeWidth="4" stroke="currentColor" strokeLinecap="round" />}
    </svg>
  );
}

function ShapeChoices({ kit }: { kit: BrandKit | null }) {
  const colour = kit?.palette[0]?.color ?? '#3b82f6';
  return (
    <div className="ie-shapes">
      {shapeKinds.map((k) => (
        <button key={k} type="button" className="ie-shapechoice" style={{ color: colour, fill: colour }} onClick={() => addShapeLayer(k, colour)} data-testid={`ie-add-shape-${k}`} title={t(`imageEditor.shape.${k}` as MessageKey)}>
          <ShapeIcon kind={k} />
          <span>{t(`imageEditor.shape.${k}` as MessageKey)}</span>
        </button>
      ))}
    </div>
  );
}

function PhotoChoices() {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<AssetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [epoch, setEpoch] = useState(0);
  useEffect(() => onEvent('assets.changed', () => setEpoch((n) => n + 1)), []);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call('assets.list', { query: query.trim(), kind: 'image', limit: 200 }).then(
        (res) => live && (setItems(res.items), setError(null)),
        (e: unknown) => live && setError(errorText(e)),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, epoch]);
  return (
    <div className="ie-photos" data-testid="ie-photos">
      <div className="search">
        <SearchIcon size={16} className="search__icon" />
        <input type="search" className="search__input" placeholder={t('imageEditor.photoSearch')} aria-label={t('imageEditor.photoSearch')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {error ? (
        <p className="ie-add__hint" role="alert">
          {error}
        </p>
      ) : items && items.length === 0 ? (
        <div className="ie-add__empty">
          <ImageIcon size={32} />
          <p>{query ? t('bin.noMatch') : t('imageEditor.noPhotos')}</p>
          {!query && (
            <Button size="sm" onClick={() => goToLibrary('assets')}>
              {t('bin.toLibrary')}
            </Button>
          )}
        </div>
      ) : (
        <ul className="ie-photos__grid">
          {(items ?? []).map((a) => (
            <li key={a.id}>
              <button type="button" className="ie-photo-choice" onClick={() => addPhotoLayer(a)} title={t('imageEditor.addPhoto', { name: a.name })} data-testid="ie-photo-choice" data-name={a.name}>
                {a.hasThumbnail ? <img src={mediaUrl(a.id, 'thumb')} alt="" loading="lazy" draggable={false} /> : <TextIcon size={20} />}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="ie-add__hint">{t('imageEditor.photoHint')}</p>
    </div>
  );
}
