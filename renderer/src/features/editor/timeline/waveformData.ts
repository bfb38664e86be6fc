import { mediaUrl } from '../../../api/media';

export type WaveformData = { peaksPerSecond: number; peaks: number[] };

const cache = new Map<string, Promise<WaveformData | null>>();

/** An audio asset's peaks (the import made them), fetched once per asset and shared by all its clips. */
export function loadWaveform(assetId: string): Promise<WaveformData | null> {
  let p = cache.get(assetId);
  if (!p) {
    p = fetch(mediaUrl(assetId, 'waveform'), { credentials: 'same-origin' })
      .then((r) => (r.ok ? (r.json() as Promise<unknown>) : null))
      .then((v) => {
        if (!v || typeof v !== 'object') return null;
        const o = v as Record<string, unknown>;
        return typeof o.peaksPerSecond === 'number' && Array.isArray(o.peaks) ? (o as WaveformData) : null;
      })
      .catch(() => null);
    cache.set(assetId, p);
  }
  return p;
}
