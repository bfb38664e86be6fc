import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { mod, shortcuts } from './editorShortcuts';
import { groupShortcuts, keyCapParts, type ShortcutRow } from './shortcutSheetLogic';

/**
 * A list of shortcuts in a dialog: the video editor's by default (grouped), the image editor passes its own
 * ({mod}: Ctrl or ⌘). The search box (focused on open) narrows the rows as one types; the list scrolls and can
 * be scrolled from the keyboard (it takes focus by Tab).
 */
export function ShortcutSheet({ open, onClose, list = shortcuts, testId = 'shortcut-sheet' }: { open: boolean; onClose: () => void; list?: ShortcutRow[]; testId?: string }) {
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  // After the dialog opened (its effect runs first): typing searches at once.
  useEffect(() => {
    if (open) searchRef.current?.focus();
  }, [open]);
  const groups = groupShortcuts(list, query, (k) => t(k).replaceAll('{mod}', mod));
  const close = () => {
    setQuery('');
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={t('keys.title')}
      onClose={close}
      testId={testId}
      wide
      footer={
        <Button variant="primary" onClick={close}>
          {t('action.close')}
        </Button>
      }
    >
      <input
        ref={searchRef}
        type="search"
        className="input shortcuts__search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('keys.search')}
        aria-label={t('keys.search')}
        data-testid="shortcut-search"
      />
      <div className="shortcuts" tabIndex={0} role="region" aria-label={t('keys.title')} data-testid="shortcut-list">
        {groups.length === 0 && <p className="field__hint">{t('keys.none', { query })}</p>}
        {groups.map((g) => (
          <section key={g.title ?? ''} className="shortcuts__group" data-testid="shortcut-group">
            {g.title && <h3 className="shortcuts__title">{t(g.title)}</h3>}
            <dl>
              {g.rows.map((s) => (
                <div key={s.action} className="shortcuts__row">
                  <dt>
                    {s.keys.map((k) => (
                      <kbd key={k}>
                        {keyCapParts(k.replaceAll('{mod}', mod)).map((p, i) =>
                          p.arrow ? (
                            <span key={i} className="kbd-arrow">
                              {p.text}
                            </span>
                          ) : (
                            p.text
                          ),
                        )}
                      </kbd>
                    ))}
                  </dt>
                  <dd>{t(s.action)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
