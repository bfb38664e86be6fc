import { type BrandKitContent, type Swatch, swatchRoles, type SwatchRole } from '../../../../electron/model/brand-kit';
import { type ContrastLevel, formatRatio, swatchContrast, type TextContrast } from '../../../../electron/model/color';
import { type MessageKey, t } from '../../i18n';
import { Button, IconButton } from '../../ui/Button';
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, TrashIcon } from '../../ui/icons';
import { useBrand } from './brandStore';
import { HexInput, Section } from './controls';
import { addSwatch, moveSwatch, PALETTE_MAX, removeSwatch, updateSwatch } from './kitEdits';

/**
 * Named swatches with a role, each showing how readable white and black text are on it (WCAG 2.x ratio with
 * AA/AAA for normal text, model/color.ts): a designer sees at once which text colour a background needs.
 */
export function PaletteSection({ content }: { content: BrandKitContent }) {
  const edit = useBrand((s) => s.edit);
  const canEdit = useBrand((s) => s.canEdit);
  const full = content.palette.length >= PALETTE_MAX;
  return (
    <Section
      title={t('brand.palette')}
      hint={t('brand.paletteHint')}
      testId="brand-palette"
      actions={
        canEdit && (
          <Button size="sm" icon={<PlusIcon size={16} />} disabled={full} title={full ? t('brand.paletteFull', { max: PALETTE_MAX }) : undefined} onClick={() => edit((c) => addSwatch(c, nextColour(c), t('brand.swatchName')))} data-testid="swatch-add">
            {t('brand.addSwatch')}
          </Button>
        )
      }
    >
      {content.palette.length === 0 ? (
        <p className="brand-empty">{t('brand.paletteEmpty')}</p>
      ) : (
        <ol className="kit-swatches">
          {content.palette.map((s, i) => (
            <SwatchRow key={i} swatch={s} index={i} count={content.palette.length} canEdit={canEdit} />
          ))}
        </ol>
      )}
    </Section>
  );
}

/** A new swatch starts from a colour the kit does not have yet, so adding two in a row does not look like one. */
function nextColour(c: BrandKitContent): string {
  const starters = ['#e4002b', '#1a1a2e', '#ffc24b', '#2fd2dc', '#ffffff', '#111111'];
  return starters.find((h) => !c.palette.some((s) => s.color === h)) ?? '#888888';
}

function SwatchRow({ swatch, index, count, canEdit }: { swatch: Swatch; index: number; count: number; canEdit: boolean }) {
  const edit = useBrand((s) => s.edit);
  const set = (patch: Partial<Swatch>, key: string) => edit((c) => updateSwatch(c, index, patch), `swatch:${index}:${key}`);
  const contrast = swatchContrast(swatch.color);
  return (
    <li className="kit-swatch" data-testid="swatch" data-color={swatch.color}>
      <label className="kit-swatch__chip" style={{ background: swatch.color }} title={t('brand.pickColour')}>
        <span className="kit-swatch__sample kit-swatch__sample--white">Aa</span>
        <span className="kit-swatch__sample kit-swatch__sample--black">Aa</span>
        <input type="color" className="visually-hidden" value={swatch.color} onChange={(e) => set({ color: e.target.value }, 'color')} aria-label={t('brand.swatchColour', { name: swatch.name })} />
      </label>
      <div className="kit-swatch__fields">
        <input className="kit-swatch__name" value={swatch.name} maxLength={40} aria-label={t('brand.swatchNameLabel', { n: index + 1 })} onChange={(e) => set({ name: e.target.value }, 'name')} data-testid="swatch-name" />
        <div className="kit-swatch__line">
          <HexInput value={swatch.color} onChange={(color) => set({ color }, 'hex')} label={swatch.name} testId="swatch-hex" />
          <select className="select select--sm" value={swatch.role} aria-label={t('brand.swatchRole', { name: swatch.name })} onChange={(e) => set({ role: e.target.value as SwatchRole }, 'role')} data-testid="swatch-role">
            {swatchRoles.map((r) => (
              <option key={r} value={r}>
                {t(`brand.role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="kit-swatch__contrast">
          <ContrastBadge label={t('brand.onWhite')} c={contrast.onWhite} testId="contrast-white" />
          <ContrastBadge label={t('brand.onBlack')} c={contrast.onBlack} testId="contrast-black" />
        </div>
      </div>
      {canEdit && (
        <div className="kit-swatch__actions">
          <IconButton size="sm" label={t('brand.moveUp', { name: swatch.name })} icon={<ArrowUpIcon size={16} />} disabled={index === 0} onClick={() => edit((c) => moveSwatch(c, index, index - 1))} />
          <IconButton size="sm" label={t('brand.moveDown', { name: swatch.name })} icon={<ArrowDownIcon size={16} />} disabled={index === count - 1} onClick={() => edit((c) => moveSwatch(c, index, index + 1))} />
          <IconButton size="sm" label={t('brand.removeSwatch', { name: swatch.name })} icon={<TrashIcon size={16} />} onClick={() => edit((c) => removeSwatch(c, index))} data-testid="swatch-remove" />
        </div>
      )}
    </li>
  );
}

const levelWord: Record<ContrastLevel, MessageKey> = { AAA: 'brand.level.AAA', AA: 'brand.level.AA', fail: 'brand.level.fail' };

/** "White text 4.6:1 AA": the ratio (rounded down) and the level for normal text; the tooltip adds large text. */
function ContrastBadge({ label, c, testId }: { label: string; c: TextContrast; testId: string }) {
  return (
    <span
      className={`contrast contrast--${c.normal}`}
      title={t('brand.contrastTitle', { label, ratio: formatRatio(c.ratio), normal: t(levelWord[c.normal]), large: t(levelWord[c.large]) })}
      data-testid={testId}
      data-level={c.normal}
    >
      <span className="contrast__label">{label}</span>
      <span className="contrast__ratio mono">{formatRatio(c.ratio)}</span>
      <span className="contrast__level">{t(levelWord[c.normal])}</span>
    </span>
  );
}
