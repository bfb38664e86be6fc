import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { bounds, normalizeDegrees, type PixelBox, type Point } from '../../../../electron/model/image-box';
import type { ImagePage, ImageTextLayer } from '../../../../electron/model/image-draft';
import { deleteLayers, expandGroups, findPage, layerAt, layerPixelBox, layersInRect, scaleText, setBoxes, updateLayer } from '../../../../electron/model/image-edit';
import { type Handle, type Rect, handlePoint, handles, isCorner, rectFrom, resizeBox, resizeGroup, rotateAbout, rotationToward, ROTATE_SNAP_DEG, snapRect, snapTargets, unionBounds } from '../../../../electron/model/image-transform';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { useImageEditor } from '../../store/imageEditorStore';
import { GESTURE_HOST, startGesture, type PointerSample } from '../../ui/gesture';
import { brandLockedFor, canvasMovers, movableBy } from '../../../../electron/model/image-template-edit';
import { BackgroundView, CanvasZoom, LayerView } from './LayerView';
import { CropBar, CropOverlay } from './CropOverlay';

/** Screen pixels within which a moving selection snaps to a guide. */
const SNAP_SCREEN_PX = 6;
const FIT_MARGIN = 48;
let gestureSeq = 0;

const state = () => useImageEditor.getState();

/**
 * The canvas: the page drawn as DOM at its own pixel size and scaled to fit, with the selection's handles,
 * snap guides and the marquee drawn over it at screen size. Pointer gestures turn into pure edits
 * (model/image-edit.ts, model/image-transform.ts), one undo step per gesture.
 */
