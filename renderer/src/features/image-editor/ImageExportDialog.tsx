import { useEffect, useState } from 'react';
import { channelLimits } from '../../../../electron/model/channels';
import type { ImageExportEntry, ImageExportResult } from '../../../../electron/model/image-export-job';
import { imageExportChannels, imageExportSettings } from '../../../../electron/model/image-export-settings';
import { imageExtensions, type ImageFormat } from '../../../../electron/model/image-format';
import { imageExportResultOf, isFinished } from '../../../../electron/model/job';
import type { ChannelId } from '../../../../electron/model/post';
import { call, errorText, shell } from '../../api/client';
import { imageExportUrl } from '../../api/media';
import { getLocale, t } from '../../i18n';
import { formatBytes, formatDateTime, formatDimensions } from '../../i18n/format';
import { useStore } from '../../store';
import { flushImageEditor, useImageEditor } from '../../store/imageEditorStore';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ProgressBar } from '../../ui/ProgressBar';
import { ExportChoice } from '../editor/ExportChoice';
import { RevealExportButton } from '../jobs/RevealExportButton';
import { exportBytes, finishedImageExportsKey, qualityNote } from './imageExportReport';
import '../jobs/exports.css';

const formatLabel: Record<ImageFormat, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF' };
const channelLabel = (c: ChannelId | null) => (c ? channelLimits[c].label : t('imageExport.noChannel'));
/** Aspect as creators say it (4:5, 1.91:1), to two decimals otherwise. */
function aspectText(a: number): string {
  for (const [w, h] of [[4, 5], [1, 1], [9, 16], [16, 9], [1, 3], [3, 1]] as const) if (Math.abs(a - w / h) < 0.005) return `${w}:${h}`;
  return `${Number(a.toFixed(2))}:1`;
}

/**
 * Export of an image post or carousel (docs/image-editor.md "Export"): a channel preset (its pixel width and
 * file-size limit from the channel table) or none, a format the channel takes, numbered files or one PDF for a
 * LinkedIn document post → the `images.export` job with progress and Cancel, then a report per file (pixel size,
 * bytes, the quality used and whether it was stepped down to fit) with a Download each (browser mode) or Show in
 * folder (the app), and the draft's earlier exports.
 */
