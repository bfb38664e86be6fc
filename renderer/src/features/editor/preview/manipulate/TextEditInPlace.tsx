import { useEffect, useRef, useState } from 'react';
import type { TextClip } from '../../../../../../electron/model/draft';
import { updateClip } from '../../../../../../electron/model/timeline';
import { t } from '../../../../i18n';
import { useEditor } from '../../../../store/editorStore';
import type { LayerBox } from './manipulateLogic';

/**
 * Editing a title where it is: a text box over the block on the preview, in its font at the preview's size.
 * Enter (or leaving the box) keeps the text, Shift+Enter starts a new line, Esc puts it back. One undo step.
 */
export function TextEditInPlace({ clip, box, k, onDone }: { clip: TextClip; box: LayerBox; k: number; onDone: () => void }) {
  const [value, setValue] = useState(clip.text);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.select();
  }, []);

  const finish = (keep: boolean) => {
    if (done.current) return;
    done.current = true;
    const text = value.replace(/\s+$/, '');
    // An emptied text is not kept (a text clip needs words): delete the clip for that.
    if (keep && text.trim() !== '' && text !== clip.text) useEditor.getState().edit((d) => updateClip(d, clip.id, { text }));
    onDone();
  };

  const s = clip.style;
  return (
    <textarea
      ref={ref}
      className="dm-text-edit"
      data-testid="dm-text-edit"
      aria-label={t('dm.editTextLabel')}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          finish(false);
        } else if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          finish(true);
        }
      }}
      style={{
        left: (box.cx - box.w / 2) * k,
        top: (box.cy - box.h / 2) * k,
        width: Math.max(box.w * k, 80),
        minHeight: box.h * k,
        fontFamily: `"${s.font}", sans-serif`,
        fontSize: s.size * k,
        fontWeight: s.bold ? 700 : 400,
        fontStyle: s.italic ? 'italic' : 'normal',
        textAlign: s.align,
        color: s.color,
        transform: box.rotation ? `rotate(${box.rotation}deg)` : undefined,
      }}
    />
  );
}
