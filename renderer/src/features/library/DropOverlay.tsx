import { t } from '../../i18n';
import { ImportIcon } from '../../ui/icons';

export function DropOverlay() {
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__card">
        <ImportIcon size={40} />
        <p className="drop-overlay__title">{t('drop.title')}</p>
        <p className="drop-overlay__hint">{t('drop.hint')}</p>
      </div>
    </div>
  );
}
