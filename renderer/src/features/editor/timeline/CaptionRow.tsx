import { useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { moveCue, snapAllToSpeech, snapCueToSpeech } from '../../../../../electron/model/caption-timing';
import { timeToX } from '../../../../../electron/model/timeline';
import { t } from '../../../i18n';
import { useStore } from '../../../store';
import { useEditor } from '../../../store/editorStore';
import { cx, IconButton } from '../../../ui/Button';
import { BackIcon, ShiftAllIcon, SpeechSnapAllIcon, SpeechSnapIcon } from '../../../ui/icons';
import { CueBlock, cueDomId } from './CueBlock';
import { ShiftAllDialog } from './ShiftAllDialog';
import { useSpeechSpans, type SpeechState } from './useSpeechSpans';

/** One row per caption track (docs/captions.md "Timeline row"), drawn below the text tracks. */
export function CaptionRows({ headerWidth }: { headerWidth: number }) {
  const ids = useEditor(useShallow((s) => (s.doc!.captions ?? []).map((tr) => tr.id)));
  const speech = useSpeechSpans();
  return (
    <>
      {ids.map((id) => (
        <CaptionRow key={id} trackId={id} speech={speech} headerWidth={headerWidth} />
      ))}
    </>
  );
}

function CaptionRow({ trackId, speech, headerWidth }: { trackId: string; speech: SpeechState; headerWidth: number }) {
  const track = useEditor((s) => s.doc!.captions?.find((tr) => tr.id === trackId));
  const focusId = useEditor((s) => (s.cueFocus?.trackId === trackId ? s.cueFocus.cueId : null));
  const pps = useEditor((s) => s.pxPerSec);
  const [collapsed, setCollapsed] = useState(false);
  const [shifting, setShifting] = useState(false);
  if (!track) return null;
  const focused = track.cues.find((c) => c.id === focusId) ?? null;
  const speechReason = speech.status === 'loading' ? t('captionRow.speechLoading') : speech.status === 'none' ? t('captionRow.noSpeech', { reason: speech.reason ?? '' }) : null;

  const snapFocused = () => {
    if (!focused) return;
    const before = useEditor.getState().doc;
    const r = useEditor.getState().edit((d) => snapCueToSpeech(d, trackId, focused.id, speech.spans));
    if (r?.ok && r.draft === before) useStore.getState().showToast({ message: t('captionRow.nothingNear') });
  };

  // Arrows nudge the chosen caption by a frame (Shift: 10); up and down choose the previous or next caption.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const st = useEditor.getState();
    const index = track.cues.findIndex((c) => c.id === focusId);
    if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && index >= 0) {
      const frames = (e.key === 'ArrowLeft' ? -1 : 1) * (e.shiftKey ? 10 : 1);
      // Presses in quick succession are one undo step (the history gate folds a key's burst).
      st.edit((d) => moveCue(d, trackId, focused!.id, frames / d.canvas.fps), { key: `cue-nudge:${focused!.id}` });
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && track.cues.length > 0) {
      const next = track.cues[Math.min(track.cues.length - 1, Math.max(0, index < 0 ? 0 : index + (e.key === 'ArrowUp' ? -1 : 1)))]!;
      st.focusCue({ trackId, cueId: next.id });
      st.setPlayhead(next.startSec);
      document.getElementById(cueDomId(trackId, next.id))?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const label = `${track.name} · ${track.language}`;
  return (
    <div className={cx('track', 'track--caption', collapsed && 'track--collapsed')} data-testid="caption-row" data-caption-track={track.id}>
      <div className="track__head caption-head" style={{ width: headerWidth }}>
        <div className="caption-head__title">
          <IconButton
            size="sm"
            className={cx('caption-head__toggle', !collapsed && 'caption-head__toggle--open')}
            label={collapsed ? t('captionRow.expand', { name: track.name }) : t('captionRow.collapse', { name: track.name })}
            icon={<BackIcon size={14} />}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed(!collapsed)}
            data-testid="caption-row-toggle"
          />
          <span className="track__name" title={t('captionRow.kind')}>
            {label}
          </span>
        </div>
        {!collapsed && (
          <div className="caption-head__actions">
            <IconButton size="sm" label={t('captionRow.shift')} title={t('captionRow.shiftHint', { name: track.name })} icon={<ShiftAllIcon size={16} />} onClick={() => setShifting(true)} data-testid="caption-shift" />
            <IconButton
              size="sm"
              label={t('captionRow.snapCue')}
              title={speechReason ?? (focused ? t('captionRow.snapCueHint') : t('captionRow.snapCueNone'))}
              icon={<SpeechSnapIcon size={16} />}
              disabled={!focused || speech.spans.length === 0}
              onClick={snapFocused}
              data-testid="caption-snap-cue"
            />
            <IconButton
              size="sm"
              label={t('captionRow.snapAll')}
              title={speechReason ?? t('captionRow.snapAllHint', { name: track.name })}
              icon={<SpeechSnapAllIcon size={16} />}
              disabled={speech.spans.length === 0 || track.cues.length === 0}
              onClick={() => useEditor.getState().edit((d) => snapAllToSpeech(d, trackId, speech.spans))}
              data-testid="caption-snap-all"
            />
          </div>
        )}
      </div>
      <div
        className="track__lane caption-lane"
        data-caption-lane=""
        data-testid="caption-lane"
        role="listbox"
        tabIndex={0}
        aria-label={t('captionRow.label', { name: track.name, language: track.language })}
        aria-activedescendant={focused ? cueDomId(trackId, focused.id) : undefined}
        onKeyDown={onKeyDown}
      >
        {speech.spans.map((sp) => (
          <div key={`${sp.startSec}-${sp.endSec}`} className="caption-speech" style={{ left: timeToX(sp.startSec, pps), width: timeToX(sp.endSec - sp.startSec, pps) }} data-testid="speech-span" aria-hidden="true" />
        ))}
        {track.cues.map((c) => (
          <CueBlock key={c.id} cue={c} trackId={trackId} speech={speech.spans} compact={collapsed} />
        ))}
      </div>
      <ShiftAllDialog open={shifting} trackId={trackId} trackName={track.name} onClose={() => setShifting(false)} />
    </div>
  );
}
