import { useState } from 'react';
import type { ImageLayer } from '../../../../electron/model/image-draft';
import { expandGroups, findPage, moveLayerTo, patchLayers } from '../../../../electron/model/image-edit';
import { brandLockedFor } from '../../../../electron/model/image-template-edit';
import { t, type MessageKey } from '../../i18n';
import { useImageEditor } from '../../store/imageEditorStore';
import { IconButton } from '../../ui/Button';
import { EyeIcon, EyeOffIcon, ImageIcon, TextIcon } from '../../ui/icons';
import { groupSelection, ungroupSelection } from './actions';

const LAYER_DRAG = 'application/x-postframe-layer';

/** A layer's name in the list: its own, or what it shows. */
export function layerLabel(l: ImageLayer, assetName: string | undefined): string {
  if (l.name) return l.name;
  if (l.type === 'text') return l.text.split('\n')[0]!.slice(0, 40);
  if (l.type === 'shape') return t(`imageEditor.shape.${l.shape}` as MessageKey);
  return assetName ?? t('imageEditor.photo');
}

/** Layers top to bottom: select (Shift adds), drag to reorder, rename (double-click), hide, lock, group. */
export function LayersPanel() {
  const page = useImageEditor((s) => (s.doc ? findPage(s.doc, s.pageId ?? '') : null));
  const selection = useImageEditor((s) => s.selection);
  const [dropAt, setDropAt] = useState<number | null>(null);
  if (!page) return null;
  const top = [...page.layers].reverse();
  const grouped = page.layers.some((l) => selection.includes(l.id) && l.groupId);
  const drop = (e: React.DragEvent, index: number) => {
    e.preventDefault();
    setDropAt(null);
    const id = e.dataTransfer.getData(LAYER_DRAG);
    if (!id) return;
    // `index` counts rows from the top; the model counts layers from the bottom.
    const from = page.layers.findIndex((l) => l.id === id);
    let to = page.layers.length - index;
    if (from < to) to -= 1;
    useImageEditor.getState().edit((d) => moveLayerTo(d, page.id, id, to));
  };
  return (
    <section className="ie-layers" aria-label={t('imageEditor.layers')} data-testid="ie-layers">
      <header className="ie-panel-head">
        <h2 className="panel-title">{t('imageEditor.layers')}</h2>
        <div className="ie-panel-head__tools">
          <button type="button" className="btn btn--ghost btn--sm" disabled={selection.length < 2} onClick={groupSelection} data-testid="ie-group" title={t('imageEditor.groupHint')}>
            {t('imageEditor.group')}
          </button>
          <button type="button" className="btn btn--ghost btn--sm" disabled={!grouped} onClick={ungroupSelection} data-testid="ie-ungroup">
            {t('imageEditor.ungroup')}
          </button>
        </div>
      </header>
      {top.length === 0 ? (
        <p className="ie-layers__empty">{t('imageEditor.noLayers')}</p>
      ) : (
        <ol className="ie-layers__list" onDragLeave={() => setDropAt(null)}>
          {top.map((l, i) => (
            <LayerRow key={l.id} layer={l} pageId={page.id} selected={selection.includes(l.id)} dropBefore={dropAt === i} onDragOverRow={(after) => setDropAt(after ? i + 1 : i)} onDropRow={(e, after) => drop(e, after ? i + 1 : i)} groupStart={l.groupId !== null && top[i - 1]?.groupId !== l.groupId} />
          ))}
          <li className={`ie-layers__end${dropAt === top.length ? ' is-drop' : ''}`} onDragOver={(e) => (e.preventDefault(), setDropAt(top.length))} onDrop={(e) => drop(e, top.length)} />
        </ol>
      )}
    </section>
  );
}

