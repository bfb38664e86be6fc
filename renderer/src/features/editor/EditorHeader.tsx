import { SaveTemplateButton } from '../templates/SaveTemplateDialog';
import { useState } from 'react';
import { useStore as useZustand } from 'zustand';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import type { AutosaveStatus } from '../../store/autosave';
import { redo, undo, useEditor } from '../../store/editorStore';
import { Button, IconButton } from '../../ui/Button';
import { AlertIcon, BackIcon, CheckIcon, ExportIcon, KeyboardIcon, RedoIcon, UndoIcon } from '../../ui/icons';
import { CaptionsMenu } from './captions/CaptionJobButtons';
import { ExportDialog } from './ExportDialog';
import { KitBar } from './KitBar';
import { ShortcutSheet } from './ShortcutSheet';
import { VersionHistoryButton } from '../drafts/VersionHistoryButton';

const statusKey: Record<AutosaveStatus, MessageKey> = {
  saved: 'editor.saved',
  pending: 'editor.saving',
  saving: 'editor.saving',
  offline: 'editor.offline',
  conflict: 'editor.conflictShort',
};

export function EditorHeader() {
  const name = useEditor((s) => s.doc?.name ?? '');
  const draftId = useEditor((s) => (s.doc ? s.draftId : null));
  const saveStatus = useEditor((s) => s.saveStatus);
  const canUndo = useZustand(useEditor.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useZustand(useEditor.temporal, (s) => s.futureStates.length > 0);
  const shortcutsOpen = useEditor((s) => s.shortcutsOpen);
  const setShortcutsOpen = useEditor((s) => s.setShortcutsOpen);
  const [exporting, setExporting] = useState(false);

  return (
    <header className="editor-header">
      <IconButton
        label={t('editor.toDrafts')}
        icon={<BackIcon size={18} />}
        onClick={() => {
          useStore.getState().setLibraryView('drafts', 'editor');
          useStore.getState().setScreen('library');
        }}
        data-testid="editor-back"
      />
      <NameField name={name} />
      <span className={`save-status save-status--${saveStatus}`} data-testid="save-status" data-status={saveStatus} role="status" title={t(statusKey[saveStatus])}>
        {saveStatus === 'saved' ? <CheckIcon size={14} /> : saveStatus === 'offline' || saveStatus === 'conflict' ? <AlertIcon size={14} /> : <span className="save-status__dot" />}
        <span className="save-status__text">{t(statusKey[saveStatus])}</span>
      </span>
      <div className="toolbar__spacer" />
      <SaveTemplateButton />
      <KitBar />
      <CaptionsMenu />
      <IconButton label={t('editor.undo')} icon={<UndoIcon size={18} />} disabled={!canUndo} onClick={undo} data-testid="undo" />
      <IconButton label={t('editor.redo')} icon={<RedoIcon size={18} />} disabled={!canRedo} onClick={redo} data-testid="redo" />
      <VersionHistoryButton draftId={draftId} name={name} />
      <IconButton label={t('editor.shortcuts')} icon={<KeyboardIcon size={18} />} onClick={() => setShortcutsOpen(true)} data-testid="shortcuts-button" />
      <Button variant="primary" icon={<ExportIcon size={18} />} onClick={() => setExporting(true)} data-testid="export-button">
        {t('export.button')}
      </Button>
      <ExportDialog open={exporting} onClose={() => setExporting(false)} />
      <ShortcutSheet open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </header>
  );
}

/** The draft's name, edited in place; an empty name snaps back. */
function NameField({ name }: { name: string }) {
  const [value, setValue] = useState<string | null>(null);
  const commit = () => {
    const next = (value ?? name).trim();
    setValue(null);
    if (!next || next === name) return;
    useEditor.getState().edit((d) => ({ ok: true, draft: { ...d, name: next.slice(0, 200) }, clipId: null }));
  };
  return (
    <input
      className="editor-header__name"
      aria-label={t('drafts.renameLabel')}
      title={name}
      value={value ?? name}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          setValue(null);
          e.currentTarget.blur();
        }
      }}
      data-testid="draft-name"
    />
  );
}

export function ConflictBanner() {
  const status = useEditor((s) => s.saveStatus);
  const reloadSaved = useEditor((s) => s.reloadSaved);
  const keepMine = useEditor((s) => s.keepMine);
  if (status !== 'conflict') return null;
  return (
    <div className="banner banner--error editor__conflict" role="alert" data-testid="conflict-banner">
      <AlertIcon size={18} />
      <span className="editor__conflict-text">{t('editor.conflict')}</span>
      <Button size="sm" onClick={() => void reloadSaved()} data-testid="conflict-reload">
        {t('editor.conflictReload')}
      </Button>
      <Button size="sm" variant="primary" onClick={() => void keepMine()} data-testid="conflict-keep">
        {t('editor.conflictKeep')}
      </Button>
    </div>
  );
}
