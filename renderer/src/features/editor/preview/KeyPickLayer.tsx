import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { changeChromaKey } from '../../../../../electron/model/chroma-key-edit';
import { t } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { useKeyPicker } from '../keyPicker';
import { CROSSHAIR_START, moveCrosshair, patchRect, sampleHex, type Crosshair } from './keyPickLogic';

/** The colour of the preview's canvas around a point given as shares of it, or null when it cannot be read. */
function colourAt(c: HTMLCanvasElement | null, p: Crosshair): string | null {
  const ctx = c?.getContext('2d');
  if (!c || !ctx || c.width === 0 || c.height === 0) return null;
  const [x, y] = [p.x * c.width, p.y * c.height];
  const r = patchRect(x, y, c.width, c.height);
  return sampleHex(ctx.getImageData(r.x0, r.y0, r.w, r.h).data, r.w, r.h, x - r.x0, y - r.y0);
}

/**
 * Over the preview while the chroma key's eyedropper picks (keyPicker.ts): the clip is drawn without its key, a
 * click takes the colour under the pointer (a small patch of the preview canvas) as the key colour, Esc cancels.
 * By keyboard the layer takes focus: the arrow keys move a cross over the picture (Shift: bigger steps), it shows
 * the colour under it, and Enter picks that colour. The Inspector announces the colour picked (ChromaKeySection).
 */
export function KeyPickLayer({ canvas, redraw }: { canvas: RefObject<HTMLCanvasElement | null>; redraw: () => void }) {
  const clipId = useKeyPicker((s) => s.clipId);
  useEffect(() => {
    // The clip's key is paused or back: draw again.
    redraw();
  }, [clipId, redraw]);
  // Keyed by the clip: each pick starts with the cross in the middle.
  return clipId ? <PickSurface key={clipId} clipId={clipId} canvas={canvas} /> : null;
}

function PickSurface({ clipId, canvas }: { clipId: string; canvas: RefObject<HTMLCanvasElement | null> }) {
  const [cross, setCross] = useState<Crosshair>(CROSSHAIR_START);
  const [under, setUnder] = useState<string | null>(null);
  const layer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Keyboard users land on the picture: the arrows then move the cross at once.
    layer.current?.focus({ preventScroll: true });
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      useKeyPicker.getState().stop();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  const pick = (p: Crosshair) => {
    const color = colourAt(canvas.current, p);
    if (!color) return;
    useKeyPicker.getState().picked(color);
    useEditor.getState().edit((d) => changeChromaKey(d, clipId, { kind: 'color', color }));
  };
  const share = (e: MouseEvent<HTMLDivElement>): Crosshair => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: (e.clientX - box.left) / box.width, y: (e.clientY - box.top) / box.height };
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(cross);
      return;
    }
    const next = moveCrosshair(cross, e.key, e.shiftKey);
    if (!next) return;
    // Ours, not the editor's (the playhead and the manipulate layer also listen to arrows).
    e.preventDefault();
    e.stopPropagation();
    setCross(next);
    setUnder(colourAt(canvas.current, next));
  };
  return (
    <div
      ref={layer}
      className="key-pick"
      onClick={(e) => pick(share(e))}
      onMouseMove={(e) => setCross(share(e))}
      onKeyDown={onKeyDown}
      tabIndex={0}
      role="application"
      aria-label={t('chromaKey.pickLayer')}
      aria-describedby="key-pick-hint"
      data-testid="key-pick-layer"
    >
      <span className="key-pick__hint" id="key-pick-hint">
        {t('chromaKey.pickHint')}
      </span>
      <span className="key-pick__cross" style={{ left: `${(cross.x * 100).toFixed(2)}%`, top: `${(cross.y * 100).toFixed(2)}%` }} data-testid="key-pick-cross" aria-hidden="true">
        {under && (
          <span className="key-pick__under">
            <span className="key-pick__swatch" style={{ background: under }} />
            <span className="mono">{under}</span>
          </span>
        )}
      </span>
    </div>
  );
}
