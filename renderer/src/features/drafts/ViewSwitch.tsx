import { useEffect, useRef } from 'react';
import { t } from '../../i18n';
import { useStore } from '../../store';
import type { LibraryView } from '../../store/draftsSlice';
import { RadioGroup } from '../../ui/RadioGroup';

/**
 * The view whose switch button should take the focus when it mounts. Each view draws its own toolbar, so a
 * choice made from the keyboard mounts a new switch: without this the focus fell to the page body.
 */
let focusOnMount: LibraryView | null = null;

/** Media ↔ Drafts switch at the start of the Library toolbar (a radio group: exactly one view shows). */
export function ViewSwitch() {
  const view = useStore((s) => s.libraryView);
  const setView = useStore((s) => s.setLibraryView);
  const buttons = useRef<Partial<Record<LibraryView, HTMLButtonElement | null>>>({});
  useEffect(() => {
    if (focusOnMount !== view) return;
    focusOnMount = null;
    buttons.current[view]?.focus();
  }, [view]);
  const item = (v: LibraryView, label: string) => (
    <button
      ref={(b) => {
        buttons.current[v] = b;
      }}
      type="button"
      role="radio"
      aria-checked={view === v}
      className="segmented__item"
      onClick={(e) => {
        if (v === view) return;
        // A keyboard choice (the arrows click the focused button) keeps the focus on the switch.
        if (e.currentTarget === document.activeElement) focusOnMount = v;
        setView(v);
      }}
      data-testid={`view-${v}`}
    >
      {label}
    </button>
  );
  return (
    <RadioGroup className="segmented view-switch" aria-label={t('view.label')}>
      {item('assets', t('view.assets'))}
      {item('drafts', t('view.drafts'))}
    </RadioGroup>
  );
}
