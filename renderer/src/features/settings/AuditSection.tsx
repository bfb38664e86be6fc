import { useState } from 'react';
import type { AuditVerifyView } from '../../../../electron/model/audit';
import { can } from '../../../../electron/model/permissions';
import { call, errorText } from '../../api/client';
import { getLocale, t, tn } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { Button } from '../../ui/Button';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { useMe } from '../../store/meStore';

/**
 * Settings → Audit log: Verify checks the log's chain and its head signed with this computer's key (audit.verify,
 * admins), and says the result in words: intact with its count, or each problem on its own line. docs/audit.md.
 */
export function AuditSection() {
  const actor = useMe();
  const allowed = actor !== null && can(actor.role, 'audit.verify');
  const [result, setResult] = useState<{ view: AuditVerifyView; at: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    if (!actor) return;
    setBusy(true);
    try {
      setResult({ view: await call('audit.verify', {}), at: new Date().toISOString() });
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="settings-audit" data-testid="audit-settings">
      <h2 id="settings-audit" className="card__title">
        {t('audit.title')}
      </h2>
      <p className="field__hint">{t('audit.intro')}</p>
      {actor && !allowed && (
        <p className="banner" data-testid="audit-readonly">
          {t('audit.readOnly', { name: actor.name })}
        </p>
      )}
      <div className="open-library__actions">
        <Button variant="primary" disabled={!allowed || busy} onClick={() => void verify()} data-testid="audit-verify">
          {busy ? t('audit.verifying') : t('audit.verify')}
        </Button>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {result && <AuditResult view={result.view} at={result.at} />}
      <p className="field__hint">{t('audit.exportHint')}</p>
    </section>
  );
}

function AuditResult({ view, at }: { view: AuditVerifyView; at: string }) {
  return (
    <div className="audit-result" data-testid="audit-result" data-ok={view.ok} role="status">
      {view.ok ? (
        <p className="status status--ok">
          <CheckIcon size={18} />
          {tn('audit.ok', view.count)}
        </p>
      ) : (
        <div className="status status--error">
          <AlertIcon size={18} />
          <div>
            <p>{t('audit.failed')}</p>
            <ul className="audit-result__list" data-testid="audit-problems">
              {view.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            <p className="status__message">{t('audit.failedWhat')}</p>
          </div>
        </div>
      )}
      {view.notes.length > 0 && (
        <ul className="audit-result__list audit-result__notes" data-testid="audit-notes">
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <p className="field__hint">{t('audit.checked', { when: formatDateTime(at, getLocale()), key: view.keyId })}</p>
    </div>
  );
}
