import { useState, type DragEvent, type ReactNode } from 'react';
import { colourLabels, type Collection, type LabelChoice } from '../../../../electron/model/organise';
import type { SmartCollection } from '../../../../electron/model/smart-rules';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { cx, IconButton } from '../../ui/Button';
import { LibraryIcon, PencilIcon, PlusIcon, TrashIcon } from '../../ui/icons';
import { ASSET_DRAG_TYPE, draggedAssetIds } from './assetDrag';

/**
 * The Library's places (Eagle's left column): all assets, manual collections and smart collections, each with its
 * live count. Assets dragged from the grid drop onto a manual collection.
 */
export function LibrarySidebar() {
  const query = useStore((s) => s.query);
  const setQuery = useStore((s) => s.setQuery);
  const collections = useStore((s) => s.collections);
  const smart = useStore((s) => s.smartCollections);
  const draft = useStore((s) => s.collectionDraft);
  const startCollection = useStore((s) => s.startCollection);
  const openSmartEditor = useStore((s) => s.openSmartEditor);
  const atAll = !query.collectionId && !query.smartCollectionId;
  const show = (place: { collectionId?: string; smartCollectionId?: string }) =>
    setQuery({ collectionId: place.collectionId ?? null, smartCollectionId: place.smartCollectionId ?? null, trashed: false });

  return (
    <nav className="sidebar" aria-label={t('sidebar.label')} data-testid="library-sidebar">
      <button type="button" className={cx('sidebar__item', atAll && !query.trashed && 'sidebar__item--active')} aria-current={atAll && !query.trashed ? 'page' : undefined} onClick={() => show({})} data-testid="sidebar-all">
        <LibraryIcon size={16} />
        <span className="sidebar__name">{t('sidebar.all')}</span>
      </button>

      <MarkFilters />

      <Section title={t('sidebar.collections')} addLabel={t('sidebar.newCollection')} onAdd={() => startCollection([])} addTestId="new-collection">
        {draft && <NewCollectionField assetIds={draft.assetIds} />}
        {collections.length === 0 && !draft && <p className="sidebar__hint">{t('sidebar.collectionsEmpty')}</p>}
        {collections.map((c) => (
          <CollectionItem key={c.id} collection={c} active={query.collectionId === c.id && !query.trashed} onShow={() => show({ collectionId: c.id })} />
        ))}
      </Section>

      <Section title={t('sidebar.smart')} addLabel={t('sidebar.newSmart')} onAdd={() => openSmartEditor(null)} addTestId="new-smart-collection">
        {smart.length === 0 && <p className="sidebar__hint">{t('sidebar.smartEmpty')}</p>}
        {smart.map((c) => (
          <SmartItem key={c.id} collection={c} active={query.smartCollectionId === c.id && !query.trashed} onShow={() => show({ smartCollectionId: c.id })} />
        ))}
      </Section>
    </nav>
  );
}

function Section({ title, addLabel, onAdd, addTestId, children }: { title: string; addLabel: string; onAdd: () => void; addTestId: string; children: ReactNode }) {
  return (
    <section className="sidebar__section">
      <div className="sidebar__head">
        <h2 className="sidebar__title">{title}</h2>
        <IconButton label={addLabel} icon={<PlusIcon size={16} />} onClick={onAdd} data-testid={addTestId} />
      </div>
      <ul className="sidebar__list">{children}</ul>
    </section>
  );
}

function NewCollectionField({ assetIds }: { assetIds: string[] }) {
  const [name, setName] = useState(t('sidebar.defaultName'));
  const create = useStore((s) => s.createCollection);
  const startCollection = useStore((s) => s.startCollection);
  const setQuery = useStore((s) => s.setQuery);
  const done = async () => {
    const trimmed = name.trim();
    startCollection(null);
    if (!trimmed) return;
    const c = await create(trimmed, assetIds);
    if (c && assetIds.length === 0) setQuery({ collectionId: c.id, smartCollectionId: null, trashed: false });
  };
  return (
    <li className="sidebar__row">
      <NameInput value={name} onChange={setName} onDone={() => void done()} onCancel={() => startCollection(null)} testId="collection-name-input" />
    </li>
  );
}

function NameInput({ value, onChange, onDone, onCancel, testId }: { value: string; onChange: (v: string) => void; onDone: () => void; onCancel: () => void; testId: string }) {
  return (
    <input
      className="sidebar__input"
      aria-label={t('sidebar.nameLabel')}
      value={value}
      maxLength={80}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onDone}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
      data-testid={testId}
    />
  );
}

