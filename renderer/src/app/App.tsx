import { useEffect } from 'react';
import { sessionEnd, shell } from '../api/client';
import { AuthScreen } from '../features/account/AuthScreen';
import { sessionEndedKey } from '../features/account/authLogic';
import { BrandScreen } from '../features/brand/BrandScreen';
import { CaptureScreen } from '../features/capture/CaptureScreen';
import { useRecoveryNotice } from '../features/capture/useRecoveryNotice';
import { EditorScreen } from '../features/editor/EditorScreen';
import { LibraryScreen } from '../features/library/LibraryScreen';
import { LatePostsNotice } from '../features/queue/LatePosts';
import { QueueScreen } from '../features/queue/QueueScreen';
import { ReviewNotices } from '../features/queue/review/ReviewNotices';
import { FailureReportDialog } from '../features/jobs/FailureReportDialog';
import { TemplatePicker } from '../features/templates/TemplatePicker';
import { JobsDrawer } from '../features/jobs/JobsDrawer';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { t } from '../i18n';
import { useStore } from '../store';
import { ToastStack } from '../ui/Toast';
import { ConnectionBanner } from './ConnectionBanner';
import { Rail } from './Rail';

export function App() {
  const screen = useStore((s) => s.screen);
  const theme = useStore((s) => s.theme);
  const toasts = useStore((s) => s.toasts);
  const dismissToast = useStore((s) => s.dismissToast);
  const holdToasts = useStore((s) => s.holdToasts);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    document.title = t('app.title');
  }, []);

  useRecoveryNotice();

  // Browser mode: the host ended this page's session (signed out elsewhere, disabled, password reset). Say so and
  // offer sign-in; nothing else of the app works without a session.
  const connection = useStore((s) => s.connection);
  if (connection === 'signed-out' && shell === 'browser') {
    const ended = sessionEndedKey(sessionEnd());
    return <AuthScreen route={{ kind: 'sign-in' }} setupNeeded={false} note={t(ended.key, ended.library !== undefined ? { library: ended.library } : undefined)} />;
  }

  return (
    <div className="app">
      <Rail />
      <main className="app__main">
        <ConnectionBanner />
        {screen === 'library' ? <LibraryScreen /> : screen === 'editor' ? <EditorScreen /> : screen === 'brand' ? <BrandScreen /> : screen === 'queue' ? <QueueScreen /> : screen === 'capture' ? <CaptureScreen /> : <SettingsScreen />}
      </main>
      <JobsDrawer />
      <LatePostsNotice />
      <ReviewNotices />
      <FailureReportDialog />
      <TemplatePicker />
      <ToastStack toasts={toasts} onDismiss={dismissToast} onHold={holdToasts} dismissLabel={t('action.dismiss')} regionLabel={t('toast.region')} />
    </div>
  );
}
