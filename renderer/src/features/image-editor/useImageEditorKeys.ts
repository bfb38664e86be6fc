import { useEffect } from 'react';
import { expandGroups, findPage } from '../../../../electron/model/image-edit';
import { movableBy } from '../../../../electron/model/image-template-edit';
import { redoImage, undoImage, useImageEditor } from '../../store/imageEditorStore';
import { isTextTarget } from '../library/LibraryScreen';
import { deleteSelection, duplicateSelection, groupSelection, nudgeSelection, reorderSelection, ungroupSelection } from './actions';
import { imageKeyCommand, type ImageKeyCommand, type KeyContext } from './imageKeys';

/** The image editor's keys (imageKeys.ts maps them; docs/image-editor.md lists them). Ignored while typing and while a dialog is open. */
export function useImageEditorKeys(active: boolean, openExport: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextTarget(e.target) || document.querySelector('dialog[open]')) return;
      // A focused slider takes its own arrow keys (the inspector's photo work), not a nudge of the selection.
      if (e.key.startsWith('Arrow') && e.target instanceof HTMLInputElement && e.target.type === 'range') return;
      const cmd = imageKeyCommand(e, context());
      if (!cmd) return;
      e.preventDefault();
      if (cmd.kind === 'export') openExport();
      else run(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, openExport]);
}

function context(): KeyContext {
  const s = useImageEditor.getState();
  const page = s.doc && findPage(s.doc, s.pageId ?? '');
  const one = s.selection.length === 1 ? page?.layers.find((l) => l.id === s.selection[0]) : undefined;
  return { selection: s.selection.length, single: one ? (one.type === 'text' ? 'text' : one.type === 'media' ? 'photo' : 'other') : null, cropping: s.crop !== null };
}

function run(cmd: Exclude<ImageKeyCommand, { kind: 'export' }>): void {
  const s = useImageEditor.getState();
  switch (cmd.kind) {
    case 'undo':
      return undoImage();
    case 'redo':
      return redoImage();
    case 'duplicate':
      return duplicateSelection();
    case 'group':
      return groupSelection();
    case 'ungroup':
      return ungroupSelection();
    case 'selectAll': {
      const page = s.doc && findPage(s.doc, s.pageId ?? '');
      if (page) s.select(expandGroups(page, page.layers.filter((l) => movableBy(l, s.templateAdmin) && !l.hidden).map((l) => l.id)));
      return;
    }
    case 'order':
      return reorderSelection(cmd.how);
    case 'nudge':
      return nudgeSelection(cmd.dx, cmd.dy);
    case 'delete':
      return deleteSelection();
    case 'editText':
      return s.setEditingText(s.selection[0]!);
    case 'crop':
      s.startCrop();
      return;
    case 'cropApply':
      return s.applyCrop();
    case 'cropCancel':
      return s.cancelCrop();
    case 'clearSelection':
      return s.select([]);
    case 'shortcuts':
      return s.setShortcutsOpen(true);
  }
}
