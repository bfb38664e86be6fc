import { useEffect, type RefObject } from 'react';
import { create } from 'zustand';
import { laneWindow, sameWindow, type LaneWindow } from './laneWindowLogic';

/** The lanes' drawn stretch (laneWindowLogic.ts), shared by the track rows; null until the timeline is measured. */
export const useLaneWindow = create<{ window: LaneWindow }>()(() => ({ window: null }));

/**
 * Keeps the lane window up to date with the timeline's scroll and size. `headerPx`: the sticky track heads
 * covering the left of the scroller. The store changes only when the window steps, not on every scroll event.
 */
export function useTrackLaneWindow(scrollRef: RefObject<HTMLElement | null>, headerPx: number): void {
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => {
      const next = laneWindow(el.scrollLeft, el.clientWidth - headerPx);
      if (!sameWindow(next, useLaneWindow.getState().window)) useLaneWindow.setState({ window: next });
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
      useLaneWindow.setState({ window: null });
    };
  }, [scrollRef, headerPx]);
}
