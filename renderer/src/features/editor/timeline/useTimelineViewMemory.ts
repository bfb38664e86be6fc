import { useEffect, type RefObject } from 'react';
import { useEditor } from '../../../store/editorStore';
import { recalledView, rememberView } from '../../../store/timelineViewMemory';

/**
 * Brings back the draft's zoom and scroll after a reload and keeps them while they change
 * (store/timelineViewMemory.ts). The scroll is put back a frame after the zoom, once the content has been laid
 * out at its width (set at once, it was cut to the width at the old zoom).
 */
export function useTimelineViewMemory(scrollRef: RefObject<HTMLElement | null>, draftId: string | null): void {
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !draftId) return;
    const back = recalledView(draftId);
    let restoring = back !== null;
    let frame = 0;
    if (back) {
      useEditor.getState().setZoom(back.pxPerSec);
      frame = requestAnimationFrame(() => {
        el.scrollLeft = back.scrollLeft;
        restoring = false;
        keep();
      });
    }
    // While the view is being put back, the scroll is still at 0: not kept, or it would overwrite the one kept.
    function keep() {
      if (!restoring && el) rememberView(draftId!, { pxPerSec: useEditor.getState().pxPerSec, scrollLeft: el.scrollLeft });
    }
    el.addEventListener('scroll', keep, { passive: true });
    const unsub = useEditor.subscribe((s, prev) => {
      if (s.pxPerSec !== prev.pxPerSec) keep();
    });
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', keep);
      unsub();
    };
  }, [scrollRef, draftId]);
}
