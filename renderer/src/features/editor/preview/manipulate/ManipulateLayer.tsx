import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Clip } from '../../../../../../electron/model/draft';
import { patchAt } from '../../../../../../electron/model/keyframe-patch';
import { findClip, type ClipPatch } from '../../../../../../electron/model/timeline';
import { normaliseAngle, snapTargets, type SnapTarget } from '../../../../../../electron/model/snap-guides';
import { t } from '../../../../i18n';
import { useEditor } from '../../../../store/editorStore';
import { safeZones } from '../safeZones';
import { gestureStep, type Gesture } from './gestureLogic';
import { boundsOf, cornerPoints, corners, cycleLayer, hitTest, movePatch, nudgeDelta, pressTarget, provisionalTextBox, rotateHandleOffset, rotateHandlePoint, shownBox, type Corner, type LayerBox, type Point } from './manipulateLogic';
import { rotationPatch } from './rotation';
import { TextEditInPlace } from './TextEditInPlace';
import { useLayerBoxes } from './useLayerBoxes';
import { useTextEntry } from '../../useTextEntry';

/**
 * Screen pixels: how close counts as snapping, the handles' size, the rotate handle's distance above the box, and
 * how far a title's outline and handles sit outside its letters (a click there still picks it).
 */
const SNAP_PX = 6;
const HANDLE_PX = 12;
const ROTATE_PX = 28;
const TEXT_OUTSET_PX = 6;

let gestureSeq = 0;

/**
 * Direct manipulation over the preview canvas (docs/timeline.md, "On the preview"): click a layer to select it,
 * drag to move (snapping to guides; Alt: free), drag a corner to scale (Shift: from the centre), drag the round
 * handle to rotate (, and . by a degree), arrows nudge, double-click or Enter edits a title in place, and so does
 * Add text at once (useTextEntry). Drawn in canvas pixels (the SVG's viewBox) over the canvas; the picture itself is
 * the engine's. Every change is one undo step.
 */
