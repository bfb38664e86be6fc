import { useState } from 'react';
import type { BrandKitContent, LogoVariant } from '../../../../electron/model/brand-kit';
import { t } from '../../i18n';
import { Button } from '../../ui/Button';
import { AssetPicker, ImportButton, imageUrl, useAsset } from './assets';
import { useBrand } from './brandStore';
import { Section } from './controls';

/**
 * The kit's logos: a light variant (drawn on dark footage, shown here on a dark tile) and a dark variant (on a
 * light tile). Each is a library image, picked from the library or imported here.
 */
export function LogosSection({ content }: { content: BrandKitContent }) {
  return (
    <Section title={t('brand.logos')} hint={t('brand.logosHint')} testId="brand-logos">
      <div className="logo-tiles">
        <LogoTile variant="light" id={content.logos.light} />
        <LogoTile variant="dark" id={content.logos.dark} />
      </div>
    </Section>
  );
}

function LogoTile({ variant, id }: { variant: LogoVariant; id: string | null }) {
  const edit = useBrand((s) => s.edit);
  const canEdit = useBrand((s) => s.canEdit);
  const [picking, setPicking] = useState(false);
  const { asset, missing } = useAsset(id);
  const set = (assetId: string | null) => edit((c) => ({ ...c, logos: { ...c.logos, [variant]: assetId } }));
  const label = variant === 'light' ? t('brand.logoLight') : t('brand.logoDark');
  return (
    <div className="logo-tile" data-testid={`logo-${variant}`}>
      <div className={`logo-tile__stage logo-tile__stage--${variant === 'light' ? 'dark' : 'light'}`}>
        {asset ? <img src={imageUrl(asset)} alt={t('brand.logoAlt', { variant: label, name: asset.name })} data-testid={`logo-${variant}-img`} /> : <span className="logo-tile__none">{missing ? t('brand.logoMissing') : t('brand.noLogo')}</span>}
      </div>
      <div className="logo-tile__meta">
        <span className="logo-tile__label">{label}</span>
        <span className="logo-tile__name" title={asset?.name}>
          {asset?.name ?? (variant === 'light' ? t('brand.logoLightHint') : t('brand.logoDarkHint'))}
        </span>
      </div>
      {canEdit && (
        <div className="logo-tile__actions">
          <Button size="sm" onClick={() => setPicking(true)} data-testid={`logo-${variant}-pick`}>
            {t('brand.fromLibrary')}
          </Button>
          <ImportButton kind="image" accept=".png,.svg,.webp,image/png,image/svg+xml,image/webp" label={t('brand.importFile')} onImported={set} testId={`logo-${variant}-file`} />
          {id && (
            <Button size="sm" variant="ghost" onClick={() => set(null)} data-testid={`logo-${variant}-remove`}>
              {t('brand.remove')}
            </Button>
          )}
        </div>
      )}
      <AssetPicker
        open={picking}
        kind="image"
        title={t('brand.pickLogo', { variant: label })}
        onClose={() => setPicking(false)}
        onPick={(a) => {
          setPicking(false);
          set(a.id);
        }}
      />
    </div>
  );
}
