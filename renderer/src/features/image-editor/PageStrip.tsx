import { useState } from 'react';
import { IMAGE_PAGES_MAX, type ImageDraft, type ImagePage } from '../../../../electron/model/image-draft';
import { addPage, deletePage, duplicatePage, movePage } from '../../../../electron/model/image-edit';
import { t } from '../../i18n';
import { imageIdFor, useImageEditor } from '../../store/imageEditorStore';
import { IconButton } from '../../ui/Button';
import { DuplicateIcon, PlusIcon, TrashIcon } from '../../ui/icons';
import { BackgroundView, LayerView } from './LayerView';

const PAGE_DRAG = 'application/x-postframe-page';
const THUMB_H = 64;

/** Carousel pages as thumbnails: pick one to edit, drag to reorder, duplicate, delete, add (up to 20). */
export function PageStrip() {
  const doc = useImageEditor((s) => s.doc)!;
  const pageId = useImageEditor((s) => s.pageId);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const edit = useImageEditor((s) => s.edit);
  const full = doc.pages.length >= IMAGE_PAGES_MAX;
  const drop = (e: React.DragEvent, index: number) => {
    e.preventDefault();
    setDropAt(null);
    const id = e.dataTransfer.getData(PAGE_DRAG);
    const from = doc.pages.findIndex((p) => p.id === id);
    if (from < 0) return;
    edit((d) => movePage(d, id, from < index ? index - 1 : index));
  };
  return (
    <nav className="ie-pages" aria-label={t('imageEditor.pages')} data-testid="ie-pages" onDragLeave={() => setDropAt(null)}>
      <ol className="ie-pages__list">
        {doc.pages.map((p, i) => (
          <li
            key={p.id}
            className={`ie-page${p.id === pageId ? ' is-current' : ''}${dropAt === i ? ' is-drop-before' : ''}${dropAt === i + 1 && i === doc.pages.length - 1 ? ' is-drop-after' : ''}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(PAGE_DRAG, p.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(PAGE_DRAG)) return;
              e.preventDefault();
              const r = e.currentTarget.getBoundingClientRect();
              setDropAt(e.clientX > r.left + r.width / 2 ? i + 1 : i);
            }}
            onDrop={(e) => {
              const r = e.currentTarget.getBoundingClientRect();
              drop(e, e.clientX > r.left + r.width / 2 ? i + 1 : i);
            }}
            data-testid="ie-page"
            data-page-id={p.id}
            data-index={i}
          >
            <button
              type="button"
              className="ie-page__thumb"
              onClick={() => useImageEditor.getState().setPage(p.id)}
              onKeyDown={(e) => {
                // The keyboard's way to reorder (a drag needs a mouse): Alt+← / Alt+→ moves the page, focus follows it.
                const by = e.altKey && !e.ctrlKey && !e.metaKey ? (e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0) : 0;
                if (!by || i + by < 0 || i + by >= doc.pages.length) return;
                e.preventDefault();
                const thumb = e.currentTarget.closest('.ie-pages__list');
                edit((d) => movePage(d, p.id, i + by));
                requestAnimationFrame(() => thumb?.querySelector<HTMLElement>(`[data-page-id="${p.id}"] .ie-page__thumb`)?.focus());
              }}
              title={t('imageEditor.pageMoveHint')}
              aria-current={p.id === pageId ? 'page' : undefined} aria-label={t('imageEditor.pageN', { n: i + 1, count: doc.pages.length })} data-testid="ie-page-open">
              <PageThumb doc={doc} page={p} index={i} />
            </button>
            <span className="ie-page__foot">
              <span className="ie-page__num">{i + 1}</span>
              {p.id === pageId && (
                <>
                  <IconButton size="sm" label={t('imageEditor.duplicatePage')} icon={<DuplicateIcon size={14} />} disabled={full} onClick={() => edit((d) => duplicatePage(d, p.id, imageIdFor))} data-testid="ie-page-duplicate" />
                  <IconButton size="sm" label={t('imageEditor.deletePage')} icon={<TrashIcon size={14} />} disabled={doc.pages.length <= 1} onClick={() => edit((d) => deletePage(d, p.id))} data-testid="ie-page-delete" />
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
      <button type="button" className="ie-pages__add" disabled={full} onClick={() => edit((d) => addPage(d, pageId ?? d.pages.at(-1)!.id, imageIdFor))} title={full ? t('imageEditor.pagesFull', { max: IMAGE_PAGES_MAX }) : t('imageEditor.addPage')} data-testid="ie-page-add">
        <PlusIcon size={18} />
        <span>{t('imageEditor.addPage')}</span>
      </button>
      <span className="ie-pages__count">{t('imageEditor.pageCount', { count: doc.pages.length, max: IMAGE_PAGES_MAX })}</span>
    </nav>
  );
}

/** A small live picture of a page: the same DOM layers, scaled down. */
function PageThumb({ doc, page, index }: { doc: ImageDraft; page: ImagePage; index: number }) {
  const k = THUMB_H / doc.canvas.height;
  return (
    <span className="ie-page__canvas" style={{ width: doc.canvas.width * k, height: THUMB_H }}>
      <span className="ie-canvas" style={{ width: doc.canvas.width, height: doc.canvas.height, transform: `scale(${k})` }}>
        <BackgroundView background={doc.spread ?? page.background} canvas={doc.canvas} slice={doc.spread ? { index, count: doc.pages.length } : null} />
        {page.layers.map((l) => (
          <LayerView key={l.id} layer={l} canvas={doc.canvas} />
        ))}
      </span>
    </span>
  );
}
