import { useEffect, type MouseEvent, type RefObject } from 'react';
import { changeChromaKey } from '../../../../../electron/model/chroma-key-edit';
import { t } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { useKeyPicker } from '../keyPicker';
import { sampleHex } from './keyPickLogic';

/**
 * Over the preview while the chroma key's eyedropper picks (keyPicker.ts): the clip is drawn without its key, a
 * click takes the colour under the pointer (a small patch of the preview canvas) as the key colour, Esc cancels.
 */
export function KeyPickLayer({ canvas, redraw }: { canvas: RefObject<HTMLCanvasElement | null>; redraw: () => void }) {
  const clipId = useKeyPicker((s) => s.clipId);
  useEffect(() => {
    // The clip's key is paused or back: draw again.
    redraw();
    if (!clipId) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      useKeyPicker.getState().stop();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [clipId, redraw]);
  if (!clipId) return null;
  const pick = (e: MouseEvent<HTMLDivElement>) => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const box = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * c.width;
    const y = ((e.clientY - box.top) / box.height) * c.height;
    const r = 2;
    const x0 = Math.max(0, Math.round(x) - r);
    const y0 = Math.max(0, Math.round(y) - r);
    const w = Math.min(c.width - x0, 2 * r + 1);
    const h = Math.min(c.height - y0, 2 * r + 1);
    const patch = ctx.getImageData(x0, y0, w, h);
    const color = sampleHex(patch.data, w, h, x - x0, y - y0, r);
    useKeyPicker.getState().stop();
    useEditor.getState().edit((d) => changeChromaKey(d, clipId, { kind: 'color', color }));
  };
  return (
    <div className="key-pick" onClick={pick} data-testid="key-pick-layer" role="presentation">
      <span className="key-pick__hint">{t('chromaKey.pickHint')}</span>
    </div>
  );
}
