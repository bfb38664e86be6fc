import { useRef, useState, type RefObject } from 'react';
import { useAllowedFolders } from '../../api/allowedFolders';
import { assetKinds, assetSorts, type AssetKind, type AssetSort } from '../../../../electron/model/asset';
import { shell } from '../../api/client';
import { fromFileList } from '../../api/importFiles';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { Button, IconButton } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { ArrowDownIcon, ArrowUpIcon, CloseIcon, DuplicateIcon, FolderIcon, ImportIcon, SearchIcon, TemplateIcon, TrashIcon } from '../../ui/icons';
import { ViewSwitch } from '../drafts/ViewSwitch';
import { useTemplatePicker } from '../templates/templatePickerStore';
import { KindIcon } from './KindIcon';
import { IMPORT_INPUT_ID, openImportPicker } from './importPicker';
import { ServerFolderDialog } from './ServerFolderDialog';
import { ColourFilter } from './ColourFilter';
import { DuplicatesDialog } from './DuplicatesDialog';

const kindLabel: Record<AssetKind, MessageKey> = { video: 'kind.video', image: 'kind.image', audio: 'kind.audio' };
const sortLabel: Record<AssetSort, MessageKey> = {
  imported: 'sort.imported',
  name: 'sort.name',
  size: 'sort.size',
  duration: 'sort.duration',
  created: 'sort.created',
};

export function Toolbar({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  return (
    <header className="toolbar">
      <ViewSwitch />
      <SearchBox inputRef={searchRef} />
      <KindChips />
      <TagFilter />
      <ColourFilter />
      <SortMenu />
      <div className="toolbar__spacer" />
      <DuplicatesButton />
      <TrashToggle />
      <ServerImportButton />
      <Button variant="ghost" icon={<TemplateIcon size={18} />} onClick={() => useTemplatePicker.getState().show()} title={t('templates.newFrom')} data-testid="library-new-from-template">
        {t('templates.newFromShort')}
      </Button>
      <ImportButton />
    </header>
  );
}

function SearchBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const value = useStore((s) => s.searchInput);
  const setSearchInput = useStore((s) => s.setSearchInput);
  return (
    <div className="search">
      <label htmlFor="library-search" className="visually-hidden">
        {t('search.label')}
      </label>
      <SearchIcon size={18} className="search__icon" />
      <input
        ref={inputRef}
        id="library-search"
        type="search"
        className="search__input"
        placeholder={t('search.placeholder')}
        value={value}
        onChange={(e) => setSearchInput(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.stopPropagation();
            setSearchInput('');
          }
        }}
        autoComplete="off"
        spellCheck={false}
        data-testid="search-input"
      />
      <kbd className="search__kbd" aria-hidden="true">
        /
      </kbd>
      {value && (
        <button type="button" className="search__clear" aria-label={t('search.clear')} title={t('search.clear')} onClick={() => setSearchInput('')}>
          <CloseIcon size={16} />
        </button>
      )}
    </div>
  );
}

function KindChips() {
  const kind = useStore((s) => s.query.kind);
  const setQuery = useStore((s) => s.setQuery);
  return (
    <div className="chips" role="group" aria-label={t('filter.kind')}>
      <Chip selected={kind === null} onClick={() => setQuery({ kind: null })} testId="kind-all">
        {t('kind.all')}
      </Chip>
      {assetKinds.map((k) => (
        <Chip key={k} selected={kind === k} onClick={() => setQuery({ kind: k })} icon={<KindIcon kind={k} size={16} />} testId={`kind-${k}`}>
          {t(kindLabel[k])}
        </Chip>
      ))}
    </div>
  );
}