export function ImageExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const draftId = useImageEditor((s) => s.draftId);
  const canvas = useImageEditor((s) => s.doc?.canvas ?? null);
  const pages = useImageEditor((s) => s.doc?.pages.length ?? 0);
  const name = useImageEditor((s) => s.doc?.name ?? '');
  const [channel, setChannel] = useState<ChannelId | null>(null);
  const [format, setFormat] = useState<ImageFormat>('jpeg');
  const [pdf, setPdf] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const cancelJob = useStore((s) => s.cancelJob);
  const running = jobId !== null && (!job || !isFinished(job.status));

  if (!canvas || !draftId) return null;
  const s = imageExportSettings(canvas, pages, { channel, format, pdf });
  const size = formatDimensions(s.width, s.height);
  const source = channel ? channelLimits[channel].image?.source : undefined;
  const sourceText = source ? t('imageExport.source', { page: source.page, checked: source.checked }) : '';
  const base = name.trim() || 'post';

  const start = async () => {
    setError(null);
    if (pages === 0) return setError(t('imageExport.empty'));
    try {
      await flushImageEditor();
      const { jobId: id } = await call('images.export', { draftId, ...s.input });
      setJobId(id);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const close = () => {
    if (job && isFinished(job.status)) setJobId(null);
    onClose();
  };
  const result = job ? imageExportResultOf(job) : null;

  return (
    <Dialog
      open={open}
      title={pages > 1 ? t('imageExport.titleCarousel', { count: pages }) : t('imageExport.title')}
      onClose={close}
      testId="image-export-dialog"
      wide
      footer={
        running ? (
          <Button variant="danger" onClick={() => jobId && void cancelJob(jobId)} data-testid="image-export-cancel">
            {t('action.cancel')}
          </Button>
        ) : (
          <>
            <Button variant="ghost" onClick={close}>
              {t('action.close')}
            </Button>
            <Button variant="primary" onClick={() => void start()} data-testid="image-export-start">
              {job?.status === 'done' ? t('export.again') : t('export.start')}
            </Button>
          </>
        )
      }
    >
      <div className="export image-export">
        <ExportChoice
          label={t('imageExport.channel')}
          value={channel ?? 'none'}
          options={[{ value: 'none', label: t('imageExport.noChannel') }, ...imageExportChannels.map((c) => ({ value: c, label: channelLimits[c].label }))]}
          onChange={(v) => setChannel(v === 'none' ? null : v)}
          disabled={running}
          testId="image-export-channel"
          hintTitle={sourceText}
          hint={
            channel === null
              ? t('imageExport.canvasHint', { size })
              : s.maxBytes === null
                ? t('imageExport.channelHintNoLimit', { size, checked: source?.checked ?? '' })
                : t('imageExport.channelHint', { size, limit: formatBytes(s.maxBytes, getLocale()), checked: source?.checked ?? '' })
          }
        />
        {s.aspectOutside && (
          <p className="field__error" role="alert" data-testid="image-export-aspect">
            {t('imageExport.aspectOutside', {
              channel: channelLabel(channel),
              min: s.aspectOutside.min === null ? '—' : aspectText(s.aspectOutside.min),
              max: s.aspectOutside.max === null ? '—' : aspectText(s.aspectOutside.max),
              aspect: aspectText(canvas.width / canvas.height),
            })}
          </p>
        )}
        <ExportChoice
          label={t('imageExport.format')}
          value={s.format}
          options={s.formats.map((f) => ({ value: f, label: formatLabel[f], disabled: s.pdf && f !== 'jpeg' }))}
          onChange={setFormat}
          disabled={running}
          testId="image-export-format"
          hint={s.pdf ? t('imageExport.formatPdf') : channel ? t('imageExport.formatHint', { channel: channelLabel(channel), formats: s.formats.map((f) => formatLabel[f]).join(', ') }) : s.format === 'avif' ? t('imageExport.formatAvif') : undefined}
        />
        {pages > 1 &&
          (s.pdfOffered ? (
            <ExportChoice
              label={t('imageExport.carousel')}
              value={s.pdf ? 'pdf' : 'files'}
              options={[
                { value: 'files', label: t('imageExport.numbered') },
                { value: 'pdf', label: t('imageExport.onePdf') },
              ]}
              onChange={(v) => setPdf(v === 'pdf')}
              disabled={running}
              testId="image-export-as"
              hint={s.pdf ? t('imageExport.pdfHint') : t('imageExport.numberedHint', { first: `${base}-01.${imageExtensions[s.format]}`, second: `${base}-02.${imageExtensions[s.format]}` })}
            />
          ) : (
            <p className="field__hint">{t('imageExport.numberedHint', { first: `${base}-01.${imageExtensions[s.format]}`, second: `${base}-02.${imageExtensions[s.format]}` })}</p>
          ))}
        {s.tooManyPages !== null && (
          <p className="field__error" role="alert" data-testid="image-export-too-many">
            {t('imageExport.tooManyPages', { channel: channelLabel(channel), max: s.tooManyPages, count: pages })}
          </p>
        )}
        {error && (
          <p className="field__error" role="alert" data-testid="image-export-error">
            {error}
          </p>
        )}
        {job && (
          <div className="export__job" data-testid="image-export-job" data-job-id={job.id} data-status={job.status}>
            {!isFinished(job.status) && <ProgressBar value={job.status === 'queued' ? null : job.progress} label={t('export.progress')} testId="image-export-progress" />}
            <p className="export__status" role="status">
              {job.status === 'done' && result
                ? result.files.length === 1 && !result.pdf
                  ? t('imageExport.doneOne', { size: formatBytes(exportBytes(result), getLocale()) })
                  : t('imageExport.done', { count: result.files.length + (result.pdf ? 1 : 0), size: formatBytes(exportBytes(result), getLocale()) })
                : job.status === 'failed'
                  ? job.error
                    ? t('imageExport.failed', { reason: job.error.endsWith('.') ? job.error : `${job.error}.` })
                    : t('imageExport.failedNoReason')
                  : job.status === 'cancelled'
                    ? t('imageExport.cancelled')
                    : job.status === 'queued'
                      ? t('jobs.status.queued')
                      : `${t('imageExport.running', { pct: Math.round((job.progress ?? 0) * 100) })}${job.detail ? ` · ${job.detail}` : ''}`}
            </p>
            {job.status === 'done' && result && <ExportReport jobId={job.id} result={result} />}
          </div>
        )}
        <ImageExportHistory draftId={draftId} enabled={open} />
      </div>
    </Dialog>
  );
}

/** The finished export's files: name, pixel size, bytes, quality (stepped down or not), Download each. */
function ExportReport({ jobId, result }: { jobId: string; result: ImageExportResult }) {
  const locale = getLocale();
  const limit = result.maxBytes === null ? '' : formatBytes(result.maxBytes, locale);
  return (
    <>
      <table className="image-export__files" data-testid="image-export-report">
        <thead>
          <tr>
            <th>{t('imageExport.file')}</th>
            <th>{t('imageExport.size')}</th>
            <th>{t('imageExport.bytes')}</th>
            <th>{t('imageExport.quality')}</th>
            {shell === 'browser' && <th aria-label={t('imageExport.download')} />}
          </tr>
        </thead>
        <tbody>
          {result.files.map((f, i) => {
            const note = qualityNote(f, result.format);
            return (
              <tr key={f.fileName} data-testid="image-export-file" data-file-name={f.fileName} data-width={f.width} data-height={f.height} data-bytes={f.sizeBytes} data-quality={f.quality ?? ''} data-note={note.kind}>
                <td className="image-export__name" title={f.outputPath}>
                  {f.fileName}
                </td>
                <td className="mono">{formatDimensions(f.width, f.height)}</td>
                <td className="mono">{formatBytes(f.sizeBytes, locale)}</td>
                <td className={note.kind === 'over' ? 'image-export__over' : undefined}>
                  {note.kind === 'lossless'
                    ? t('imageExport.q.lossless')
                    : note.kind === 'best'
                      ? t('imageExport.q.best', { quality: note.quality })
                      : note.kind === 'stepped'
                        ? t('imageExport.q.stepped', { quality: note.quality, limit })
                        : note.quality === null
                          ? t('imageExport.q.overLossless', { limit })
                          : t('imageExport.q.over', { limit, quality: note.quality })}
                </td>
                {shell === 'browser' && (
                  <td>
                    <a className="btn btn--secondary btn--sm" href={imageExportUrl(jobId, i + 1)} download={f.fileName} aria-label={t('imageExport.downloadName', { name: f.fileName })} data-testid="image-export-download">
                      <span className="btn__label">{t('imageExport.download')}</span>
                    </a>
                  </td>
                )}
              </tr>
            );
          })}
          {result.pdf && (
            <tr data-testid="image-export-pdf" data-file-name={result.pdf.fileName}>
              <td className="image-export__name">{result.pdf.fileName}</td>
              <td>{t('imageExport.pdfRow', { pages: result.pdf.pages })}</td>
              <td className="mono">{formatBytes(result.pdf.sizeBytes, locale)}</td>
              <td />
              {shell === 'browser' && (
                <td>
                  <a className="btn btn--secondary btn--sm" href={imageExportUrl(jobId, 'pdf')} download={result.pdf.fileName} data-testid="image-export-download-pdf">
                    <span className="btn__label">{t('imageExport.download')}</span>
                  </a>
                </td>
              )}
            </tr>
          )}
        </tbody>
      </table>
      {shell === 'electron' && <RevealExportButton jobId={jobId} size="md" variant="primary" className="export__download" testId="image-export-reveal" />}
      <p className="export__path mono" title={result.dir}>
        {result.dir}
      </p>
    </>
  );
}

/** The draft's earlier image exports (`images.exports`), newest first; reloaded when one finishes or the window returns. */
function ImageExportHistory({ draftId, enabled }: { draftId: string; enabled: boolean }) {
  const [entries, setEntries] = useState<ImageExportEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [visits, setVisits] = useState(0);
  const finished = useStore((s) => finishedImageExportsKey(s.jobs, draftId));
  const locale = getLocale();

  useEffect(() => {
    if (!enabled) return;
    const onVisible = () => document.visibilityState === 'visible' && setVisits((n) => n + 1);
    window.addEventListener('focus', onVisible);
    return () => window.removeEventListener('focus', onVisible);
  }, [enabled]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    call('images.exports', { draftId }).then(
      (list) => {
        if (!live) return;
        setEntries(list);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [draftId, enabled, finished, visits]);

  return (
    <section className="export-history" aria-label={t('imageExport.history')} data-testid="image-export-history">
      <h3 className="field__label">{t('imageExport.history')}</h3>
      {error ? (
        <p className="field__error" role="alert">
          {t('exports.loadFailed', { reason: error })}
        </p>
      ) : entries.length === 0 ? (
        <p className="field__hint">{t('imageExport.historyEmpty')}</p>
      ) : (
        <ul className="export-history__list">
          {entries.map((e) => {
            const meta = { when: formatDateTime(e.finishedAt, locale), format: formatLabel[e.format], channel: channelLabel(e.channel), count: e.files.length, size: formatBytes(exportBytes(e), locale) };
            const anyThere = e.files.some((f) => f.available);
            return (
              <li key={e.jobId} className={`export-entry${anyThere ? '' : ' export-entry--gone'}`} data-testid="image-export-entry" data-job-id={e.jobId}>
                <div className="export-entry__text">
                  <span className="export-entry__name">{e.files.length === 1 ? e.files[0]!.fileName : e.pdf ? e.pdf.fileName : `${e.files[0]?.fileName ?? ''} …`}</span>
                  <span className="export-entry__meta">{t(e.files.length === 1 ? 'imageExport.historyMetaOne' : 'imageExport.historyMeta', meta)}</span>
                </div>
                {shell === 'electron' ? (
                  anyThere ? (
                    <RevealExportButton jobId={e.jobId} testId="image-export-entry-reveal" />
                  ) : (
                    <span className="export-entry__gone">{t('exports.gone')}</span>
                  )
                ) : (
                  <span className="image-export__links">
                    {e.files.map((f, i) =>
                      f.available ? (
                        <a key={f.fileName} className="btn btn--secondary btn--sm" href={imageExportUrl(e.jobId, i + 1)} download={f.fileName} title={f.fileName} aria-label={t('imageExport.downloadName', { name: f.fileName })} data-testid="image-export-entry-download">
                          <span className="btn__label">{e.files.length === 1 ? t('imageExport.download') : String(i + 1).padStart(2, '0')}</span>
                        </a>
                      ) : (
                        <span key={f.fileName} className="export-entry__gone" title={f.fileName}>
                          {e.files.length === 1 ? t('exports.gone') : t('imageExport.gone')}
                        </span>
                      ),
                    )}
                    {e.pdf && (
                      <a className="btn btn--secondary btn--sm" href={imageExportUrl(e.jobId, 'pdf')} download={e.pdf.fileName} data-testid="image-export-entry-pdf">
                        <span className="btn__label">PDF</span>
                      </a>
                    )}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
