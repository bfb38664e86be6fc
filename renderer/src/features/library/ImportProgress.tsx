import { t, tn } from '../../i18n';
import { formatBytes } from '../../i18n/format';
import { useStore } from '../../store';
import { ProgressBar } from '../../ui/ProgressBar';

/** Upload, then import progress of the import started in this window, where it was started. */
export function ImportProgress() {
  const task = useStore((s) => s.importTask);
  const job = useStore((s) => (s.importTask?.jobId ? s.jobs[s.importTask.jobId] : undefined));
  if (!task) return <div className="import-progress import-progress--idle" />;

  let label: string;
  let detail: string;
  let value: number | null;
  if (task.phase === 'uploading') {
    value = task.totalBytes > 0 ? task.loadedBytes / task.totalBytes : null;
    label = tn('import.uploading', task.fileCount);
    detail = t('import.uploadBytes', { done: formatBytes(task.loadedBytes), total: formatBytes(task.totalBytes) });
  } else {
    value = job?.progress ?? null;
    label = job?.title ?? t('import.starting');
    detail = job?.detail ?? '';
  }
  return (
    <div className="import-progress" data-testid="import-progress" data-phase={task.phase}>
      <div className="import-progress__text">
        <span className="import-progress__label">{label}</span>
        <span className="import-progress__detail" title={detail}>
          {detail}
        </span>
      </div>
      <ProgressBar value={value} label={label} size="sm" />
    </div>
  );
}
