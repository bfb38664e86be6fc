import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { captionJobWays } from './captions/CaptionJobButtons';
import { CaptionsPanel } from './captions/CaptionsPanel';
import { MediaBin } from './MediaBin';

type Tab = 'media' | 'captions';
const TABS: Tab[] = ['media', 'captions'];

/**
 * The editor's left column: the media bin and the caption cue list as two tabs (WAI-ARIA tabs: arrows move
 * between them, Home/End jump). The media bin stays mounted so its search survives a look at the captions.
 */
export function LeftColumn() {
  const [tab, setTab] = useState<Tab>('media');
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ media: null, captions: null });

  const choose = (next: Tab, focus = false) => {
    setTab(next);
    if (focus) refs.current[next]?.focus();
  };

  // A caption cue focused elsewhere (the timeline's caption row) opens the list it belongs to.
  useEffect(
    () =>
      useEditor.subscribe((s, prev) => {
        if (s.cueFocus && s.cueFocus !== prev.cueFocus) setTab('captions');
      }),
    [],
  );

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.indexOf(tab);
    const to = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : null;
    if (!to) return;
    // The editor's own arrow keys (frame steps) must not also run.
    e.preventDefault();
    choose(to, true);
  };

  return (
    <aside className="side" aria-label={t('side.label')} data-tab={tab} data-region="media">
      <div className="side__tabs" role="tablist" aria-label={t('side.label')} onKeyDown={onKey}>
        {TABS.map((k) => (
          <button
            key={k}
            ref={(el) => {
              refs.current[k] = el;
            }}
            type="button"
            role="tab"
            id={`side-tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`side-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            className="side__tab"
            onClick={() => choose(k)}
            data-testid={`side-tab-${k}`}
          >
            {t(k === 'media' ? 'bin.title' : 'side.captions')}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="side-panel-media" aria-labelledby="side-tab-media" hidden={tab !== 'media'} className="side__panel">
        <MediaBin />
      </div>
      {tab === 'captions' && (
        <div role="tabpanel" id="side-panel-captions" aria-labelledby="side-tab-captions" className="side__panel">
          <CaptionsPanel extraWays={captionJobWays()} />
        </div>
      )}
    </aside>
  );
}
