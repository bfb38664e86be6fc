import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { checkTrack } from '../../../../../electron/model/caption-checks';
import { applyCaptionFix, deleteCue, mergeWithNext, setCueText, splitCue } from '../../../../../electron/model/caption-edits';
import { type CaptionTrack, normalizeCueText } from '../../../../../electron/model/caption-track';
import { t } from '../../../i18n';
import { useStore } from '../../../store';
import { useEditor } from '../../../store/editorStore';
import { addCaptionAtPlayhead, runCaptionEdit, seekToCue } from './captionActions';
import { cueIndexAt, cueListKey, estimateRowHeight, findingsByCue, normalizedOffset, splitOffsetAtTime } from './cueListLogic';
import { CueRow, type CueRowActions } from './CueRow';

/**
 * The cues of one track, windowed (TanStack Virtual, rows measured as they render): only the rows in view are in
 * the page, so a track of thousands of cues scrolls and plays as smoothly as one of ten. The cue under the
 * playhead is marked and scrolled into view while playing, unless a caption is being edited.
 */
export function CueList({ track, editing, setEditing }: { track: CaptionTrack; editing: string | null; setEditing: (cueId: string | null) => void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const cues = track.cues;
  const findings = useMemo(() => findingsByCue(checkTrack(track)), [track]);
  const active = useEditor((s) => cueIndexAt(cues, s.playhead));
  const playing = useEditor((s) => s.playing);
  const focusedId = useEditor((s) => (s.cueFocus?.trackId === track.id ? s.cueFocus.cueId : null));
  const focusedIndex = useMemo(() => (focusedId ? cues.findIndex((c) => c.id === focusedId) : -1), [cues, focusedId]);
  const editingRef = useRef(editing);
  useEffect(() => {
    editingRef.current = editing;
  }, [editing]);
  const editingIndex = useMemo(() => (editing ? cues.findIndex((c) => c.id === editing) : -1), [cues, editing]);
  /** The last caret place in a cue's editor, for "Split at cursor" from the button after the editor closed. */
  const lastCursor = useRef<{ cueId: string; value: string; at: number } | null>(null);

  // TanStack Virtual returns fresh functions each render by design; the React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: cues.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateRowHeight(cues[i]!, findings.get(cues[i]!.id)?.length ?? 0),
    getItemKey: (i) => cues[i]!.id,
    overscan: 6,
    // The row being edited (and the focused one) stays in the page when scrolled away: its editor keeps its text.
    rangeExtractor: useCallback(
      (range: Range) => {
        const out = new Set(defaultRangeExtractor(range));
        for (const i of [editingIndex, focusedIndex]) if (i >= 0 && i < range.count) out.add(i);
        return [...out].sort((a, b) => a - b);
      },
      [editingIndex, focusedIndex],
    ),
  });

  useEffect(() => {
    if (playing && active >= 0 && editing === null) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, playing, editing, virtualizer]);

  // A cue focused elsewhere (the timeline's caption row, a new caption) is scrolled to (the focused row is always
  // rendered: rangeExtractor).
  useEffect(() => {
    if (focusedIndex >= 0) virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
  }, [focusedIndex, virtualizer]);

  const actions = useMemo<CueRowActions>(() => {
    // The row takes the page's focus too (after React has rendered it), so the list's keys work next.
    const focusRow = (cueId: string) => {
      useEditor.getState().focusCue({ trackId: track.id, cueId });
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-cue-id="${CSS.escape(cueId)}"]`)?.focus());
    };
    const cueOf = (cueId: string) => useEditor.getState().doc?.captions?.find((x) => x.id === track.id)?.cues.find((c) => c.id === cueId) ?? null;
    const afterEdit = (r: ReturnType<typeof runCaptionEdit>, focusId: string | null) => {
      if (!r?.ok) return false;
      setEditing(null);
      if (focusId) focusRow(focusId);
      return true;
    };
    const a: CueRowActions = {
      focus: (cueId, seek) => {
        const cue = cueOf(cueId);
        if (!cue) return;
        if (seek) seekToCue(track.id, cueId, cue.startSec);
        focusRow(cueId);
      },
      startEdit: (cueId) => {
        useEditor.getState().focusCue({ trackId: track.id, cueId });
        setEditing(cueId);
      },
      commit: (cueId, value) => {
        afterEdit(runCaptionEdit(setCueText(track.id, cueId, value)), cueId);
      },
      cancel: () => {
        const id = editingRef.current;
        setEditing(null);
        if (id) focusRow(id);
      },
      split: (cueId, edit) => {
        const cue = cueOf(cueId);
        if (!cue) return;
        if (edit) {
          const normal = normalizeCueText(edit.value);
          const at = normalizedOffset(edit.value, edit.at, normal);
          // The text typed so far and the split are one undo step.
          const r = runCaptionEdit((doc) => {
            const text = setCueText(track.id, cueId, edit.value)(doc);
            return text.ok ? splitCue(track.id, cueId, at)(text.draft) : text;
          });
          afterEdit(r, cueId);
          return;
        }
        const last = lastCursor.current;
        const at = last && last.cueId === cueId && normalizeCueText(last.value) === cue.text ? normalizedOffset(last.value, last.at, cue.text) : splitOffsetAtTime(cue, useEditor.getState().playhead);
        if (at === null) {
          useStore.getState().showToast({ message: t('captions.splitWhere'), tone: 'error' });
          return;
        }
        lastCursor.current = null;
        afterEdit(runCaptionEdit(splitCue(track.id, cueId, at)), cueId);
      },
      merge: (cueId, editValue) => {
        const r = runCaptionEdit((doc) => {
          if (editValue === null) return mergeWithNext(track.id, cueId)(doc);
          const text = setCueText(track.id, cueId, editValue)(doc);
          return text.ok ? mergeWithNext(track.id, cueId)(text.draft) : text;
        });
        afterEdit(r, cueId);
      },
      remove: (cueId) => {
        const list = useEditor.getState().doc?.captions?.find((x) => x.id === track.id)?.cues ?? [];
        const i = list.findIndex((c) => c.id === cueId);
        const next = list[i + 1] ?? list[i - 1] ?? null;
        if (afterEdit(runCaptionEdit(deleteCue(track.id, cueId)), next?.id ?? null) && !next) useEditor.getState().focusCue(null);
      },
      fix: (f) => {
        if (f.fix) afterEdit(runCaptionEdit(applyCaptionFix(track.id, f.fix.change)), f.cueId);
      },
      cursor: (cueId, value, at) => {
        lastCursor.current = { cueId, value, at };
      },
      rowKey: (e: KeyboardEvent<HTMLDivElement>, cueId) => {
        if (e.target !== e.currentTarget) return;
        const k = cueListKey(e);
        if (!k) return;
        e.preventDefault();
        const list = useEditor.getState().doc?.captions?.find((x) => x.id === track.id)?.cues ?? [];
        const i = list.findIndex((c) => c.id === cueId);
        if (k === 'edit') a.startEdit(cueId);
        else if (k === 'prev' || k === 'next') {
          const to = list[k === 'prev' ? i - 1 : i + 1];
          if (to) focusRow(to.id);
        } else if (k === 'split') a.split(cueId, null);
        else if (k === 'merge') a.merge(cueId, null);
        else if (k === 'delete') a.remove(cueId);
        else {
          const added = addCaptionAtPlayhead(track.id);
          if (added) setEditing(added.cueId);
        }
      },
    };
    return a;
  }, [track.id, setEditing]);

  const items = virtualizer.getVirtualItems();
  const tabStop = focusedIndex >= 0 ? focusedIndex : 0;
  if (cues.length === 0) {
    return (
      <p className="captions__none" data-testid="cues-none">
        {t('captions.noCues')}
      </p>
    );
  }
  return (
    <div ref={scrollRef} className="cues" data-testid="cue-list">
      <div role="list" aria-label={t('captions.listLabel', { name: track.name })} className="cues__inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const cue = cues[item.index]!;
          return (
            <CueRow
              key={cue.id}
              cue={cue}
              index={item.index}
              start={item.start}
              findings={findings.get(cue.id)}
              active={item.index === active}
              focused={item.index === focusedIndex}
              editing={cue.id === editing}
              tabStop={item.index === tabStop}
              actions={actions}
              measure={virtualizer.measureElement}
            />
          );
        })}
      </div>
      <p id="captions-edit-hint" className="visually-hidden">
        {t('captions.editHint')}
      </p>
    </div>
  );
}
