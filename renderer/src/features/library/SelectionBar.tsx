import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { call } from '../../api/client';
import { normalizeTag } from '../../../../electron/model/asset';
import { t, tn } from '../../i18n';
import { useStore } from '../../store';
import { useMay } from '../../store/meStore';
import { hasFilters, placeName, selectedSummaries } from '../../store/librarySlice';
import { Button } from '../../ui/Button';
import { ImageIcon, RestoreIcon, TagIcon, TrashIcon } from '../../ui/icons';
import { ImportProgress } from './ImportProgress';
import { NewImageDialog } from '../drafts/NewImageDialog';
import { LabelSwatches, RatingStars } from './MarkControls';

/**
 * The strip under the toolbar. Always the same height: it shows the result count, or the bulk actions for
 * the selection, and the import progress on the right, so nothing below it moves.
 */
export function SelectionBar() {
  const count = useStore((s) => s.selected.size);
  return (
    <div className="subbar">
      <div className="subbar__left">{count > 0 ? <SelectionActions count={count} /> : <ResultCount />}</div>
      <ImportProgress />
    </div>
  );
}

function ResultCount() {
  const total = useStore((s) => s.total);
  const trashed = useStore((s) => s.query.trashed);
  const filtered = useStore((s) => hasFilters(s.query));
  const clearFilters = useStore((s) => s.clearFilters);
  const place = useStore(placeName);
  if (total === null) return <span className="subbar__count" />;
  return (
    <>
      <span className="subbar__title" data-testid="place-title">{trashed ? t('trash.title') : (place ?? t('library.title'))}</span>
      <span className="subbar__count" data-testid="result-count">
        {tn('library.count', total)}
      </span>
      {filtered && (
        <Button size="sm" variant="ghost" onClick={clearFilters}>
          {t('filter.clear')}
        </Button>
      )}
    </>
  );
}

function SelectionActions({ count }: { count: number }) {
  const trashed = useStore((s) => s.query.trashed);
  const clearSelection = useStore((s) => s.clearSelection);
  const trashAssets = useStore((s) => s.trashAssets);
  const restoreAssets = useStore((s) => s.restoreAssets);
  const requestPurge = useStore((s) => s.requestPurge);
  const mayPurge = useMay('media.purge'); // admins only: a creator restores, an admin empties the trash
  const ids = () => Array.from(useStore.getState().selected);

  return (
    <>
      <span className="subbar__count subbar__count--strong" data-testid="selection-count">
        {tn('selection.count', count)}
      </span>
      {trashed ? (
        <>
          <Button size="sm" icon={<RestoreIcon size={16} />} onClick={() => void restoreAssets(ids())} data-testid="restore-button">
            {t('action.restore')}
          </Button>
          {mayPurge && (
            <Button size="sm" variant="danger" icon={<TrashIcon size={16} />} onClick={() => requestPurge(ids())} data-testid="purge-button">
              {t('action.deleteForever')}
            </Button>
          )}
        </>
      ) : (
        <>
          <SelectionMarks />
          <CollectionActions />
          <BulkTags />
          <NewImagePost />
          <Button size="sm" icon={<TrashIcon size={16} />} onClick={() => void trashAssets(ids())} data-testid="trash-button">
            {t('action.moveToTrash')}
          </Button>
        </>
      )}
      <Button size="sm" variant="ghost" onClick={clearSelection}>
        {t('selection.clear')}
      </Button>
    </>
  );
}

/** Stars and label for the whole selection; lit only when every loaded selected asset agrees. */
function SelectionMarks() {
  const summaries = useStore(useShallow(selectedSummaries));
  const rate = useStore((s) => s.rateAssets);
  const label = useStore((s) => s.labelAssets);
  const ids = () => Array.from(useStore.getState().selected);
  const same = <T,>(values: T[]): T | null => (values.length > 0 && values.every((v) => v === values[0]) ? values[0]! : null);
  const rating = same(summaries.map((a) => a.rating));
  const labels = summaries.map((a) => a.label);
  const commonLabel = labels.length > 0 && labels.every((l) => l === labels[0]) ? labels[0] : undefined;
  return (
    <>
      <RatingStars value={rating} onChange={(r) => void rate(ids(), r)} testId="bulk-rating" />
      <LabelSwatches value={commonLabel} onChange={(l) => void label(ids(), l)} testId="bulk-label" />
    </>
  );
}

