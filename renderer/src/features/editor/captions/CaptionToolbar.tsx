import { captionStyleIds } from '../../../../../electron/model/caption-style';
import type { CaptionTrack } from '../../../../../electron/model/caption-track';
import { type MessageKey, t, tn } from '../../../i18n';
import { Button, IconButton } from '../../../ui/Button';
import { ExportIcon, ImportIcon, PencilIcon, PlusIcon, TrashIcon } from '../../../ui/icons';

type Props = {
  tracks: readonly CaptionTrack[];
  track: CaptionTrack;
  onPick: (trackId: string) => void;
  onNew: () => void;
  onRename: () => void;
  onDelete: () => void;
  onStyle: (styleId: string | null) => void;
  onImport: () => void;
  onExport: (format: 'srt' | 'vtt') => void;
};

const styleKey = (id: string | null) => `captions.style.${id ?? 'none'}` as MessageKey;
const styleHint = (id: string | null) => `captions.styleHint.${id ?? 'none'}` as MessageKey;

/** The track's controls: which track, new/rename/delete, its burned-in style, and subtitle files in and out. */
export function CaptionToolbar({ tracks, track, onPick, onNew, onRename, onDelete, onStyle, onImport, onExport }: Props) {
  const style = track.styleId ?? null;
  return (
    <div className="captions__bar">
      <div className="captions__row">
        {tracks.length > 1 ? (
          <select className="select select--sm captions__track" value={track.id} onChange={(e) => onPick(e.target.value)} aria-label={t('captions.track')} data-testid="captions-track">
            {tracks.map((tr) => (
              <option key={tr.id} value={tr.id}>
                {tr.name} · {tr.language}
              </option>
            ))}
          </select>
        ) : (
          <span className="captions__track-name" data-testid="captions-track-name">
            {track.name} <span className="captions__lang">· {track.language}</span>
          </span>
        )}
        <IconButton size="sm" label={t('captions.newTrack')} icon={<PlusIcon size={16} />} onClick={onNew} data-testid="captions-new-track" />
        <IconButton size="sm" label={t('captions.renameTrack')} icon={<PencilIcon size={16} />} onClick={onRename} data-testid="captions-rename-track" />
        <IconButton size="sm" label={t('captions.deleteTrack')} icon={<TrashIcon size={16} />} onClick={onDelete} data-testid="captions-delete-track" />
      </div>
      <label className="captions__style">
        <span className="captions__label">{t('captions.styleLabel')}</span>
        <select className="select select--sm" value={style ?? ''} onChange={(e) => onStyle(e.target.value || null)} aria-describedby="captions-style-hint" data-testid="captions-style">
          {[null, ...captionStyleIds].map((id) => (
            <option key={id ?? ''} value={id ?? ''}>
              {t(styleKey(id))}
            </option>
          ))}
        </select>
      </label>
      <p id="captions-style-hint" className="captions__hint" data-testid="captions-style-hint">
        {t(styleHint(style))}
      </p>
      <div className="captions__row captions__files">
        <span className="captions__count">{tn('captions.count', track.cues.length)}</span>
        <Button size="sm" variant="ghost" icon={<ImportIcon size={16} />} onClick={onImport} data-testid="captions-import-button">
          {t('captions.import')}
        </Button>
        <Button size="sm" variant="ghost" icon={<ExportIcon size={16} />} onClick={() => onExport('srt')} disabled={track.cues.length === 0} data-testid="captions-export-srt">
          SRT
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onExport('vtt')} disabled={track.cues.length === 0} data-testid="captions-export-vtt">
          VTT
        </Button>
      </div>
    </div>
  );
}
