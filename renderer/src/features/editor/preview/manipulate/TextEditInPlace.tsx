import { useEffect, useRef, useState } from 'react';
import type { TextClip } from '../../../../../../electron/model/draft';
import { deleteClips, updateClip } from '../../../../../../electron/model/timeline';
import { t } from '../../../../i18n';
import { useStore } from '../../../../store';
import { useEditor } from '../../../../store/editorStore';
import type { LayerBox } from './manipulateLogic';
import { textEditPlacement } from './textEditLogic';

/**
 * Editing a title where it is: a text box over the block on the preview, in its font at the preview's size, as
 * wide as the title may grow before it wraps (its maxWidth), so the words wrap where the title's do. Enter, Esc
 * or leaving the box keeps the text (as in Canva, Figma and the image editor: a new user lost typed words to Esc;
 * all words taken out, the title goes, as an emptied text box does in Canva),
 * Shift+Enter starts a new line; Ctrl+Z puts it back, one undo step. Opens with the words selected, so typing
 * replaces them (a title just added: its placeholder). While typing, the store's `typing` holds the words (the
 * Inspector's Words box shows them); they are kept in the draft once, when the box closes. `onDone(byKey)`: closed
 * by Enter or Esc (not by leaving the box).
 */
export function TextEditInPlace({ clip, box, k, canvasWidth, onDone }: { clip: TextClip; box: LayerBox; k: number; canvasWidth: number; onDone: (byKey: boolean) => void }) {
  const [value, setValue] = useState(clip.text);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.select();
    // Closed without finishing (its clip removed by an undo): the Inspector goes back to the draft's words.
    return () => clearTyping(clip.id);
  }, [clip.id]);

  const finish = (byKey: boolean) => {
    if (done.current) return;
    done.current = true;
    const text = value.replace(/\s+$/, '');
    clearTyping(clip.id);
    if (text.trim() === '') removeEmptied(clip.id);
    else if (text !== clip.text) useEditor.getState().edit((d) => updateClip(d, clip.id, { text }));
    onDone(byKey);
  };
  // On the title's lines as drawn, as wide as it wraps (textEditLogic.ts).
  const at = textEditPlacement(clip, box, k, canvasWidth);

  const s = clip.style;
  return (
    <textarea
      ref={ref}
      className="dm-text-edit"
      data-testid="dm-text-edit"
      aria-label={t('dm.editTextLabel')}
      value={value}
      onChange={(e) => {
        setValue(e.target.value);
        useEditor.getState().setTyping({ clipId: clip.id, text: e.target.value });
      }}
      onBlur={() => finish(false)}
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && !e.shiftKey)) {
          e.preventDefault();
          finish(true);
        }
      }}
      style={{
        left: at.left,
        top: at.top,
        width: at.width,
        lineHeight: `${at.lineHeight}px`,
        fontFamily: `"${s.font}", sans-serif`,
        fontSize: at.fontSize,
        fontWeight: s.bold ? 700 : 400,
        fontStyle: s.italic ? 'italic' : 'normal',
        textAlign: s.align,
        color: s.color,
        transform: `translateY(-50%)${box.rotation ? ` rotate(${box.rotation}deg)` : ''}`,
      }}
    />
  );
}

/** A title whose words were all taken out goes (as an emptied text box does in Canva): one undo step brings it back. */
function removeEmptied(clipId: string): void {
  const ed = useEditor.getState();
  if (!ed.edit((d) => deleteClips(d, [clipId]))?.ok) return;
  ed.select([]);
  useStore.getState().showToast({ message: t('dm.emptyTitleRemoved') });
}

function clearTyping(clipId: string): void {
  const s = useEditor.getState();
  if (s.typing?.clipId === clipId) s.setTyping(null);
}
