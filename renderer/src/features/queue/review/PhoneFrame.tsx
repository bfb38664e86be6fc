import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { channelLimits } from '../../../../../electron/model/channels';
import { isTallZone, safeZones } from '../../../../../electron/model/safe-zones';
import type { PostReview, ReviewChannel } from '../../../../../electron/model/review';
import { t, type MessageKey } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { PauseIcon, PlayIcon } from '../../../ui/icons';
import { DraftPlayer, ImagePages, type PlayerControl, RenderPlayer } from './players';
import { captionParts, phoneLayout, safeZoneFor, shortTime } from './reviewLogic';

type Props = { target: ReviewChannel; draft: PostReview['draft']; coverTime: number | null; showZones: boolean; onShowZones: (on: boolean) => void };

/**
 * One channel's phone: the post's media playing (its render, else the draft live), with that channel's caption,
 * hashtags and safe zones over it as the app would lay them out; under it play/pause, the cover and the zones.
 */
export function PhoneFrame({ target, draft, coverTime, showZones, onShowZones }: Props) {
  const screenRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 0, height: 0 });
  const control = useRef<PlayerControl | null>(null);
  const [playing, setPlaying] = useState(false);
  const onPlaying = useCallback((p: boolean) => setPlaying(p), []);
  const layout = phoneLayout(target.channel);
  const zone = safeZoneFor(target.channel);
  const { text, tags } = captionParts(target.content.caption, target.content.hashtags);
  const video = draft?.kind === 'video';

  useLayoutEffect(() => {
    const el = screenRef.current;
    if (!el) return;
    const measure = () => setBox({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [layout]);

  const media = !draft ? (
    <p className="phone__empty">{t('review.noDraft')}</p>
  ) : draft.kind === 'image' ? (
    <ImagePages draftId={draft.id} box={box} />
  ) : target.render ? (
    <RenderPlayer key={`${target.render.jobId}/${target.render.output}`} jobId={target.render.jobId} output={target.render.output} box={box} controlRef={control} onPlaying={onPlaying} />
  ) : (
    <DraftPlayer key={`${draft.id}:${draft.revision}`} draftId={draft.id} box={box} controlRef={control} onPlaying={onPlaying} />
  );

  const caption = (
    <div className="phone__caption" data-testid="review-caption">
      {text && <p className="phone__caption-text">{text}</p>}
      {tags.length > 0 && <p className="phone__tags" data-testid="review-hashtags">{tags.join(' ')}</p>}
    </div>
  );

  return (
    <div className="phone-column">
      <div className={`phone phone--${layout}`} data-testid="review-phone" data-channel={target.channel} data-source={!draft ? 'none' : draft.kind === 'image' ? 'pages' : target.render ? 'render' : 'live'}>
        {layout === 'feed' && (
          <div className="phone__feed-head">
            <span className="phone__avatar" aria-hidden="true" />
            <span className="phone__handle">{t('review.brand')}</span>
            <span className="phone__app">{channelLimits[target.channel].label}</span>
          </div>
        )}
        {layout === 'feed' && caption}
        <div ref={screenRef} className="phone__screen">
          {media}
          {layout === 'fullscreen' && zone && showZones && (
            <div className="safe-zones" aria-hidden="true" data-testid="review-safe-zones" data-zone={zone}>
              {safeZones[zone].map((z, i) => (
                <div
                  key={i}
                  className={`safe-zone safe-zone--${z.label}${isTallZone(z, 9 / 16) ? ' safe-zone--vertical' : ''}`}
                  style={{ left: `${z.x * 100}%`, top: `${z.y * 100}%`, width: `${z.w * 100}%`, height: `${z.h * 100}%` }}
                >
                  <span>{t(`safe.${z.label}` as MessageKey)}</span>
                </div>
              ))}
            </div>
          )}
          {layout === 'fullscreen' && (
            <div className="phone__overlay">
              <span className="phone__handle">@{t('review.brand')}</span>
              {caption}
            </div>
          )}
        </div>
      </div>
      <div className="phone-controls">
        {video && (
          <Button size="sm" variant="primary" icon={playing ? <PauseIcon size={16} /> : <PlayIcon size={16} />} onClick={() => control.current?.toggle()} data-testid="review-play" data-playing={playing}>
            {playing ? t('review.pause') : t('review.play')}
          </Button>
        )}
        {video && (
          <Button size="sm" onClick={() => control.current?.showAt(coverTime ?? 0)} data-testid="review-cover" title={coverTime === null ? t('review.coverFirst') : t('review.coverAt', { time: shortTime(coverTime) })}>
            {t('review.cover')}
          </Button>
        )}
        {zone && (
          <label className="phone-controls__zones">
            <input type="checkbox" checked={showZones} onChange={(e) => onShowZones(e.target.checked)} data-testid="review-zones-toggle" />
            {t('review.safeZones')}
          </label>
        )}
      </div>
      <p className="phone-source field__hint">
        {!draft ? '' : draft.kind === 'image' ? '' : target.render ? t('review.rendered') : t('review.livePreview')}
        {video && ` · ${coverTime === null ? t('review.coverFirst') : t('review.coverAt', { time: shortTime(coverTime) })}`}
      </p>
    </div>
  );
}
