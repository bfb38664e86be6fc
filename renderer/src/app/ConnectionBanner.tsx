import { t } from '../i18n';
import { useStore } from '../store';

/** Shown only after a working connection dropped (not during the first connect, which is instant locally). */
export function ConnectionBanner() {
  const connection = useStore((s) => s.connection);
  if (connection !== 'reconnecting') return null;
  return (
    <div className="banner banner--warning" role="status" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      {t('connection.reconnecting')}
    </div>
  );
}
