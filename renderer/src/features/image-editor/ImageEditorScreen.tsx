import { useCallback, useEffect, useState } from 'react';
import { useStore as useZustand } from 'zustand';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import type { AutosaveStatus } from '../../store/autosave';
import { flushImageEditor, redoImage, undoImage, useImageEditor } from '../../store/imageEditorStore';
import { Button, IconButton } from '../../ui/Button';
import { AlertIcon, BackIcon, CheckIcon, ExportIcon, KeyboardIcon, RedoIcon, TemplateIcon, UndoIcon } from '../../ui/icons';
import { ShortcutSheet } from '../editor/ShortcutSheet';
import { imageShortcuts } from './imageKeys';
import { goToLibrary } from '../editor/actions';
import { useMe } from '../../store/meStore';
import { useDraftKit } from '../editor/kitStore';
import { AddPanel } from './AddPanel';
import { CanvasStage } from './CanvasStage';
import { ImageInspector } from './ImageInspector';
import { LayersPanel } from './LayersPanel';
import { PageStrip } from './PageStrip';
import { ImageExportDialog } from './ImageExportDialog';
import { VersionHistoryButton } from '../drafts/VersionHistoryButton';
import { useImageEditorKeys } from './useImageEditorKeys';
import { SaveTemplateButton } from '../templates/SaveTemplateDialog';
import { useTemplatePicker } from '../templates/templatePickerStore';
import '../editor/editor.css';
import './imageEditor.css';

const statusKey: Record<AutosaveStatus, MessageKey> = { saved: 'editor.saved', pending: 'editor.saving', saving: 'editor.saving', offline: 'editor.offline', conflict: 'editor.conflictShort' };

/** The image editor (Canva's layout): add panel left, the canvas centre with the page strip under it, inspector and layers right. */
export function ImageEditorScreen() {
  const draftId = useStore((s) => s.openDraftId);
  const loaded = useImageEditor((s) => s.doc !== null && s.draftId === draftId);
  const loadError = useImageEditor((s) => s.loadError);
  const kit = useDraftKit(useImageEditor((s) => s.doc?.kitId ?? null));

  useEffect(() => {
    if (draftId) void useImageEditor.getState().load(draftId);
  }, [draftId]);

  // The signed-in user: their role says who may change locked elements (the host checks it again on save).
  const me = useMe();
  useEffect(() => useImageEditor.getState().setActor(me), [me, draftId]);

  useEffect(() => {
    const onHide = () => void flushImageEditor();
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    window.addEventListener('beforeunload', onHide);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', onHide);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      onHide();
    };
  }, []);

  const [exporting, setExporting] = useState(false);
  const openExport = useCallback(() => setExporting(true), []);
  useImageEditorKeys(loaded, openExport);

  if (loadError) {
    return (
      <section className="editor editor--message" data-testid="image-editor">
        <div className="empty">
          <h2 className="empty__title">{t('editor.loadFailedTitle')}</h2>
          <p className="empty__body">{loadError}</p>
          <Button variant="primary" onClick={() => goToLibrary('drafts')}>
            {t('editor.toDrafts')}
          </Button>
        </div>
      </section>
    );
  }
  return (
    <section className="editor ie" data-testid="image-editor" aria-busy={!loaded}>
      <ImageHeader onExport={openExport} />
      {loaded && <ImageExportDialog open={exporting} onClose={() => setExporting(false)} />}
      <ConflictBanner />
      {loaded && (
        <div className="ie__main">
          <AddPanel kit={kit} />
          <div className="ie__centre">
            <CanvasStage />
            <PageStrip />
          </div>
          <div className="ie__right">
            <ImageInspector kit={kit} />
            <LayersPanel />
          </div>
        </div>
      )}
    </section>
  );
}

function ImageHeader({ onExport }: { onExport: () => void }) {
  const name = useImageEditor((s) => s.doc?.name ?? '');
  const draftId = useImageEditor((s) => (s.doc ? s.draftId : null));
  const saveStatus = useImageEditor((s) => s.saveStatus);
  const canvas = useImageEditor((s) => s.doc?.canvas ?? null);
  const canUndo = useZustand(useImageEditor.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useZustand(useImageEditor.temporal, (s) => s.futureStates.length > 0);
  const shortcutsOpen = useImageEditor((s) => s.shortcutsOpen);
  const setShortcutsOpen = useImageEditor((s) => s.setShortcutsOpen);
  return (
    <header className="editor-header">
      <IconButton label={t('editor.toDrafts')} icon={<BackIcon size={18} />} onClick={() => goToLibrary('drafts')} data-testid="editor-back" />
      <NameField name={name} />
      {canvas && <span className="ie-header__size">{t('imageEditor.canvasSize', { size: `${canvas.width} × ${canvas.height}` })}</span>}
      <span className={`save-status save-status--${saveStatus}`} data-testid="save-status" data-status={saveStatus} role="status">
        {saveStatus === 'saved' ? <CheckIcon size={14} /> : saveStatus === 'offline' || saveStatus === 'conflict' ? <AlertIcon size={14} /> : <span className="save-status__dot" />}
        <span className="save-status__text">{t(statusKey[saveStatus])}</span>
      </span>
      <div className="toolbar__spacer" />
      <span className="ie-header__keys">{t('imageEditor.keysHint')}</span>
      <Button size="sm" variant="ghost" icon={<TemplateIcon size={16} />} onClick={() => useTemplatePicker.getState().show()} aria-label={t('templates.newFromShort')} title={t('templates.newFromShort')} data-testid="ie-new-from-template">
        {t('templates.newFromShort')}
      </Button>
      <SaveTemplateButton />
      <IconButton label={t('editor.undo')} icon={<UndoIcon size={18} />} disabled={!canUndo} onClick={undoImage} data-testid="undo" />
      <IconButton label={t('editor.redo')} icon={<RedoIcon size={18} />} disabled={!canRedo} onClick={redoImage} data-testid="redo" />
      <VersionHistoryButton draftId={draftId} name={name} />
      <Button variant="primary" icon={<ExportIcon size={18} />} onClick={onExport} disabled={!canvas} title={t('imageExport.shortcut')} data-testid="ie-export-button">
        {t('export.button')}
      </Button>
      <IconButton label={t('editor.shortcuts')} icon={<KeyboardIcon size={18} />} onClick={() => setShortcutsOpen(true)} data-testid="shortcuts-button" />
      <ShortcutSheet open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} list={imageShortcuts} testId="ie-shortcut-sheet" />
    </header>
  );
}

function NameField({ name }: { name: string }) {
  const [value, setValue] = useState<string | null>(null);
  const commit = () => {
    const next = (value ?? name).trim();
    setValue(null);
    if (!next || next === name) return;
    useImageEditor.getState().edit((d) => ({ ok: true, doc: { ...d, name: next.slice(0, 200) }, selection: [] }), { select: false });
  };
  return (
    <input
      className="editor-header__name"
      aria-label={t('drafts.renameLabel')}
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

function ConflictBanner() {
  const status = useImageEditor((s) => s.saveStatus);
  const reloadSaved = useImageEditor((s) => s.reloadSaved);
  const keepMine = useImageEditor((s) => s.keepMine);
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
