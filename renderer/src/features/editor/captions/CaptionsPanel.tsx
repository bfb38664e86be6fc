import { useEffect, useRef, useState } from 'react';
import { addTrack, removeTrack, renameTrack, setTrackStyle } from '../../../../../electron/model/caption-edits';
import { shownStyleFor } from '../../../../../electron/model/caption-style';
import type { CaptionTrack } from '../../../../../electron/model/caption-track';
import { languageName } from '../../../../../electron/model/caption-track';
import { errorText } from '../../../api/client';
import { t } from '../../../i18n';
import { useStore } from '../../../store';
import { undo, useEditor } from '../../../store/editorStore';
import { Button } from '../../../ui/Button';
import { ImportIcon, PlusIcon } from '../../../ui/icons';
import { addCaptionAtPlayhead, addImportedTrack, defaultTrackLanguage, downloadSubtitles, readSubtitleFile, type ReadSubtitles, runCaptionEdit } from './captionActions';
import { CaptionsEmpty, type CaptionWay } from './CaptionsEmpty';
import { CaptionToolbar } from './CaptionToolbar';
import { CueList } from './CueList';
import { ImportDialog } from './ImportDialog';
import { TrackDialog } from './TrackDialog';
import './captions.css';

const NO_TRACKS: CaptionTrack[] = [];

/**
 * The Captions tab of the editor's left column: a caption track's cues to read, edit, split, merge, delete and
 * fix, its style, and SRT/WebVTT in and out. Every change is one undo step (captionActions.ts).
 */
export function CaptionsPanel({ extraWays = [] }: { extraWays?: readonly CaptionWay[] }) {
  const tracks = useEditor((s) => s.doc?.captions ?? NO_TRACKS);
  const draftName = useEditor((s) => s.doc?.name ?? '');
  const [picked, setPicked] = useState<string | null>(null);
  const [reading, setReading] = useState<ReadSubtitles | null>(null);
  const [dialog, setDialog] = useState<'new' | 'rename' | null>(null);
  /** The cue whose text is being edited (a new caption opens in its editor). */
  const [editing, setEditing] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  // A cue focused on the timeline's caption row shows its track here.
  useEffect(
    () =>
      useEditor.subscribe((s, prev) => {
        if (s.cueFocus && s.cueFocus.trackId !== prev.cueFocus?.trackId) setPicked(s.cueFocus.trackId);
      }),
    [],
  );

  const track = tracks.find((tr) => tr.id === picked) ?? tracks[0] ?? null;

  const pickFile = () => fileRef.current?.click();
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      setReading(await readSubtitleFile(file));
    } catch (e) {
      useStore.getState().showToast({ message: errorText(e), tone: 'error' });
    }
  };
  const add = () => {
    const placed = addCaptionAtPlayhead(track?.id ?? null);
    if (!placed) return;
    setPicked(placed.trackId);
    setEditing(placed.cueId);
  };

  const ways: CaptionWay[] = [
    { id: 'import', title: t('captions.wayImport'), body: t('captions.wayImportBody'), action: <Button size="sm" icon={<ImportIcon size={16} />} onClick={pickFile} data-testid="captions-empty-import">{t('captions.import')}</Button> },
    { id: 'add', title: t('captions.wayAdd'), body: t('captions.wayAddBody'), action: <Button size="sm" icon={<PlusIcon size={16} />} onClick={add} data-testid="captions-empty-add">{t('captions.addAtPlayhead')}</Button> },
    ...extraWays,
  ];

  return (
    <div className="captions" data-testid="captions-panel">
      <input
        ref={fileRef}
        type="file"
        accept=".srt,.vtt,text/vtt,application/x-subrip"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          void onFile(file);
        }}
        data-testid="captions-file"
      />
      {!track ? (
        <CaptionsEmpty ways={ways} note={extraWays.length === 0 ? t('captions.wayComing') : undefined} />
      ) : (
        <>
          <CaptionToolbar
            tracks={tracks}
            track={track}
            onPick={setPicked}
            onNew={() => setDialog('new')}
            onRename={() => setDialog('rename')}
            onDelete={() => {
              const r = runCaptionEdit(removeTrack(track.id));
              if (r?.ok) useStore.getState().showToast({ message: t('captions.trackDeleted', { name: track.name }), action: { label: t('editor.undo'), run: undo } });
            }}
            onStyle={(styleId) => runCaptionEdit(setTrackStyle(track.id, styleId))}
            onImport={pickFile}
            onExport={(format) => downloadSubtitles(track, format, draftName)}
          />
          <CueList key={track.id} track={track} editing={editing} setEditing={setEditing} />
          <div className="captions__foot">
            <Button size="sm" variant="primary" icon={<PlusIcon size={16} />} onClick={add} title={t('captions.addHint')} data-testid="captions-add">
              {t('captions.addAtPlayhead')}
            </Button>
          </div>
        </>
      )}
      <ImportDialog
        read={reading}
        onClose={() => setReading(null)}
        onAdd={(name, language) => {
          if (!reading?.ok) return;
          const id = addImportedTrack(reading, name, language);
          if (id) {
            setPicked(id);
            setReading(null);
          }
        }}
      />
      <TrackDialog
        initial={dialog === 'new' ? { name: languageName(defaultTrackLanguage()), language: defaultTrackLanguage() } : dialog === 'rename' && track ? { name: track.name, language: track.language } : null}
        title={dialog === 'new' ? t('captions.newTrack') : t('captions.renameTrack')}
        submit={dialog === 'new' ? t('captions.create') : t('captions.save')}
        onClose={() => setDialog(null)}
        onSubmit={(name, language) => {
          if (dialog === 'new') {
            const r = runCaptionEdit(addTrack({ name, language, styleId: shownStyleFor([]) }));
            if (r?.ok) setPicked(r.trackId);
            return r?.ok === true;
          }
          return track ? runCaptionEdit(renameTrack(track.id, name, language))?.ok === true : false;
        }}
      />
    </div>
  );
}