export function CanvasStage() {
  const doc = useImageEditor((s) => s.doc)!;
  const pageId = useImageEditor((s) => s.pageId);
  const page = findPage(doc, pageId ?? '') ?? doc.pages[0]!;
  const pageIndex = doc.pages.indexOf(page);
  const canvas = doc.canvas;
  const stageRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0);
  const [marquee, setMarquee] = useState<Rect | null>(null);
  const crop = useImageEditor((s) => (s.crop && s.crop.pageId === page.id ? s.crop : null));
  const cropLayer = crop ? page.layers.find((l) => l.id === crop.layerId && l.type === 'media') : undefined;

  useLayoutEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const fit = () => setScale(Math.max(0.05, Math.min((el.clientWidth - FIT_MARGIN * 2) / canvas.width, (el.clientHeight - FIT_MARGIN * 2) / canvas.height)));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, [canvas.width, canvas.height]);

  const toCanvas = (clientX: number, clientY: number): Point => {
    const r = wrapRef.current!.getBoundingClientRect();
    return { x: (clientX - r.left) / scale, y: (clientY - r.top) / scale };
  };

  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0 || scale === 0) return;
    if ((e.target as Element).closest('[data-ie-handle], .ie-textedit')) return;
    const s = state();
    if (s.editingTextId) return; // the text box's blur ends the editing first
    // A press outside the crop ends it, applied (as Canva does); the crop's own parts stop their presses.
    if (s.crop) {
      s.applyCrop();
      return;
    }
    const pg = findPage(s.doc!, s.pageId ?? '');
    if (!pg) return;
    const pt = toCanvas(e.clientX, e.clientY);
    const hit = layerAt(pg, pt, canvas, s.textHeights);
    (document.activeElement as HTMLElement | null)?.blur?.();
    if (hit) {
      const unit = expandGroups(pg, [hit.id]);
      if (e.shiftKey) {
        const all = unit.every((id) => s.selection.includes(id));
        s.select(all ? s.selection.filter((id) => !unit.includes(id)) : [...s.selection, ...unit.filter((id) => !s.selection.includes(id))]);
        return;
      }
      const sel = s.selection.includes(hit.id) ? s.selection : unit;
      s.select(sel);
      startMove(e.nativeEvent, pg, sel);
    } else {
      const base = e.shiftKey ? s.selection : [];
      if (!e.shiftKey) s.select([]);
      startGesture(e.nativeEvent, {
        slop: 3,
        captureOn: stageRef.current,
        onMove: (dx, dy) => {
          const rect = rectFrom(pt, { x: pt.x + dx / scale, y: pt.y + dy / scale });
          setMarquee(rect);
          const inside = layersInRect(pg, rect, canvas, state().textHeights, state().templateAdmin);
          state().select([...base, ...inside.filter((id) => !base.includes(id))]);
        },
        onEnd: () => setMarquee(null),
      });
    }
  };

  function startMove(ev: PointerSample, pg: ImagePage, ids: string[]) {
    const heights = state().textHeights;
    const admin = state().templateAdmin;
    const { movers, pinned } = canvasMovers(pg, ids, admin);
    if (movers.length === 0) {
      // Pressing on a brand element, or a group held by a locked layer, says why it does not move (once the press
      // becomes a drag); a plain locked layer shows its lock in the layer list.
      const why = pinned === 'brand' ? t('imageEditor.templateLockedTry') : pinned === 'group' ? t('imageEditor.groupPinned') : null;
      if (why) startGesture(ev, { slop: 3, captureOn: stageRef.current, onMove: () => undefined, onEnd: (_reason, moved) => moved && useStore.getState().showToast({ message: why, tone: 'info' }) });
      return;
    }
    const starts = movers.map((l) => [l.id, layerPixelBox(l, canvas, heights)] as const);
    const start = unionBounds(starts.map(([, p]) => p))!;
    const others = pg.layers.filter((l) => !ids.includes(l.id) && !l.hidden).map((l) => bounds(layerPixelBox(l, canvas, heights)));
    const targets = snapTargets(canvas, others);
    const key = `move:${++gestureSeq}`;
    startGesture(ev, {
      slop: 3,
      captureOn: stageRef.current,
      onMove: (dx, dy, e) => {
        let mx = dx / scale;
        let my = dy / scale;
        let guides: ReturnType<typeof snapRect>['guides'] = [];
        if (!e.altKey) {
          const snap = snapRect({ ...start, x: start.x + mx, y: start.y + my }, targets, SNAP_SCREEN_PX / scale);
          mx += snap.dx;
          my += snap.dy;
          guides = snap.guides;
        }
        state().setGuides(guides);
        const boxes = Object.fromEntries(starts.map(([id, p]) => [id, { ...p, cx: p.cx + mx, cy: p.cy + my }]));
        state().edit((d) => setBoxes(d, pg.id, boxes), { key, sticky: true, quiet: true, select: false });
      },
      onEnd: () => state().setGuides([]),
    });
  }

  const startResize = (e: React.PointerEvent, handle: Handle) => {
    e.stopPropagation();
    const s = state();
    const pg = findPage(s.doc!, s.pageId ?? '');
    if (!pg) return;
    const { movers } = canvasMovers(pg, s.selection, s.templateAdmin);
    if (movers.length === 0) return;
    const starts = movers.map((l) => layerPixelBox(l, canvas, s.textHeights));
    const key = `resize:${++gestureSeq}`;
    const single = movers.length === 1 ? movers[0]! : null;
    const b = unionBounds(starts)!;
    const from = single ? handlePoint(starts[0]!, handle) : handlePoint({ cx: b.x + b.width / 2, cy: b.y + b.height / 2, width: b.width, height: b.height, rotation: 0 }, handle);
    startGesture(e.nativeEvent, {
      captureOn: stageRef.current,
      onMove: (dx, dy, ev) => {
        const pointer = { x: from.x + dx / scale, y: from.y + dy / scale };
        if (single?.type === 'text' && isCorner(handle)) {
          // A corner scales text (type size and wrap width together), keeping the opposite corner in place.
          const p0 = starts[0]!;
          const p = resizeBox(p0, handle, pointer, { keepAspect: true, minSize: 8 });
          const l0 = single;
          state().edit((d) => updateLayer<ImageTextLayer>(d, pg.id, l0.id, () => ({ ...scaleText(l0, p.width / p0.width), x: p.cx / canvas.width, y: p.cy / canvas.height })), { key, sticky: true, quiet: true, select: false });
          return;
        }
        const opts = { keepAspect: ev.shiftKey, minSize: 4 };
        const next = single ? [resizeBox(starts[0]!, handle, pointer, opts)] : resizeGroup(starts, handle, pointer, opts);
        const boxes = Object.fromEntries(movers.map((l, i) => [l.id, next[i]!]));
        state().edit((d) => setBoxes(d, pg.id, boxes), { key, sticky: true, quiet: true, select: false });
      },
    });
  };

  const startRotate = (e: React.PointerEvent) => {
    e.stopPropagation();
    const s = state();
    const pg = findPage(s.doc!, s.pageId ?? '');
    if (!pg) return;
    const { movers } = canvasMovers(pg, s.selection, s.templateAdmin);
    if (movers.length === 0) return;
    const starts = movers.map((l) => layerPixelBox(l, canvas, s.textHeights));
    const b = unionBounds(starts)!;
    const pivot = movers.length === 1 ? { x: starts[0]!.cx, y: starts[0]!.cy } : { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    const p0 = toCanvas(e.clientX, e.clientY);
    const a0 = rotationToward(pivot, p0);
    const key = `rotate:${++gestureSeq}`;
    startGesture(e.nativeEvent, {
      captureOn: stageRef.current,
      onMove: (dx, dy, ev) => {
        const a = rotationToward(pivot, { x: p0.x + dx / scale, y: p0.y + dy / scale });
        let next: PixelBox[];
        if (movers.length === 1) {
          let r = starts[0]!.rotation + a - a0;
          if (ev.shiftKey) r = Math.round(r / ROTATE_SNAP_DEG) * ROTATE_SNAP_DEG;
          next = [{ ...starts[0]!, rotation: normalizeDegrees(r) }];
        } else {
          let delta = a - a0;
          if (ev.shiftKey) delta = Math.round(delta / ROTATE_SNAP_DEG) * ROTATE_SNAP_DEG;
          next = rotateAbout(starts, pivot, delta);
        }
        const boxes = Object.fromEntries(movers.map((l, i) => [l.id, next[i]!]));
        state().edit((d) => setBoxes(d, pg.id, boxes), { key, sticky: true, quiet: true, select: false });
      },
    });
  };

  const onDoubleClick = (e: React.MouseEvent) => {
    const s = state();
    const pg = findPage(s.doc!, s.pageId ?? '');
    if (!pg) return;
    if (s.crop) return;
    const hit = layerAt(pg, toCanvas(e.clientX, e.clientY), canvas, s.textHeights);
    if (hit?.type === 'text' && movableBy(hit, s.templateAdmin)) {
      s.select([hit.id]);
      s.setEditingText(hit.id);
    }
    // A double-click on a photo crops it on the canvas.
    if (hit?.type === 'media') s.startCrop(hit.id);
  };

  const spread = doc.spread;
  return (
    <div className="ie-stage" ref={stageRef} onPointerDown={onPointerDown} onDoubleClick={onDoubleClick} {...{ [GESTURE_HOST]: '' }} data-testid="ie-stage">
      {scale > 0 && (
        <div className="ie-canvas-wrap" ref={wrapRef} style={{ width: canvas.width * scale, height: canvas.height * scale }} data-testid="ie-canvas" data-scale={scale.toFixed(5)} data-page-id={page.id}>
          <div className="ie-canvas" style={{ width: canvas.width, height: canvas.height, transform: `scale(${scale})` }}>
            <CanvasZoom.Provider value={scale * (window.devicePixelRatio || 1)}>
              <BackgroundView background={spread ?? page.background} canvas={canvas} slice={spread ? { index: pageIndex, count: doc.pages.length } : null} />
              {page.layers.map((l) => (l.id === cropLayer?.id ? null : <LayerView key={l.id} layer={l} canvas={canvas} />))}
            </CanvasZoom.Provider>
          </div>
          {crop && cropLayer?.type === 'media' ? <CropOverlay session={crop} layer={cropLayer} scale={scale} toCanvas={toCanvas} stage={stageRef} /> : <SelectionOverlay page={page} scale={scale} onResize={startResize} onRotate={startRotate} />}
          <Guides scale={scale} />
          {marquee && <div className="ie-marquee" style={{ left: marquee.x * scale, top: marquee.y * scale, width: marquee.width * scale, height: marquee.height * scale }} data-testid="ie-marquee" />}
          <TextEditor page={page} scale={scale} />
        </div>
      )}
      {crop && <CropBar session={crop} />}
      {page.layers.length === 0 && (
        <div className="ie-stage__hint" data-testid="ie-empty-page">
          <strong>{t('imageEditor.emptyPageTitle')}</strong>
          <span>{t('imageEditor.emptyPageBody')}</span>
        </div>
      )}
    </div>
  );
}

