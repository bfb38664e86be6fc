import type { ReactNode } from 'react';
import { t } from '../../../i18n';

/** One way to get captions on the empty panel: a title, a line saying what it does, and its button (if any). */
export type CaptionWay = { id: string; title: string; body: string; action?: ReactNode };

/**
 * The Captions tab of a draft without captions: the ways to get them, each with its button. The panel passes
 * import and "add at the playhead"; more ways (Sync to script, Auto-captions) are added by passing them in `ways`.
 */
export function CaptionsEmpty({ ways, note }: { ways: readonly CaptionWay[]; note?: ReactNode }) {
  return (
    <div className="captions-empty" data-testid="captions-empty">
      <h3 className="captions-empty__title">{t('captions.emptyTitle')}</h3>
      <p className="captions-empty__lead">{t('captions.emptyLead')}</p>
      <ul className="captions-empty__ways">
        {ways.map((w) => (
          <li key={w.id} className="captions-empty__way" data-testid={`captions-way-${w.id}`}>
            <strong>{w.title}</strong>
            <span>{w.body}</span>
            {w.action}
          </li>
        ))}
      </ul>
      {note && <p className="captions-empty__note">{note}</p>}
    </div>
  );
}
