import { useState } from 'react';
import { t, tn } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import type { ReadSubtitles } from './captionActions';
import { TrackFields } from './TrackDialog';

/**
 * What an imported subtitle file gave: the captions read and any warnings (with their lines), with the new
 * track's name and language to confirm; or, for a file that cannot be used, every problem with its line.
 */
export function ImportDialog({ read, onAdd, onClose }: { read: ReadSubtitles | null; onAdd: (name: string, language: string) => void; onClose: () => void }) {
  return (
    <Dialog open={read !== null} title={read?.ok === false ? t('captions.importFailed') : t('captions.importTitle')} onClose={onClose} testId="captions-import" wide>
      {read && <ImportBody key={read.fileName} read={read} onAdd={onAdd} onClose={onClose} />}
    </Dialog>
  );
}

function ImportBody({ read, onAdd, onClose }: { read: ReadSubtitles; onAdd: (name: string, language: string) => void; onClose: () => void }) {
  const [name, setName] = useState(read.ok ? read.name : '');
  const [language, setLanguage] = useState(read.ok ? read.language : 'en');
  if (!read.ok) {
    return (
      <>
        <p className="import__file">{read.fileName}</p>
        {read.problems.length > 0 ? (
          <>
            <p>{t('captions.importProblems')}</p>
            <Notes notes={read.problems} testId="import-problem" />
          </>
        ) : (
          <p data-testid="import-problem">{read.message}</p>
        )}
        <div className="dialog__footer">
          <Button variant="primary" onClick={onClose}>
            {t('action.close')}
          </Button>
        </div>
      </>
    );
  }
  const { parsed } = read;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onAdd(name, language);
      }}
    >
      <p className="import__file" data-testid="import-summary">
        {read.fileName} · {tn('captions.importCount', parsed.cues.length)} · {parsed.format.toUpperCase()}
      </p>
      {parsed.warnings.length > 0 && (
        <>
          <p>{t('captions.importWarnings')}</p>
          <Notes notes={parsed.warnings} testId="import-warning" />
        </>
      )}
      <TrackFields name={name} language={language} onName={setName} onLanguage={setLanguage} />
      <div className="dialog__footer">
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button variant="primary" type="submit" disabled={name.trim() === ''} data-testid="import-add">
          {t('captions.importAdd')}
        </Button>
      </div>
    </form>
  );
}

function Notes({ notes, testId }: { notes: readonly { line: number | null; message: string }[]; testId: string }) {
  return (
    <ul className="import__notes">
      {notes.map((n, i) => (
        <li key={i} data-testid={testId}>
          {n.line !== null && <span className="import__line">{t('captions.line', { n: n.line })}</span>}
          {n.message}
        </li>
      ))}
    </ul>
  );
}
