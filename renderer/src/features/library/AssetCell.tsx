import { memo, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import type { AssetSummary } from '../../../../electron/model/asset';
import { mediaUrl } from '../../api/media';
import { formatClock } from '../../i18n/format';
import { cx } from '../../ui/Button';
import { useStore } from '../../store';
import { cellDomId, takeCellFocusRequest } from './gridGeometry';
import { KindIcon } from './KindIcon';
import { ASSET_DRAG_TYPE } from './assetDrag';
import { CellMarks } from './MarkControls';

/**
 * `selected`, `focused`, `open`: from the row's one store subscription (AssetGrid's GridRow), not one per cell.
 * `pictures`: false while the grid is flung (scrollPace.ts); a picture asked for already stays.
 */
type CellProps = { asset: AssetSummary; index: number; total: number; thumbHeight: number; pictures: boolean; selected: boolean; focused: boolean; open: boolean };

export const AssetCell = memo(function AssetCell({ asset, index, total, thumbHeight, pictures, selected, focused, open }: CellProps) {
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!focused || !el || document.activeElement === el) return;
    const active = document.activeElement;
    const elsewhere = active !== null && active !== document.body && !el.closest('[role="listbox"]')?.contains(active);
    if (takeCellFocusRequest(index, elsewhere)) el.focus({ preventScroll: true });
  }, [focused, index]);

  const onClick = (e: MouseEvent) => {
    const s = useStore.getState();
    if (e.shiftKey) void s.selectRange(index, e.ctrlKey || e.metaKey);
    else if (e.ctrlKey || e.metaKey) s.toggle(index, asset.id);
    else s.selectOnly(index, asset.id);
  };

  const showsTime = asset.kind !== 'image' && asset.durationSec !== null;
  return (
    <div
      ref={ref}
      id={cellDomId(index)}
      role="option"
      tabIndex={focused ? 0 : -1}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={cx('cell', selected && 'cell--selected', focused && 'cell--focused', open && 'cell--open')}
      onClick={onClick}
      onDoubleClick={() => useStore.getState().openDetail(asset.id)}
      draggable
      onDragStart={(e) => {
        // Dragging a selected cell drags the whole selection (onto a collection in the sidebar), as in Finder.
        const s = useStore.getState();
        const ids = s.selected.has(asset.id) ? Array.from(s.selected) : [asset.id];
        e.dataTransfer.setData(ASSET_DRAG_TYPE, JSON.stringify(ids));
        e.dataTransfer.effectAllowed = 'copy';
      }}
      data-testid="asset-cell"
      data-asset-id={asset.id}
      data-name={asset.name}
      data-index={index}
    >
      <div className="cell__thumb" style={{ height: thumbHeight }}>
        {asset.hasThumbnail ? <Thumb id={asset.id} kind={asset.kind} rev={asset.mediaRev} wanted={pictures} /> : <KindPlaceholder kind={asset.kind} />}
        {showsTime && <span className="cell__badge">{formatClock(asset.durationSec ?? 0)}</span>}
        <CellMarks rating={asset.rating} label={asset.label} />
      </div>
      <div className="cell__label">
        <span className="cell__kind">
          <KindIcon kind={asset.kind} size={14} />
        </span>
        <span className="cell__name" title={asset.name}>
          {asset.name}
        </span>
      </div>
    </div>
  );
});

/**
 * The tile-sized picture ('tile' variant: a few times fewer pixels to decode than the 480 px thumbnail, which
 * matters when 2,000 tiles scroll past); should it fail to load, the thumbnail, then the kind's icon.
 */
function Thumb({ id, kind, rev, wanted }: { id: string; kind: AssetSummary['kind']; rev: number | undefined; wanted: boolean }) {
  const [variant, setVariant] = useState<'tile' | 'thumb' | null>('tile');
  const [loaded, setLoaded] = useState(false);
  // Once asked for, a picture is kept when the grid is flung again (its request may be under way).
  const [asked, setAsked] = useState(wanted);
  if (wanted && !asked) setAsked(true);
  if (!asked) return <span className="cell__img cell__img--waiting" data-testid="cell-picture-waiting" />;
  if (variant === null) return <KindPlaceholder kind={kind} />;
  return (
    <img
      key={variant}
      className={cx('cell__img', loaded && 'cell__img--loaded')}
      src={mediaUrl(id, variant, rev)}
      alt=""
      decoding="async"
      draggable={false}
      data-variant={variant}
      onLoad={() => setLoaded(true)}
      onError={() => setVariant(variant === 'tile' ? 'thumb' : null)}
    />
  );
}

function KindPlaceholder({ kind }: { kind: AssetSummary['kind'] }) {
  return (
    <span className={cx('cell__placeholder', `cell__placeholder--${kind}`)}>
      <KindIcon kind={kind} size={32} />
    </span>
  );
}

/** A cell whose page has not arrived yet: same size as a real one, so nothing moves when it does. */
export function PlaceholderCell({ index, total, thumbHeight }: { index: number; total: number; thumbHeight: number }) {
  return (
    <div id={cellDomId(index)} role="option" aria-selected={false} aria-posinset={index + 1} aria-setsize={total} aria-busy="true" className="cell cell--loading">
      <div className="cell__thumb" style={{ height: thumbHeight }} />
      <div className="cell__label">
        <span className="cell__skeleton" />
      </div>
    </div>
  );
}
