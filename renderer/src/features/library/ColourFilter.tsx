import { useEffect, useId, useRef, useState } from 'react';
import { COLOUR_TOLERANCE_DEFAULT } from '../../../../electron/model/colour-search';
import { parseHex, toHex } from '../../../../electron/model/colour';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { CloseIcon } from '../../ui/icons';
import { KitSwatches } from './KitSwatches';

const START_HEX = '#e4002b';

/**
 * The Library's colour filter: a swatch button opens a small panel with a colour picker, a hex field and a
 * tolerance slider (ΔE). Find applies it; the grid then shows pictures whose main colours are close, closest first.
 */
export function ColourFilter() {
  const color = useStore((s) => s.query.color);
  const setQuery = useStore((s) => s.setQuery);
  const [open, setOpen] = useState(false);
  const [hex, setHex] = useState(color?.hex ?? START_HEX);
  const [tolerance, setTolerance] = useState(color?.tolerance ?? COLOUR_TOLERANCE_DEFAULT);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const ids = { panel: useId(), hex: useId(), tol: useId(), hint: useId() };
  const valid = parseHex(hex) !== null;

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!panelRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open]);

  const apply = (chosen: string = hex) => {
    const rgb = parseHex(chosen);
    if (!rgb) return;
    setHex(toHex(rgb));
    setQuery({ color: { hex: toHex(rgb), tolerance } });
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="colour-filter">
      <Button
        ref={buttonRef}
        variant={color ? 'primary' : 'ghost'}
        icon={<span className="colour-filter__swatch" style={{ background: color?.hex ?? 'conic-gradient(#e4002b, #ffcc00, #10a040, #1040c0, #a020c0, #e4002b)' }} aria-hidden="true" />}
        aria-expanded={open}
        aria-controls={ids.panel}
        onClick={() => setOpen((o) => !o)}
        title={t('colour.title')}
        aria-label={color ? t('colour.buttonActive', { hex: color.hex }) : undefined}
        data-testid="colour-filter-button"
      >
        {/* On, the swatch and its hex say enough; the full name is the button's label for screen readers. */}
        {color ? color.hex : t('colour.button')}
      </Button>
      {color && (
        <button type="button" className="search__clear" aria-label={t('colour.clear')} title={t('colour.clear')} onClick={() => setQuery({ color: null })} data-testid="colour-filter-clear">
          <CloseIcon size={16} />
        </button>
      )}
      {open && (
        <div
          id={ids.panel}
          ref={panelRef}
          className="colour-filter__panel"
          role="group"
          aria-label={t('colour.title')}
          data-testid="colour-filter-panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              buttonRef.current?.focus();
            } else if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type !== 'color') {
              e.preventDefault();
              apply();
            }
          }}
        >
          <p className="colour-filter__hint">{t('colour.hint')}</p>
          {/* One click searches a brand colour at the tolerance below. */}
          <KitSwatches current={color?.hex ?? null} onPick={(h) => apply(h)} />
          <div className="colour-filter__row">
            <input
              type="color"
              aria-label={t('colour.pick')}
              value={valid ? toHex(parseHex(hex)!) : START_HEX}
              onChange={(e) => setHex(e.target.value)}
              data-testid="colour-filter-picker"
            />
            <label htmlFor={ids.hex}>{t('colour.hex')}</label>
            <input
              id={ids.hex}
              className="colour-filter__hex"
              value={hex}
              onChange={(e) => setHex(e.target.value)}
              aria-invalid={!valid}
              aria-describedby={valid ? undefined : ids.hint}
              spellCheck={false}
              autoComplete="off"
              autoFocus
              data-testid="colour-filter-hex"
            />
          </div>
          {!valid && (
            <p id={ids.hint} className="colour-filter__error" role="alert">
              {t('colour.hexInvalid')}
            </p>
          )}
          <label htmlFor={ids.tol} className="colour-filter__label">
            {t('colour.tolerance')} <output>{t('colour.toleranceValue', { value: tolerance })}</output>
          </label>
          <input
            id={ids.tol}
            type="range"
            min={2}
            max={50}
            step={1}
            value={tolerance}
            onChange={(e) => setTolerance(Number(e.target.value))}
            data-testid="colour-filter-tolerance"
          />
          <p className="colour-filter__hint">{t('colour.toleranceHint')}</p>
          <div className="colour-filter__actions">
            <Button variant="primary" onClick={() => apply()} disabled={!valid} data-testid="colour-filter-apply">
              {t('colour.apply')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
