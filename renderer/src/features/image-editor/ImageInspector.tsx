import { TemplateMarkSection } from '../templates/TemplateMarkSection';
import { useEffect, useState, type ReactNode } from 'react';
import type { AssetSummary } from '../../../../electron/model/asset';
import type { BrandKit } from '../../../../electron/model/brand-kit';
import { textRoles, type TextRole, type TextStyle } from '../../../../electron/model/draft-parts';
import { layerBox } from '../../../../electron/model/image-box';
import { shapeKinds, type Background, type ImageLayer, type ImageMediaLayer, type ImageTextLayer, type ShapeLayer } from '../../../../electron/model/image-draft';
import { align, alignments, distribute, findPage, layerPixelBox, patchLayers, reorders, setBackground, setBoxes, setSpread, updateLayer, type Alignment } from '../../../../electron/model/image-edit';
import { call } from '../../api/client';
import { mediaUrl } from '../../api/media';
import { t, type MessageKey } from '../../i18n';
import { useImageEditor } from '../../store/imageEditorStore';
import { editBackgroundPhoto } from '../../../../electron/model/image-photo-edit';
import { brandLockedFor } from '../../../../electron/model/image-template-edit';
import { useFontFamilies } from '../editor/useFontFamilies';
import { PhotoWork, type PhotoChange } from './PhotoWork';
import { kitTextStyle, reorderSelection } from './actions';
import { RadioGroup } from '../../ui/RadioGroup';

const s = () => useImageEditor.getState();
const onPage = (fn: Parameters<ReturnType<typeof s>['edit']>[0], key?: string) => s().edit(fn, { key: key ?? null, select: false });

/** Right panel: the selection's position, size and look; the page's background when nothing is selected. */
export function ImageInspector({ kit }: { kit: BrandKit | null }) {
  const doc = useImageEditor((st) => st.doc)!;
  const pageId = useImageEditor((st) => st.pageId);
  const selection = useImageEditor((st) => st.selection);
  const admin = useImageEditor((st) => st.templateAdmin);
  const page = findPage(doc, pageId ?? '');
  if (!page) return null;
  const chosen = page.layers.filter((l) => selection.includes(l.id));
  const one = chosen.length === 1 ? chosen[0]! : null;
  // The engine refuses a creator's change to a brand element; the controls say so before they try.
  const brandLocked = chosen.some((l) => brandLockedFor(l, admin));
  return (
    <aside className="ie-inspector" aria-label={t('inspector.title')} data-testid="ie-inspector">
      {chosen.length === 0 ? (
        <PageInspector kit={kit} pageId={page.id} background={doc.spread ?? page.background} spread={doc.spread !== null} index={doc.pages.indexOf(page)} count={doc.pages.length} />
      ) : (
        <>
          <h2 className="insp__title panel-title">{one ? t(`imageEditor.kind.${one.type}` as MessageKey) : t('imageEditor.nSelected', { count: chosen.length })}</h2>
          {brandLocked && (
            <p className="insp__note" data-testid="ie-brand-locked">
              {t('imageEditor.brandLocked')}
            </p>
          )}
          <Arrange pageId={page.id} ids={chosen.map((l) => l.id)} disabled={brandLocked} />
          {one && <Geometry layer={one} pageId={page.id} disabled={brandLocked} />}
          {one?.type === 'text' && <TextSection layer={one} pageId={page.id} kit={kit} />}
          {one?.type === 'shape' && <ShapeSection layer={one} pageId={page.id} kit={kit} />}
          {one?.type === 'media' && <PhotoSection layer={one} pageId={page.id} disabled={brandLocked} />}
          {one && <TemplateMarkSection layer={one} pageId={page.id} />}
        </>
      )}
    </aside>
  );
}

/** `disabled`: every control inside is off (a disabled fieldset), e.g. for a creator on a brand element. */
function Section({ title, children, disabled, testId }: { title: string; children: ReactNode; disabled?: boolean; testId?: string }) {
  return (
    <section className="insp-section" data-testid={testId}>
      <h3 className="insp-section__title">{title}</h3>
      <fieldset className="ie-fieldset" disabled={disabled}>
        {children}
      </fieldset>
    </section>
  );
}

