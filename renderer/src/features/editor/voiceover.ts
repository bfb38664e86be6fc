import { create } from 'zustand';
import { isFinished, type Job, recordingResultOf } from '../../../../electron/model/job';
import { recordingName } from '../../../../electron/model/recording';
import { formatTimecode, snapToFrame } from '../../../../electron/model/timeline';
import { placeVoiceover } from '../../../../electron/model/voiceover';
import { call, errorText } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { idFor, useEditor } from '../../store/editorStore';
import { mediaErrorKey } from '../capture/captureLogic';
import { useCapture } from '../capture/captureStore';
import { mediaAvailable, NO_MIC, openMic, type Opened } from '../capture/streams';
import { TakeRecorder } from '../capture/takeRecorder';

/**
 * Voiceover: narration recorded while the timeline plays. A short countdown, then recording and playback start
 * together from the playhead; Stop ends both. The take is saved like any recording (finalized to AAC and
 * imported, tagged "recording" and "voiceover"), then placed on the draft at the time recording started by the
 * pure timeline edit `placeVoiceover` (one undo step, autosaved).
 */
export type VoiceoverPhase = 'idle' | 'countdown' | 'recording' | 'saving';

type VoiceoverState = {
  phase: VoiceoverPhase;
  countdown: number;
  /** Timeline time the take starts at. */
  at: number;
  take: TakeRecorder | null;
};

export const COUNTDOWN_SEC = 3;

export const useVoiceover = create<VoiceoverState>()(() => ({ phase: 'idle', countdown: 0, at: 0, take: null }));

let mic: Opened | null = null;
/** Bumped by every start and every cancel, so a cancelled countdown's leftovers never act on a newer one. */
let session = 0;

const set = (patch: Partial<VoiceoverState>) => useVoiceover.setState(patch);
const toast = (message: string, tone: 'error' | 'success' = 'error') => useStore.getState().showToast({ message, tone });

function release(): void {
  mic?.stop();
  mic = null;
}

export async function startVoiceover(): Promise<void> {
  const ed = useEditor.getState();
  if (useVoiceover.getState().phase !== 'idle' || !ed.doc || !ed.draftId) return;
  const available = mediaAvailable();
  if (available !== 'ok') return void toast(t(available === 'insecure' ? 'capture.error.insecure' : 'capture.error.unsupported'));
  ed.setPlaying(false);
  const fps = ed.doc.canvas.fps;
  const at = snapToFrame(ed.playhead, fps);
  const draftId = ed.draftId;
  const mine = ++session;
  const cancelled = () => session !== mine || useVoiceover.getState().phase !== 'countdown';
  set({ phase: 'countdown', countdown: COUNTDOWN_SEC, at });
  let opened: Opened;
  try {
    const micId = useCapture.getState().settings.micId;
    opened = await openMic(micId === NO_MIC ? null : micId);
  } catch (e) {
    if (!cancelled()) set({ phase: 'idle' });
    return void toast(t('voiceover.failed', { reason: t(mediaErrorKey(e)) }));
  }
  if (cancelled()) return opened.stop(); // cancelled while the microphone opened
  mic = opened;
  await new Promise<void>((resolve) => {
    const handle = setInterval(() => {
      const left = useVoiceover.getState().countdown - 1;
      if (!cancelled()) set({ countdown: Math.max(0, left) });
      if (cancelled() || left <= 0) {
        clearInterval(handle);
        resolve();
      }
    }, 1000);
  });
  if (cancelled()) return opened.stop();
  try {
    const take = await TakeRecorder.start(opened.stream, { kind: 'voiceover', fps, name: recordingName(t('capture.takeName.voiceover'), new Date()), voiceover: { draftId, at } });
    await take.started;
    if (cancelled()) {
      // Cancelled while the recorder started: nothing worth keeping was recorded.
      take.abandon();
      return opened.stop();
    }
    // Recording and playback start together, from where the take will be placed.
    const now = useEditor.getState();
    now.setPlayhead(at);
    now.setPlaying(true);
    set({ phase: 'recording', take });
  } catch (e) {
    release();
    set({ phase: 'idle', take: null });
    toast(t('voiceover.failed', { reason: errorText(e) }));
  }
}

export async function stopVoiceover(): Promise<void> {
  const { phase, take } = useVoiceover.getState();
  if (phase === 'countdown') {
    // The countdown's own timer sees this on its next tick and lets startVoiceover finish (releasing the mic).
    session++;
    return set({ phase: 'idle', countdown: 0 });
  }
  if (phase !== 'recording' || !take) return;
  useEditor.getState().setPlaying(false);
  set({ phase: 'saving' });
  let job: Job;
  try {
    const jobId = await take.stop();
    release();
    job = await finishedJob(jobId);
  } catch (e) {
    release();
    set({ phase: 'idle', take: null });
    return void toast(t('voiceover.failed', { reason: errorText(e) }));
  }
  set({ phase: 'idle', take: null });
  const result = recordingResultOf(job);
  if (job.status !== 'done' || !result) return void toast(t('voiceover.failed', { reason: job.error ?? job.status }));
  await place(result.assetId, result.voiceover?.draftId ?? null, result.voiceover?.at ?? useVoiceover.getState().at);
}

/** Puts the saved take on the draft that is open, if it is the one it was recorded over. */
async function place(assetId: string, draftId: string | null, at: number): Promise<void> {
  const ed = useEditor.getState();
  if (!ed.doc || ed.draftId !== draftId) return void toast(t('voiceover.otherDraft'));
  try {
    const asset = await call('assets.get', { id: assetId });
    useEditor.getState().addAsset(asset);
    const result = useEditor.getState().edit((d) => placeVoiceover(d, asset, at, useEditor.getState().sourceInfo, idFor), { quiet: true });
    if (!result) return;
    if (!result.ok) return void toast(t('voiceover.notPlaced', { reason: result.message }));
    if (result.clipId) useEditor.getState().select([result.clipId]);
    toast(t('voiceover.added', { time: formatTimecode(at, ed.doc.canvas.fps) }), 'success');
  } catch (e) {
    toast(t('voiceover.notPlaced', { reason: errorText(e) }));
  }
}

/** Resolves with the job once it is done, failed or cancelled (the app store follows every job's events). */
function finishedJob(jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const job = useStore.getState().jobs[jobId];
      if (!job || !isFinished(job.status)) return false;
      resolve(job);
      return true;
    };
    if (check()) return;
    const off = useStore.subscribe(() => {
      if (check()) off();
    });
  });
}

/** Leaving the page mid-take: what reached the library is offered for recovery in Capture. */
window.addEventListener('pagehide', () => useVoiceover.getState().take?.abandon());
