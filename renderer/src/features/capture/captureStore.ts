import { create } from 'zustand';
import type { ScreenSource } from '../../../../electron/api/transport';
import { recordingName } from '../../../../electron/model/recording';
import type { UploadStatus } from '../../api/chunkUploader';
import { errorText, getBridge } from '../../api/client';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { type Corner, mediaErrorKey } from './captureLogic';
import { compositeScreen, type DeviceOption, listDevices, mediaAvailable, mixAudio, NO_MIC, openCamera, openDisplay, openMic, type Opened } from './streams';
import { TakeRecorder } from './takeRecorder';

export type CaptureMode = 'camera' | 'screen';
export type Framing = 'off' | '9:16' | '4:5' | '1:1';
export type Phase = 'idle' | 'countdown' | 'recording' | 'paused' | 'stopping';

export type CaptureSettings = {
  mode: CaptureMode;
  cameraId: string | null;
  /** A device id, null for the default microphone, or NO_MIC for a silent take. */
  micId: string | null;
  height: 720 | 1080;
  fps: 24 | 30;
  framing: Framing;
  countdown: 0 | 3 | 5 | 10;
  prompterOn: boolean;
  script: string;
  prompterSpeed: number;
  prompterSize: number;
  bubble: boolean;
  corner: Corner;
};

export const defaultCaptureSettings: CaptureSettings = {
  mode: 'camera',
  cameraId: null,
  micId: null,
  height: 1080,
  fps: 30,
  framing: '9:16',
  countdown: 3,
  prompterOn: false,
  script: '',
  prompterSpeed: 4,
  prompterSize: 36,
  bubble: true,
  corner: 'bottom-right',
};

type CaptureState = {
  settings: CaptureSettings;
  devices: { cameras: DeviceOption[]; mics: DeviceOption[] };
  /** What the preview shows and what a take records. */
  preview: MediaStream | null;
  previewStatus: 'off' | 'starting' | 'live' | 'error';
  previewError: string | null;
  /** Screen mode: a screen or window is open. */
  screenPicked: boolean;
  /** Electron: the app's own screen picker is open, with the screens and windows (null while they load). */
  pickerOpen: boolean;
  screenSources: ScreenSource[] | null;
  phase: Phase;
  countdownLeft: number;
  take: TakeRecorder | null;
  upload: UploadStatus | null;
  /** The job saving the last take (its progress and result show in the panel). */
  savingJobId: string | null;
  prompterPlaying: boolean;
  /** Bumped to scroll the script back to the start. */
  prompterEpoch: number;

  setSettings: (patch: Partial<CaptureSettings>) => void;
  openPreview: () => Promise<void>;
  closePreview: () => void;
  pickScreen: () => Promise<void>;
  /** Electron picker: record this source. */
  chooseSource: (id: string | null) => Promise<void>;
  record: () => void;
  pause: () => void;
  resume: () => void;
  stop: () => Promise<void>;
  setPrompterPlaying: (on: boolean) => void;
  restartPrompter: () => void;
};

const SETTINGS_KEY = 'postframe.capture';

function loadSettings(): CaptureSettings {
  try {
    const raw = window.localStorage.getItem(SETTINGS_KEY);
    return raw ? { ...defaultCaptureSettings, ...(JSON.parse(raw) as Partial<CaptureSettings>) } : defaultCaptureSettings;
  } catch {
    return defaultCaptureSettings;
  }
}

/** What is open right now (released when replaced, when the room closes, or after a take). */
let camera: Opened | null = null;
let display: Opened | null = null;
let extras: (() => void)[] = [];
let countdownTimer: ReturnType<typeof setInterval> | null = null;
/** Bumped by every (re)open, so a slow open that was overtaken releases what it got. */
let openEpoch = 0;
/** The Capture room is on screen (its preview should follow setting changes). */
let roomOpen = false;

const releaseExtras = () => {
  for (const stop of extras.splice(0)) stop();
};
const releaseCamera = () => {
  camera?.stop();
  camera = null;
};
const releaseDisplay = () => {
  display?.stop();
  display = null;
};

const toast = (message: string, tone: 'error' | 'info' | 'success' = 'error') => useStore.getState().showToast({ message, tone });

