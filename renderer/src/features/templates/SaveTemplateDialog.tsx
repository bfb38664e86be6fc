import { useState } from 'react';
import { call, errorText } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { flushEditor } from '../../store/editorStore';
import { flushImageEditor } from '../../store/imageEditorStore';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TemplateIcon } from '../../ui/icons';
import { TextInput } from '../../ui/TextInput';

/**
 * "Save as template" for the open draft (image or video): the draft is saved first, then a copy of it becomes a
 * template authored by the current profile (`templates.create`). The draft itself stays as it was.
 */
export function SaveTemplateButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* In a narrow editor header only its icon shows (editor.css): its name stays. */}
      <Button size="sm" variant="ghost" icon={<TemplateIcon size={16} />} onClick={() => setOpen(true)} aria-label={t('templates.saveAs')} title={t('templates.saveAs')} data-testid="save-as-template">
        {t('templates.saveAs')}
      </Button>
      {open && <SaveTemplateDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function SaveTemplateDialog({ onClose }: { onClose: () => void }) {
  const draftId = useStore((s) => s.openDraftId);
  const kind = useStore((s) => s.openDraftKind);
  const showToast = useStore((s) => s.showToast);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!draftId || busy) return;
    setBusy(true);
    try {
      await (kind === 'image' ? flushImageEditor() : flushEditor());
      const tpl = await call('templates.create', { draftId, name: name.trim() || undefined });
      showToast({ message: t('templates.saved', { name: tpl.name }), tone: 'success' });
      onClose();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title={t('templates.saveAsTitle')}
      onClose={onClose}
      testId="save-template-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" disabled={busy} onClick={() => void submit()} data-testid="save-template-confirm">
            {t('templates.saveAs')}
          </Button>
        </>
      }
    >
      <form
        className="new-draft"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextInput label={t('templates.nameLabel')} placeholder={t('templates.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="save-template-name" />
        <p className="field__hint">{t('templates.saveAsHint')}</p>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
