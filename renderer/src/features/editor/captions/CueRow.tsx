import { memo, useRef, type KeyboardEvent } from 'react';
import type { CaptionFinding } from '../../../../../electron/model/caption-checks';
import type { CaptionCue } from '../../../../../electron/model/caption-track';
import { t } from '../../../i18n';
import { cx, IconButton } from '../../../ui/Button';
import { AlertIcon, MergeIcon, SplitIcon, TrashIcon } from '../../../ui/icons';
import { cueTextKey, cueClock } from './cueListLogic';
import { findingFixLabel, findingLabel, findingText } from './findingText';

export type CueRowActions = {
  /** Row or time clicked: focus the cue (and seek, for the time). */
  focus: (cueId: string, seek: boolean) => void;
  startEdit: (cueId: string) => void;
  /** The text editor's value committed (Enter, or focus left it). */
  commit: (cueId: string, value: string) => void;
  cancel: () => void;
  /** Split: at `at` (cursor in `value`, the editor's text) when editing, else at the last cursor or the playhead. */
  split: (cueId: string, edit: { value: string; at: number } | null) => void;
  merge: (cueId: string, editValue: string | null) => void;
  remove: (cueId: string) => void;
  fix: (finding: CaptionFinding) => void;
  /** The caret in the text editor moved: remembered for "Split at cursor" from the buttons. */
  cursor: (cueId: string, value: string, at: number) => void;
  rowKey: (e: KeyboardEvent<HTMLDivElement>, cueId: string) => void;
};

type Props = {
  cue: CaptionCue;
  index: number;
  findings: readonly CaptionFinding[] | undefined;
  active: boolean;
  focused: boolean;
  editing: boolean;
  /** Tab stop of the list (roving tabindex): the focused row, else the first. */
  tabStop: boolean;
  actions: CueRowActions;
  measure: (el: HTMLElement | null) => void;
  start: number;
};

/** One caption in the list: its times (seek), its text (edit inline), actions, and its reading-check findings. */
export const CueRow = memo(function CueRow({ cue, index, findings, active, focused, editing, tabStop, actions, measure, start }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  const onTextKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const k = cueTextKey({ ...e, isComposing: e.nativeEvent.isComposing });
    if (!k) return;
    e.preventDefault();
    e.stopPropagation();
    const el = e.currentTarget;
    done.current = true;
    if (k === 'commit') actions.commit(cue.id, el.value);
    else if (k === 'cancel') actions.cancel();
    else if (k === 'split') actions.split(cue.id, { value: el.value, at: el.selectionStart });
    else actions.merge(cue.id, el.value);
  };
  const rememberCursor = () => {
    const el = area.current;
    if (el) actions.cursor(cue.id, el.value, el.selectionStart);
  };
  return (
    <div
      ref={measure}
      data-index={index}
      className={cx('cue', active && 'cue--active', focused && 'cue--focused', findings && 'cue--finding')}
      style={{ transform: `translateY(${start}px)` }}
      role="listitem"
      aria-current={active ? 'time' : undefined}
      aria-label={t('captions.cueLabel', { n: index + 1, start: cueClock(cue.startSec), end: cueClock(cue.endSec) })}
      tabIndex={tabStop ? 0 : -1}
      data-testid="cue-row"
      data-cue-id={cue.id}
      data-active={active}
      onKeyDown={(e) => actions.rowKey(e, cue.id)}
      onClick={(e) => e.target === e.currentTarget && actions.focus(cue.id, false)}
    >
      <div className="cue__head">
        <button type="button" className="cue__time" tabIndex={-1} onClick={() => actions.focus(cue.id, true)} title={t('captions.seek')} data-testid="cue-time">
          <span className="cue__n">{index + 1}</span>
          {cueClock(cue.startSec)} – {cueClock(cue.endSec)}
        </button>
        <span className="cue__actions">
          <IconButton size="sm" tabIndex={-1} label={t('captions.split')} icon={<SplitIcon size={14} />} onMouseDown={rememberCursor} onClick={() => actions.split(cue.id, null)} data-testid="cue-split" />
          <IconButton size="sm" tabIndex={-1} label={t('captions.merge')} icon={<MergeIcon size={14} />} onClick={() => actions.merge(cue.id, null)} data-testid="cue-merge" />
          <IconButton size="sm" tabIndex={-1} label={t('captions.delete')} icon={<TrashIcon size={14} />} onClick={() => actions.remove(cue.id)} data-testid="cue-delete" />
        </span>
      </div>
      {editing ? (
        <textarea
          ref={area}
          className="cue__editor"
          defaultValue={cue.text}
          rows={Math.max(2, cue.text.split('\n').length)}
          aria-label={t('captions.textLabel')}
          aria-describedby="captions-edit-hint"
          autoFocus
          onFocus={(e) => {
            done.current = false;
            // A caption just added holds a stand-in text: selected, so typing replaces it.
            if (cue.text === t('captions.newCueText')) e.currentTarget.select();
          }}
          onChange={() => (done.current = false)}
          onKeyDown={onTextKey}
          onSelect={rememberCursor}
          onBlur={(e) => {
            if (!done.current) actions.commit(cue.id, e.currentTarget.value);
          }}
          data-testid="cue-editor"
        />
      ) : (
        <p className="cue__text" onClick={() => actions.startEdit(cue.id)} data-testid="cue-text">
          {cue.text}
        </p>
      )}
      {findings?.map((f) => (
        <div key={f.check} className="cue__finding" data-testid="cue-finding" data-check={f.check}>
          <AlertIcon size={14} className="cue__finding-icon" />
          <span className="cue__badge">{findingLabel(f)}</span>
          <span className="cue__finding-text">{findingText(f)}</span>
          {f.fix && (
            <button type="button" className="cue__fix" tabIndex={focused ? 0 : -1} onClick={() => actions.fix(f)} data-testid="cue-fix">
              {findingFixLabel(f)}
            </button>
          )}
        </div>
      ))}
    </div>
  );
});