export const useCapture = create<CaptureState>()((set, get) => {
  const failPreview = (e: unknown, key?: MessageKey) => {
    set({ previewStatus: 'error', previewError: t(key ?? mediaErrorKey(e)), preview: null });
  };

  const isBusy = () => get().phase !== 'idle';

  /** Camera mode: one getUserMedia for picture and sound. */
  async function openCameraPreview(epoch: number): Promise<void> {
    const s = get().settings;
    releaseExtras();
    releaseCamera();
    set({ previewStatus: 'starting', previewError: null, preview: null });
    try {
      const opened = await openCamera({ cameraId: s.cameraId, micId: s.micId, height: s.height, fps: s.fps, audio: true });
      if (epoch !== openEpoch) return opened.stop();
      camera = opened;
      set({ preview: opened.stream, previewStatus: 'live' });
      void refreshDevices();
    } catch (e) {
      if (epoch === openEpoch) failPreview(e);
    }
  }

  /** Screen mode: the picked screen, the camera bubble on it (optional) and the microphone, as one stream. */
  async function buildScreenPreview(epoch: number): Promise<void> {
    const s = get().settings;
    releaseExtras();
    releaseCamera();
    if (!display) {
      set({ preview: null, previewStatus: 'off', previewError: null, screenPicked: false });
      return;
    }
    set({ previewStatus: 'starting', previewError: null, screenPicked: true });
    const screen = display;
    const parts: (() => void)[] = [];
    try {
      const mic = s.micId === NO_MIC ? null : await openMic(s.micId);
      if (mic) parts.push(mic.stop);
      let video = screen.stream.getVideoTracks()[0]!;
      // Without a camera the screen still records: the bubble is left out and the reason shown.
      const face = s.bubble ? await openCamera({ cameraId: s.cameraId, micId: NO_MIC, height: 720, fps: s.fps, audio: false }).catch((e: unknown) => void toast(t(mediaErrorKey(e)))) : undefined;
      if (face) {
        parts.push(face.stop);
        const composite = compositeScreen(screen.stream, face.stream, { fps: s.fps, corner: () => get().settings.corner });
        parts.push(composite.stop);
        video = composite.track;
      }
      const sound = mixAudio([...screen.stream.getAudioTracks(), ...(mic?.stream.getAudioTracks() ?? [])]);
      parts.push(sound.stop);
      if (epoch !== openEpoch) return parts.forEach((stop) => stop());
      extras = parts;
      set({ preview: new MediaStream(sound.track ? [video, sound.track] : [video]), previewStatus: 'live' });
      void refreshDevices();
    } catch (e) {
      parts.forEach((stop) => stop());
      if (epoch === openEpoch) failPreview(e);
    }
  }

  async function refreshDevices(): Promise<void> {
    try {
      set({ devices: await listDevices() });
    } catch {
      // Device names are a convenience: the defaults still record.
    }
  }

  function onDisplayEnded(): void {
    releaseDisplay();
    if (get().phase === 'recording' || get().phase === 'paused') {
      toast(t('capture.screen.ended'), 'info');
      void get().stop();
    } else if (get().settings.mode === 'screen') {
      void buildScreenPreview(++openEpoch);
    }
  }

  async function attachDisplay(opened: Opened): Promise<void> {
    releaseDisplay();
    display = opened;
    opened.stream.getVideoTracks()[0]?.addEventListener('ended', onDisplayEnded, { once: true });
    await buildScreenPreview(++openEpoch);
  }

  async function beginRecording(): Promise<void> {
    const { preview, settings } = get();
    if (!preview) {
      set({ phase: 'idle' });
      return;
    }
    try {
      const take = await TakeRecorder.start(preview, {
        kind: settings.mode,
        fps: settings.fps,
        name: recordingName(t(`capture.takeName.${settings.mode}`), new Date()),
        onUpload: (upload) => set({ upload }),
      });
      if (get().phase !== 'countdown') return take.abandon(); // cancelled while the recorder started
      set({ take, phase: 'recording', upload: take.uploadStatus, prompterPlaying: settings.prompterOn, prompterEpoch: get().prompterEpoch + 1 });
    } catch (e) {
      set({ phase: 'idle', take: null });
      toast(errorText(e));
    }
  }

  return {
    settings: loadSettings(),
    devices: { cameras: [], mics: [] },
    preview: null,
    previewStatus: 'off',
    previewError: null,
    screenPicked: false,
    pickerOpen: false,
    screenSources: null,
    phase: 'idle',
    countdownLeft: 0,
    take: null,
    upload: null,
    savingJobId: null,
    prompterPlaying: false,
    prompterEpoch: 0,

    setSettings: (patch) => {
      const prev = get().settings;
      const settings = { ...prev, ...patch };
      try {
        window.localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
      } catch {
        // Private mode or a full disk: the settings still apply for this session.
      }
      set({ settings });
      if (isBusy()) return;
      const sourcesChanged = (['mode', 'cameraId', 'micId', 'height', 'fps', 'bubble'] as const).some((k) => k in patch && patch[k] !== prev[k]);
      if (!sourcesChanged || !roomOpen) return;
      if (settings.mode === 'camera') {
        releaseDisplay();
        set({ screenPicked: false });
      }
      void get().openPreview();
    },

    openPreview: async () => {
      roomOpen = true;
      if (isBusy()) return;
      const available = mediaAvailable();
      if (available !== 'ok') return failPreview(null, available === 'insecure' ? 'capture.error.insecure' : 'capture.error.unsupported');
      const epoch = ++openEpoch;
      if (get().settings.mode === 'camera') await openCameraPreview(epoch);
      else await buildScreenPreview(epoch);
    },

    closePreview: () => {
      roomOpen = false;
      if (isBusy()) return;
      openEpoch++;
      releaseExtras();
      releaseCamera();
      releaseDisplay();
      set({ preview: null, previewStatus: 'off', screenPicked: false });
    },

    pickScreen: async () => {
      if (isBusy()) return;
      const available = mediaAvailable();
      if (available !== 'ok') return failPreview(null, available === 'insecure' ? 'capture.error.insecure' : 'capture.error.unsupported');
      // In the app, Chromium has no picker of its own: ours lists screens and windows (desktopCapturer).
      const bridge = getBridge();
      if (bridge) {
        set({ pickerOpen: true, screenSources: null });
        bridge.listScreens().then(
          (screenSources) => set({ screenSources }),
          () => set({ screenSources: [] }),
        );
        return;
      }
      try {
        await attachDisplay(await openDisplay(get().settings.fps));
      } catch (e) {
        failPreview(e, (e as { name?: string })?.name === 'NotAllowedError' ? 'capture.error.screenDenied' : undefined);
      }
    },

    chooseSource: async (id) => {
      set({ pickerOpen: false });
      const bridge = getBridge();
      if (!id || !bridge) return;
      try {
        if (!(await bridge.chooseScreen(id))) throw new Error('refused');
        await attachDisplay(await openDisplay(get().settings.fps));
      } catch (e) {
        failPreview(e, 'capture.error.screenDenied');
      }
    },

    record: () => {
      const { phase, preview, settings } = get();
      if (phase !== 'idle' || !preview) return;
      set({ savingJobId: null, upload: null });
      if (settings.countdown === 0) {
        set({ phase: 'countdown', countdownLeft: 0 });
        void beginRecording();
        return;
      }
      set({ phase: 'countdown', countdownLeft: settings.countdown });
      countdownTimer = setInterval(() => {
        const left = get().countdownLeft - 1;
        if (left > 0) return set({ countdownLeft: left });
        if (countdownTimer) clearInterval(countdownTimer);
        countdownTimer = null;
        set({ countdownLeft: 0 });
        void beginRecording();
      }, 1000);
    },

    pause: () => {
      const take = get().take;
      if (get().phase !== 'recording' || !take) return;
      take.pause();
      set({ phase: 'paused', prompterPlaying: false });
    },

    resume: () => {
      const take = get().take;
      if (get().phase !== 'paused' || !take) return;
      take.resume();
      set({ phase: 'recording', prompterPlaying: get().settings.prompterOn });
    },

    stop: async () => {
      const { phase, take } = get();
      if (phase === 'countdown') {
        if (countdownTimer) clearInterval(countdownTimer);
        countdownTimer = null;
        if (!take) return set({ phase: 'idle', countdownLeft: 0 });
      }
      if (!take || phase === 'stopping') return;
      set({ phase: 'stopping', prompterPlaying: false });
      try {
        const jobId = await take.stop();
        set({ savingJobId: jobId });
      } catch (e) {
        toast(t('capture.saveFailed', { reason: errorText(e) }));
      } finally {
        set({ phase: 'idle', take: null });
        // Stopped from another room: the camera is not needed any more.
        if (!roomOpen) get().closePreview();
        // A screen that ended while recording is gone: show the picker state again.
        else if (get().settings.mode === 'screen' && !display) set({ preview: null, previewStatus: 'off', screenPicked: false });
      }
    },

    setPrompterPlaying: (prompterPlaying) => set({ prompterPlaying }),
    restartPrompter: () => set((s) => ({ prompterEpoch: s.prompterEpoch + 1 })),
  };
});

/** Leaving the page mid-take: stop the recorder; what reached the library is offered for recovery next time. */
window.addEventListener('pagehide', () => useCapture.getState().take?.abandon());