function LayerRow({ layer, pageId, selected, dropBefore, groupStart, onDragOverRow, onDropRow }: { layer: ImageLayer; pageId: string; selected: boolean; dropBefore: boolean; groupStart: boolean; onDragOverRow: (after: boolean) => void; onDropRow: (e: React.DragEvent, after: boolean) => void }) {
  const assetName = useImageEditor((s) => (layer.type === 'media' ? s.assets[layer.assetId]?.name : undefined));
  const [renaming, setRenaming] = useState(false);
  // A template's brand element keeps its place for a creator (the model refuses the move too).
  const brandLocked = useImageEditor((s) => brandLockedFor(layer, s.templateAdmin));
  const label = layerLabel(layer, assetName);
  const edit = (patch: Parameters<typeof patchLayers>[3]) => useImageEditor.getState().edit((d) => patchLayers(d, pageId, [layer.id], patch), { select: false });
  const after = (e: React.DragEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    return e.clientY > r.top + r.height / 2;
  };
  return (
    <li
      className={`ie-layer-row${selected ? ' is-selected' : ''}${layer.hidden ? ' is-hidden' : ''}${layer.groupId ? ' is-grouped' : ''}${groupStart ? ' is-group-start' : ''}${dropBefore ? ' is-drop' : ''}`}
      draggable={!renaming && !brandLocked}
      title={brandLocked ? t('imageEditor.templateLockedOrder') : undefined}
      data-brand-locked={brandLocked ? 'true' : undefined}
      onDragStart={(e) => {
        e.dataTransfer.setData(LAYER_DRAG, layer.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(LAYER_DRAG)) return;
        e.preventDefault();
        onDragOverRow(after(e));
      }}
      onDrop={(e) => onDropRow(e, after(e))}
      onClick={(e) => {
        const s = useImageEditor.getState();
        const page = s.doc && findPage(s.doc, pageId);
        if (!page) return;
        if (e.shiftKey || e.metaKey || e.ctrlKey) s.select(s.selection.includes(layer.id) ? s.selection.filter((id) => id !== layer.id) : [...s.selection, layer.id]);
        else s.select(layer.locked ? [layer.id] : expandGroups(page, [layer.id]));
      }}
      onDoubleClick={() => setRenaming(true)}
      data-testid="ie-layer-row"
      data-layer-id={layer.id}
      data-name={label}
      aria-selected={selected}
    >
      <span className="ie-layer-row__icon" aria-hidden="true">
        {layer.type === 'text' ? <TextIcon size={16} /> : layer.type === 'media' ? <ImageIcon size={16} /> : <ShapeGlyph />}
      </span>
      {renaming ? (
        <input
          className="ie-layer-row__input"
          defaultValue={layer.name || label}
          autoFocus
          maxLength={80}
          aria-label={t('imageEditor.renameLayer')}
          onClick={(e) => e.stopPropagation()}
          onBlur={(e) => {
            setRenaming(false);
            const v = e.currentTarget.value.trim();
            if (v !== label) edit({ name: v });
          }}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') setRenaming(false);
          }}
          data-testid="ie-layer-rename"
        />
      ) : (
        <span className="ie-layer-row__name">{label}</span>
      )}
      <IconButton size="sm" label={layer.hidden ? t('imageEditor.show') : t('imageEditor.hide')} icon={layer.hidden ? <EyeOffIcon size={16} /> : <EyeIcon size={16} />} pressed={layer.hidden} onClick={(e) => (e.stopPropagation(), edit({ hidden: !layer.hidden }))} data-testid="ie-layer-hide" />
      <IconButton size="sm" label={layer.locked ? t('imageEditor.unlock') : t('imageEditor.lock')} icon={<LockGlyph locked={layer.locked} />} pressed={layer.locked} onClick={(e) => (e.stopPropagation(), edit({ locked: !layer.locked }))} data-testid="ie-layer-lock" />
    </li>
  );
}

function ShapeGlyph() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
      <rect x="3" y="7" width="9" height="9" rx="1" />
      <circle cx="13" cy="7" r="4" />
    </svg>
  );
}

function LockGlyph({ locked }: { locked: boolean }) {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true">
      <rect x="4.5" y="9" width="11" height="8" rx="1.5" />
      <path d={locked ? 'M7 9V6.5a3 3 0 0 1 6 0V9' : 'M7 9V6.5a3 3 0 0 1 5.8-1.1'} />
    </svg>
  );
}