function handlesFor(page: ImagePage, ids: string[]): readonly Handle[] {
  if (ids.length !== 1) return handles;
  const l = page.layers.find((x) => x.id === ids[0]);
  if (l?.type === 'text') return ['nw', 'ne', 'se', 'sw', 'e', 'w'];
  if (l?.type === 'shape' && l.shape === 'line') return ['e', 'w'];
  return handles;
}

function SelectionOverlay({ page, scale, onResize, onRotate }: { page: ImagePage; scale: number; onResize: (e: React.PointerEvent, h: Handle) => void; onRotate: (e: React.PointerEvent) => void }) {
  const selection = useImageEditor((s) => s.selection);
  const heights = useImageEditor((s) => s.textHeights);
  const editing = useImageEditor((s) => s.editingTextId);
  const canvas = useImageEditor((s) => s.doc!.canvas);
  const admin = useImageEditor((s) => s.templateAdmin);
  const chosen = page.layers.filter((l) => selection.includes(l.id) && !l.hidden);
  if (chosen.length === 0 || editing) return null;
  const boxes = chosen.map((l) => layerPixelBox(l, canvas, heights));
  const canEdit = chosen.every((l) => movableBy(l, admin));
  const brandLocked = chosen.some((l) => brandLockedFor(l, admin));
  const frame: PixelBox =
    chosen.length === 1
      ? boxes[0]!
      : (() => {
          const b = unionBounds(boxes)!;
          return { cx: b.x + b.width / 2, cy: b.y + b.height / 2, width: b.width, height: b.height, rotation: 0 };
        })();
  const style = (p: PixelBox): React.CSSProperties => ({ left: p.cx * scale, top: p.cy * scale, width: p.width * scale, height: p.height * scale, transform: `translate(-50%, -50%) rotate(${p.rotation}deg)` });
  return (
    <>
      {chosen.length > 1 && boxes.map((p, i) => <div key={chosen[i]!.id} className="ie-outline" style={style(p)} />)}
      <div className={`ie-selection${canEdit ? '' : ' ie-selection--locked'}`} style={style(frame)} data-testid="ie-selection" data-count={chosen.length}>
        {brandLocked && (
          <span className="ie-lock-badge" data-testid="ie-lock-badge" title={t('imageEditor.templateLockedHint')}>
            <svg viewBox="0 0 20 20" width="12" height="12" aria-hidden="true">
              <path d="M6 9V6.5a4 4 0 0 1 8 0V9M5 9h10v8H5z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
            </svg>
            {t('imageEditor.templateLockedBadge')}
          </span>
        )}
        {canEdit &&
          handlesFor(page, chosen.map((l) => l.id)).map((h) => (
            <span key={h} className={`ie-handle ie-handle--${h}`} data-ie-handle={h} data-testid={`ie-handle-${h}`} onPointerDown={(e) => onResize(e, h)} />
          ))}
        {canEdit && (
          <span className="ie-rotate" data-ie-handle="rotate" data-testid="ie-rotate" onPointerDown={onRotate} title={t('imageEditor.rotateHint')}>
            <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
              <path d="M15.5 10a5.5 5.5 0 1 1-1.6-3.9M15.5 3.5v3h-3" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </span>
        )}
      </div>
    </>
  );
}

