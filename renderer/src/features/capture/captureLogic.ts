import type { MessageKey } from '../../i18n';

/**
 * The Capture room's pure parts: recorder formats, the level meter's scale, the framing guide and camera bubble
 * geometry, teleprompter speed, and what a getUserMedia failure means for the user. Unit-tested.
 */

/**
 * WebM first: a crash cuts a WebM anywhere and everything before the cut still decodes (fragmented MP4 loses the
 * whole unfinished fragment). VP8 before VP9: it encodes in real time with far less CPU, and the take is
 * re-encoded to H.264 when it is saved anyway.
 */
const VIDEO_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm', 'video/mp4'];
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4'];

export function pickMimeType(audioOnly: boolean, isSupported: (type: string) => boolean): string | null {
  return (audioOnly ? AUDIO_TYPES : VIDEO_TYPES).find((t) => isSupported(t)) ?? null;
}

/** Bits per second for the recorder: enough that the H.264 made from it is not limited by it. */
export function videoBitrate(height: number, fps: number): number {
  const base = height >= 1080 ? 8_000_000 : height >= 720 ? 5_000_000 : 2_500_000;
  return Math.round(base * Math.max(0.5, fps / 30));
}

/**
 * Meter level 0..1 of a block of samples (−1..1): RMS in dBFS mapped from −60 dB (silent) to 0 dB (full),
 * which is how recording meters read: speech sits around the middle, clipping at the top.
 */
export function levelOf(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}

export type Rect = { x: number; y: number; width: number; height: number };

/**
 * The framing guide: the largest centred rectangle of `aspect` (width / height) inside the picture. It is
 * what the editor's default "fill" keeps when the take goes on a canvas of that shape.
 */
export function guideRect(width: number, height: number, aspect: number): Rect {
  if (width <= 0 || height <= 0 || aspect <= 0) return { x: 0, y: 0, width: 0, height: 0 };
  const w = Math.min(width, height * aspect);
  const h = w / aspect;
  return { x: (width - w) / 2, y: (height - h) / 2, width: w, height: h };
}

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** The camera bubble on a screen recording: a circle `size` of the picture's height, inset from a corner. */
export function bubbleRect(width: number, height: number, corner: Corner, size = 0.24): Rect {
  const d = Math.round(Math.min(width, height) * size);
  const margin = Math.round(Math.min(width, height) * 0.04);
  const x = corner.endsWith('left') ? margin : width - margin - d;
  const y = corner.startsWith('top') ? margin : height - margin - d;
  return { x, y, width: d, height: d };
}

/** The source square to draw into the bubble: the centre of the camera picture (a face, usually). */
export function coverSquare(width: number, height: number): Rect {
  const s = Math.min(width, height);
  return { x: (width - s) / 2, y: (height - s) / 2, width: s, height: s };
}

/** Teleprompter speeds 1..10 as pixels per second at its text size: 1 is a slow read, 10 is fast talk. */
export function prompterPxPerSec(speed: number): number {
  const s = Math.min(10, Math.max(1, speed));
  return 12 + (s - 1) * 12;
}

/** "02:05" (minutes:seconds, hours when needed), counting whole seconds as a recorder does. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** What a getUserMedia / getDisplayMedia failure means, as a message key (the message says what to do). */
export function mediaErrorKey(e: unknown): MessageKey {
  const name = e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e) ? String((e).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'capture.error.denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'capture.error.notFound';
    case 'NotReadableError':
    case 'AbortError':
      return 'capture.error.busy';
    default:
      return 'capture.error.generic';
  }
}
