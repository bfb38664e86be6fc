import { revealExport } from '../../api/media';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { FolderIcon } from '../../ui/icons';

/** The app's "Show in folder" for a finished export (by its job id, never a path); a file that is gone says so. */
export function RevealExportButton({ jobId, size = 'sm', variant, className, testId }: { jobId: string; size?: 'sm' | 'md'; variant?: 'primary'; className?: string; testId: string }) {
  const showToast = useStore((s) => s.showToast);
  return (
    <Button
      size={size}
      variant={variant}
      className={className}
      icon={<FolderIcon size={size === 'sm' ? 16 : 18} />}
      onClick={() =>
        void revealExport(jobId).then((shown) => {
          if (!shown) showToast({ message: t('exports.revealFailed'), tone: 'error' });
        })
      }
      data-testid={testId}
    >
      {t('exports.reveal')}
    </Button>
  );
}
