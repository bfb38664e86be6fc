import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { changeChromaKey } from '../../../../../electron/model/chroma-key-edit';
import { t } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { pickSurface, useKeyPicker } from '../keyPicker';
import { clipPointAt, CROSSHAIR_START, moveCrosshair, patchRect, sampleHex, type Crosshair } from './keyPickLogic';

/** A scratch canvas the patch is copied into, pixel for pixel, to be read. */
let scratch: CanvasRenderingContext2D | null = null;

/**
 * What the eyedropper finds at a point of the preview (shares of it): the mean colour of a 5x5 patch of the
 * picked clip's own picture there (after its look, without its key: what the export's chromakey is given), or
 * `outside` when the point is not on the clip (another layer, the background), or null when nothing can be read.
 */
export function colourAt(clipId: string, p: Crosshair): { color: string } | 'outside' | null {
  const s = pickSurface(clipId);
  if (!s) return 'outside';
  const at = clipPointAt(s.layer, s.size, s.canvas, p.x * s.canvas.width, p.y * s.canvas.height);
  if (!at) return 'outside';
  const d = s.drawable;
  // The picture's display pixels → the drawable's (a proxy, a copy at the size shown, the looked picture).
  const [x, y] = [(at.x * d.width) / s.size.width, (at.y * d.height) / s.size.height];
  const r = patchRect(x, y, d.width, d.height);
  scratch ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!scratch) return null;
  const c = scratch.canvas;
  if (c.width < r.w || c.height < r.h) [c.width, c.height] = [Math.max(c.width, r.w), Math.max(c.height, r.h)];
  scratch.clearRect(0, 0, c.width, c.height);
  scratch.imageSmoothingEnabled = false;
  scratch.drawImage(d.source, r.x0, r.y0, r.w, r.h, 0, 0, r.w, r.h);
  return { color: sampleHex(scratch.getImageData(0, 0, r.w, r.h).data, r.w, r.h, x - r.x0, y - r.y0) };
}

/**
 * Over the preview while the chroma key's eyedropper picks (keyPicker.ts): the clip is drawn without its key, a
 * click takes the colour of the clip's own picture under the pointer (`colourAt`: not the composited preview, so
 * neither the layers around it nor its opacity change the colour) as the key colour; a click off the clip picks
 * nothing and says so. Esc cancels.
 * By keyboard the layer takes focus: the arrow keys move a cross over the picture (Shift: bigger steps), it shows
 * the colour under it, and Enter picks that colour. The Inspector announces the colour picked (ChromaKeySection).
 */
export function KeyPickLayer({ redraw }: { redraw: () => void }) {
  const clipId = useKeyPicker((s) => s.clipId);
  useEffect(() => {
    // The clip's key is paused or back: draw again.
    redraw();
  }, [clipId, redraw]);
  // Keyed by the clip: each pick starts with the cross in the middle.
  return clipId ? <PickArea key={clipId} clipId={clipId} /> : null;
}

function PickArea({ clipId }: { clipId: string }) {
  const [cross, setCross] = useState<Crosshair>(CROSSHAIR_START);
  const [under, setUnder] = useState<string | null>(null);
  // The last click or Enter was off the clip: said on the preview (and to screen readers) until the next try.
  const [missed, setMissed] = useState(false);
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
    const found = colourAt(clipId, p);
    setMissed(found === 'outside');
    if (!found || found === 'outside') return;
    const { color } = found;
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
    const found = colourAt(clipId, next);
    setUnder(found && found !== 'outside' ? found.color : null);
    setMissed(false);
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
      <span className={`key-pick__hint${missed ? ' key-pick__hint--missed' : ''}`} id="key-pick-hint" role="status" data-testid="key-pick-hint">
        {missed ? t('chromaKey.pickOutside') : t('chromaKey.pickHint')}
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
