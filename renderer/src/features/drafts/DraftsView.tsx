import { useEffect, useState } from 'react';
import type { DraftSummary } from '../../../../electron/model/draft-record';
import { getLocale, t, tn, type MessageKey } from '../../i18n';
import { formatClock, formatDateTime } from '../../i18n/format';
import { useStore } from '../../store';
import { Button, IconButton } from '../../ui/Button';
import { DuplicateIcon, EditorIcon, ImageIcon, PencilIcon, PlusIcon, RestoreIcon, TemplateIcon, TrashIcon } from '../../ui/icons';
import { NewDraftDialog } from './NewDraftDialog';
import { NewImageDialog } from './NewImageDialog';
import { PresetShape } from './PresetShape';
import { ViewSwitch } from './ViewSwitch';
import { VersionHistoryButton } from './VersionHistoryButton';
import { useTemplatePicker } from '../templates/templatePickerStore';
import './drafts.css';

/** The Library's Drafts view: every video draft with its shape, length and last edit; new, open, rename, copy, trash. */
export function DraftsView() {
  const drafts = useStore((s) => s.drafts);
  const loaded = useStore((s) => s.draftsLoaded);
  const error = useStore((s) => s.draftsError);
  const trashed = useStore((s) => s.draftsTrashed);
  const setTrashed = useStore((s) => s.setDraftsTrashed);
  const loadDrafts = useStore((s) => s.loadDrafts);
  const [creating, setCreating] = useState(false);
  const [creatingImage, setCreatingImage] = useState(false);
  const showTemplates = useTemplatePicker((s) => s.show);

  useEffect(() => {
    void loadDrafts();
  }, [loadDrafts]);

  return (
    <section className="library drafts" data-testid="drafts-view">
      <header className="toolbar">
        <ViewSwitch />
        <div className="toolbar__spacer" />
        <Button
          variant={trashed ? 'primary' : 'ghost'}
          icon={<TrashIcon size={18} />}
          aria-pressed={trashed}
          onClick={() => setTrashed(!trashed)}
          title={trashed ? t('trash.back') : t('trash.show')}
          data-testid="drafts-trash-toggle"
        >
          {t('trash.label')}
        </Button>
        <Button icon={<TemplateIcon size={18} />} onClick={showTemplates} data-testid="new-from-template">
          {t('templates.newFrom')}
        </Button>
        <Button icon={<ImageIcon size={18} />} onClick={() => setCreatingImage(true)} data-testid="new-image">
          {t('drafts.newImage')}
        </Button>
        <Button variant="primary" icon={<PlusIcon size={18} />} onClick={() => setCreating(true)} data-testid="new-draft">
          {t('drafts.new')}
        </Button>
      </header>
      <div className="subbar">
        <div className="subbar__left">
          <span className="subbar__title">{trashed ? t('drafts.trashTitle') : t('drafts.title')}</span>
          {loaded && <span className="subbar__count">{tn('drafts.count', drafts.length)}</span>}
        </div>
      </div>
      <div className="drafts__body">
        {error ? (
          <div className="banner banner--error banner--inline" role="alert">
            {t('drafts.loadFailed', { reason: error })}
            <Button size="sm" onClick={() => void loadDrafts()}>
              {t('drafts.retry')}
            </Button>
          </div>
        ) : loaded && drafts.length === 0 ? (
          trashed ? (
            <div className="empty" data-testid="drafts-empty" data-empty="trash">
              <TrashIcon size={40} className="empty__icon" />
              <h2 className="empty__title">{t('drafts.emptyTrashTitle')}</h2>
              <p className="empty__body">{t('drafts.emptyTrashBody')}</p>
              <Button onClick={() => setTrashed(false)}>{t('trash.back')}</Button>
            </div>
          ) : (
            <div className="empty" data-testid="drafts-empty" data-empty="drafts">
              <EditorIcon size={48} className="empty__icon" />
              <h2 className="empty__title">{t('drafts.emptyTitle')}</h2>
              <p className="empty__body">{t('drafts.emptyBody')}</p>
              <div className="empty__actions">
                <Button variant="primary" icon={<PlusIcon size={18} />} onClick={() => setCreating(true)} data-testid="new-draft-empty">
                  {t('drafts.new')}
                </Button>
                <Button icon={<ImageIcon size={18} />} onClick={() => setCreatingImage(true)} data-testid="new-image-empty">
                  {t('drafts.newImage')}
                </Button>
                <Button icon={<TemplateIcon size={18} />} onClick={showTemplates} data-testid="new-from-template-empty">
                  {t('templates.newFrom')}
                </Button>
              </div>
            </div>
          )
        ) : (
          <table className="drafts-table" data-testid="draft-list">
            <thead>
              <tr>
                <th scope="col">{t('drafts.colName')}</th>
                <th scope="col">{t('drafts.colCanvas')}</th>
                <th scope="col" className="num">
                  {t('drafts.colDuration')}
                </th>
                <th scope="col">{t('drafts.colUpdated')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('drafts.actions', { name: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {drafts.map((d) => (
                <DraftRow key={d.id} draft={d} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      <NewDraftDialog open={creating} onClose={() => setCreating(false)} />
      <NewImageDialog open={creatingImage} onClose={() => setCreatingImage(false)} />
    </section>
  );
}

function DraftRow({ draft }: { draft: DraftSummary }) {
  const openDraft = useStore((s) => s.openDraft);
  const renameDraft = useStore((s) => s.renameDraft);
  const duplicateDraft = useStore((s) => s.duplicateDraft);
  const trashDrafts = useStore((s) => s.trashDrafts);
  const restoreDrafts = useStore((s) => s.restoreDrafts);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(draft.name);
  const inTrash = draft.trashedAt !== null;
  const canOpen = !inTrash;

  const commit = async () => {
    const next = name.trim();
    if (next && next !== draft.name && !(await renameDraft(draft.id, next))) return;
    setEditing(false);
  };

  return (
    <tr className="draft-row" data-testid="draft-row" data-draft-id={draft.id} data-name={draft.name} onDoubleClick={() => canOpen && openDraft(draft.id, draft.kind)}>
      <td className="draft-row__name">
        <div className="draft-row__cell">
          <PresetShape preset={draft.preset} kind={draft.kind} />
        {editing ? (
          <input
            className="draft-row__input"
            aria-label={t('drafts.renameLabel')}
            value={name}
            autoFocus
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => void commit()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void commit();
              if (e.key === 'Escape') {
                e.stopPropagation();
                setName(draft.name);
                setEditing(false);
              }
            }}
            data-testid="draft-rename-input"
          />
        ) : canOpen ? (
          <button type="button" className="draft-row__open" onClick={() => openDraft(draft.id, draft.kind)} data-testid="draft-open">
            {draft.name}
          </button>
        ) : (
          <span className="draft-row__plain">{draft.name}</span>
        )}
        </div>
      </td>
      <td className="draft-row__muted">
        {t(`${draft.kind === 'image' ? 'imagePreset' : 'preset'}.${draft.preset}` as MessageKey)}
        {draft.kind === 'image' && ` · ${t('drafts.image')}`}
      </td>
      <td className="draft-row__muted num mono">{formatClock(draft.durationSec)}</td>
      <td className="draft-row__muted">{formatDateTime(draft.updatedAt, getLocale())}</td>
      <td className="draft-row__actions">
        {inTrash ? (
          <Button size="sm" icon={<RestoreIcon size={16} />} onClick={() => void restoreDrafts([draft.id])} data-testid="draft-restore">
            {t('action.restore')}
          </Button>
        ) : (
          <>
            <IconButton size="sm" label={t('drafts.rename')} icon={<PencilIcon size={16} />} onClick={() => setEditing(true)} data-testid="draft-rename" />
            <VersionHistoryButton size="sm" draftId={draft.id} name={draft.name} listedRevision={draft.revision} />
            <IconButton size="sm" label={t('drafts.duplicate')} icon={<DuplicateIcon size={16} />} onClick={() => void duplicateDraft(draft.id)} data-testid="draft-duplicate" />
            <IconButton size="sm" label={t('action.moveToTrash')} icon={<TrashIcon size={16} />} onClick={() => void trashDrafts([draft.id])} data-testid="draft-trash" />
          </>
        )}
      </td>
    </tr>
  );
}
