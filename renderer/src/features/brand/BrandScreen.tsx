import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { BrandKit } from '../../../../electron/model/brand-kit';
import { onEvent } from '../../api/client';
import { type MessageKey, t } from '../../i18n';
import { Button, cx, IconButton } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { BrandIcon, DuplicateIcon, ExportIcon, ImportIcon, PlusIcon, RedoIcon, StarIcon, TrashIcon, UndoIcon } from '../../ui/icons';
import { TextInput } from '../../ui/TextInput';
import { useBrand } from './brandStore';
import { CaptionsSection, ClipsSection } from './ClipsAndCaptions';
import { LogosSection } from './LogosSection';
import { PaletteSection } from './PaletteSection';
import { FontsSection, useLibraryFonts } from './FontsSection';
import { fontChoices } from './kitFonts';
import { TextStylesSection } from './TextStylesSection';
import { WatermarkSection } from './WatermarkSection';
import './brand.css';

/**
 * The Brand room (DESIGN.md "The face"): the library's brand kits on the left, the open kit's editor on the
 * right. Edits save by themselves (kits.update with the version they started from); Ctrl+Z / Ctrl+Shift+Z undo
 * and redo. People without `kits.edit` see everything read-only, with a note saying who can change it.
 */
export function BrandScreen() {
  const load = useBrand((s) => s.load);
  const loaded = useBrand((s) => s.loaded);
  const loadError = useBrand((s) => s.loadError);
  const kits = useBrand((s) => s.kits);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void load();
    const offKits = onEvent('kits.changed', (e) => void useBrand.getState().kitsChanged(e.reason, e.ids));
    const offLib = onEvent('library.changed', () => void useBrand.getState().load());
    return () => {
      offKits();
      offLib();
      // Leaving the room saves what is still waiting for its debounce.
      void useBrand.getState().leave();
    };
  }, [load]);

  return (
    <div className="brand" data-testid="brand-screen">
      <header className="brand__header">
        <h1 className="brand__title">{t('brand.title')}</h1>
      </header>
      {loadError && (
        <p className="banner banner--error banner--inline" role="alert">
          {loadError}
        </p>
      )}
      {loaded && !loadError && kits.length === 0 ? (
        <EmptyBrand onCreate={() => setCreating(true)} />
      ) : (
        <div className="brand__body">
          <KitList onCreate={() => setCreating(true)} />
          <KitEditor />
        </div>
      )}
      <NewKitDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function ReadOnlyNote() {
  const actor = useBrand((s) => s.actor);
  const canEdit = useBrand((s) => s.canEdit);
  if (canEdit || !actor) return null;
  return (
    <p className="banner brand-readonly" data-testid="brand-readonly">
      {t('brand.readOnly', { name: actor.name, role: t(`queue.role.${actor.role}` as MessageKey) })}
    </p>
  );
}

function EmptyBrand({ onCreate }: { onCreate: () => void }) {
  const canEdit = useBrand((s) => s.canEdit);
  return (
    <div className="brand-empty-state" data-testid="brand-empty">
      <span className="brand-empty-state__icon">
        <BrandIcon size={40} />
      </span>
      <h2 className="brand-empty-state__title">{t('brand.emptyTitle')}</h2>
      <p className="brand-empty-state__text">{t('brand.emptyText')}</p>
      {canEdit ? (
        <div className="brand-empty-state__actions">
          <Button variant="primary" icon={<PlusIcon size={18} />} onClick={onCreate} data-testid="kit-create-first">
            {t('brand.createFirst')}
          </Button>
          <ImportKitButton label={t('brand.importKitFile')} />
        </div>
      ) : (
        <ReadOnlyNote />
      )}
    </div>
  );
}

function KitList({ onCreate }: { onCreate: () => void }) {
  const kits = useBrand((s) => s.kits);
  const selectedId = useBrand((s) => s.selectedId);
  const select = useBrand((s) => s.select);
  const canEdit = useBrand((s) => s.canEdit);
  return (
    <nav className="kit-list" aria-label={t('brand.kits')}>
      <div className="kit-list__head">
        <h2 className="panel-title">{t('brand.kits')}</h2>
        {canEdit && (
          <div className="kit-list__actions">
            <ImportKitButton />
            <IconButton size="sm" variant="secondary" label={t('brand.newKit')} icon={<PlusIcon size={16} />} onClick={onCreate} data-testid="kit-create" />
          </div>
        )}
      </div>
      <ul className="kit-list__items">
        {kits.map((k) => (
          <li key={k.id}>
            <button type="button" className={cx('kit-item', k.id === selectedId && 'kit-item--active')} aria-current={k.id === selectedId ? 'true' : undefined} onClick={() => void select(k.id)} data-testid="kit-item" data-kit-id={k.id} data-name={k.name}>
              <KitStrip kit={k} />
              <span className="kit-item__name">{k.name}</span>
              {k.isDefault && (
                <span className="kit-badge" data-testid="kit-default-badge" title={t('brand.defaultHint')}>
                  <StarIcon size={12} />
                  {t('brand.default')}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Imports a `.postframe-kit` file (another library's kit: its fonts and logos come along). */
function ImportKitButton({ label }: { label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const busy = useBrand((s) => s.busy);
  return (
    <>
      {label ? (
        <Button icon={<ImportIcon size={18} />} disabled={busy} onClick={() => input.current?.click()} data-testid="kit-import-first">
          {label}
        </Button>
      ) : (
        <IconButton size="sm" variant="ghost" label={t('brand.importKit')} icon={<ImportIcon size={16} />} disabled={busy} onClick={() => input.current?.click()} data-testid="kit-import" />
      )}
      <input
        ref={input}
        type="file"
        hidden
        accept=".postframe-kit"
        data-testid={label ? 'kit-import-file-first' : 'kit-import-file'}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void useBrand.getState().importKit(file);
        }}
      />
    </>
  );
}

/** The first colours of a kit, as a small strip: kits are told apart by colour at a glance. */
function KitStrip({ kit }: { kit: BrandKit }) {
  const colors = kit.palette.slice(0, 4).map((s) => s.color);
  return (
    <span className="kit-strip" aria-hidden="true">
      {colors.length ? colors.map((c, i) => <span key={i} style={{ background: c }} />) : <span className="kit-strip__none" />}
    </span>
  );
}

function NewKitDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const createKit = useBrand((s) => s.createKit);
  const busy = useBrand((s) => s.busy);
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    if (await createKit(name.trim())) {
      setName('');
      onClose();
    }
  };
  return (
    <Dialog open={open} title={t('brand.newKit')} onClose={onClose} testId="kit-new-dialog">
      <form className="brand-form" onSubmit={(e) => void submit(e)}>
        <TextInput label={t('brand.kitName')} placeholder={t('brand.kitNamePlaceholder')} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} autoFocus data-testid="kit-new-name" />
        <div className="dialog__footer">
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={busy || !name.trim()} data-testid="kit-new-save">
            {t('brand.create')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function KitEditor() {
  const open = useBrand((s) => s.open);
  const canEdit = useBrand((s) => s.canEdit);
  const fonts = useLibraryFonts();
  useUndoKeys(open !== null && canEdit);
  if (!open) return <div className="kit-editor kit-editor--none" />;
  const { content } = open;
  return (
    <div className="kit-editor" data-testid="kit-editor" data-kit-id={open.kit.id}>
      <KitHeader />
      <ReadOnlyNote />
      {/* A disabled fieldset disables every control inside: the kit stays readable, nothing can be sent. */}
      <fieldset className="kit-editor__sections" disabled={!canEdit} data-testid="kit-fieldset">
        <PaletteSection content={content} />
        <FontsSection content={content} fonts={fonts} />
        <TextStylesSection content={content} fonts={fontChoices(content, fonts)} faces={fonts} />
        <LogosSection content={content} />
        <WatermarkSection content={content} />
        <ClipsSection content={content} />
        <CaptionsSection content={content} />
      </fieldset>
    </div>
  );
}

/** Ctrl/Cmd+Z undoes a kit edit, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes it, wherever focus is in the room. */
function useUndoKeys(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      // A dialog (the asset picker, a confirmation) has its own fields: leave its keys alone.
      if (document.querySelector('dialog[open]')) return;
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        useBrand.getState().undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        useBrand.getState().redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}

function KitHeader() {
  const open = useBrand((s) => s.open)!;
  const canEdit = useBrand((s) => s.canEdit);
  const busy = useBrand((s) => s.busy);
  const { edit, undo, redo, duplicate, setDefault, reload, exportKit } = useBrand.getState();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { kit, content } = open;
  return (
    <div className="kit-header">
      <div className="kit-header__row">
        <input
          className="kit-header__name"
          value={content.name}
          maxLength={80}
          aria-label={t('brand.kitName')}
          disabled={!canEdit}
          onChange={(e) => edit((c) => ({ ...c, name: e.target.value }), 'name')}
          data-testid="kit-name"
        />
        {kit.isDefault && (
          <span className="kit-badge kit-badge--lg" title={t('brand.defaultHint')}>
            <StarIcon size={14} />
            {t('brand.default')}
          </span>
        )}
        <SaveIndicator />
        <div className="kit-header__spacer" />
        {canEdit && (
          <>
            <IconButton label={t('brand.undo')} icon={<UndoIcon />} disabled={!open.canUndo} onClick={undo} data-testid="kit-undo" />
            <IconButton label={t('brand.redo')} icon={<RedoIcon />} disabled={!open.canRedo} onClick={redo} data-testid="kit-redo" />
            {!kit.isDefault && (
              <Button size="sm" icon={<StarIcon size={16} />} onClick={() => void setDefault(kit.id)} data-testid="kit-set-default">
                {t('brand.makeDefault')}
              </Button>
            )}
            <Button size="sm" icon={<ExportIcon size={16} />} disabled={busy} onClick={() => void exportKit(kit.id)} title={t('brand.exportHint')} data-testid="kit-export">
              {t('brand.exportKit')}
            </Button>
            <Button size="sm" icon={<DuplicateIcon size={16} />} disabled={busy} onClick={() => void duplicate(kit.id)} data-testid="kit-duplicate">
              {t('brand.duplicate')}
            </Button>
            <IconButton label={t('brand.delete')} icon={<TrashIcon />} variant="ghost" disabled={busy} onClick={() => setConfirmDelete(true)} data-testid="kit-delete" />
          </>
        )}
      </div>
      {open.problem && (
        <div className={cx('banner', open.problem.kind === 'conflict' ? 'banner--warning' : 'banner--error', 'kit-problem')} role="alert" data-testid="kit-problem" data-kind={open.problem.kind}>
          <span>{open.problem.kind === 'conflict' ? t('brand.conflict') : t('brand.notSaved', { reason: open.problem.message })}</span>
          {open.problem.kind === 'conflict' && (
            <Button size="sm" onClick={() => void reload()} data-testid="kit-reload">
              {t('brand.reload')}
            </Button>
          )}
        </div>
      )}
      <Dialog
        open={confirmDelete}
        title={t('brand.deleteTitle', { name: content.name })}
        onClose={() => setConfirmDelete(false)}
        testId="kit-delete-dialog"
        footer={
          <>
            <Button onClick={() => setConfirmDelete(false)}>{t('action.cancel')}</Button>
            <Button
              variant="danger"
              onClick={() => {
                setConfirmDelete(false);
                void useBrand.getState().remove(kit.id);
              }}
              data-testid="kit-delete-confirm"
            >
              {t('brand.delete')}
            </Button>
          </>
        }
      >
        <p>{kit.isDefault ? t('brand.deleteDefaultText') : t('brand.deleteText')}</p>
      </Dialog>
    </div>
  );
}

function SaveIndicator() {
  const status = useBrand((s) => s.open?.status);
  const problem = useBrand((s) => s.open?.problem);
  if (!status || problem) return null;
  const key: MessageKey = status === 'saved' ? 'brand.saved' : status === 'offline' ? 'brand.offline' : 'brand.saving';
  return (
    <span className={cx('save-state', `save-state--${status}`)} role="status" data-testid="kit-save-state" data-status={status}>
      {t(key)}
    </span>
  );
}
