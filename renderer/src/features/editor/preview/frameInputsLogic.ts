import type { Asset } from '../../../../../electron/model/asset';
import type { VideoDraft } from '../../../../../electron/model/draft';
import type { ActiveLayer } from '../../../../../electron/model/timeline';
import { sameClip } from '../timeline/clipBlockLogic';

/**
 * Everything a preview frame at rest is drawn from. A trim or a drag on the timeline makes a new document on
 * every pointer move, mostly of clips far from the playhead: when these are the same as for the frame on the
 * canvas, that frame is not drawn again (engine.ts). `seq` counts what changes the picture without a new
 * document (a video's new picture, a text or caption picture that arrived, a resize, a kit edit).
 */
export type FrameInputs = {
  readonly t: number;
  readonly seq: number;
  readonly assets: Record<string, Asset>;
  readonly canvas: VideoDraft['canvas'];
  readonly captions: VideoDraft['captions'];
  readonly kitId: VideoDraft['kitId'];
  readonly layers: readonly ActiveLayer[];
};

export function frameInputs(doc: VideoDraft, assets: Record<string, Asset>, t: number, seq: number, layers: readonly ActiveLayer[]): FrameInputs {
  return { t, seq, assets, canvas: doc.canvas, captions: doc.captions, kitId: doc.kitId, layers };
}

/** Whether two layers draw the same: the same clip (field by field, as the timeline's blocks compare), place and moment. */
function sameLayer(a: ActiveLayer, b: ActiveLayer): boolean {
  return (
    a.trackId === b.trackId &&
    a.trackKind === b.trackKind &&
    a.sourceTime === b.sourceTime &&
    a.opacityFactor === b.opacityFactor &&
    a.time === b.time &&
    a.transition?.kind === b.transition?.kind &&
    a.transition?.progress === b.transition?.progress &&
    a.transition?.role === b.transition?.role &&
    sameClip(a.clip, b.clip)
  );
}

/** Whether a frame drawn from `a` shows what one drawn from `b` would. */
export function sameFrameInputs(a: FrameInputs, b: FrameInputs): boolean {
  return (
    a.t === b.t &&
    a.seq === b.seq &&
    a.assets === b.assets &&
    a.canvas === b.canvas &&
    a.captions === b.captions &&
    a.kitId === b.kitId &&
    a.layers.length === b.layers.length &&
    a.layers.every((l, i) => sameLayer(l, b.layers[i]!))
  );
}
