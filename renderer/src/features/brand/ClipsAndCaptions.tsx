import { useState } from 'react';
import { type BrandKitContent, KIT_HASHTAG_MAX } from '../../../../electron/model/brand-kit';
import { mediaUrl } from '../../api/media';
import { formatClock } from '../../i18n/format';
import { t } from '../../i18n';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { AssetPicker, ImportButton, useAsset } from './assets';
import { useBrand } from './brandStore';
import { Section } from './controls';
import { addHashtags, parseHashtags, removeHashtag } from './kitEdits';

/** Intro and outro: library videos a creator adds to a draft's start and end with one command. */
export function ClipsSection({ content }: { content: BrandKitContent }) {
  return (
    <Section title={t('brand.clips')} hint={t('brand.clipsHint')} testId="brand-clips">
      <div className="clip-slots">
        <ClipSlot slot="intro" id={content.intro} />
        <ClipSlot slot="outro" id={content.outro} />
      </div>
    </Section>
  );
}

function ClipSlot({ slot, id }: { slot: 'intro' | 'outro'; id: string | null }) {
  const edit = useBrand((s) => s.edit);
  const canEdit = useBrand((s) => s.canEdit);
  const [picking, setPicking] = useState(false);
  const { asset, missing } = useAsset(id);
  const set = (v: string | null) => edit((c) => ({ ...c, [slot]: v }));
  const label = slot === 'intro' ? t('brand.intro') : t('brand.outro');
  return (
    <div className="clip-slot" data-testid={`clip-${slot}`}>
      <div className="clip-slot__thumb">{asset?.hasThumbnail ? <img src={mediaUrl(asset.id, 'thumb')} alt="" /> : null}</div>
      <div className="clip-slot__text">
        <span className="logo-tile__label">{label}</span>
        <span className="logo-tile__name">{asset ? `${asset.name} · ${formatClock(asset.durationSec ?? 0)}` : missing ? t('brand.logoMissing') : t('brand.noClip')}</span>
      </div>
      {canEdit && (
        <div className="logo-tile__actions">
          <Button size="sm" onClick={() => setPicking(true)} data-testid={`clip-${slot}-pick`}>
            {t('brand.fromLibrary')}
          </Button>
          <ImportButton kind="video" accept="video/*,.mp4,.mov,.webm,.mkv" label={t('brand.importFile')} onImported={set} />
          {id && (
            <Button size="sm" variant="ghost" onClick={() => set(null)}>
              {t('brand.remove')}
            </Button>
          )}
        </div>
      )}
      <AssetPicker
        open={picking}
        kind="video"
        title={t('brand.pickClip', { slot: label })}
        onClose={() => setPicking(false)}
        onPick={(a) => {
          setPicking(false);
          set(a.id);
        }}
      />
    </div>
  );
}

/** Default hashtags (chips) and a tone/disclaimer line the composer offers for captions. */
export function CaptionsSection({ content }: { content: BrandKitContent }) {
  const edit = useBrand((s) => s.edit);
  const canEdit = useBrand((s) => s.canEdit);
  const [draft, setDraft] = useState('');
  const full = content.hashtags.length >= KIT_HASHTAG_MAX;
  const commit = () => {
    const tags = parseHashtags(draft);
    if (tags.length) edit((c) => addHashtags(c, tags));
    setDraft('');
  };
  return (
    <Section title={t('brand.captions')} hint={t('brand.captionsHint')} testId="brand-captions">
      <div className="brand-field">
        <label className="field__label" htmlFor="kit-hashtag-input">
          {t('brand.hashtags')}
        </label>
        <div className="chips hashtag-chips" data-testid="kit-hashtags">
          {content.hashtags.map((h) => (
            <Chip key={h} onRemove={canEdit ? () => edit((c) => removeHashtag(c, h)) : undefined} removeLabel={t('brand.removeHashtag', { tag: h })} testId="kit-hashtag">
              #{h}
            </Chip>
          ))}
          {canEdit && (
            <input
              id="kit-hashtag-input"
              className="hashtag-input"
              value={draft}
              disabled={full}
              placeholder={full ? t('brand.hashtagsFull', { max: KIT_HASHTAG_MAX }) : t('brand.hashtagPlaceholder')}
              onChange={(e) => {
                // A space or comma ends a tag, as in every tag field creators know.
                if (/[\s,;]$/.test(e.target.value)) {
                  const tags = parseHashtags(e.target.value);
                  if (tags.length) edit((c) => addHashtags(c, tags));
                  setDraft('');
                } else setDraft(e.target.value);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  commit();
                } else if (e.key === 'Backspace' && draft === '' && content.hashtags.length) {
                  const lastTag = content.hashtags[content.hashtags.length - 1]!;
                  edit((c) => removeHashtag(c, lastTag));
                }
              }}
              onBlur={commit}
              data-testid="kit-hashtag-input"
            />
          )}
        </div>
      </div>
      <div className="brand-field">
        <label className="field__label" htmlFor="kit-disclaimer">
          {t('brand.disclaimer')}
        </label>
        <textarea id="kit-disclaimer" className="textarea" rows={2} maxLength={500} value={content.disclaimer} placeholder={t('brand.disclaimerPlaceholder')} onChange={(e) => edit((c) => ({ ...c, disclaimer: e.target.value }), 'disclaimer')} data-testid="kit-disclaimer" />
      </div>
    </Section>
  );
}
