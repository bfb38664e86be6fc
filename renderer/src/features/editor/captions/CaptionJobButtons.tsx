import { useEffect, useRef, useState } from 'react';
import { t } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { AutoCaptionsDialog } from './AutoCaptionsDialog';
import type { CaptionWay } from './CaptionsEmpty';
import { SyncScriptDialog } from './SyncScriptDialog';
import './caption-jobs.css';

type Which = 'sync' | 'auto' | null;

/** "Sync to script…" as a button with its dialog. */
export function SyncScriptButton({ size = 'md', variant = 'primary' }: { size?: 'sm' | 'md'; variant?: 'primary' | 'secondary' }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} variant={variant} title={t('captionJobs.syncHint')} onClick={() => setOpen(true)} data-testid="caption-sync-button">
        {t('captionJobs.sync')}
      </Button>
      <SyncScriptDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** "Auto-captions…" as a button with its dialog. */
export function AutoCaptionsButton({ size = 'md', variant = 'secondary' }: { size?: 'sm' | 'md'; variant?: 'primary' | 'secondary' }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} variant={variant} title={t('captionJobs.autoHint')} onClick={() => setOpen(true)} data-testid="caption-auto-button">
        {t('captionJobs.auto')}
      </Button>
      <AutoCaptionsDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** "Sync to script…" and "Auto-captions…" side by side, with their dialogs. */
export function CaptionJobButtons({ size = 'md' }: { size?: 'sm' | 'md' }) {
  return (
    <div className="caption-job-buttons" data-testid="caption-job-buttons">
      <SyncScriptButton size={size} />
      <AutoCaptionsButton size={size} />
    </div>
  );
}

/** The two jobs as ways of the captions panel's empty state (CaptionsPanel `extraWays`). */
export function captionJobWays(): CaptionWay[] {
  return [
    { id: 'sync', title: t('captionJobs.waySync'), body: t('captionJobs.waySyncBody'), action: <SyncScriptButton size="sm" variant="secondary" /> },
    { id: 'auto', title: t('captionJobs.wayAuto'), body: t('captionJobs.wayAutoBody'), action: <AutoCaptionsButton size="sm" /> },
  ];
}

/** The editor header's "Captions ▾": a menu with the two jobs (arrows move, Enter opens, Esc closes). */
export function CaptionsMenu() {
  const [menuOpen, setMenuOpen] = useState(false);
  const [dialog, setDialog] = useState<Which>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [menuOpen]);

  const pick = (which: Which) => {
    setMenuOpen(false);
    setDialog(which);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setMenuOpen(false);
      button.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % Math.max(1, items.length)]?.focus();
    }
  };

  return (
    <div className="caption-menu">
      <Button ref={button} size="sm" aria-haspopup="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)} data-testid="captions-menu-button">
        {t('captionJobs.menu')} ▾
      </Button>
      {menuOpen && (
        <div ref={menu} className="caption-menu__popover" role="menu" aria-label={t('captionJobs.menuLabel')} onKeyDown={onKey} data-testid="captions-menu">
          <MenuItem label={t('captionJobs.sync')} hint={t('captionJobs.syncHint')} onClick={() => pick('sync')} testId="captions-menu-sync" />
          <MenuItem label={t('captionJobs.auto')} hint={t('captionJobs.autoHint')} onClick={() => pick('auto')} testId="captions-menu-auto" />
        </div>
      )}
      <SyncScriptDialog open={dialog === 'sync'} onClose={() => setDialog(null)} />
      <AutoCaptionsDialog open={dialog === 'auto'} onClose={() => setDialog(null)} />
    </div>
  );
}

function MenuItem({ label, hint, onClick, testId }: { label: string; hint: string; onClick: () => void; testId: string }) {
  return (
    <button type="button" role="menuitem" className="caption-menu__item" onClick={onClick} data-testid={testId}>
      <span className="caption-menu__label">{label}</span>
      <span className="caption-menu__hint">{hint}</span>
    </button>
  );
}