function Guides({ scale }: { scale: number }) {
  const guides = useImageEditor((s) => s.guides);
  return (
    <>
      {guides.map((g) => (
        <div
          key={`${g.axis}${g.at}`}
          className={`ie-guide ie-guide--${g.axis}`}
          style={g.axis === 'x' ? { left: g.at * scale, top: g.from * scale, height: (g.to - g.from) * scale } : { top: g.at * scale, left: g.from * scale, width: (g.to - g.from) * scale }}
          data-testid="ie-guide"
          data-axis={g.axis}
          data-at={g.at}
        />
      ))}
    </>
  );
}

/** Typing into a text layer on the canvas (double-click): a text box over the layer; Esc or a click outside ends it. */
function TextEditor({ page, scale }: { page: ImagePage; scale: number }) {
  const id = useImageEditor((s) => s.editingTextId);
  const layer = page.layers.find((l): l is ImageTextLayer => l.id === id && l.type === 'text');
  // Keyed by the layer: editing another text starts from its own words.
  return layer ? <TextBox key={layer.id} layer={layer} pageId={page.id} scale={scale} /> : null;
}

function TextBox({ layer, pageId, scale }: { layer: ImageTextLayer; pageId: string; scale: number }) {
  const canvas = useImageEditor((s) => s.doc!.canvas);
  const heights = useImageEditor((s) => s.textHeights);
  const [value, setValue] = useState(layer.text);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const p = layerPixelBox(layer, canvas, heights);
  const finish = () => {
    const s = state();
    if (value.trim() === '') s.edit((d) => deleteLayers(d, pageId, [layer.id]), { quiet: true });
    s.setEditingText(null);
  };
  return (
    <textarea
      ref={ref}
      className="ie-textedit"
      value={value}
      aria-label={t('imageEditor.textContent')}
      style={{
        left: p.cx * scale,
        top: p.cy * scale,
        width: p.width * scale,
        minHeight: p.height * scale,
        transform: `translate(-50%, -50%) rotate(${p.rotation}deg)`,
        fontFamily: layer.style.font,
        fontSize: layer.style.size * scale,
        fontWeight: layer.style.bold ? 700 : 400,
        fontStyle: layer.style.italic ? 'italic' : 'normal',
        textAlign: layer.style.align,
        color: layer.style.color,
      }}
      onChange={(e) => {
        const next = e.target.value;
        setValue(next);
        if (next.trim() !== '') state().edit((d) => updateLayer<ImageTextLayer>(d, pageId, layer.id, (l) => ({ ...l, text: next.slice(0, 2000) })), { key: `text:${layer.id}`, select: false });
      }}
      onBlur={finish}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) e.currentTarget.blur();
      }}
      data-testid="ie-textedit"
    />
  );
}