function TagFilter() {
  const tag = useStore((s) => s.query.tag);
  const tags = useStore((s) => s.tags);
  const setQuery = useStore((s) => s.setQuery);
  const known = tag === null || tags.some((x) => x.tag === tag);
  return (
    <div className="select-wrap">
      <label htmlFor="tag-filter" className="visually-hidden">
        {t('filter.tag')}
      </label>
      <select
        id="tag-filter"
        className="select"
        value={tag ?? ''}
        onChange={(e) => setQuery({ tag: e.target.value === '' ? null : e.target.value })}
        data-testid="tag-filter"
      >
        <option value="">{t('filter.allTags')}</option>
        {!known && tag !== null && <option value={tag}>{tag}</option>}
        {tags.map((x) => (
          <option key={x.tag} value={x.tag}>
            {t('filter.tagOption', { tag: x.tag, count: x.count })}
          </option>
        ))}
      </select>
    </div>
  );
}

function SortMenu() {
  const sort = useStore((s) => s.query.sort);
  const order = useStore((s) => s.query.order);
  const setQuery = useStore((s) => s.setQuery);
  return (
    <div className="sort">
      <label htmlFor="sort-select" className="visually-hidden">
        {t('sort.label')}
      </label>
      <select
        id="sort-select"
        className="select"
        value={sort}
        onChange={(e) => {
          const next = e.target.value as AssetSort;
          // Names read best A→Z; everything else (newest, biggest, longest) reads best high-to-low.
          setQuery({ sort: next, order: next === 'name' ? 'asc' : 'desc' });
        }}
        data-testid="sort-select"
      >
        {assetSorts.map((s) => (
          <option key={s} value={s}>
            {t(sortLabel[s])}
          </option>
        ))}
      </select>
      <IconButton
        label={order === 'asc' ? t('sort.ascending') : t('sort.descending')}
        icon={order === 'asc' ? <ArrowUpIcon size={18} /> : <ArrowDownIcon size={18} />}
        onClick={() => setQuery({ order: order === 'asc' ? 'desc' : 'asc' })}
        data-testid="sort-order"
      />
    </div>
  );
}

function TrashToggle() {
  const trashed = useStore((s) => s.query.trashed);
  const setQuery = useStore((s) => s.setQuery);
  return (
    <Button
      variant={trashed ? 'primary' : 'ghost'}
      icon={<TrashIcon size={18} />}
      aria-pressed={trashed}
      onClick={() => setQuery({ trashed: !trashed })}
      title={trashed ? t('trash.back') : t('trash.show')}
      data-testid="trash-toggle"
    >
      {t('trash.label')}
    </Button>
  );
}

function DuplicatesButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" icon={<DuplicateIcon size={18} />} onClick={() => setOpen(true)} title={t('dupes.title')} data-testid="duplicates-button">
        {t('dupes.button')}
      </Button>
      {open && <DuplicatesDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** Browser mode with folders allowed on the host: import one of them (or a path inside) without uploading it. */
function ServerImportButton() {
  const folders = useAllowedFolders();
  const busy = useStore((s) => s.importTask !== null);
  const [open, setOpen] = useState(false);
  if (shell !== 'browser' || folders.length === 0) return null;
  return (
    <>
      <Button icon={<FolderIcon size={18} />} disabled={busy} onClick={() => setOpen(true)} title={t('import.server.title')} data-testid="server-import-button">
        {t('import.server.button')}
      </Button>
      {open && <ServerFolderDialog folders={folders} onClose={() => setOpen(false)} />}
    </>
  );
}

function ImportButton() {
  const fileRef = useRef<HTMLInputElement>(null);
  const startImport = useStore((s) => s.startImport);
  const busy = useStore((s) => s.importTask !== null);
  return (
    <>
      <Button
        variant="primary"
        icon={<ImportIcon size={18} />}
        disabled={busy}
        onClick={openImportPicker}
        title={t('import.button')}
        data-testid="import-button"
      >
        {t('import.button')}
      </Button>
      {shell === 'browser' && (
        <input
          ref={fileRef}
          id={IMPORT_INPUT_ID}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-hidden="true"
          data-testid="import-file-input"
          onChange={(e) => {
            const files = e.target.files;
            if (files && files.length > 0) void startImport(fromFileList(files));
            e.target.value = '';
          }}
        />
      )}
    </>
  );
}
