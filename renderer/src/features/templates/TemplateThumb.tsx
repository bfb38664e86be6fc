import { useEffect, useState } from 'react';
import type { Draft } from '../../../../electron/model/draft';
import { call } from '../../api/client';
import { mediaUrl, textLayerUrl } from '../../api/media';
import { t } from '../../i18n';
import { ImageIcon } from '../../ui/icons';

/**
 * A template's picture: an image template's first page as the export draws it (`images.renderPage`), a video
 * template's poster (the first picture or clip on its main track). `doc` is drawn instead of the stored one when
 * given (the live preview while filling placeholders).
 */
export function TemplateThumb({ id, doc, page = 0, width, testId }: { id: string; doc: Draft | null; page?: number; width: number; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const docKey = doc ? JSON.stringify(doc) : '';
  useEffect(() => {
    if (!doc) return;
    let live = true;
    const done = (url: string | null) => live && (setSrc(url), setFailed(url === null));
    if (doc.kind === 'image') {
      const scale = Math.min(1, Math.max(0.05, width / doc.canvas.width));
      call('images.renderPage', { doc, page: Math.min(page, doc.pages.length - 1), scale }).then(
        (img) => done(textLayerUrl(img.key)),
        () => done(null),
      );
    } else {
      const clip = doc.tracks.flatMap((tr) => tr.clips).find((c) => 'assetId' in c);
      if (!clip || !('assetId' in clip)) return void done(null);
      call('assets.get', { id: clip.assetId }).then(
        (a) => done(a.kind === 'video' ? mediaUrl(a.id, 'poster') : a.hasThumbnail ? mediaUrl(a.id, 'thumb') : mediaUrl(a.id, 'original')),
        () => done(null),
      );
    }
    return () => {
      live = false;
    };
    // docKey holds everything that changes the picture.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, docKey, page, width]);
  const ratio = doc ? `${doc.canvas.width} / ${doc.canvas.height}` : '4 / 5';
  return (
    <div className="tpl-thumb" style={{ aspectRatio: ratio }} data-testid={testId} data-ready={src ? 'true' : 'false'}>
      {src ? <img src={src} alt="" draggable={false} /> : failed ? <ImageIcon size={28} aria-label={t('templates.noPicture')} /> : <span className="tpl-thumb__loading" aria-hidden="true" />}
      {doc?.kind === 'video' && <span className="tpl-thumb__badge">{t('templates.video')}</span>}
    </div>
  );
}
