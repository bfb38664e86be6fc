import { useState } from 'react';
import { shiftAll } from '../../../../../electron/model/caption-timing';
import { t } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { TextInput } from '../../../ui/TextInput';

/** "Shift all…": every caption of a track earlier or later by a typed number of seconds, one undo step. */
export function ShiftAllDialog({ open, trackId, trackName, onClose }: { open: boolean; trackId: string; trackName: string; onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    // A comma is a decimal point in many locales ("0,5").
    const seconds = Number(text.trim().replace(',', '.'));
    if (text.trim() === '' || !Number.isFinite(seconds)) {
      setError(t('captionRow.shiftBad'));
      return;
    }
    const r = useEditor.getState().edit((d) => shiftAll(d, trackId, seconds), { quiet: true });
    if (r && !r.ok) {
      setError(r.message);
      return;
    }
    setError(null);
    setText('');
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={t('captionRow.shiftTitle')}
      onClose={onClose}
      testId="caption-shift-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" onClick={apply} data-testid="caption-shift-apply">
            {t('captionRow.shiftApply')}
          </Button>
        </>
      }
    >
      <p>{t('captionRow.shiftBody', { name: trackName })}</p>
      <TextInput
        label={t('captionRow.shiftSeconds')}
        inputMode="decimal"
        value={text}
        error={error}
        autoFocus
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          }
        }}
        data-testid="caption-shift-seconds"
      />
    </Dialog>
  );
}
