import type { Asset } from '../../../../../electron/model/asset';
import type { VideoDraft } from '../../../../../electron/model/draft';
import { type ReversedPlayback, readForwards, reversedAssetOf, reversedAssets, reversedKey } from '../../../../../electron/model/reverse';

/**
 * The preview reads reversed clips as the export does (model/reverse.ts readForwards): forwards from the asset's
 * reversed copy. The copy gets an entry of its own in the assets the engine draws from (same display size), played
 * from the copy's preview proxy ('reversed-proxy' media variant) when the job made one, as forwards clips of a heavy
 * source play from its proxy; else from the full-size copy ('reversed').
 */
export function readableDraft(doc: VideoDraft, assets: Record<string, Asset>, ready: Readonly<Record<string, ReversedPlayback>>): { doc: VideoDraft; assets: Record<string, Asset> } {
  const ids = reversedAssets(doc);
  if (ids.length === 0) return { doc, assets };
  const more: Record<string, Asset> = { ...assets };
  for (const id of ids) {
    const a = assets[id];
    // Same display size as the original (its facts), so draw() scales source rects to the proxy as for a forwards clip.
    if (a) more[reversedKey(id)] = { ...a, id: reversedKey(id), hasProxy: ready[id] === 'proxy' };
  }
  // A reversed clip whose copy is still being made is left out (not played forwards: that would be wrong).
  const waiting = ids.filter((id) => !ready[id]);
  const shown = waiting.length === 0 ? doc : { ...doc, tracks: doc.tracks.map((t) => ({ ...t, clips: t.clips.filter((c) => !(c.type === 'media' && c.reversed && waiting.includes(c.assetId))) })) };
  return { doc: readForwards(shown, (id) => assets[id]?.facts.durationSec ?? assets[id]?.durationSec ?? null), assets: more };
}

/** The real asset and variant a preview asset id plays from. */
export function playbackSource(asset: Pick<Asset, 'id' | 'hasProxy'>): { assetId: string; variant: 'reversed-proxy' | 'reversed' | 'proxy' | 'original' } {
  const of = reversedAssetOf(asset.id);
  if (of) return { assetId: of, variant: asset.hasProxy ? 'reversed-proxy' : 'reversed' };
  return { assetId: asset.id, variant: asset.hasProxy ? 'proxy' : 'original' };
}
