import type { ExportResult } from '../../../../electron/model/job';
import { shell } from '../../api/client';
import { exportUrl } from '../../api/media';
import { getLocale, t } from '../../i18n';
import { formatBytes, formatClock, formatDimensions } from '../../i18n/format';
import { type ExportFile, exportFileFacts, exportFiles } from './exportFilesLogic';
import { RevealExportButton } from './RevealExportButton';

/**
 * What a finished export made, file by file: the channels each is for, frame size, length and size, and a way to it:
 * Download per file in a browser (the files are on the server), Show in folder in the app (a post's files share
 * one folder). A channel export said only "Done" (walk #73).
 */
export function ExportFiles({ jobId, result }: { jobId: string; result: ExportResult }) {
  const files = exportFiles(result);
  return (
    <div className="export-files">
      <ul className="export-files__list" data-testid="export-files">
        {files.map((f) => (
          <li key={f.fileName} className="export-files__file" data-testid="export-file" data-output={f.output ?? ''}>
            <span className="export-files__text">
              <span className="export-files__name" title={f.fileName}>
                {f.label ?? f.fileName}
              </span>
              <span className="export-files__facts" data-testid="export-file-facts">
                {fileFacts(f)}
              </span>
            </span>
            {shell === 'browser' && (
              <a className="btn btn--secondary btn--sm" href={exportUrl(jobId, f.output)} download={f.fileName} data-testid="export-file-download">
                <span className="btn__label">{t('exports.download')}</span>
              </a>
            )}
          </li>
        ))}
      </ul>
      {shell === 'electron' && <RevealExportButton jobId={jobId} testId="export-files-reveal" />}
    </div>
  );
}

/** A file's facts in the app's locale: "1080×1920 · 0:12 · 3.4 MB". */
export function fileFacts(f: ExportFile): string {
  const locale = getLocale();
  return exportFileFacts(f, { dimensions: formatDimensions, clock: formatClock, bytes: (n) => formatBytes(n, locale) });
}

/** The (first) file an export made, as fileFacts says it (the Export dialog's "Done" line, a person's export in Jobs). */
export function madeFacts(result: ExportResult): string {
  return fileFacts(exportFiles(result)[0]!);
}
