import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BrandKit } from '../../../../electron/model/brand-kit';
import { kitLogo, watermarkLogo } from '../../../../electron/model/kit-apply';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { useEditor } from '../../store/editorStore';
import { Button } from '../../ui/Button';
import { BrandIcon, FilmStripIcon, ImageIcon } from '../../ui/icons';
import { addKitIntroOutro, addKitLogo, addKitWatermark, applyKitToDraft } from './kitActions';
import { kitById, useKitList } from './kitStore';

/**
 * The editor's brand bar: "Brand kit: <name> ▾" (pick a kit to apply it, one undo step) and the kit commands.
 * A command the kit cannot do (no kit, no logo, no intro) stays in the Tab order, aria-disabled with the reason as
 * its description and tooltip, and says the reason when pressed (walk finding #27: a disabled button is skipped by
 * Tab, so a keyboard or screen-reader user never learnt the commands exist).
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
      <KitCommand why={logoWhy} hint={t('kit.addLogoHint')} run={() => kit && void addKitLogo(kit)} testId="kit-add-logo" label={t('kit.addLogo')} short={t('kit.addLogoShort')} icon={<ImageIcon size={16} />} />
      <KitCommand why={watermarkWhy} hint={t('kit.addWatermarkHint')} run={() => kit && void addKitWatermark(kit)} testId="kit-add-watermark" label={t('kit.addWatermark')} short={t('kit.addWatermarkShort')} icon={<BrandIcon size={16} />} />
      <KitCommand why={introWhy} hint={t('kit.addIntroOutroHint')} run={() => kit && void addKitIntroOutro(kit)} testId="kit-add-intro-outro" label={t('kit.addIntroOutro')} short={t('kit.addIntroOutroShort')} icon={<FilmStripIcon size={16} />} />
    </div>
  );
}

/**
 * `short` is shown instead of `label` in a narrow header, and `icon` alone in the narrowest (a 960 px window; editor.css,
 * the header's container queries); `label` stays its name and `hint` its tooltip.
 */
function KitCommand({ why, hint, run, testId, label, short, icon }: { why: string | undefined; hint: string; run: () => void; testId: string; label: string; short: string; icon: ReactNode }) {
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label={label}
      aria-disabled={why !== undefined}
      aria-description={why}
      title={why ?? hint}
      onClick={() => (why === undefined ? run() : useStore.getState().showToast({ message: why, tone: 'info' }))}
      data-testid={testId}
    >
      <span className="tiny-hide">
        <span className="narrow-hide">{label}</span>
        <span className="narrow-show" aria-hidden="true">
          {short}
        </span>
      </span>
      <span className="tiny-show" aria-hidden="true">
        {icon}
      </span>
    </Button>
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
    // No kits: the note is all there is, so it takes the focus and is read (walk finding #28); Esc still closes.
    (selected ?? items?.[0] ?? menu.current?.querySelector<HTMLElement>('.kit-menu__hint'))?.focus();
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
        <span className="kit-menu__label">{t('kit.button', { name: current?.name ?? t('kit.none') })}</span> ▾
      </Button>
      {open && (
        // A menu with no items is not a menu: without kits the popover is a group around a focusable note.
        <div ref={menu} className="kit-menu__popover" role={kits.length > 0 ? 'menu' : 'group'} aria-label={t('kit.menuLabel')} onKeyDown={onKey} data-testid="kit-menu">
          <p className="kit-menu__hint" tabIndex={kits.length > 0 ? undefined : -1} role={kits.length > 0 ? undefined : 'status'} data-testid="kit-menu-note">
            {loaded && kits.length === 0 ? t('kit.empty') : t('kit.menuHint')}
          </p>
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
