import { useEffect } from 'react';
import { expandGroups, findPage } from '../../../../electron/model/image-edit';
import { redoImage, undoImage, useImageEditor } from '../../store/imageEditorStore';
import { movableBy } from '../../../../electron/model/image-template-edit';
import { isTextTarget } from '../library/LibraryScreen';
import { deleteSelection, duplicateSelection, groupSelection, nudgeSelection, reorderSelection, ungroupSelection } from './actions';

/** The image editor's keys (docs/image-editor.md lists them). Ignored while typing and while a dialog is open. */
export function useImageEditorKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextTarget(e.target) || document.querySelector('dialog[open]')) return;
      // A focused slider takes its own arrow keys (the inspector's photo work), not a nudge of the selection.
      if (e.key.startsWith('Arrow') && e.target instanceof HTMLInputElement && e.target.type === 'range') return;
      const s = useImageEditor.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const step = e.shiftKey ? 10 : 1;
      let handled = true;
      if (mod && key === 'z') (e.shiftKey ? redoImage : undoImage)();
      else if (mod && key === 'y') redoImage();
      else if (mod && key === 'd') duplicateSelection();
      else if (mod && key === 'g') (e.shiftKey ? ungroupSelection : groupSelection)();
      else if (mod && key === 'a') {
        const page = s.doc && findPage(s.doc, s.pageId ?? '');
        if (page) s.select(expandGroups(page, page.layers.filter((l) => movableBy(l, s.templateAdmin) && !l.hidden).map((l) => l.id)));
      } else if (mod && key === ']') reorderSelection(e.shiftKey ? 'front' : 'forward');
      else if (mod && key === '[') reorderSelection(e.shiftKey ? 'back' : 'backward');
      else if (mod || e.altKey) handled = false;
      else if (s.selection.length > 0 && key === 'ArrowLeft') nudgeSelection(-step, 0);
      else if (s.selection.length > 0 && key === 'ArrowRight') nudgeSelection(step, 0);
      else if (s.selection.length > 0 && key === 'ArrowUp') nudgeSelection(0, -step);
      else if (s.selection.length > 0 && key === 'ArrowDown') nudgeSelection(0, step);
      else if (s.selection.length > 0 && (key === 'Delete' || key === 'Backspace')) deleteSelection();
      else if (key === 'Enter' && s.selection.length === 1) {
        const page = s.doc && findPage(s.doc, s.pageId ?? '');
        const l = page?.layers.find((x) => x.id === s.selection[0]);
        if (l?.type === 'text') s.setEditingText(l.id);
        else handled = false;
      } else if (key === 'Escape') s.select([]);
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
