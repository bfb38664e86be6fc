import { useMemo, useReducer, useState } from 'react';
import { activeLayersAt, clampPlayhead } from '../../../../../../electron/model/timeline';
import { useEditor } from '../../../../store/editorStore';
import { layerBoxes, type LayerBox } from './manipulateLogic';
import { TextMetricsCache } from './textMetrics';

/**
 * The boxes of the layers the preview shows at the playhead, bottom to top, kept up to date with the draft, the
 * playhead and the assets' facts; text blocks appear once their size is known (one request per content).
 */
export function useLayerBoxes(): LayerBox[] {
  const doc = useEditor((s) => s.doc);
  const playhead = useEditor((s) => s.playhead);
  const assets = useEditor((s) => s.assets);
  const [measured, bump] = useReducer((n: number) => n + 1, 0);
  const [cache] = useState(() => new TextMetricsCache(bump));
  return useMemo(() => {
    if (!doc) return [];
    // `measured` changes when a text block's size arrives: the memo must recompute then.
    void measured;
    const at = clampPlayhead(playhead, doc);
    const layers = activeLayersAt(doc, at);
    return layerBoxes(
      layers,
      doc.canvas,
      (id) => {
        const a = assets[id];
        return a && a.width && a.height ? { width: a.width, height: a.height } : null;
      },
      (c) => cache.get(doc.canvas, c),
      at,
    );
  }, [doc, playhead, assets, measured, cache]);
}
