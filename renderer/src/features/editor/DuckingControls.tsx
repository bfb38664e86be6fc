import { canDuck, DEFAULT_DUCK_LEVEL, duckBlocker, hasVoiceover, levelDb, MIN_DUCK_LEVEL, setDucking } from '../../../../electron/model/ducking';
import { t } from '../../i18n';
import { useEditor } from '../../store/editorStore';

/**
 * The inspector's ducking row for a clip on a music (or other non-voice audio) track: lower the whole track while
 * a voiceover plays, and by how much. The setting belongs to the track, so every clip on it shows the same.
 */
export function DuckingControls({ clipId }: { clipId: string }) {
  const track = useEditor((s) => s.doc?.tracks.find((tr) => tr.clips.some((c) => c.id === clipId)) ?? null);
  const voice = useEditor((s) => (s.doc ? hasVoiceover(s.doc) : false));
  const blocker = useEditor((s) => (s.doc ? duckBlocker(s.doc) : null));
  if (!track || !canDuck(track)) return null;
  const saved = track.ducking ?? { enabled: false, level: DEFAULT_DUCK_LEVEL };
  // Where it can never duck (no voiceover track, or only silent ones) the switch shows off and disabled, with why:
  // ticked, it claimed to work (a new user's walk). The saved setting is kept for when it can.
  const ducking = blocker ? { ...saved, enabled: false } : saved;
  const change = (c: { enabled?: boolean; level?: number }, key: string) => useEditor.getState().edit((d) => setDucking(d, track.id, c), { key: `${key}:${track.id}` });
  const dbValue = levelDb(ducking.level);
  const db = dbValue < 0 ? `\u2212${Math.abs(dbValue)}` : String(dbValue);
  return (
    <div className="ducking" data-testid="ducking">
      {/* The box before its words, on one line: in the 88 px label column "Duck under voice" wrapped in two. */}
      <label className="insp-row insp-row--block ducking__toggle" data-testid="ducking-toggle-row">
        <input type="checkbox" checked={ducking.enabled} disabled={blocker !== null} aria-describedby={`ducking-hint-${clipId}`} onChange={(e) => change({ enabled: e.target.checked }, 'duckOn')} data-testid="ducking-toggle" />
        <span>{t('inspector.ducking')}</span>
      </label>
      {ducking.enabled && (
        <label className="insp-row">
          <span className="insp-row__label">{t('inspector.duckLevel')}</span>
          <input
            type="range"
            min={MIN_DUCK_LEVEL}
            max={1}
            step={0.01}
            value={ducking.level}
            onChange={(e) => change({ level: Number(e.target.value) }, 'duckLevel')}
            aria-valuetext={t('inspector.duckLevelValue', { db })}
            data-testid="ducking-level"
          />
          <span className="insp-row__value mono" data-testid="ducking-db">
            {t('inspector.duckLevelValue', { db })}
          </span>
        </label>
      )}
      <p className="field__hint ducking__hint" id={`ducking-hint-${clipId}`} data-testid="ducking-hint">
        {blocker === 'no_voice_track'
          ? t('inspector.duckNoVoiceTrack')
          : blocker === 'voice_silent'
          ? t('inspector.duckVoiceSilent')
          : !ducking.enabled ? t('inspector.duckOffHint') : voice ? t('inspector.duckHint', { name: track.name }) : t('inspector.duckNoVoice')}
      </p>
    </div>
  );
}
