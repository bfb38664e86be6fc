import { t, tn } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';

/** Which files did not import, and why (the engine's reason tells the user what to do). */
export function FailureReportDialog() {
  const report = useStore((s) => s.failureReport);
  const setReport = useStore((s) => s.setFailureReport);
  const close = () => setReport(null);
  return (
    <Dialog
      open={report !== null}
      title={tn('failures.title', report?.length ?? 0)}
      onClose={close}
      wide
      testId="failure-dialog"
      footer={
        <Button variant="primary" onClick={close} autoFocus>
          {t('action.close')}
        </Button>
      }
    >
      <ul className="failures">
        {(report ?? []).map((f, i) => (
          <li key={`${f.path}-${i}`} className="failures__item" data-testid="failure-item">
            <span className="failures__path">{f.path}</span>
            <span className="failures__reason">{f.reason}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
