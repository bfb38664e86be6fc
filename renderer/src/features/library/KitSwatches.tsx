import { t } from '../../i18n';
import { useKitList } from '../editor/kitStore';
import { kitSwatchGroups } from './kitSwatches';

/**
 * The brand kits' colours as one-click choices beside a free colour picker (the Library's colour filter, the
 * smart collection colour rule): the default kit first, the others grouped by kit. Kept current with `kits.changed`.
 * Without any kit colours it says where they come from.
 */
export function KitSwatches({ current, onPick }: { current: string | null; onPick: (hex: string) => void }) {
  const { kits, loaded } = useKitList();
  const groups = kitSwatchGroups(kits);
  if (!loaded) return null;
  if (groups.length === 0) return <p className="colour-filter__hint" data-testid="kit-swatches-empty">{t('colour.brandEmpty')}</p>;
  return (
    <div className="kit-swatches" role="group" aria-label={t('colour.brand')} data-testid="kit-swatches">
      <span className="kit-swatches__title">{t('colour.brand')}</span>
      {groups.map((g) => (
        <div key={g.kitId} className="kit-swatches__kit" data-testid="kit-swatch-group" data-kit={g.kitName}>
          <span className="kit-swatches__name">
            {g.kitName}
            {g.isDefault && <span className="kit-swatches__badge">{t('colour.brandDefault')}</span>}
          </span>
          <span className="kit-swatches__row">
            {g.swatches.map((s) => (
              <button
                key={s.hex}
                type="button"
                className="kit-swatches__swatch"
                style={{ background: s.hex }}
                aria-label={t('colour.brandSwatch', { name: s.name, hex: s.hex, kit: g.kitName })}
                aria-pressed={current === s.hex}
                title={`${s.name} · ${s.hex}`}
                onClick={() => onPick(s.hex)}
                data-testid="kit-swatch"
                data-hex={s.hex}
              />
            ))}
          </span>
        </div>
      ))}
    </div>
  );
}
