import { memo, useState } from 'react';
import type { AssetSummary } from '../../../../electron/model/asset';
import { mediaUrl } from '../../api/media';
import { formatClock } from '../../i18n/format';
import { cx } from '../../ui/Button';
import { cellDomId } from './gridGeometry';
import { KindIcon } from './KindIcon';
import { CellMarks } from './MarkControls';

/**
 * `selected`, `focused`, `open`: from the row's one store subscription (AssetGrid's GridRow), not one per cell.
 * A cell sets up no handlers and no effect of its own: clicks, double-clicks and drags are handled once by the
 * grid (cellEvents.ts) and the keyboard focus by the row, so a row mounting while scrolling renders only markup.
 */
type CellProps = { asset: AssetSummary; index: number; total: number; thumbHeight: number; selected: boolean; focused: boolean; open: boolean };

export const AssetCell = memo(function AssetCell({ asset, index, total, thumbHeight, selected, focused, open }: CellProps) {
  const showsTime = asset.kind !== 'image' && asset.durationSec !== null;
  return (
    <div
      id={cellDomId(index)}
      role="option"
      tabIndex={focused ? 0 : -1}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={cx('cell', selected && 'cell--selected', focused && 'cell--focused', open && 'cell--open')}
      draggable
      data-testid="asset-cell"
      data-asset-id={asset.id}
      data-name={asset.name}
      data-index={index}
    >
      <div className="cell__thumb" style={{ height: thumbHeight }}>
        {asset.hasThumbnail ? <Thumb id={asset.id} kind={asset.kind} /> : <KindPlaceholder kind={asset.kind} />}
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
function Thumb({ id, kind }: { id: string; kind: AssetSummary['kind'] }) {
  const [variant, setVariant] = useState<'tile' | 'thumb' | null>('tile');
  if (variant === null) return <KindPlaceholder kind={kind} />;
  // `cell__img--loaded` (which tests wait for) is put on the element, not React state: a render per tile loaded
  // would add up to seven renders a row while the grid scrolls. React never rewrites it: the class prop is fixed.
  return (
    <img
      key={variant}
      className="cell__img"
      src={mediaUrl(id, variant)}
      alt=""
      decoding="async"
      draggable={false}
      data-variant={variant}
      onLoad={(e) => e.currentTarget.classList.add('cell__img--loaded')}
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
