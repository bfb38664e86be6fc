import type { ReactNode } from 'react';
import { useStore } from '../store';
import { isActiveJob } from '../store/jobsSlice';
import type { Screen } from '../store/uiSlice';
import { t } from '../i18n';
import { cx } from '../ui/Button';
import { AccountMenu } from '../features/account/AccountMenu';
import { useCapture } from '../features/capture/captureStore';
import { BrandIcon, CaptureIcon, EditorIcon, JobsIcon, LibraryIcon, LogoMark, QueueIcon, SettingsIcon } from '../ui/icons';

/** Left rail: Library · Editor · Brand · Queue · Capture · Settings (DESIGN.md "The face"). */
export function Rail() {
  // The room the user is in: the Drafts list reached from the Editor is still the Editor's (draftsSlice `draftsRoom`).
  const screen = useStore((s) => (s.screen === 'library' && s.libraryView === 'drafts' && s.draftsRoom === 'editor' ? 'editor' : s.screen));
  const setScreen = useStore((s) => s.setScreen);
  const activeJobs = useStore((s) => Object.values(s.jobs).filter(isActiveJob).length);
  const jobsOpen = useStore((s) => s.jobsOpen);
  const setJobsOpen = useStore((s) => s.setJobsOpen);

  const openEditor = useStore((s) => s.openEditor);
  // A take keeps recording when another room is open: the rail says so.
  const recording = useCapture((s) => s.phase === 'recording' || s.phase === 'paused');
  const item = (target: Screen, label: string, icon: ReactNode, testId: string, onClick = () => setScreen(target)) => (
    <button
      type="button"
      className={cx('rail__item', screen === target && 'rail__item--active')}
      aria-current={screen === target ? 'page' : undefined}
      onClick={onClick}
      data-testid={testId}
    >
      {icon}
      <span className="rail__label">{label}</span>
    </button>
  );
  const captureIcon = (
    <span className="rail__icon-wrap" title={recording ? t('nav.captureRecording') : undefined}>
      <CaptureIcon />
      {recording && <span className="rail__rec" aria-hidden="true" data-testid="rail-recording" />}
    </span>
  );

  return (
    <nav className="rail" aria-label={t('nav.label')}>
      <div className="rail__logo" title={t('app.name')}>
        <LogoMark size={28} />
      </div>
      {item('library', t('nav.library'), <LibraryIcon />, 'library-nav', () => {
        const s = useStore.getState();
        // The Drafts list reached from the Editor is the Editor's: the Library opens on its media then (walk #59:
        // it opened on Drafts, with no media and no Import).
        s.setLibraryView(s.draftsRoom === 'editor' ? 'assets' : s.libraryView, 'library');
        setScreen('library');
      })}
      {item('editor', t('nav.editor'), <EditorIcon />, 'editor-nav', openEditor)}
      {item('brand', t('nav.brand'), <BrandIcon />, 'brand-nav')}
      {item('queue', t('nav.queue'), <QueueIcon />, 'queue-nav')}
      {item('capture', t('nav.capture'), captureIcon, 'capture-nav')}
      {item('settings', t('nav.settings'), <SettingsIcon />, 'settings-nav')}
      <div className="rail__spacer" />
      <AccountMenu />
      <button
        type="button"
        className={cx('rail__item', jobsOpen && 'rail__item--active')}
        aria-expanded={jobsOpen}
        aria-controls="jobs-drawer"
        aria-label={activeJobs > 0 ? t('nav.jobsRunning', { count: activeJobs }) : t('nav.jobs')}
        onClick={() => setJobsOpen(!jobsOpen)}
        data-testid="jobs-button"
      >
        <span className="rail__icon-wrap">
          <JobsIcon />
          {activeJobs > 0 && (
            <span className="badge" aria-hidden="true">
              {activeJobs}
            </span>
          )}
        </span>
        <span className="rail__label">{t('nav.jobs')}</span>
      </button>
    </nav>
  );
}
