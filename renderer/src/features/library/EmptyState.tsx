import { t } from '../../i18n';
import { useStore } from '../../store';
import { hasFilters, placeName } from '../../store/librarySlice';
import { openImportPicker } from './importPicker';
import { Button } from '../../ui/Button';
import { ImportIcon, SearchIcon, TrashIcon } from '../../ui/icons';

/** What to do next when the grid has nothing to show: import, loosen the filters, or nothing (empty trash). */
export function EmptyState() {
  const query = useStore((s) => s.query);
  const clearFilters = useStore((s) => s.clearFilters);
  const setQuery = useStore((s) => s.setQuery);
  const place = useStore(placeName);
  const openSmartEditor = useStore((s) => s.openSmartEditor);

  if (hasFilters(query)) {
    const text = query.text.trim();
    return (
      <div className="empty" data-testid="empty-state" data-empty="no-results">
        <SearchIcon size={40} className="empty__icon" />
        <h2 className="empty__title">{text ? t('empty.noResults.titleText', { text }) : t('empty.noResults.title')}</h2>
        <p className="empty__body">{query.color ? t('empty.noResults.colour', { hex: query.color.hex }) : t('empty.noResults.body')}</p>
        <Button variant="primary" onClick={clearFilters} data-testid="clear-filters">
          {t('filter.clear')}
        </Button>
      </div>
    );
  }
  if (!query.trashed && query.collectionId) {
    const name = place ?? '';
    return (
      <div className="empty" data-testid="empty-state" data-empty="collection">
        <h2 className="empty__title">{t('empty.collection.title', { name })}</h2>
        <p className="empty__body">{t('empty.collection.body', { name })}</p>
        <Button onClick={() => setQuery({ collectionId: null })}>{t('empty.collection.back')}</Button>
      </div>
    );
  }
  if (!query.trashed && query.smartCollectionId) {
    const id = query.smartCollectionId;
    return (
      <div className="empty" data-testid="empty-state" data-empty="smart">
        <h2 className="empty__title">{t('empty.smart.title', { name: place ?? '' })}</h2>
        <p className="empty__body">{t('empty.smart.body')}</p>
        <Button onClick={() => openSmartEditor(id)}>{t('empty.smart.edit')}</Button>
      </div>
    );
  }
  if (query.trashed) {
    return (
      <div className="empty" data-testid="empty-state" data-empty="trash">
        <TrashIcon size={40} className="empty__icon" />
        <h2 className="empty__title">{t('empty.trash.title')}</h2>
        <p className="empty__body">{t('empty.trash.body')}</p>
        <Button onClick={() => setQuery({ trashed: false })}>{t('trash.back')}</Button>
      </div>
    );
  }
  return (
    <div className="empty empty--library" data-testid="empty-state" data-empty="library">
      <div className="empty__drop">
        <ImportIcon size={48} className="empty__icon" />
        <h2 className="empty__title">{t('empty.library.title')}</h2>
        <p className="empty__body">{t('empty.library.body')}</p>
        <Button variant="primary" icon={<ImportIcon size={18} />} onClick={openImportPicker}>
          {t('import.button')}
        </Button>
        <dl className="empty__formats">
          <div>
            <dt>{t('kind.video')}</dt>
            <dd>{t('formats.video')}</dd>
          </div>
          <div>
            <dt>{t('kind.image')}</dt>
            <dd>{t('formats.image')}</dd>
          </div>
          <div>
            <dt>{t('kind.audio')}</dt>
            <dd>{t('formats.audio')}</dd>
          </div>
        </dl>
      </div>
    </div>
  );
}