/** A number typed in; applied on Enter or leaving the field (an empty or wrong entry snaps back). */
function NumberField({ label, value, onCommit, testId, suffix }: { label: string; value: number; onCommit: (v: number) => void; testId?: string; suffix?: string }) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(Math.round(value * 10) / 10);
  const commit = () => {
    const v = Number(text);
    setText(null);
    if (text !== null && text.trim() !== '' && Number.isFinite(v)) onCommit(v);
  };
  return (
    <label className="ie-num">
      <span className="ie-num__label">{label}</span>
      <input inputMode="decimal" value={shown} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} data-testid={testId} />
      {suffix && <span className="ie-num__suffix">{suffix}</span>}
    </label>
  );
}

/** A colour: the kit's swatches first, then a few neutrals, then any colour with the system picker. */
function ColourRow({ label, value, kit, onChange, testId, allowNone }: { label: string; value: string | null; kit: BrandKit | null; onChange: (v: string | null) => void; testId?: string; allowNone?: boolean }) {
  const kitColours = (kit?.palette ?? []).map((p) => ({ name: p.name, color: p.color.toLowerCase() }));
  const basics = ['#ffffff', '#111111', '#6b7280'].filter((c) => !kitColours.some((k) => k.color === c)).map((c) => ({ name: c, color: c }));
  return (
    <div className="ie-colour" data-testid={testId}>
      <span className="insp-row__label">{label}</span>
      <span className="insp-colors">
        {[...kitColours, ...basics].map((sw, i) => (
          <button key={`${sw.color}${i}`} type="button" className={`swatch${i < kitColours.length ? ' swatch--kit' : ''}`} aria-pressed={value?.toLowerCase() === sw.color} aria-label={sw.name} title={i < kitColours.length ? t('kit.swatch', { name: sw.name, color: sw.color }) : sw.color} style={{ background: sw.color }} onClick={() => onChange(sw.color)} data-testid="ie-swatch" data-color={sw.color} />
        ))}
        <input type="color" className="insp-color" value={value ?? '#000000'} aria-label={`${label}: ${t('kit.freeColor')}`} title={t('kit.freeColor')} onChange={(e) => onChange(e.target.value)} />
        {allowNone && (
          <button type="button" className={`swatch swatch--none`} aria-pressed={value === null} aria-label={t('imageEditor.noColour')} title={t('imageEditor.noColour')} onClick={() => onChange(null)} />
        )}
      </span>
    </div>
  );
}

function Arrange({ pageId, ids, disabled }: { pageId: string; ids: string[]; disabled: boolean }) {
  const heights = useImageEditor((st) => st.textHeights);
  const to = ids.length > 1 ? 'selection' : 'canvas';
  const glyph: Record<Alignment, string> = { left: 'M4 3v14M7 6h9M7 12h5', centre: 'M10 3v14M5 6h10M7 12h6', right: 'M16 3v14M4 6h9M8 12h5', top: 'M3 4h14M6 7v9M12 7v5', middle: 'M3 10h14M6 5v10M12 7v6', bottom: 'M3 16h14M6 4v9M12 8v5' };
  return (
    <Section title={t('imageEditor.arrange')} disabled={disabled} testId="ie-arrange">
      <div className="ie-iconrow" role="group" aria-label={t('imageEditor.align')}>
        {alignments.map((a) => (
          <button key={a} type="button" className="ie-iconbtn" title={t(`imageEditor.align.${a}` as MessageKey)} aria-label={t(`imageEditor.align.${a}` as MessageKey)} onClick={() => onPage((d) => align(d, pageId, ids, a, to, heights))} data-testid={`ie-align-${a}`}>
            <svg viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true">
              <path d={glyph[a]} />
            </svg>
          </button>
        ))}
      </div>
      {ids.length >= 3 && (
        <div className="ie-btnrow">
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => onPage((d) => distribute(d, pageId, ids, 'horizontal', heights))} data-testid="ie-distribute-h">
            {t('imageEditor.distributeH')}
          </button>
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => onPage((d) => distribute(d, pageId, ids, 'vertical', heights))} data-testid="ie-distribute-v">
            {t('imageEditor.distributeV')}
          </button>
        </div>
      )}
      <div className="ie-btnrow">
        {reorders.map((r) => (
          <button key={r} type="button" className="btn btn--ghost btn--sm" onClick={() => reorderSelection(r)} data-testid={`ie-order-${r}`}>
            {t(`imageEditor.order.${r}` as MessageKey)}
          </button>
        ))}
      </div>
    </Section>
  );
}

