import { t } from '../i18n';
import { useStore } from '../store';

/**
 * Shown only after a working connection dropped (not during the first connect, which is instant locally), or
 * for good once the host no longer knows this tab (nothing will come back until the sign-in link is opened).
 */
export function ConnectionBanner() {
  const connection = useStore((s) => s.connection);
  if (connection === 'signed-out') {
    return (
      <div className="banner banner--error" role="alert" data-testid="connection-banner" data-state="signed-out">
        {t('connection.signedOut')}
      </div>
    );
  }
  if (connection !== 'reconnecting') return null;
  return (
    <div className="banner banner--warning" role="status" data-testid="connection-banner" data-state="reconnecting">
      <span className="spinner" aria-hidden="true" />
      {t('connection.reconnecting')}
    </div>
  );
}
