import { useEffect, useRef } from 'react';
import { useStore } from '../../store';
import { selectedSummaries } from '../../store/librarySlice';
import { DraftsView } from '../drafts/DraftsView';
import { AssetGrid } from './AssetGrid';
import { DetailPanel } from './DetailPanel';
import { DropOverlay } from './DropOverlay';
import { LibrarySidebar } from './LibrarySidebar';
import { markForKey } from './markKeys';
import { SmartCollectionDialog } from './SmartCollectionDialog';
import { PurgeDialog } from './PurgeDialog';
import { SelectionBar } from './SelectionBar';
import { Toolbar } from './Toolbar';
import { useDropImport } from './useDropImport';
import './library.css';
import './organise.css';

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
        } else if (s.selected.size > 0 && !s.query.trashed) {
          // 0–5 rate and 6–9 label the selection (Lightroom, Eagle); Undo is in the toast that follows.
          const mark = markForKey(e, selectedSummaries(s).map((a) => a.label));
          if (!mark) return;
          e.preventDefault();
          const ids = Array.from(s.selected);
          if (mark.kind === 'rating') void s.rateAssets(ids, mark.rating);
          else void s.labelAssets(ids, mark.label);
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
        <LibrarySidebar />
        <AssetGrid />
        {detailId && <DetailPanel key={detailId} assetId={detailId} />}
      </div>
      {dragging && <DropOverlay />}
      <PurgeDialog />
      <SmartCollectionDialog />
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
