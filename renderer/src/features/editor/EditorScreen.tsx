import { useEffect } from 'react';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { goToLibrary } from './actions';
import { flushEditor, useEditor } from '../../store/editorStore';
import { Button } from '../../ui/Button';
import { ConflictBanner, EditorHeader } from './EditorHeader';
import { Inspector } from './Inspector';
import { LeftColumn } from './LeftColumn';
import { PreviewPane } from './preview/PreviewPane';
import { Timeline } from './timeline/Timeline';
import { useEditorKeys } from './useEditorKeys';
import { ImageEditorScreen } from '../image-editor/ImageEditorScreen';
import './editor.css';

/** The Editor room: image drafts open in the image editor, video drafts in the video editor. */
export function EditorScreen() {
  const kind = useStore((s) => s.openDraftKind);
  return kind === 'image' ? <ImageEditorScreen /> : <VideoEditorScreen />;
}

/** CapCut / Premiere Rush layout: media bin left, preview centre, inspector right, timeline across the bottom. */
function VideoEditorScreen() {
  const draftId = useStore((s) => s.openDraftId);
  const loaded = useEditor((s) => s.doc !== null && s.draftId === draftId);
  const loadError = useEditor((s) => s.loadError);

  useEffect(() => {
    if (draftId) void useEditor.getState().load(draftId);
  }, [draftId]);

  // Leaving the editor (another screen) or the page saves what is pending right away.
  useEffect(() => {
    const onHide = () => void flushEditor();
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    window.addEventListener('beforeunload', onHide);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', onHide);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      useEditor.getState().setPlaying(false);
      onHide();
    };
  }, []);

  useEditorKeys(loaded);

  if (loadError) {
    return (
      <section className="editor editor--message" data-testid="editor-screen">
        <div className="empty">
          <h2 className="empty__title">{t('editor.loadFailedTitle')}</h2>
          <p className="empty__body">{loadError}</p>
          <Button variant="primary" onClick={() => goToLibrary('drafts')}>
            {t('editor.toDrafts')}
          </Button>
        </div>
      </section>
    );
  }
  return (
    <section className="editor" data-testid="editor-screen" aria-busy={!loaded}>
      <EditorHeader />
      <ConflictBanner />
      {loaded && (
        <>
          <div className="editor__main">
            <LeftColumn />
            <PreviewPane />
            <Inspector />
          </div>
          <Timeline />
        </>
      )}
    </section>
  );
}
