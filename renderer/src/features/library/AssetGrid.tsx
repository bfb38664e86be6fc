import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { assetAt } from '../../store/librarySlice';
import { mayNow } from '../../store/meStore';
import { AssetCell, PlaceholderCell } from './AssetCell';
import { EmptyState } from './EmptyState';
import { GRID_GAP, GRID_PADDING, cellDomId, gridGeometry, moveInGrid, requestCellFocus, type GridGeometry } from './gridGeometry';
import { nextScrollPace, RESTING } from './scrollPace';

/**
 * The library grid: a virtualized listbox with a roving tabindex. The focused cell is the only tabbable one;
 * arrow keys move the focus index, the grid scrolls it into view, and the cell takes DOM focus when it is
 * rendered (see `requestCellFocus`), so focus survives cells being recycled while scrolling.
 */
export function AssetGrid() {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const total = useStore((s) => s.total);
  const listError = useStore((s) => s.listError);
  const epoch = useStore((s) => s.epoch);
  const query = useStore((s) => s.query);
  const focus = useStore((s) => s.focus);
  const ensureRange = useStore((s) => s.ensureRange);

  const isEmpty = total === 0;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth - GRID_PADDING * 2);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [isEmpty]);

  const geo = useMemo(() => gridGeometry(width), [width]);
  const count = total ?? 0;
  const rowCount = Math.ceil(count / geo.columns);
  // While the grid is flung, rows that fly past do not ask for their pictures (scrollPace.ts): its pace is read on
  // each change of the rows in view, and on every frame while flung, until the grid comes to rest.
  const pace = useRef(RESTING);
  const [flung, setFlung] = useState(false);
  const readPace = useCallback(() => {
    const el = scrollRef.current;
    // No grid to read (the list emptied mid-fling: the empty state shows): at rest, which also ends the frame loop.
    const next = el ? nextScrollPace(pace.current, el.scrollTop, performance.now(), el.clientHeight) : RESTING;
    if (next.flung !== pace.current.flung) setFlung(next.flung);
    pace.current = next;
  }, []);
  useEffect(() => {
    if (!flung) return;
    let frame = requestAnimationFrame(function tick() {
      readPace();
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [flung, readPace]);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => geo.rowHeight,
    overscan: 4,
    paddingStart: GRID_PADDING - GRID_GAP / 2,
    paddingEnd: GRID_PADDING,
    scrollPaddingStart: GRID_GAP,
    scrollPaddingEnd: GRID_GAP,
    // Scrolling re-renders the rows with React's batching, not synchronously inside every scroll event
    // (TanStack's default, flushSync): a wheel or touchpad sends several events a frame, and each would
    // otherwise render the grid before the frame could paint.
    useFlushSync: false,
    onChange: readPace,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [geo.rowHeight, virtualizer]);

  // A new query starts at the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [query]);

  const items = virtualizer.getVirtualItems();
  const firstRow = items[0]?.index ?? 0;
  const lastRow = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (width <= 0) return;
    ensureRange(firstRow * geo.columns, (lastRow + 1) * geo.columns - 1);
  }, [firstRow, lastRow, geo.columns, epoch, ensureRange, width]);

  // Keep the keyboard focus in view when it moves (not when the list changes under it).
  const lastFocus = useRef(focus);
  useEffect(() => {
    if (lastFocus.current === focus) return;
    lastFocus.current = focus;
    if (count === 0) return;
    const row = Math.floor(focus / geo.columns);
    if (row === 0) scrollRef.current?.scrollTo({ top: 0 });
    else virtualizer.scrollToIndex(row, { align: 'auto' });
  }, [focus, geo.columns, count, virtualizer]);

  const onKeyDown = useGridKeys(geo, Math.max(1, items.length - 2));

  if (total === 0) {
    return <EmptyState />;
  }

  return (
    <div
      className="grid-scroll"
      ref={scrollRef}
      onMouseDown={(e) => {
        // A click on the empty space between or after cells clears the selection, as in Finder and Explorer.
        const target = e.target as HTMLElement;
        const el = e.currentTarget;
        const onScrollbar = e.clientX >= el.getBoundingClientRect().left + el.clientWidth;
        if (e.button === 0 && !onScrollbar && !e.shiftKey && !e.ctrlKey && !e.metaKey && !target.closest('[role="option"]')) {
          useStore.getState().clearSelection();
        }
      }}
    >
      {listError && (
        <div className="banner banner--error banner--inline" role="alert">
          {listError}
        </div>
      )}
      <div
        className="grid"
        role="listbox"
        aria-multiselectable="true"
        aria-label={query.trashed ? t('trash.title') : t('library.title')}
        tabIndex={-1}
        onFocus={(e) => {
          // Focus landed on the listbox itself (e.g. programmatically): hand it to the focused cell.
          if (e.target === e.currentTarget && count > 0) {
            const el = document.getElementById(cellDomId(Math.min(focus, count - 1)));
            if (el) el.focus({ preventScroll: true });
            else requestCellFocus(Math.min(focus, count - 1));
          }
        }}
        onKeyDown={onKeyDown}
        data-testid="asset-grid"
        data-total={count}
        data-flung={flung || undefined}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {width > 0 &&
          items.map((row) => (
            <GridRow
              key={row.key}
              rowIndex={row.index}
              top={row.start}
              geo={geo}
              total={count}
              pictures={!flung}
            />
          ))}
      </div>
    </div>
  );
}

