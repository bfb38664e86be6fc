import type { CaptionTrack } from '../../../../electron/model/caption-track';
import { captionAdvice, sidecarPlan } from '../../../../electron/model/caption-sidecar';
import { channelLimits } from '../../../../electron/model/channels';
import type { ChannelId } from '../../../../electron/model/post';
import { t } from '../../i18n';

/**
 * A channel's caption-file line in the composer's checks (model/caption-sidecar.ts): which SRT files go beside the
 * video, or an advisory note (never blocking) when a channel that takes captions would get none.
 */
export function CaptionFileCheck({ channel, kind, tracks }: { channel: ChannelId; kind: 'video' | 'image'; tracks: readonly CaptionTrack[] }) {
  const advice = captionAdvice(channel, kind, tracks);
  if (advice) {
    const text = advice === 'noCaptions' ? t('queue.composer.captionAdvice') : t('queue.composer.captionLanguage', { channel: channelLimits[channel].label });
    return (
      <p className="issue issue--note" data-testid="caption-advice" data-advice={advice}>
        {text}
      </p>
    );
  }
  const files = kind === 'video' ? sidecarPlan(channel, tracks).files : [];
  if (files.length === 0) return null;
  return (
    <p className="issue issue--note" data-testid="caption-files">
      {t('queue.composer.captionFiles', { files: files.map((f) => f.fileName).join(', ') })}
    </p>
  );
}
