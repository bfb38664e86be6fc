import { create } from 'zustand';
import type { Clip } from '../../../../../electron/model/draft';

/**
 * The trim gesture in progress on a track, if any: the track's clips when it began and the trimmed clip. Read by
 * that track's row to draw the clips the ripple only shifts as one translated group (rippleGroupLogic.ts). Kept
 * out of the editor store: it is view state of one gesture, never saved or undone.
 */
export type RippleGesture = { readonly trackId: string; readonly anchorId: string; readonly base: readonly Clip[] } | null;

export const useRippleGesture = create<{ gesture: RippleGesture }>()(() => ({ gesture: null }));
