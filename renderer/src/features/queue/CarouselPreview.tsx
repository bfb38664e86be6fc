import type { ImageDraft } from '../../../../electron/model/image-draft';
import type { ChannelId } from '../../../../electron/model/post';
import { carouselRoute, channelLimits } from '../../../../electron/model/channels';
import { t } from '../../i18n';
import { TemplateThumb } from '../templates/TemplateThumb';

const THUMB_W = 80;

/**
 * An image post's pages in the composer, as the export draws them (images.renderPage), numbered in the order
 * they are sent; under them, which channels get the carousel as one PDF document (LinkedIn).
 */
export function CarouselPreview({ draftId, doc, channels }: { draftId: string; doc: ImageDraft; channels: ChannelId[] }) {
  const count = doc.pages.length;
  const documents = channels.filter((ch) => carouselRoute(count, ch).as === 'document').map((ch) => channelLimits[ch].label);
  return (
    <div className="field" data-testid="composer-pages" data-count={count}>
      <span className="field__label">{count === 1 ? t('queue.pages.single') : t('queue.pages.title', { count })}</span>
      <ol className="composer-pages" aria-label={t('queue.pages.title', { count })}>
        {doc.pages.map((p, i) => (
          <li key={p.id} className="composer-pages__page" data-testid="composer-page" data-index={i} style={{ width: THUMB_W }}>
            <TemplateThumb id={`${draftId}:${p.id}`} doc={doc} page={i} width={THUMB_W * 2} testId="composer-page-thumb" />
            <span className="composer-pages__num" aria-label={t('queue.pages.pageN', { n: i + 1, count })}>
              {i + 1}
            </span>
          </li>
        ))}
      </ol>
      {documents.length > 0 && (
        <p className="field__hint" data-testid="composer-pages-document">
          {t('queue.pages.document', { channels: documents.join(', ') })}
        </p>
      )}
    </div>
  );
}