export function ManipulateLayer({ width, height }: { width: number; height: number }) {
  const doc = useEditor((s) => s.doc!);
  const selected = useEditor((s) => s.selection[0] ?? null);
  const zone = useEditor((s) => s.safeZone);
  const boxes = useLayerBoxes();
  const rootRef = useRef<HTMLDivElement>(null);
  /** The gesture under way; `clickSelects`: the layer a press that never moves selects (see onPointerDown). */
  const gesture = useRef<{ g: Gesture; key: string; clickSelects?: string } | null>(null);
  const [guides, setGuides] = useState<SnapTarget[]>([]);
  const [hover, setHover] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // A title just added takes the keyboard here: its words are typed in place, the placeholder selected.
  useTextEntry('preview', null, (clipId) => {
    const s = useEditor.getState();
    if (s.doc && findClip(s.doc, clipId)?.clip.type === 'text') setEditing(clipId);
  });
  const canvas = doc.canvas;
  const k = width > 0 ? width / canvas.width : 1;
  const sel = boxes.find((b) => b.clipId === selected) ?? null;
  const hovered = hover && hover !== selected ? (boxes.find((b) => b.clipId === hover) ?? null) : null;
  /** A title's outline, handles and click area, a few screen pixels outside its letters. */
  const outset = TEXT_OUTSET_PX / k;
  const selShown = sel && shownBox(sel, outset);

  const toCanvas = (e: { clientX: number; clientY: number }): Point => {
    const r = rootRef.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * canvas.width, y: ((e.clientY - r.top) / r.height) * canvas.height };
  };

  const begin = (kind: Gesture['kind'], box: LayerBox, p: Point, corner: Corner | null) => {
    const found = findClip(doc, box.clipId);
    if (!found) return;
    const others = boxes.filter((b) => b.clipId !== box.clipId).map(boundsOf);
    const zones = zone === 'off' ? [] : safeZones[zone];
    gesture.current = {
      g: { kind, clip: found.clip, box, start: p, corner, targets: snapTargets(canvas, others, zones), threshold: SNAP_PX / k, moved: false },
      key: `manipulate:${box.clipId}:${++gestureSeq}`,
    };
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || editing) return;
    rootRef.current?.focus();
    const p = toCanvas(e);
    const handle = (e.target as Element).getAttribute('data-handle');
    const s = useEditor.getState();
    if (s.playing) s.setPlaying(false);
    if (selShown && handle) {
      // Scaled by the corner handle as drawn (a title's sits outside its letters), so the press itself scales nothing.
      begin(handle === 'rotate' ? 'rotate' : 'scale', selShown, p, handle === 'rotate' ? null : (handle as Corner));
    } else {
      // The topmost layer under the pointer, but a drag that starts inside the selected layer where another lies
      // over it in part moves the selected one (pressTarget); a click there without moving selects the topmost.
      const hit = pressTarget(boxes, sel, p, outset);
      const top = hitTest(boxes, p, outset);
      s.select(hit ? [hit.clipId] : []);
      if (hit) begin('move', hit, p, null);
      if (gesture.current && top && top !== hit) gesture.current.clickSelects = top.clipId;
    }
    if (gesture.current) e.currentTarget.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const cur = gesture.current;
    const p = toCanvas(e);
    if (!cur) {
      setHover(hitTest(boxes, p, outset)?.clipId ?? null);
      return;
    }
    const step = gestureStep(cur.g, p, { shift: e.shiftKey, alt: e.altKey }, canvas, rotationPatch);
    setGuides(step.guides);
    if (step.patch) apply(cur.g.clip, step.patch, cur.key, true);
  };

  const end = (e: PointerEvent<HTMLDivElement>) => {
    const cur = gesture.current;
    if (e.type === 'pointerup' && cur?.clickSelects && !cur.g.moved) useEditor.getState().select([cur.clickSelects]);
    gesture.current = null;
    setGuides([]);
  };

  const onDoubleClick = (e: { clientX: number; clientY: number }) => {
    const hit = hitTest(boxes, toCanvas(e), outset);
    if (hit?.kind === 'text') {
      useEditor.getState().select([hit.clipId]);
      setEditing(hit.clipId);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || e.ctrlKey || e.metaKey) return;
    const s = useEditor.getState();
    if (e.key === 'Tab') {
      const next = cycleLayer(boxes, sel?.clipId ?? null, e.shiftKey);
      if (next === null) return; // past the last layer, Tab leaves the preview as usual
      e.preventDefault();
      s.select([next]);
      return;
    }
    if (!sel) return;
    const d = nudgeDelta(e.key, e.shiftKey);
    if (d) {
      e.preventDefault();
      const found = findClip(doc, sel.clipId);
      // Held arrows repeat: one undo step per burst (the history gate's quiet window), not per pixel.
      if (found) apply(found.clip, movePatch(found.clip, sel, sel.cx + d.x, sel.cy + d.y, canvas), `nudge:${sel.clipId}`, false);
    } else if (rotationPatch && (e.code === 'Comma' || e.code === 'Period') && !e.altKey) {
      // , and . turn the layer by a degree (Shift: 15°), like the rotate handle.
      e.preventDefault();
      const found = findClip(doc, sel.clipId);
      const by = (e.code === 'Comma' ? -1 : 1) * (e.shiftKey ? 15 : 1);
      if (found) apply(found.clip, rotationPatch(found.clip, normaliseAngle(sel.rotation + by)), `rotate:${sel.clipId}`, false);
    } else if ((e.key === 'Enter' || e.key === 'F2') && sel.kind === 'text') {
      e.preventDefault();
      setEditing(sel.clipId);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      s.select([]);
    }
  };

  const editClip = editing ? findClip(doc, editing)?.clip : null;
  // Until the engine has measured the block (a title just added), an estimate: typing must not wait for it.
  const editBox = editClip?.type === 'text' ? (boxes.find((b) => b.clipId === editing) ?? provisionalTextBox(editClip, canvas)) : null;
  const handle = HANDLE_PX / k;
  return (
    <div
      ref={rootRef}
      className="dm"
      data-testid="manipulate"
      data-selected={sel?.clipId ?? ''}
      tabIndex={0}
      role="group"
      aria-label={t('dm.label')}
      aria-roledescription={t('dm.role')}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onPointerLeave={() => setHover(null)}
      onDoubleClick={onDoubleClick}
      onKeyDown={onKeyDown}
    >
      <svg className="dm__svg" viewBox={`0 0 ${canvas.width} ${canvas.height}`} width={width} height={height} aria-hidden="true">
        {hovered && <polygon className="dm__hover" points={outline(shownBox(hovered, outset))} />}
        {guides.map((g, i) =>
          g.axis === 'x' ? (
            <line key={i} className={`dm__guide dm__guide--${g.kind}`} data-testid="dm-guide" data-kind={g.kind} x1={g.at} x2={g.at} y1={0} y2={canvas.height} />
          ) : (
            <line key={i} className={`dm__guide dm__guide--${g.kind}`} data-testid="dm-guide" data-kind={g.kind} x1={0} x2={canvas.width} y1={g.at} y2={g.at} />
          ),
        )}
        {sel && selShown && !editing && (
          <g data-testid="dm-selection" data-clip-id={sel.clipId}>
            <polygon className="dm__box" points={outline(selShown)} />
            {rotationPatch && <RotateHandle box={selShown} k={k} r={handle / 2} canvas={canvas} />}
            {corners.map((c) => {
              const p = cornerPoints(selShown)[c];
              return <rect key={c} className={`dm__handle dm__handle--${c}`} data-handle={c} data-testid={`dm-handle-${c}`} x={p.x - handle / 2} y={p.y - handle / 2} width={handle} height={handle} rx={handle / 4} />;
            })}
          </g>
        )}
      </svg>
      {editClip?.type === 'text' && editBox && (
        <TextEditInPlace
          key={editClip.id}
          clip={editClip}
          box={editBox}
          k={k}
          canvasWidth={canvas.width}
          onDone={(byKey) => {
            setEditing(null);
            // Enter or Esc: the keyboard stays on the preview. A click elsewhere keeps its own focus.
            if (byKey) rootRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}

function RotateHandle({ box, k, r, canvas }: { box: LayerBox; k: number; r: number; canvas: { width: number; height: number } }) {
  const top = rotateHandlePoint(box, 0);
  const p = rotateHandlePoint(box, rotateHandleOffset(box, ROTATE_PX / k, r * 1.1, canvas));
  return (
    <>
      <line className="dm__stem" x1={top.x} y1={top.y} x2={p.x} y2={p.y} />
      <circle className="dm__handle dm__handle--rotate" data-handle="rotate" data-testid="dm-handle-rotate" cx={p.x} cy={p.y} r={r * 1.1} />
    </>
  );
}

function outline(b: LayerBox): string {
  const c = cornerPoints(b);
  return [c.nw, c.ne, c.se, c.sw].map((p) => `${p.x},${p.y}`).join(' ');
}

/**
 * Applies a change made on the preview to `base` (the clip as the gesture began): an animated property gets a key
 * at the playhead (keyframe-patch.ts), anything else its still value.
 */
function apply(base: Clip, patch: ClipPatch, key: string, sticky: boolean): void {
  const s = useEditor.getState();
  const local = s.playhead - base.start;
  s.edit((d) => patchAt(d, base.id, base, patch, local), { key, sticky, quiet: true });
}
