import { useState } from 'react';
import { languageName } from '../../../../../electron/model/caption-track';
import { t } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { TextInput } from '../../../ui/TextInput';
import { languageChoices } from './cueListLogic';

/** Name and language of a caption track: for a new track, a renamed one, or a file being imported. */
export function TrackFields({ name, language, onName, onLanguage }: { name: string; language: string; onName: (v: string) => void; onLanguage: (v: string) => void }) {
  return (
    <div className="track-fields">
      <TextInput label={t('captions.trackName')} value={name} maxLength={80} onChange={(e) => onName(e.target.value)} data-testid="track-name" />
      <label className="field">
        <span className="field__label">{t('captions.trackLanguage')}</span>
        <select
          className="select"
          value={language}
          onChange={(e) => {
            // A name that was just the old language's follows the new one.
            if (name === languageName(language)) onName(languageName(e.target.value));
            onLanguage(e.target.value);
          }}
          data-testid="track-language"
        >
          {languageChoices(language).map((l) => (
            <option key={l} value={l}>
              {l === 'und' ? t('captions.languageUnknown') : `${languageName(l)} (${l})`}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The New track / Rename track dialog. `initial` null: closed. */
export function TrackDialog({ initial, title, submit, onSubmit, onClose }: { initial: { name: string; language: string } | null; title: string; submit: string; onSubmit: (name: string, language: string) => boolean; onClose: () => void }) {
  return (
    <Dialog open={initial !== null} title={title} onClose={onClose} testId="track-dialog">
      {initial && <TrackForm initial={initial} submit={submit} onSubmit={onSubmit} onClose={onClose} />}
    </Dialog>
  );
}

function TrackForm({ initial, submit, onSubmit, onClose }: { initial: { name: string; language: string }; submit: string; onSubmit: (name: string, language: string) => boolean; onClose: () => void }) {
  const [name, setName] = useState(initial.name);
  const [language, setLanguage] = useState(initial.language);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (onSubmit(name, language)) onClose();
      }}
    >
      <TrackFields name={name} language={language} onName={setName} onLanguage={setLanguage} />
      <div className="dialog__footer">
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button variant="primary" type="submit" disabled={name.trim() === ''} data-testid="track-submit">
          {submit}
        </Button>
      </div>
    </form>
  );
}