function Geometry({ layer, pageId, disabled }: { layer: ImageLayer; pageId: string; disabled: boolean }) {
  const canvas = useImageEditor((st) => st.doc!.canvas);
  const heights = useImageEditor((st) => st.textHeights);
  const p = layerPixelBox(layer, canvas, heights);
  const set = (patch: Partial<typeof p>) => onPage((d) => setBoxes(d, pageId, { [layer.id]: { ...p, ...patch } }), `geom:${layer.id}`);
  const left = p.cx - p.width / 2;
  const top = p.cy - p.height / 2;
  return (
    <Section title={t('imageEditor.position')} disabled={disabled} testId="ie-geometry">
      <div className="ie-grid2">
        <NumberField label="X" value={left} onCommit={(v) => set({ cx: v + p.width / 2 })} testId="ie-x" />
        <NumberField label="Y" value={top} onCommit={(v) => set({ cy: v + p.height / 2 })} testId="ie-y" />
        <NumberField label={t('imageEditor.width')} value={p.width} onCommit={(v) => v > 0 && set({ width: v, cx: left + v / 2 })} testId="ie-w" />
        {layer.type === 'text' ? <span /> : <NumberField label={t('imageEditor.height')} value={p.height} onCommit={(v) => v > 0 && set({ height: v, cy: top + v / 2 })} testId="ie-h" />}
        <NumberField label={t('imageEditor.rotation')} value={p.rotation} suffix="°" onCommit={(v) => set({ rotation: layerBox({ ...p, rotation: v }, canvas).rotation })} testId="ie-rotation" />
      </div>
      <label className="insp-row">
        <span className="insp-row__label">{t('inspector.opacity')}</span>
        <input type="range" min={0} max={1} step={0.01} value={layer.opacity} onChange={(e) => onPage((d) => patchLayers(d, pageId, [layer.id], { opacity: Number(e.target.value) }), `opacity:${layer.id}`)} data-testid="ie-opacity" />
        <span className="insp-row__value mono">{Math.round(layer.opacity * 100)}%</span>
      </label>
    </Section>
  );
}