/** Add the selection to a collection (or a new one), or take it out of the collection being shown. */
function CollectionActions() {
  const collections = useStore((s) => s.collections);
  const current = useStore((s) => s.query.collectionId);
  const add = useStore((s) => s.addToCollection);
  const removeFrom = useStore((s) => s.removeFromCollection);
  const startCollection = useStore((s) => s.startCollection);
  const ids = () => Array.from(useStore.getState().selected);
  const NEW = '+new'; // never a collection id (those are UUIDs)
  return (
    <>
      <label htmlFor="add-to-collection" className="visually-hidden">
        {t('selection.addToLabel')}
      </label>
      <select
        id="add-to-collection"
        className="select select--sm"
        value=""
        onChange={(e) => {
          const v = e.target.value;
          if (v === NEW) startCollection(ids());
          else if (v) void add(v, ids());
        }}
        data-testid="add-to-collection"
      >
        <option value="">{t('selection.addTo')}</option>
        {collections
          .filter((c) => c.id !== current)
          .map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        <option value={NEW}>{t('selection.newCollection')}</option>
      </select>
      {current && (
        <Button size="sm" onClick={() => void removeFrom(current, ids())} data-testid="remove-from-collection">
          {t('selection.removeFromCollection')}
        </Button>
      )}
    </>
  );
}

function BulkTags() {
  const [value, setValue] = useState('');
  const allTags = useStore((s) => s.tags);
  const selected = useStore((s) => s.selected);
  const tagAssets = useStore((s) => s.tagAssets);
  const onSelection = useSelectionTags(selected, allTags);
  const showToast = useStore((s) => s.showToast);
  const ids = () => Array.from(useStore.getState().selected);

  const add = async () => {
    const tag = normalizeTag(value);
    if (!tag) return;
    const target = ids();
    await tagAssets(target, [tag], []);
    setValue('');
    showToast({ message: tn('toast.tagged', target.length, { tag }), tone: 'success' });
  };

  return (
    <div className="bulk-tags">
      <TagIcon size={16} className="bulk-tags__icon" />
      <label htmlFor="bulk-tag-input" className="visually-hidden">
        {t('bulkTags.addLabel')}
      </label>
      <input
        id="bulk-tag-input"
        className="bulk-tags__input"
        placeholder={t('bulkTags.addPlaceholder')}
        value={value}
        list="bulk-tag-suggestions"
        maxLength={64}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void add();
          }
        }}
        data-testid="bulk-tag-input"
      />
      <datalist id="bulk-tag-suggestions">
        {allTags.map((x) => (
          <option key={x.tag} value={x.tag} />
        ))}
      </datalist>
      {onSelection.length > 0 && (
        <>
          <label htmlFor="bulk-tag-remove" className="visually-hidden">
            {t('bulkTags.removeLabel')}
          </label>
          <select
            id="bulk-tag-remove"
            className="select select--sm"
            value=""
            onChange={(e) => {
              const tag = e.target.value;
              if (!tag) return;
              const target = ids();
              void tagAssets(target, [], [tag]).then(() =>
                showToast({ message: tn('toast.untagged', target.length, { tag }), tone: 'success' }),
              );
            }}
            data-testid="bulk-tag-remove"
          >
            <option value="">{t('bulkTags.removePlaceholder')}</option>
            {onSelection.map((x) => (
              <option key={x.tag} value={x.tag}>
                {x.tag}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}

/**
 * The tags the selected assets carry, so "Remove tag" offers only what it can remove. Refetched when the
 * selection or the library's tags change (a tag added or removed here changes both); a short delay keeps
 * shift-click runs and select-all from sending a request per step.
 */
function useSelectionTags(selected: ReadonlySet<string>, allTags: unknown): { tag: string; count: number }[] {
  const [tags, setTags] = useState<{ tag: string; count: number }[]>([]);
  useEffect(() => {
    if (selected.size === 0) return; // the bar (and this hook) goes away with the selection
    let live = true;
    const timer = setTimeout(() => {
      call('tags.list', { ids: Array.from(selected) }).then(
        (r) => live && setTags(r),
        () => live && setTags([]),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [selected, allTags]);
  return tags;
}

/** "New image post" from the selected photos: one photo makes a post, several make a carousel (a page each). */
function NewImagePost() {
  const photos = useStore(useShallow((s) => selectedSummaries(s).filter((a) => a.kind === 'image')));
  const [open, setOpen] = useState(false);
  if (photos.length === 0) return null;
  return (
    <>
      <Button size="sm" icon={<ImageIcon size={16} />} onClick={() => setOpen(true)} data-testid="new-image-from-selection">
        {t('selection.newImagePost')}
      </Button>
      <NewImageDialog open={open} onClose={() => setOpen(false)} photos={photos} />
    </>
  );
}
