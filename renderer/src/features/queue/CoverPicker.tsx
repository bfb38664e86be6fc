import { useEffect, useMemo, useRef, useState } from 'react';
import type { Asset } from '../../../../electron/model/asset';
import type { VideoDraft } from '../../../../electron/model/draft';
import { call } from '../../api/client';
import { mediaUrl } from '../../api/media';
import { t } from '../../i18n';
import { formatClock } from '../../i18n/format';
import { Button } from '../../ui/Button';
import { coverSourceAt, stripTimes, type CoverSource } from './teamLogic';

const STRIP = 6;

type Props = { draft: VideoDraft; durationSec: number; value: number | null; onChange: (t: number | null) => void };

/**
 * Picks the cover frame from the draft's video: a strip of frames across its length to click, and a slider
 * to scrub to the exact moment. The frame shown is the picture under the titles (the main track's clip at
 * that time); the export takes the cover from the finished render at the same time.
 */
export function CoverPicker({ draft, durationSec, value, onChange }: Props) {
  const [assets, setAssets] = useState<Map<string, Asset>>(new Map());
  const ids = useMemo(() => [...new Set(draft.tracks.flatMap((tr) => tr.clips.flatMap((c) => (c.type === 'media' ? [c.assetId] : []))))], [draft]);
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map((id) => call('assets.get', { id }).catch(() => null))).then((list) => {
      if (live) setAssets(new Map(list.filter((a): a is Asset => a !== null).map((a) => [a.id, a])));
    });
    return () => {
      live = false;
    };
  }, [ids]);

  const time = value ?? 0;
  const step = 1 / draft.canvas.fps;
  const times = stripTimes(durationSec, STRIP);
  return (
    <div className="cover" data-testid="cover-picker" data-time={value === null ? '' : value.toFixed(2)}>
      <div className="cover__main">
        <Frame source={coverSourceAt(draft, time)} assets={assets} large />
        <div className="cover__controls">
          <span className="field__label">{value === null ? t('queue.cover.first') : t('queue.cover.at', { time: time.toFixed(1) })}</span>
          <input
            type="range"
            className="cover__slider"
            min={0}
            max={Math.max(step, durationSec - step)}
            step={step}
            value={time}
            onChange={(e) => onChange(Math.round(Number(e.target.value) * 100) / 100)}
            aria-label={t('queue.cover.scrub')}
            data-testid="cover-slider"
          />
          {value !== null && (
            <Button size="sm" variant="ghost" onClick={() => onChange(null)} data-testid="cover-reset">
              {t('queue.cover.reset')}
            </Button>
          )}
        </div>
      </div>
      <div className="cover__strip" role="group" aria-label={t('queue.cover.strip')}>
        {times.map((at) => (
          <button
            key={at}
            type="button"
            className={`cover__thumb${value !== null && Math.abs(value - at) < step / 2 ? ' cover__thumb--on' : ''}`}
            onClick={() => onChange(at)}
            aria-label={t('queue.cover.pick', { time: formatClock(at) })}
            data-testid="cover-thumb"
            data-time={at}
          >
            <Frame source={coverSourceAt(draft, at)} assets={assets} />
            <span className="cover__thumb-time">{formatClock(at)}</span>
          </button>
        ))}
      </div>
    </div>
  );
}

/** One still of an asset at a source time: a paused video seeked there (its proxy when it has one), or the image. */
function Frame({ source, assets, large }: { source: CoverSource | null; assets: Map<string, Asset>; large?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  const asset = source ? assets.get(source.assetId) : undefined;
  useEffect(() => {
    const el = ref.current;
    if (!el || !source) return;
    const seek = () => {
      el.currentTime = source.sourceTime;
    };
    if (el.readyState >= 1) seek();
    else el.addEventListener('loadedmetadata', seek, { once: true });
    return () => el.removeEventListener('loadedmetadata', seek);
  }, [source, asset]);
  const cls = large ? 'cover__frame cover__frame--large' : 'cover__frame';
  if (!source || !asset) return <span className={`${cls} cover__frame--empty`} />;
  if (asset.kind === 'image') return <img className={cls} src={mediaUrl(asset.id, 'original')} alt="" />;
  return <video ref={ref} className={cls} src={mediaUrl(asset.id, asset.hasProxy ? 'proxy' : 'original')} muted preload="auto" playsInline data-testid={large ? 'cover-frame' : undefined} />;
}
