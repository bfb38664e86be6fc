import { useEffect, useRef, useState } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Asset } from '../../../../../electron/model/asset';
import { clampPlayhead, lastFrameStart } from '../../../../../electron/model/timeline';
import type { ImageDraft } from '../../../../../electron/model/image-draft';
import type { VideoDraft } from '../../../../../electron/model/draft';
import { call } from '../../../api/client';
import { exportUrl } from '../../../api/media';
import { t } from '../../../i18n';
import { IconButton } from '../../../ui/Button';
import { useKitList } from '../../editor/kitStore';
import { PreviewEngine, type PlaybackState } from '../../editor/preview/engine';
import { TemplateThumb } from '../../templates/TemplateThumb';
import { fitInside } from './reviewLogic';

/** What the phone frame's controls do to whichever player it holds. */
export type PlayerControl = { toggle(): void; showAt(sec: number): void };
type PlayerProps = { box: { width: number; height: number }; controlRef: React.MutableRefObject<PlayerControl | null>; onPlaying: (p: boolean) => void };

/**
 * The draft played live by the editor's own preview engine (one player, not a second one), on a store of its own
 * so the editor's open draft is never touched. Text, captions and transitions are drawn as in the editor.
 */
export function DraftPlayer({ draftId, box, controlRef, onPlaying }: PlayerProps & { draftId: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [store, setStore] = useState<StoreApi<PlaybackState> | null>(null);
  const [doc, setDoc] = useState<VideoDraft | null>(null);
  useKitList(); // burned-in captions are styled by the draft's brand kit

  useEffect(() => {
    let live = true;
    void (async () => {
      const record = await call('drafts.get', { id: draftId });
      if (record.doc.kind !== 'video') return;
      const d = record.doc;
      const ids = [...new Set(d.tracks.flatMap((tr) => tr.clips.flatMap((c) => (c.type === 'media' ? [c.assetId] : []))))];
      const found = await Promise.all(ids.map((id) => call('assets.get', { id }).catch(() => null)));
      const assets: Record<string, Asset> = Object.fromEntries(found.filter((a): a is Asset => a !== null).map((a) => [a.id, a]));
      if (!live) return;
      setDoc(d);
      setStore(
        createStore<PlaybackState>()((set, get) => ({
          doc: d, assets, playhead: 0, playing: false,
          setPlayhead: (t) => set({ playhead: clampPlayhead(t, get().doc) }),
          setPlaying: (playing) => set({ playing }),
        })),
      );
    })().catch(() => undefined); // a draft that cannot be read shows as an empty screen; the review says why elsewhere
    return () => {
      live = false;
    };
  }, [draftId]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !store) return;
    const engine = new PreviewEngine(canvas, store);
    const off = store.subscribe((s, prev) => s.playing !== prev.playing && onPlaying(s.playing));
    controlRef.current = {
      toggle: () => {
        const s = store.getState();
        if (!s.doc) return;
        if (!s.playing && s.playhead >= lastFrameStart(s.doc) - 1e-3) s.setPlayhead(0);
        s.setPlaying(!s.playing);
      },
      showAt: (sec) => {
        const s = store.getState();
        s.setPlaying(false);
        s.setPlayhead(sec);
      },
    };
    return () => {
      off();
      engine.destroy();
      controlRef.current = null;
    };
  }, [store, controlRef, onPlaying]);

  const size = doc ? fitInside(doc.canvas.width / doc.canvas.height, box) : { width: 0, height: 0 };
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !doc || size.width === 0) return;
    const w = Math.min(doc.canvas.width, Math.round(size.width * (window.devicePixelRatio || 1)));
    canvas.width = w;
    canvas.height = Math.round((w * doc.canvas.height) / doc.canvas.width);
  }, [doc, size.width]);

  return <canvas ref={canvasRef} className="phone__media" style={size} data-testid="review-canvas" role="img" aria-label={t('review.livePreview')} />;
}

/** The channel's rendered file, as the channel will get it. */
export function RenderPlayer({ jobId, output, box, controlRef, onPlaying }: PlayerProps & { jobId: string; output: number }) {
  const ref = useRef<HTMLVideoElement>(null);
  const [aspect, setAspect] = useState(9 / 16);
  useEffect(() => {
    controlRef.current = {
      toggle: () => {
        const v = ref.current;
        if (!v) return;
        if (v.paused) v.play().catch(() => onPlaying(false));
        else v.pause();
      },
      showAt: (sec) => {
        const v = ref.current;
        if (!v) return;
        v.pause();
        v.currentTime = sec;
      },
    };
    return () => {
      controlRef.current = null;
    };
  }, [controlRef, onPlaying]);
  return (
    <video
      ref={ref}
      className="phone__media"
      style={fitInside(aspect, box)}
      src={exportUrl(jobId, output)}
      preload="auto"
      playsInline
      data-testid="review-video"
      aria-label={t('review.rendered')}
      onLoadedMetadata={(e) => e.currentTarget.videoWidth > 0 && setAspect(e.currentTarget.videoWidth / e.currentTarget.videoHeight)}
      onPlay={() => onPlaying(true)}
      onPause={() => onPlaying(false)}
      onEnded={() => onPlaying(false)}
    />
  );
}

/** An image post's pages as the export draws them, one at a time with a pager (a carousel swipes the same way). */
export function ImagePages({ draftId, box }: { draftId: string; box: { width: number; height: number } }) {
  const [doc, setDoc] = useState<ImageDraft | null>(null);
  const [page, setPage] = useState(0);
  useEffect(() => {
    let live = true;
    call('drafts.get', { id: draftId }).then(
      (r) => live && r.doc.kind === 'image' && setDoc(r.doc),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [draftId]);
  if (!doc) return null;
  const count = doc.pages.length;
  const size = fitInside(doc.canvas.width / doc.canvas.height, box);
  return (
    <div className="phone__pages" data-testid="review-pages" data-count={count} data-page={page}>
      <div style={size}>
        <TemplateThumb id={`${draftId}:${doc.pages[page]!.id}`} doc={doc} page={page} width={Math.max(1, size.width) * 2} testId="review-page" />
      </div>
      {count > 1 && (
        <div className="phone__pager">
          <IconButton label={t('review.prevPage')} icon={<span aria-hidden="true">‹</span>} disabled={page === 0} onClick={() => setPage(page - 1)} data-testid="review-page-prev" />
          <span>{t('review.page', { n: page + 1, count })}</span>
          <IconButton label={t('review.nextPage')} icon={<span aria-hidden="true">›</span>} disabled={page === count - 1} onClick={() => setPage(page + 1)} data-testid="review-page-next" />
        </div>
      )}
    </div>
  );
}
