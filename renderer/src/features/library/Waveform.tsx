import { useEffect, useRef, useState, type RefObject } from 'react';
import { mediaUrl } from '../../api/media';
import { t } from '../../i18n';

type WaveformData = { peaksPerSecond: number; peaks: number[] };

function isWaveform(v: unknown): v is WaveformData {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.peaksPerSecond === 'number' && Array.isArray(o.peaks);
}

/**
 * Peaks drawn as mirrored bars on a canvas, with the playhead of the audio element over them.
 * Clicking seeks. Colours come from the design tokens so both themes work.
 */
export function Waveform({ assetId, mediaRef }: { assetId: string; mediaRef: RefObject<HTMLMediaElement | null> }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [data, setData] = useState<WaveformData | null>(null);
  const [failed, setFailed] = useState(false);
  const [progress, setProgress] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    fetch(mediaUrl(assetId, 'waveform'), { signal: ctrl.signal, credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((json: unknown) => (isWaveform(json) ? setData(json) : setFailed(true)))
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setFailed(true);
      });
    return () => ctrl.abort();
  }, [assetId]);

  useEffect(() => {
    const media = mediaRef.current;
    if (!media) return;
    const update = () => setProgress(media.duration > 0 ? media.currentTime / media.duration : 0);
    media.addEventListener('timeupdate', update);
    media.addEventListener('seeked', update);
    return () => {
      media.removeEventListener('timeupdate', update);
      media.removeEventListener('seeked', update);
    };
  }, [mediaRef]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !data) return;
    const draw = () => {
      const dpr = window.devicePixelRatio || 1;
      const w = canvas.clientWidth;
      const h = canvas.clientHeight;
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const styles = getComputedStyle(canvas);
      const played = styles.getPropertyValue('--accent').trim() || '#2ec5ce';
      const rest = styles.getPropertyValue('--text-muted').trim() || '#888';
      const bar = 2;
      const gap = 1;
      const bars = Math.max(1, Math.floor(w / (bar + gap)));
      const peaks = data.peaks;
      const per = peaks.length / bars;
      // Scale to the loudest peak so quiet recordings still show their shape.
      let loudest = 0;
      for (const p of peaks) loudest = Math.max(loudest, p);
      const gain = loudest > 0 ? 0.9 / loudest : 1;
      for (let i = 0; i < bars; i++) {
        // Max over the peaks that fall in this bar, so short transients stay visible when zoomed out.
        let peak = 0;
        const from = Math.floor(i * per);
        const to = Math.max(from + 1, Math.floor((i + 1) * per));
        for (let j = from; j < to && j < peaks.length; j++) peak = Math.max(peak, peaks[j] ?? 0);
        const barH = Math.max(2, Math.min(1, peak * gain) * (h - 4));
        ctx.fillStyle = i / bars <= progress ? played : rest;
        ctx.fillRect(i * (bar + gap), (h - barH) / 2, bar, barH);
      }
    };
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(canvas);
    return () => ro.disconnect();
  }, [data, progress]);

  if (failed) return <p className="detail__note">{t('detail.noWaveform')}</p>;
  return (
    <canvas
      ref={canvasRef}
      className="waveform"
      role="img"
      aria-label={t('detail.waveform')}
      data-testid="waveform"
      onClick={(e) => {
        const media = mediaRef.current;
        if (!media || !(media.duration > 0)) return;
        const rect = e.currentTarget.getBoundingClientRect();
        media.currentTime = ((e.clientX - rect.left) / rect.width) * media.duration;
      }}
    />
  );
}