type RowProps = { rowIndex: number; top: number; geo: GridGeometry; total: number; pictures: boolean };

const GridRow = memo(function GridRow({ rowIndex, top, geo, total, pictures }: RowProps) {
  const start = rowIndex * geo.columns;
  const end = Math.min(total, start + geo.columns);
  const assets = useStore(
    useShallow((s) => {
      const out = [];
      for (let i = start; i < end; i++) out.push(assetAt(s, i));
      return out;
    }),
  );
  // Each cell's selected / focused / open state as three characters: one primitive for the whole row, so a
  // row mounted while scrolling adds one store subscription instead of three per cell.
  const marks = useStore((s) => {
    let m = '';
    for (let i = start; i < end; i++) {
      const id = assetAt(s, i)?.id;
      m += (id !== undefined && s.selected.has(id) ? 's' : '-') + (s.focus === i ? 'f' : '-') + (id !== undefined && s.detailId === id ? 'o' : '-');
    }
    return m;
  });
  return (
    <div
      className="grid__row"
      role="none"
      style={{ transform: `translateY(${top}px)`, height: geo.rowHeight - GRID_GAP, gridTemplateColumns: `repeat(${geo.columns}, ${geo.cellWidth}px)` }}
    >
      {assets.map((asset, i) =>
        asset ? (
          <AssetCell
            key={asset.id}
            asset={asset}
            index={start + i}
            total={total}
            thumbHeight={geo.thumbHeight}
            pictures={pictures}
            selected={marks[i * 3] === 's'}
            focused={marks[i * 3 + 1] === 'f'}
            open={marks[i * 3 + 2] === 'o'}
          />
        ) : (
          <PlaceholderCell key={`p${start + i}`} index={start + i} total={total} thumbHeight={geo.thumbHeight} />
        ),
      )}
    </div>
  );
});

function useGridKeys(geo: GridGeometry, rowsPerPage: number) {
  return useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const s = useStore.getState();
      const total = s.total ?? 0;
      if (total === 0) return;
      const mod = e.ctrlKey || e.metaKey;
      const focused = Math.min(s.focus, total - 1);
      const go = (index: number) => {
        e.preventDefault();
        // Ctrl/Cmd+arrows move only the focus, so Ctrl/Cmd+Space can build a scattered selection.
        if (mod && !e.shiftKey) s.setFocus(index);
        else void s.moveFocus(index, e.shiftKey);
        // The cell may already be rendered: focus it now; otherwise it focuses itself when it mounts.
        const el = document.getElementById(cellDomId(index));
        if (el) el.focus({ preventScroll: true });
        else requestCellFocus(index);
      };
      switch (e.key) {
        case 'ArrowLeft':
          return go(moveInGrid(focused, 'left', geo.columns, total));
        case 'ArrowRight':
          return go(moveInGrid(focused, 'right', geo.columns, total));
        case 'ArrowUp':
          return go(moveInGrid(focused, 'up', geo.columns, total));
        case 'ArrowDown':
          return go(moveInGrid(focused, 'down', geo.columns, total));
        case 'Home':
          return go(0);
        case 'End':
          return go(total - 1);
        case 'PageUp':
          return go(Math.max(0, focused - rowsPerPage * geo.columns));
        case 'PageDown':
          return go(Math.min(total - 1, focused + rowsPerPage * geo.columns));
        case 'Enter':
        case ' ': {
          e.preventDefault();
          const asset = assetAt(s, focused);
          if (asset && mod && e.key === ' ') {
            s.toggle(focused, asset.id); // Ctrl/Cmd+Space: add or remove the focused item, as in file managers
          } else if (asset) {
            if (!s.selected.has(asset.id)) s.selectOnly(focused, asset.id);
            s.openDetail(asset.id);
          }
          return;
        }
        case 'Delete':
        case 'Backspace': {
          e.preventDefault();
          const ids = s.selected.size > 0 ? Array.from(s.selected) : [assetAt(s, focused)?.id].filter((x): x is string => !!x);
          // Only an admin may delete for good; in the trash, anyone else's Delete does nothing.
          if (!s.query.trashed) void s.trashAssets(ids);
          else if (mayNow('media.purge')) s.requestPurge(ids);
          return;
        }
        case 'Escape':
          if (s.selected.size > 0) {
            e.preventDefault();
            s.clearSelection();
          } else if (s.detailId) {
            e.preventDefault();
            s.openDetail(null);
          }
          return;
        case 'a':
        case 'A':
          if (mod) {
            e.preventDefault();
            void s.selectAll();
          }
          return;
      }
    },
    [geo.columns, rowsPerPage],
  );
}
