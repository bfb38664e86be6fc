import { bubbleRect, type Corner, coverSquare } from './captureLogic';

/**
 * Media sources for the Capture room and the voiceover: camera and microphone, a screen or window, and the
 * screen recording's composite (screen + camera bubble drawn on a canvas, mixed sound). Each returns what it
 * opened together with a `stop()` that releases it, so the caller owns the lifetime.
 */

export type Opened = { stream: MediaStream; stop: () => void };

export const NO_MIC = 'none';

export function mediaAvailable(): 'ok' | 'insecure' | 'unsupported' {
  if (!window.isSecureContext) return 'insecure';
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') return 'unsupported';
  return 'ok';
}

const stopAll = (s: MediaStream) => s.getTracks().forEach((t) => t.stop());

/** Microphone constraints for speech: echo cancellation keeps the timeline's own sound out of a voiceover. */
export function micConstraints(micId: string | null): MediaTrackConstraints {
  return { ...(micId ? { deviceId: { exact: micId } } : {}), echoCancellation: true, noiseSuppression: true, autoGainControl: true };
}

export async function openCamera(o: { cameraId: string | null; micId: string | null; height: number; fps: number; audio: boolean }): Promise<Opened> {
  const width = Math.round((o.height * 16) / 9);
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { ...(o.cameraId ? { deviceId: { exact: o.cameraId } } : {}), width: { ideal: width }, height: { ideal: o.height }, frameRate: { ideal: o.fps, max: o.fps } },
    audio: o.audio && o.micId !== NO_MIC ? micConstraints(o.micId) : false,
  });
  return { stream, stop: () => stopAll(stream) };
}

export async function openMic(micId: string | null): Promise<Opened> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints(micId), video: false });
  return { stream, stop: () => stopAll(stream) };
}

/** The browser's (or, in the app, our own) screen picker; needs a click to start it. */
export async function openDisplay(fps: number): Promise<Opened> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: fps, max: fps } }, audio: true });
  return { stream, stop: () => stopAll(stream) };
}

/** Devices once permission was given (labels are empty before). */
export async function listDevices(): Promise<{ cameras: DeviceOption[]; mics: DeviceOption[] }> {
  const all = await navigator.mediaDevices.enumerateDevices();
  const pick = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind && d.deviceId && d.deviceId !== 'default' && d.deviceId !== 'communications').map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
  return { cameras: pick('videoinput'), mics: pick('audioinput') };
}
export type DeviceOption = { id: string; label: string };

/** One sound track from several (screen sound + microphone), mixed with Web Audio; null when there is none. */
export function mixAudio(tracks: MediaStreamTrack[]): { track: MediaStreamTrack | null; stop: () => void } {
  if (tracks.length === 0) return { track: null, stop: () => undefined };
  if (tracks.length === 1) return { track: tracks[0]!, stop: () => undefined };
  const ctx = new AudioContext();
  const dest = ctx.createMediaStreamDestination();
  for (const track of tracks) ctx.createMediaStreamSource(new MediaStream([track])).connect(dest);
  const track = dest.stream.getAudioTracks()[0]!;
  return { track, stop: () => void ctx.close() };
}

function hiddenVideo(stream: MediaStream): HTMLVideoElement {
  const v = document.createElement('video');
  v.muted = true;
  v.playsInline = true;
  v.srcObject = stream;
  void v.play().catch(() => undefined);
  return v;
}

/** Longest side of a composited screen recording: full HD, enough for any short-form canvas. */
const MAX_SIDE = 1920;

/**
 * The screen with the camera in a circle in one corner, drawn on a canvas at `fps` and recorded from
 * canvas.captureStream(). A timer drives the drawing (not requestAnimationFrame, which stops while the window
 * is hidden, which is exactly when a screen is being recorded; Electron windows run timers unthrottled).
 */
export function compositeScreen(display: MediaStream, camera: MediaStream, o: { fps: number; corner: () => Corner }): { track: MediaStreamTrack; stop: () => void } {
  const screen = hiddenVideo(display);
  const face = hiddenVideo(camera);
  const settings = display.getVideoTracks()[0]?.getSettings() ?? {};
  const sw = settings.width ?? 1920;
  const sh = settings.height ?? 1080;
  const scale = Math.min(1, MAX_SIDE / Math.max(sw, sh));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round((sw * scale) / 2) * 2;
  canvas.height = Math.round((sh * scale) / 2) * 2;
  const ctx = canvas.getContext('2d', { alpha: false })!;
  const draw = () => {
    const { width: w, height: h } = canvas;
    if (screen.readyState >= 2) ctx.drawImage(screen, 0, 0, w, h);
    if (face.readyState >= 2 && face.videoWidth > 0) {
      const b = bubbleRect(w, h, o.corner());
      const src = coverSquare(face.videoWidth, face.videoHeight);
      const r = b.width / 2;
      ctx.save();
      ctx.beginPath();
      ctx.arc(b.x + r, b.y + r, r, 0, Math.PI * 2);
      ctx.clip();
      ctx.drawImage(face, src.x, src.y, src.width, src.height, b.x, b.y, b.width, b.height);
      ctx.restore();
      ctx.lineWidth = Math.max(2, Math.round(r * 0.05));
      ctx.strokeStyle = '#ffffff';
      ctx.beginPath();
      ctx.arc(b.x + r, b.y + r, r - ctx.lineWidth / 2, 0, Math.PI * 2);
      ctx.stroke();
    }
  };
  draw();
  const timer = window.setInterval(draw, 1000 / o.fps);
  const track = canvas.captureStream(o.fps).getVideoTracks()[0]!;
  return {
    track,
    stop: () => {
      window.clearInterval(timer);
      track.stop();
      screen.srcObject = null;
      face.srcObject = null;
    },
  };
}
