import { useEffect, useRef } from 'react';
import { useStore } from '../../store';
import { DraftsView } from '../drafts/DraftsView';
import { AssetGrid } from './AssetGrid';
import { DetailPanel } from './DetailPanel';
import { DropOverlay } from './DropOverlay';
import { PurgeDialog } from './PurgeDialog';
import { SelectionBar } from './SelectionBar';
import { Toolbar } from './Toolbar';
import { useDropImport } from './useDropImport';
import './library.css';

export function LibraryScreen() {
  const view = useStore((s) => s.libraryView);
  return view === 'drafts' ? <DraftsView /> : <AssetsView />;
}

function AssetsView() {
  const detailId = useStore((s) => s.detailId);
  const searchRef = useRef<HTMLInputElement>(null);
  const { dragging, dropHandlers } = useDropImport();

  // `/` and Ctrl/Cmd+F jump to search from anywhere on the Library (not while typing elsewhere).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = isTextTarget(e.target);
      if ((e.key === 'f' || e.key === 'F') && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (!typing && !e.defaultPrevented && !document.querySelector('dialog[open]')) {
        // The grid handles these when it has focus; this covers focus being elsewhere on the page.
        const s = useStore.getState();
        if ((e.key === 'a' || e.key === 'A') && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void s.selectAll();
        } else if (e.key === 'Escape') {
          if (s.selected.size > 0) s.clearSelection();
          else if (s.detailId) s.openDetail(null);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="library" data-testid="library-screen" {...dropHandlers}>
      <Toolbar searchRef={searchRef} />
      <SelectionBar />
      <div className="library__body">
        <AssetGrid />
        {detailId && <DetailPanel key={detailId} assetId={detailId} />}
      </div>
      {dragging && <DropOverlay />}
      <PurgeDialog />
    </section>
  );
}

export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return false;
}
