import type { ImageLayer } from '../../../../electron/model/image-draft';
import { t, type MessageKey } from '../../i18n';
import { useImageEditor } from '../../store/imageEditorStore';
import { marksFor, setTemplateMark, type TemplateMarkChoice } from '../../../../electron/model/image-template-edit';
import { RadioGroup } from '../../ui/RadioGroup';

/**
 * The inspector's "In a template" control for one layer: free, locked (a brand element creators cannot move,
 * change or delete in drafts made from the template) or placeholder (a photo or text a creator replaces).
 * Admins set it; everyone sees it, with why it is not theirs to change.
 */
export function TemplateMarkSection({ layer, pageId }: { layer: ImageLayer; pageId: string }) {
  // The image editor's actor (the one its saves carry): may it change a template's marks?
  const admin = useImageEditor((s) => s.templateAdmin);
  const current: TemplateMarkChoice = layer.template ?? 'none';
  return (
    <section className="insp-section" data-testid="ie-template-mark">
      <h3 className="insp-section__title">{t('templates.mark')}</h3>
      <RadioGroup className="segmented segmented--full" aria-label={t('templates.mark')}>
        {marksFor(layer).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={current === m}
            className="segmented__item"
            disabled={!admin}
            onClick={() => useImageEditor.getState().edit((d) => setTemplateMark(d, pageId, [layer.id], m === 'none' ? null : m), { key: null, select: false, raw: true })}
            data-testid={`ie-mark-${m}`}
          >
            {t(`templates.mark.${m}` as MessageKey)}
          </button>
        ))}
      </RadioGroup>
      <p className="insp__note">{admin ? t('templates.markHint') : t('templates.markAdminOnly')}</p>
    </section>
  );
}
