import { t } from '../../../i18n';
import { useStore } from '../../../store';
import { useEditor } from '../../../store/editorStore';
import { useReverseJobs } from '../reverseFreezeActions';
import { useReversedCopies } from './reversedCopies';
import { reversingAt } from './reversingLogic';

/**
 * Over the picture while a reversed clip at the playhead waits for its reversed copy: a dark card naming the clip's
 * media with the copy's progress, so the missing clip reads as "being made", not as a black frame (walk finding 9).
 * HTML over the canvas, never drawn into it: the canvas stays what the export is compared with.
 */
export function ReversingCard() {
  const ready = useReversedCopies((s) => s.ready);
  // The first waiting clip's asset id: a string, so the selector's value holds still while nothing changes.
  const assetId = useEditor((s) => (s.doc ? (reversingAt(s.doc, s.playhead, ready)[0]?.assetId ?? null) : null));
  const name = useEditor((s) => (assetId ? (s.assets[assetId]?.name ?? '') : ''));
  // The preview's own request, or the one Reverse in the Inspector started (either makes the same copy).
  const previewJob = useReversedCopies((s) => (assetId ? s.jobs[assetId] : undefined));
  const inspectorJob = useReverseJobs((s) => (assetId ? s.byAsset[assetId] : undefined));
  const jobId = previewJob ?? inspectorJob;
  const progress = useStore((s) => (jobId && s.jobs[jobId]?.status === 'running' ? s.jobs[jobId].progress : null));
  if (!assetId) return null;
  return (
    <div className="preview__reversing" role="status" data-testid="preview-reversing" data-asset-id={assetId}>
      <span className="preview__reversing-title">{progress !== null ? t('preview.reversingPercent', { percent: `${Math.round(progress * 100)}%` }) : t('preview.reversing')}</span>
      <span className="preview__reversing-name">{name}</span>
    </div>
  );
}
