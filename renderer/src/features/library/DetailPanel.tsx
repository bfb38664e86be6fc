import { useRef, useState } from 'react';
import { normalizeTag, type Asset } from '../../../../electron/model/asset';
import { licenceState, type LicenceState } from '../../../../electron/model/policy';
import { call, errorText } from '../../api/client';
import { mediaUrl } from '../../api/media';
import { getLocale, t, type MessageKey } from '../../i18n';
import { formatBytes, formatDate, formatDateTime, formatDimensions, formatDuration, formatFps } from '../../i18n/format';
import { useStore } from '../../store';
import { Button, IconButton } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { CloseIcon } from '../../ui/icons';
import { KindIcon } from './KindIcon';
import { useAsset } from './useAsset';
import { Waveform } from './Waveform';
import { LabelSwatches, RatingStars } from './MarkControls';
import { WhereUsed } from './WhereUsed';

/** Image formats Chromium decodes itself; anything else (HEIC, TIFF, RAW…) is shown from its thumbnail. */
const BROWSER_IMAGE_EXTS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp', 'svg', 'ico']);

export function DetailPanel({ assetId }: { assetId: string }) {
  const { asset, error, setAsset } = useAsset(assetId);
  const openDetail = useStore((s) => s.openDetail);
  const close = () => openDetail(null);

  return (
    <aside className="detail" aria-label={t('detail.label')} data-testid="detail-panel" data-asset-id={assetId}>
      <div className="detail__header">
        <span className="detail__heading">{t('detail.title')}</span>
        <IconButton label={t('detail.close')} icon={<CloseIcon size={18} />} onClick={close} data-testid="detail-close" />
      </div>
      {error && !asset && (
        <p className="banner banner--error banner--inline" role="alert">
          {error}
        </p>
      )}
      {asset ? <DetailBody asset={asset} onChange={setAsset} /> : !error && <div className="detail__preview" />}
    </aside>
  );
}

function DetailBody({ asset, onChange }: { asset: Asset; onChange: (a: Asset) => void }) {
  return (
    <div className="detail__scroll">
      <Preview asset={asset} />
      <div className="detail__section">
        <NameField asset={asset} onChange={onChange} />
        {asset.trashedAt && <p className="detail__note">{t('detail.inTrash', { date: formatDateTime(asset.trashedAt, getLocale()) })}</p>}
      </div>
      <div className="detail__section">
        <Marks asset={asset} onChange={onChange} />
      </div>
      <div className="detail__section">
        <TagEditor asset={asset} onChange={onChange} />
      </div>
      <div className="detail__section">
        <NotesField asset={asset} onChange={onChange} />
      </div>
      <div className="detail__section">
        <LicenceFields asset={asset} onChange={onChange} />
      </div>
      <div className="detail__section">
        <WhereUsed assetId={asset.id} />
      </div>
      <div className="detail__section">
        <Facts asset={asset} />
      </div>
    </div>
  );
}

/** Stars and colour label of this asset; the change is shown at once and kept if the engine agrees. */
function Marks({ asset, onChange }: { asset: Asset; onChange: (a: Asset) => void }) {
  const rate = useStore((s) => s.rateAssets);
  const label = useStore((s) => s.labelAssets);
  return (
    <div className="field">
      <span className="field__label">{t('detail.marks')}</span>
      <div className="marks">
        <RatingStars
          value={asset.rating}
          onChange={(rating) => {
            onChange({ ...asset, rating });
            void rate([asset.id], rating);
          }}
          testId="detail-rating"
        />
        <LabelSwatches
          value={asset.label}
          onChange={(l) => {
            onChange({ ...asset, label: l });
            void label([asset.id], l);
          }}
          testId="detail-label"
        />
      </div>
    </div>
  );
}

function Preview({ asset }: { asset: Asset }) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const [imageFailed, setImageFailed] = useState(false);
  const aspect = asset.width && asset.height ? `${asset.width} / ${asset.height}` : undefined;

  if (asset.kind === 'video') {
    // The preview proxy when there is one: the original may be HEVC, which the browser cannot play, or HDR, which
    // the proxy shows tone-mapped as the export will. The poster stands in until it plays.
    return (
      <div className="detail__preview">
        <video
          className="detail__media"
          controls
          preload="metadata"
          src={mediaUrl(asset.id, asset.hasProxy ? 'proxy' : 'original', asset.mediaRev)}
          poster={asset.hasThumbnail ? mediaUrl(asset.id, 'poster', asset.mediaRev) : undefined}
          data-variant={asset.hasProxy ? 'proxy' : 'original'}
          style={aspect ? { aspectRatio: aspect } : undefined}
          aria-label={t('detail.player', { name: asset.name })}
          data-testid="detail-video"
        />
      </div>
    );
  }
  if (asset.kind === 'audio') {
    return (
      <div className="detail__preview detail__preview--audio">
        <div className="detail__audio-art">
          {asset.hasWaveform ? <Waveform assetId={asset.id} mediaRef={audioRef} /> : <KindIcon kind="audio" size={48} />}
        </div>
        <audio
          ref={audioRef}
          className="detail__audio"
          controls
          preload="metadata"
          src={mediaUrl(asset.id, 'original')}
          aria-label={t('detail.player', { name: asset.name })}
          data-testid="detail-audio"
        />
      </div>
    );
  }
  const canShowOriginal = BROWSER_IMAGE_EXTS.has(asset.ext.toLowerCase().replace(/^\./, '')) && !imageFailed;
  const src = canShowOriginal ? mediaUrl(asset.id, 'original') : asset.hasThumbnail ? mediaUrl(asset.id, 'thumb') : null;
  return (
    <div className="detail__preview">
      {src ? (
        <img
          className="detail__media"
          src={src}
          alt={asset.name}
          style={aspect ? { aspectRatio: aspect } : undefined}
          onError={() => setImageFailed(true)}
          data-testid="detail-image"
        />
      ) : (
        <KindIcon kind="image" size={48} />
      )}
    </div>
  );
}