function TextSection({ layer, pageId, kit }: { layer: ImageTextLayer; pageId: string; kit: BrandKit | null }) {
  const { builtIn, library } = useFontFamilies();
  const canvasWidth = useImageEditor((st) => st.doc!.canvas.width);
  const upd = (fn: (l: ImageTextLayer) => ImageTextLayer, key: string) => onPage((d) => updateLayer<ImageTextLayer>(d, pageId, layer.id, fn), `${key}:${layer.id}`);
  const style = (p: Partial<TextStyle>, key: string) => upd((l) => ({ ...l, style: { ...l.style, ...p }, styleRole: null }), key);
  const roles = textRoles.filter((r) => kit?.textStyles.some((x) => x.role === r));
  const applyRole = (role: TextRole) => {
    const st = kitTextStyle(kit, role, canvasWidth);
    if (st) upd((l) => ({ ...l, style: st, styleRole: role }), 'role');
  };
  return (
    <Section title={t('imageEditor.text')}>
      <textarea className="ie-textarea" value={layer.text} rows={3} maxLength={2000} aria-label={t('imageEditor.textContent')} onChange={(e) => e.target.value.trim() && upd((l) => ({ ...l, text: e.target.value }), 'text')} data-testid="ie-text" />
      {roles.length > 0 && (
        <div className="ie-btnrow" role="group" aria-label={t('imageEditor.kitStyles')}>
          {roles.map((r) => (
            <button key={r} type="button" className="btn btn--secondary btn--sm" aria-pressed={layer.styleRole === r} onClick={() => applyRole(r)} data-testid={`ie-role-${r}`}>
              {t(`kit.role.${r}` as MessageKey)}
            </button>
          ))}
        </div>
      )}
      <label className="insp-row insp-row--block">
        <span className="insp-row__label">{t('inspector.font')}</span>
        <select value={layer.style.font} onChange={(e) => style({ font: e.target.value }, 'font')} data-testid="ie-font">
          {[...library, ...builtIn.filter((f) => !library.includes(f))].map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <div className="ie-grid2">
        <NumberField label={t('imageEditor.size')} value={layer.style.size} onCommit={(v) => style({ size: Math.min(400, Math.max(8, v)) }, 'size')} testId="ie-size" />
        <div className="ie-btnrow">
          <button type="button" className="btn btn--ghost btn--sm ie-bold" aria-pressed={layer.style.bold} onClick={() => style({ bold: !layer.style.bold }, 'bold')} aria-label={t('imageEditor.bold')}>
            B
          </button>
          <button type="button" className="btn btn--ghost btn--sm ie-italic" aria-pressed={layer.style.italic} onClick={() => style({ italic: !layer.style.italic }, 'italic')} aria-label={t('imageEditor.italic')}>
            I
          </button>
          {(['left', 'center', 'right'] as const).map((a) => (
            <button key={a} type="button" className="btn btn--ghost btn--sm" aria-pressed={layer.style.align === a} onClick={() => style({ align: a }, 'align')} aria-label={t(`imageEditor.textAlign.${a}` as MessageKey)}>
              <svg viewBox="0 0 20 20" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden="true">
                <path d={a === 'left' ? 'M3 5h14M3 10h9M3 15h12' : a === 'center' ? 'M3 5h14M5.5 10h9M4 15h12' : 'M3 5h14M8 10h9M5 15h12'} />
              </svg>
            </button>
          ))}
        </div>
      </div>
      <ColourRow label={t('inspector.color')} value={layer.style.color} kit={kit} onChange={(c) => c && style({ color: c }, 'color')} testId="ie-text-colour" />
    </Section>
  );
}

function ShapeSection({ layer, pageId, kit }: { layer: ShapeLayer; pageId: string; kit: BrandKit | null }) {
  const upd = (fn: (l: ShapeLayer) => ShapeLayer, key: string) => onPage((d) => updateLayer<ShapeLayer>(d, pageId, layer.id, fn), `${key}:${layer.id}`);
  return (
    <Section title={t('imageEditor.shape')}>
      <label className="insp-row insp-row--block">
        <span className="insp-row__label">{t('imageEditor.shapeKind')}</span>
        <select value={layer.shape} onChange={(e) => upd((l) => ({ ...l, shape: e.target.value as ShapeLayer['shape'], stroke: e.target.value === 'line' ? (l.stroke ?? { color: l.fill ?? '#111111', width: 8 }) : l.stroke }), 'kind')} data-testid="ie-shape-kind">
          {shapeKinds.map((k) => (
            <option key={k} value={k}>
              {t(`imageEditor.shape.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {layer.shape !== 'line' && <ColourRow label={t('imageEditor.fill')} value={layer.fill} kit={kit} allowNone onChange={(c) => upd((l) => ({ ...l, fill: c }), 'fill')} testId="ie-fill" />}
      <ColourRow label={t('imageEditor.stroke')} value={layer.stroke?.color ?? null} kit={kit} allowNone={layer.shape !== 'line'} onChange={(c) => upd((l) => ({ ...l, stroke: c ? { color: c, width: l.stroke?.width ?? 4 } : null }), 'stroke')} testId="ie-stroke" />
      <div className="ie-grid2">
        {layer.stroke && <NumberField label={t('imageEditor.strokeWidth')} value={layer.stroke.width} onCommit={(v) => upd((l) => ({ ...l, stroke: l.stroke ? { ...l.stroke, width: Math.min(200, Math.max(0.5, v)) } : null }), 'strokeWidth')} testId="ie-stroke-width" />}
        {layer.shape === 'roundRect' && <NumberField label={t('imageEditor.radius')} value={layer.radius} onCommit={(v) => upd((l) => ({ ...l, radius: Math.min(2000, Math.max(0, v)) }), 'radius')} testId="ie-radius" />}
      </div>
    </Section>
  );
}

function PhotoSection({ layer, pageId, disabled }: { layer: ImageMediaLayer; pageId: string; disabled: boolean }) {
  const asset = useImageEditor((st) => st.assets[layer.assetId]);
  const canvas = useImageEditor((st) => st.doc!.canvas);
  const change: PhotoChange = (fn, key, sticky) => s().edit((d) => updateLayer<ImageMediaLayer>(d, pageId, layer.id, (l) => ({ ...l, edit: fn(l.edit) })), { key: `${key}:${layer.id}`, sticky, select: false });
  // A channel crop gives the layer the same shape: its width stays, its height follows (about its centre).
  const onAspect = (ratio: number) => s().edit((d) => updateLayer<ImageMediaLayer>(d, pageId, layer.id, (l) => ({ ...l, box: { ...l.box, h: Math.min(8, Math.max(0.001, (l.box.w * canvas.width) / ratio / canvas.height)) } })), { key: `crop-box:${layer.id}`, select: false });
  return (
    <Section title={t('imageEditor.photo')}>
      <button type="button" className="btn btn--secondary btn--sm ie-crop-start" title={t('imageEditor.cropOnCanvasHint')} disabled={disabled} onClick={() => s().startCrop(layer.id)} data-testid="ie-crop-start">
        {t('imageEditor.cropOnCanvas')}
      </button>
      <PhotoWork edit={layer.edit} source={{ width: asset?.width ?? 1, height: asset?.height ?? 1 }} change={change} onAspect={onAspect} keyBase="photo" />
    </Section>
  );
}

function PageInspector({ kit, pageId, background, spread, index, count }: { kit: BrandKit | null; pageId: string; background: Background; spread: boolean; index: number; count: number }) {
  const canvas = useImageEditor((st) => st.doc!.canvas);
  const setBg = (b: Background, key: string) => onPage((d) => setBackground(d, pageId, b), `bg-${key}:${pageId}`);
  const [photos, setPhotos] = useState<AssetSummary[] | null>(null);
  const [picking, setPicking] = useState(false);
  const firstColour = kit?.palette[0]?.color.toLowerCase() ?? '#ffffff';
  return (
    <>
      <h2 className="insp__title panel-title">{t('imageEditor.pageN', { n: index + 1, count })}</h2>
      <p className="insp__note">
        {t('imageEditor.canvasSize', { size: `${canvas.width} × ${canvas.height}` })} · {t('imageEditor.pageHint')}
      </p>
      <Section title={t('imageEditor.background')}>
        {(count > 1 || spread) && (
          <>
            <label className="insp-row">
              <span className="insp-row__label">{t('imageEditor.spread')}</span>
              <input type="checkbox" checked={spread} onChange={(e) => onPage((d) => setSpread(d, pageId, e.target.checked))} data-testid="ie-bg-spread" />
              <span />
            </label>
            <p className="insp__note">{t(spread ? 'imageEditor.spreadOnHint' : 'imageEditor.spreadHint')}</p>
          </>
        )}
        <RadioGroup className="segmented segmented--full" aria-label={t('imageEditor.background')}>
          {(['colour', 'gradient', 'photo'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={picking ? k === 'photo' : background.type === k}
              className="segmented__item"
              onClick={() => {
                if (k !== 'photo') setPicking(false);
                if (background.type === k) return;
                if (k === 'colour') setBg({ type: 'colour', color: background.type === 'gradient' ? background.from : firstColour }, 'type');
                else if (k === 'gradient') setBg({ type: 'gradient', from: background.type === 'colour' ? background.color : firstColour, to: kit?.palette[1]?.color.toLowerCase() ?? '#111111', angle: 90 }, 'type');
                else setPicking(true);
              }}
              data-testid={`ie-bg-${k}`}
            >
              {t(`imageEditor.bg.${k}` as MessageKey)}
            </button>
          ))}
        </RadioGroup>
        {background.type === 'colour' && <ColourRow label={t('inspector.color')} value={background.color} kit={kit} onChange={(c) => c && setBg({ type: 'colour', color: c }, 'colour')} testId="ie-bg-colour" />}
        {background.type === 'gradient' && (
          <>
            <ColourRow label={t('imageEditor.from')} value={background.from} kit={kit} onChange={(c) => c && setBg({ ...background, from: c }, 'from')} />
            <ColourRow label={t('imageEditor.to')} value={background.to} kit={kit} onChange={(c) => c && setBg({ ...background, to: c }, 'to')} />
            <label className="insp-row">
              <span className="insp-row__label">{t('imageEditor.angle')}</span>
              <input type="range" min={0} max={360} step={15} value={background.angle} onChange={(e) => setBg({ ...background, angle: Number(e.target.value) }, 'angle')} />
              <span className="insp-row__value mono">{background.angle}°</span>
            </label>
          </>
        )}
        {background.type === 'photo' && !picking && <BackgroundPhotoWork pageId={pageId} />}
        {(background.type === 'photo' || picking) && <BackgroundPhotos photos={photos} setPhotos={setPhotos} current={background.type === 'photo' ? background.assetId : null} onPick={(a) => (setPicking(false), useImageEditor.getState().addAsset(a), setBg({ type: 'photo', assetId: a.id, edit: { crop: { left: 0, top: 0, right: 0, bottom: 0 }, straighten: 0, flipH: false, flipV: false, adjust: { exposure: 0, contrast: 0, saturation: 0, temperature: 0, vibrance: 0, sharpen: 0, vignette: 0 }, filter: { name: 'none', strength: 1 } } }, 'photo'))} />}
      </Section>
    </>
  );
}

/** Photo work on the photo background (the spread's when the pages share one). */
function BackgroundPhotoWork({ pageId }: { pageId: string }) {
  const bg = useImageEditor((st) => {
    const d = st.doc!;
    return d.spread ?? findPage(d, pageId)?.background ?? null;
  });
  const asset = useImageEditor((st) => (bg?.type === 'photo' ? st.assets[bg.assetId] : undefined));
  if (bg?.type !== 'photo') return null;
  const change: PhotoChange = (fn, key, sticky) => s().edit((d) => editBackgroundPhoto(d, pageId, fn), { key: `bg-${key}:${pageId}`, sticky, select: false });
  return <PhotoWork edit={bg.edit} source={{ width: asset?.width ?? 1, height: asset?.height ?? 1 }} change={change} keyBase="bg-photo" />;
}

function BackgroundPhotos({ photos, setPhotos, current, onPick }: { photos: AssetSummary[] | null; setPhotos: (p: AssetSummary[]) => void; current: string | null; onPick: (a: AssetSummary) => void }) {
  useEffect(() => {
    if (photos) return;
    let live = true;
    call('assets.list', { query: '', kind: 'image', limit: 24 }).then(
      (r) => live && setPhotos(r.items),
      () => live && setPhotos([]),
    );
    return () => {
      live = false;
    };
  }, [photos, setPhotos]);
  if (photos && photos.length === 0) return <p className="insp__note">{t('imageEditor.noPhotos')}</p>;
  return (
    <ul className="ie-photos__grid ie-photos__grid--small">
      {(photos ?? []).map((a) => (
        <li key={a.id}>
          <button type="button" className="ie-photo-choice" aria-pressed={current === a.id} onClick={() => onPick(a)} title={a.name} data-testid="ie-bg-photo-choice">
            {a.hasThumbnail && <img src={mediaUrl(a.id, 'thumb')} alt="" loading="lazy" draggable={false} />}
          </button>
        </li>
      ))}
    </ul>
  );
}
