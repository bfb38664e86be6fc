import { useState } from 'react';
import type { CaptionTrack } from '../../../../electron/model/caption-track';
import { fillTranscript, transcriptText } from '../../../../electron/model/caption-transcript';
import { channelLimits } from '../../../../electron/model/channels';
import type { ChannelId, PostContent } from '../../../../electron/model/post';
import { t } from '../../i18n';
import { Button } from '../../ui/Button';

type Note = { tone: 'ok' | 'cut' | 'error'; text: string };

/**
 * "Use transcript" under a caption field: puts the words of the draft's first caption track with cues into the
 * caption (after what is typed, never over it: the composer has no undo), cut at a word to the tightest caption limit
 * among `channels` with "…", and says when it was cut. Hidden when the draft has no captions.
 */
export function TranscriptTool({ tracks, content, channels, onFill }: { tracks: readonly CaptionTrack[]; content: Pick<PostContent, 'caption' | 'hashtags' | 'mentions'>; channels: readonly ChannelId[]; onFill: (caption: string) => void }) {
  const [note, setNote] = useState<Note | null>(null);
  const track = tracks.find((tr) => tr.cues.length > 0);
  if (!track) return null;
  // The tightest limit among the channels the field writes for: the shared caption must fit every one.
  const tightest = channels
    .map((ch) => ({ ch, max: channelLimits[ch].text.captionMax }))
    .filter((x): x is { ch: ChannelId; max: number } => x.max != null)
    .sort((a, b) => a.max - b.max)[0];
  const use = () => {
    const r = fillTranscript(content, transcriptText(track.cues), tightest?.max ?? null);
    const channel = tightest ? channelLimits[tightest.ch].label : '';
    if (!r) {
      setNote({ tone: 'error', text: t('queue.composer.transcriptNoRoom', { channel, limit: tightest?.max ?? 0 }) });
      return;
    }
    onFill(r.caption);
    setNote(
      r.cut
        ? { tone: 'cut', text: t('queue.composer.transcriptCut', { channel, limit: tightest!.max, kept: r.words.kept, total: r.words.total }) }
        : { tone: 'ok', text: t('queue.composer.transcriptAdded', { words: r.words.total }) },
    );
  };
  return (
    <div className="transcript-tool">
      <Button size="sm" variant="ghost" onClick={use} title={t('queue.composer.useTranscriptTitle', { track: track.name })} data-testid="use-transcript">
        {t('queue.composer.useTranscript')}
      </Button>
      {note && (
        <p className={`field__hint transcript-tool__note transcript-tool__note--${note.tone}`} role="status" data-testid="transcript-note" data-tone={note.tone}>
          {note.text}
        </p>
      )}
    </div>
  );
}