function CollectionItem({ collection: c, active, onShow }: { collection: Collection; active: boolean; onShow: () => void }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const rename = useStore((s) => s.renameCollection);
  const remove = useStore((s) => s.deleteCollection);
  const add = useStore((s) => s.addToCollection);
  const accepts = (e: DragEvent) => Array.from(e.dataTransfer.types).includes(ASSET_DRAG_TYPE);

  if (renaming !== null) {
    const done = () => {
      const next = renaming.trim();
      setRenaming(null);
      if (next && next !== c.name) void rename(c.id, next);
    };
    return (
      <li className="sidebar__row">
        <NameInput value={renaming} onChange={setRenaming} onDone={done} onCancel={() => setRenaming(null)} testId="collection-rename-input" />
      </li>
    );
  }
  return (
    <li
      className={cx('sidebar__row', over && 'sidebar__row--drop')}
      data-testid="collection-item"
      data-name={c.name}
      onDragEnter={(e) => accepts(e) && (e.preventDefault(), setOver(true))}
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const ids = draggedAssetIds(e.dataTransfer);
        if (!ids) return;
        e.preventDefault();
        void add(c.id, ids);
      }}
      title={over ? t('sidebar.dropHint', { name: c.name }) : undefined}
    >
      <button type="button" className={cx('sidebar__item', active && 'sidebar__item--active')} aria-current={active ? 'page' : undefined} onClick={onShow} data-testid="collection-open">
        <span className="sidebar__name">{c.name}</span>
        <span className="sidebar__count" data-testid="collection-count">{c.count}</span>
      </button>
      <span className="sidebar__actions">
        <IconButton label={t('sidebar.rename', { name: c.name })} icon={<PencilIcon size={14} />} onClick={() => setRenaming(c.name)} data-testid="collection-rename" />
        <IconButton label={t('sidebar.delete', { name: c.name })} icon={<TrashIcon size={14} />} onClick={() => void remove(c.id)} data-testid="collection-delete" />
      </span>
    </li>
  );
}

function SmartItem({ collection: c, active, onShow }: { collection: SmartCollection; active: boolean; onShow: () => void }) {
  const edit = useStore((s) => s.openSmartEditor);
  const remove = useStore((s) => s.deleteSmartCollection);
  return (
    <li className="sidebar__row" data-testid="smart-item" data-name={c.name}>
      <button
        type="button"
        className={cx('sidebar__item', 'sidebar__item--smart', active && 'sidebar__item--active')}
        aria-current={active ? 'page' : undefined}
        onClick={onShow}
        disabled={!c.readable}
        title={c.readable ? undefined : t('sidebar.unreadable')}
        data-testid="smart-open"
      >
        <span className="sidebar__name">{c.name}</span>
        <span className="sidebar__count" data-testid="smart-count">{c.count}</span>
      </button>
      <span className="sidebar__actions">
        {c.readable && <IconButton label={t('sidebar.edit', { name: c.name })} icon={<PencilIcon size={14} />} onClick={() => edit(c.id)} data-testid="smart-edit" />}
        <IconButton label={t('sidebar.delete', { name: c.name })} icon={<TrashIcon size={14} />} onClick={() => void remove(c.id)} data-testid="smart-delete" />
      </span>
    </li>
  );
}

/** Stars (at least n) and colour label, as Eagle's and Lightroom's filter bars. */
export function MarkFilters() {
  const minRating = useStore((s) => s.query.minRating);
  const label = useStore((s) => s.query.label);
  const setQuery = useStore((s) => s.setQuery);
  return (
    <div className="sidebar__filters">
      <div className="select-wrap">
        <label htmlFor="rating-filter" className="visually-hidden">
          {t('filter.rating')}
        </label>
        <select id="rating-filter" className="select select--sm" value={minRating} onChange={(e) => setQuery({ minRating: Number(e.target.value) })} data-testid="rating-filter">
          <option value={0}>{t('filter.anyRating')}</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {t('filter.ratingOption', { stars: n })}
            </option>
          ))}
        </select>
      </div>
      <div className="select-wrap">
        <label htmlFor="label-filter" className="visually-hidden">
          {t('filter.label')}
        </label>
        <select
          id="label-filter"
          className="select select--sm"
          value={label ?? ''}
          onChange={(e) => setQuery({ label: e.target.value === '' ? null : (e.target.value as LabelChoice) })}
          data-testid="label-filter"
        >
          <option value="">{t('filter.anyLabel')}</option>
          {[...colourLabels, 'none' as const].map((l) => (
            <option key={l} value={l}>
              {t(`label.${l}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
