import { t } from '../../i18n';
import { useStore } from '../../store';
import type { LibraryView } from '../../store/draftsSlice';

/** Media ↔ Drafts switch at the start of the Library toolbar (a radio group: exactly one view shows). */
export function ViewSwitch() {
  const view = useStore((s) => s.libraryView);
  const setView = useStore((s) => s.setLibraryView);
  const item = (v: LibraryView, label: string) => (
    <button
      type="button"
      role="radio"
      aria-checked={view === v}
      className="segmented__item"
      onClick={() => setView(v)}
      data-testid={`view-${v}`}
    >
      {label}
    </button>
  );
  return (
    <div className="segmented view-switch" role="radiogroup" aria-label={t('view.label')}>
      {item('assets', t('view.assets'))}
      {item('drafts', t('view.drafts'))}
    </div>
  );
}
