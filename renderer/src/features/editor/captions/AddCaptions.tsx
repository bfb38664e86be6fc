import { useMemo, useState } from 'react';
import { withSyncedTrack } from '../../../../../electron/model/caption-import';
import { type CaptionCue, languageName } from '../../../../../electron/model/caption-track';
import { t, tn } from '../../../i18n';
import { useStore } from '../../../store';
import { useEditor } from '../../../store/editorStore';
import { tracksInLanguage } from './captionJobLogic';

/** Where finished cues go: into a new track, or replacing the cues of an existing track of that language. */
export type CaptionTarget = { replaceTrackId: string | null };

/** "Put them: Replace “English” / As a new track", shown only when the draft has a track in that language. */
export function CaptionTargetChoice({ language, value, onChange }: { language: string; value: CaptionTarget; onChange: (v: CaptionTarget) => void }) {
  const captions = useEditor((s) => s.doc?.captions);
  const tracks = useMemo(() => tracksInLanguage({ captions }, language), [captions, language]);
  if (tracks.length === 0) return null;
  const options: { id: string | null; label: string }[] = [...tracks.map((tr) => ({ id: tr.id, label: t('captionJobs.replace', { name: tr.name, count: tr.cues.length }) })), { id: null, label: t('captionJobs.addNew') }];
  return (
    <fieldset className="caption-job__target" data-testid="caption-target">
      <legend className="field__label">{t('captionJobs.target')}</legend>
      {options.map((o) => (
        <label key={o.id ?? 'new'} className="caption-job__option">
          <input type="radio" name="caption-target" checked={value.replaceTrackId === o.id} onChange={() => onChange({ replaceTrackId: o.id })} data-testid={o.id ? `caption-target-replace-${o.id}` : 'caption-target-new'} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The default target: replace the first track in the language (a re-sync usually fixes the same captions). */
export function useCaptionTarget(language: string): [CaptionTarget, (v: CaptionTarget) => void] {
  const first = useEditor((s) => (s.doc ? (tracksInLanguage(s.doc, language)[0]?.id ?? null) : null));
  const [picked, setPicked] = useState<{ language: string; target: CaptionTarget } | null>(null);
  return [picked && picked.language === language ? picked.target : { replaceTrackId: first }, (target) => setPicked({ language, target })];
}

/**
 * Adds the cues as ONE undoable edit and says where they went; a refusal (the track went away, a bad cue) is
 * returned as its message and the draft is unchanged.
 */
export function addCaptions(cues: readonly CaptionCue[], language: string, target: CaptionTarget): string | null {
  const name = language === 'und' ? t('captionJobs.trackName') : languageName(language);
  const r = useEditor.getState().edit((d) => withSyncedTrack(d, cues, { name, language, ...(target.replaceTrackId ? { replaceTrackId: target.replaceTrackId } : {}) }), { quiet: true });
  if (!r) return null;
  if (!r.ok) return r.message;
  const track = target.replaceTrackId ? r.draft.captions?.find((tr) => tr.id === target.replaceTrackId) : r.draft.captions?.at(-1);
  useStore.getState().showToast({ message: tn('captionJobs.added', cues.length, { name: track?.name ?? name }), tone: 'success' });
  return null;
}
