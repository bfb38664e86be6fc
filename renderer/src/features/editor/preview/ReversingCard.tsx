import { useMemo } from 'react';
import { t } from '../../../i18n';
import { useStore } from '../../../store';
import { useEditor } from '../../../store/editorStore';
import { useReverseJobs } from '../reverseFreezeActions';
import { useReversedCopies } from './reversedCopies';
import { clipBoundsAt, reversingAt, reversingPlacement } from './reversingLogic';

/**
 * Over the picture while a reversed clip at the playhead waits for its reversed copy: a dark card naming the clip's
 * media with the copy's progress, so the missing clip reads as "being made", not as a black frame (walk finding 9).
 * HTML over the canvas, never drawn into it: the canvas stays what the export is compared with.
 */
export function ReversingCard({ view }: { view: { width: number; height: number } }) {
  const ready = useReversedCopies((s) => s.ready);
  // The first waiting clip's ids: strings, so the selectors' values hold still while nothing changes.
  // (Never the object itself: a new object per call would never hold still and React would render forever.)
  const assetId = useEditor((s) => (s.doc ? (reversingAt(s.doc, s.playhead, ready)[0]?.assetId ?? null) : null));
  const clipId = useEditor((s) => (s.doc ? (reversingAt(s.doc, s.playhead, ready)[0]?.clipId ?? null) : null));
  // The draft, playhead and assets only while a clip waits: no render per edit or per frame of playback otherwise.
  const doc = useEditor((s) => (clipId ? s.doc : null));
  const playhead = useEditor((s) => (clipId ? s.playhead : 0));
  const assets = useEditor((s) => (clipId ? s.assets : null));
  // Over the clip's own box (walk finding #21), so a waiting overlay does not hide the middle of the frame.
  const place = useMemo(() => {
    if (!doc || !clipId || !assets) return null;
    const bounds = clipBoundsAt(doc, playhead, clipId, (id) => {
      const a = assets[id];
      return a && a.width && a.height ? { width: a.width, height: a.height } : null;
    });
    return reversingPlacement(bounds, doc.canvas, view);
  }, [doc, playhead, clipId, assets, view]);
  const name = useEditor((s) => (assetId ? (s.assets[assetId]?.name ?? '') : ''));
  // The preview's own request, or the one Reverse in the Inspector started (either makes the same copy).
  const previewJob = useReversedCopies((s) => (assetId ? s.jobs[assetId] : undefined));
  const inspectorJob = useReverseJobs((s) => (assetId ? s.byAsset[assetId] : undefined));
  const jobId = previewJob ?? inspectorJob;
  const progress = useStore((s) => (jobId && s.jobs[jobId]?.status === 'running' ? s.jobs[jobId].progress : null));
  if (!assetId || !place) return null;
  const percent = progress !== null ? `${Math.round(progress * 100)}%` : null;
  const title = percent !== null ? t('preview.reversingPercent', { percent }) : t('preview.reversing');
  const { rect, compact } = place;
  return (
    <div
      className={`preview__reversing-box${compact ? ' preview__reversing-box--compact' : ''}`}
      style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height }}
      data-testid="preview-reversing-box"
      data-compact={compact}
    >
      <div className="preview__reversing" role="status" data-testid="preview-reversing" data-asset-id={assetId} data-clip-id={clipId} aria-label={`${title} ${name}`} title={`${title} ${name}`}>
        {compact ? (
          <span className="preview__reversing-title">{percent !== null ? `↺ ${percent}` : '↺ …'}</span>
        ) : (
          <>
            <span className="preview__reversing-title">{title}</span>
            <span className="preview__reversing-name">{name}</span>
          </>
        )}
      </div>
    </div>
  );
}