function NameField({ asset, onChange }: { asset: Asset; onChange: (a: Asset) => void }) {
  const [value, setValue] = useState(asset.name);
  const [error, setError] = useState<string | null>(null);
  // Follow renames that come from elsewhere (another window, the CLI) by adjusting state during render.
  const [synced, setSynced] = useState(asset.name);
  if (synced !== asset.name) {
    setSynced(asset.name);
    setValue(asset.name);
  }
  const save = async () => {
    const next = value.trim();
    if (next === asset.name) {
      setValue(asset.name);
      setError(null);
      return;
    }
    if (!next) {
      setError(t('detail.nameEmpty'));
      return;
    }
    try {
      const updated = await call('assets.update', { id: asset.id, name: next });
      setError(null);
      onChange(updated);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="field">
      <label htmlFor="detail-name" className="field__label">
        {t('detail.name')}
      </label>
      <div className={error ? 'input input--invalid' : 'input'}>
        <input
          id="detail-name"
          value={value}
          maxLength={255}
          onChange={(e) => setValue(e.target.value)}
          onBlur={() => void save()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') {
              e.stopPropagation();
              setValue(asset.name);
              setError(null);
              requestAnimationFrame(() => (e.target as HTMLInputElement).blur());
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'detail-name-error' : undefined}
          data-testid="name-input"
        />
      </div>
      {error && (
        <p id="detail-name-error" className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function NotesField({ asset, onChange }: { asset: Asset; onChange: (a: Asset) => void }) {
  const [value, setValue] = useState(asset.notes);
  const [error, setError] = useState<string | null>(null);
  const [synced, setSynced] = useState(asset.notes);
  if (synced !== asset.notes) {
    setSynced(asset.notes);
    setValue(asset.notes);
  }
  const save = async () => {
    if (value === asset.notes) return;
    try {
      onChange(await call('assets.update', { id: asset.id, notes: value }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="field">
      <label htmlFor="detail-notes" className="field__label">
        {t('detail.notes')}
      </label>
      <textarea
        id="detail-notes"
        className="textarea"
        rows={3}
        maxLength={10_000}
        placeholder={t('detail.notesPlaceholder')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => void save()}
        data-testid="notes-input"
      />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const LICENCE_STATE_KEY: Record<LicenceState, MessageKey> = {
  none: 'detail.licence.none',
  valid: 'detail.licence.valid',
  soon: 'detail.licence.soon',
  expired: 'detail.licence.expired',
};

/** When the asset's licence ends (the compliance policy blocks posts using it after that day) and where it comes from. */
function LicenceFields({ asset, onChange }: { asset: Asset; onChange: (a: Asset) => void }) {
  const [note, setNote] = useState(asset.licenceNote);
  const [error, setError] = useState<string | null>(null);
  const [synced, setSynced] = useState(asset.licenceNote);
  if (synced !== asset.licenceNote) {
    setSynced(asset.licenceNote);
    setNote(asset.licenceNote);
  }
  const save = async (patch: { licenceExpires?: string | null; licenceNote?: string }) => {
    try {
      onChange(await call('assets.update', { id: asset.id, ...patch }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const state = licenceState(asset.licenceExpires, new Date());
  const date = asset.licenceExpires ? formatDate(asset.licenceExpires, getLocale()) : '';
  return (
    <div className="field licence" data-testid="licence" data-state={state}>
      <label htmlFor="detail-licence" className="field__label">
        {t('detail.licence.ends')}
      </label>
      <div className="licence__row">
        <div className={error ? 'input input--invalid' : 'input'}>
          <input
            id="detail-licence"
            type="date"
            value={asset.licenceExpires ?? ''}
            // A date input reports '' while a date is half typed; only a whole date (or a cleared field on blur) is saved.
            onChange={(e) => e.target.value && void save({ licenceExpires: e.target.value })}
            onBlur={(e) => !e.target.value && asset.licenceExpires && void save({ licenceExpires: null })}
            aria-describedby="detail-licence-state"
            data-testid="licence-date"
          />
        </div>
        {asset.licenceExpires && (
          <Button size="sm" variant="ghost" onClick={() => void save({ licenceExpires: null })} data-testid="licence-clear">
            {t('detail.licence.clear')}
          </Button>
        )}
      </div>
      <p id="detail-licence-state" className={`licence__state licence__state--${state}`} data-testid="licence-state">
        {t(LICENCE_STATE_KEY[state], { date })}
      </p>
      <label htmlFor="detail-licence-note" className="field__label">
        {t('detail.licence.note')}
      </label>
      <div className="input">
        <input
          id="detail-licence-note"
          value={note}
          maxLength={1000}
          placeholder={t('detail.licence.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => note !== asset.licenceNote && void save({ licenceNote: note })}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          data-testid="licence-note"
        />
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function TagEditor({ asset, onChange }: { asset: Asset; onChange: (a: Asset) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const tags = useStore((s) => s.tags);
  const loadTags = useStore((s) => s.loadTags);

  const apply = async (add: string[], remove: string[]) => {
    try {
      await call('assets.tag', { ids: [asset.id], add, remove });
      onChange(await call('assets.get', { id: asset.id }));
      setError(null);
      void loadTags();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="field">
      <label htmlFor="detail-tag" className="field__label">
        {t('detail.tags')}
      </label>
      {asset.tags.length > 0 && (
        <div className="tag-list" data-testid="detail-tags">
          {asset.tags.map((tag) => (
            <Chip key={tag} onRemove={() => void apply([], [tag])} removeLabel={t('detail.removeTag', { tag })} testId="tag-chip">
              {tag}
            </Chip>
          ))}
        </div>
      )}
      <div className={error ? 'input input--invalid' : 'input'}>
        <input
          id="detail-tag"
          value={value}
          maxLength={64}
          list="detail-tag-suggestions"
          placeholder={t('detail.addTagPlaceholder')}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            const tag = normalizeTag(value);
            if (!tag) return;
            setValue('');
            if (!asset.tags.includes(tag)) void apply([tag], []);
          }}
          data-testid="tag-input"
        />
      </div>
      <datalist id="detail-tag-suggestions">
        {tags
          .filter((x) => !asset.tags.includes(x.tag))
          .map((x) => (
            <option key={x.tag} value={x.tag} />
          ))}
      </datalist>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const kindKey: Record<Asset['kind'], MessageKey> = { video: 'kind.video', image: 'kind.image', audio: 'kind.audio' };

/** A video's dynamic range; nothing while it is not known (imported before it was read) or for other kinds. */
function dynamicRangeText(range: Asset['facts']['dynamicRange']): string | null {
  if (range === undefined) return null;
  return range === 'sdr' ? t('facts.sdr') : t('facts.hdr', { curve: range === 'hlg' ? 'HLG' : 'PQ' });
}

function Facts({ asset }: { asset: Asset }) {
  const f = asset.facts;
  const locale = getLocale();
  const rows: [MessageKey, string | null][] = [
    ['facts.kind', `${t(kindKey[asset.kind])} · ${asset.ext.replace(/^\./, '').toUpperCase()}`],
    ['facts.size', formatBytes(asset.sizeBytes, locale)],
    ['facts.dimensions', f.width && f.height ? formatDimensions(f.width, f.height) : null],
    ['facts.duration', f.durationSec !== null && asset.kind !== 'image' ? formatDuration(f.durationSec) : null],
    ['facts.fps', f.fps !== null && asset.kind === 'video' ? formatFps(f.fps) : null],
    ['facts.videoCodec', f.videoCodec],
    ['facts.dynamicRange', dynamicRangeText(f.dynamicRange)],
    ['facts.audioCodec', f.audioCodec],
    ['facts.audio', asset.kind === 'image' ? null : f.hasAudio ? t('facts.yes') : t('facts.no')],
    ['facts.rotation', f.rotation !== 0 ? t('facts.degrees', { deg: f.rotation }) : asset.kind === 'image' ? null : t('facts.none')],
    ['facts.taken', f.createdAt ? formatDateTime(f.createdAt, locale) : null],
    ['facts.imported', formatDateTime(asset.importedAt, locale)],
    ['facts.originalName', asset.originalName !== asset.name ? asset.originalName : null],
  ];
  return (
    <>
      <h3 className="field__label">{t('detail.facts')}</h3>
      <dl className="facts" data-testid="facts">
        {rows
          .filter((r): r is [MessageKey, string] => r[1] !== null)
          .map(([key, value]) => (
            <div key={key} className="facts__row">
              <dt>{t(key)}</dt>
              <dd title={value}>{value}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}
