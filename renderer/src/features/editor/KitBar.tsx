import { useEffect, useRef, useState } from 'react';
import type { BrandKit } from '../../../../electron/model/brand-kit';
import { kitLogo, watermarkLogo } from '../../../../electron/model/kit-apply';
import { t } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { Button } from '../../ui/Button';
import { addKitIntroOutro, addKitLogo, addKitWatermark, applyKitToDraft } from './kitActions';
import { kitById, useKitList } from './kitStore';

/**
 * The editor's brand bar: "Brand kit: <name> ▾" (pick a kit to apply it, one undo step) and the kit commands.
 * A command the kit cannot do (no logo, no intro) is disabled with the reason as its tooltip.
 */
export function KitBar() {
  const { kits, loaded } = useKitList();
  const kitId = useEditor((s) => s.doc?.kitId ?? null);
  const kit = kitById(kits, kitId);
  const why = (ok: boolean, reason: string) => (kit ? (ok ? undefined : reason) : t('kit.noKit'));
  const logoWhy = why(kit != null && kitLogo(kit) != null, t('kit.noLogo'));
  const watermarkWhy = why(kit != null && watermarkLogo(kit) != null, t('kit.noLogo'));
  const introWhy = why(kit != null && (kit.intro != null || kit.outro != null), t('kit.noIntroOutro'));
  return (
    <div className="kit-bar" role="group" aria-label={t('kit.menuLabel')} data-testid="kit-bar">
      <KitMenu kits={kits} loaded={loaded} current={kit} />
      <Button size="sm" variant="ghost" disabled={logoWhy !== undefined} title={logoWhy ?? t('kit.addLogoHint')} onClick={() => kit && void addKitLogo(kit)} data-testid="kit-add-logo">
        {t('kit.addLogo')}
      </Button>
      <Button size="sm" variant="ghost" disabled={watermarkWhy !== undefined} title={watermarkWhy ?? t('kit.addWatermarkHint')} onClick={() => kit && void addKitWatermark(kit)} data-testid="kit-add-watermark">
        {t('kit.addWatermark')}
      </Button>
      <Button size="sm" variant="ghost" disabled={introWhy !== undefined} title={introWhy ?? t('kit.addIntroOutroHint')} onClick={() => kit && void addKitIntroOutro(kit)} data-testid="kit-add-intro-outro">
        {t('kit.addIntroOutro')}
      </Button>
    </div>
  );
}

/** A menu button: arrows move between kits, Enter/Space applies, Esc closes and returns focus to the button. */
function KitMenu({ kits, loaded, current }: { kits: BrandKit[]; loaded: boolean; current: BrandKit | null }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const items = menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]');
    const selected = menu.current?.querySelector<HTMLButtonElement>('[aria-checked="true"]');
    (selected ?? items?.[0])?.focus();
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKey = (e: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % Math.max(1, items.length)];
      next?.focus();
    }
  };

  return (
    <div className="kit-menu">
      <Button
        ref={button}
        size="sm"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="kit-menu-button"
        data-kit={current?.id ?? ''}
      >
        {t('kit.button', { name: current?.name ?? t('kit.none') })} ▾
      </Button>
      {open && (
        <div ref={menu} className="kit-menu__popover" role="menu" aria-label={t('kit.menuLabel')} onKeyDown={onKey} data-testid="kit-menu">
          <p className="kit-menu__hint">{loaded && kits.length === 0 ? t('kit.empty') : t('kit.menuHint')}</p>
          {kits.map((k) => (
            <button
              key={k.id}
              type="button"
              role="menuitemradio"
              aria-checked={k.id === current?.id}
              className="kit-menu__item"
              onClick={() => {
                close();
                void applyKitToDraft(k);
              }}
              data-testid="kit-menu-item"
              data-kit={k.id}
            >
              <span className="kit-menu__swatches" aria-hidden="true">
                {k.palette.slice(0, 4).map((s) => (
                  <span key={s.name} className="kit-menu__dot" style={{ background: s.color }} />
                ))}
              </span>
              <span className="kit-menu__name">{k.name}</span>
              {k.id === current?.id ? <span className="kit-menu__tag">{t('kit.current')}</span> : k.isDefault ? <span className="kit-menu__tag">{t('kit.default')}</span> : null}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
