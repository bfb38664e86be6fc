import { describe, expect, it } from 'vitest';
import { bubbleRect, coverSquare, formatElapsed, guideRect, levelOf, mediaErrorKey, pickMimeType, prompterPxPerSec, videoBitrate } from './captureLogic';

describe('recorder formats', () => {
  it('prefers WebM with VP8 and Opus, then whatever the browser has', () => {
    expect(pickMimeType(false, () => true)).toBe('video/webm;codecs=vp8,opus');
    expect(pickMimeType(false, (t) => t.startsWith('video/webm;codecs=vp9'))).toBe('video/webm;codecs=vp9,opus');
    expect(pickMimeType(false, (t) => t === 'video/mp4')).toBe('video/mp4');
    expect(pickMimeType(true, () => true)).toBe('audio/webm;codecs=opus');
    expect(pickMimeType(true, () => false)).toBeNull();
  });

  it('gives bigger pictures and higher rates more bits', () => {
    expect(videoBitrate(1080, 30)).toBe(8_000_000);
    expect(videoBitrate(720, 30)).toBeLessThan(videoBitrate(1080, 30));
    expect(videoBitrate(720, 24)).toBeLessThan(videoBitrate(720, 30));
  });
});

describe('level meter', () => {
  it('reads silence as 0, full scale as 1 and speech in between', () => {
    expect(levelOf(new Float32Array(128))).toBe(0);
    expect(levelOf([])).toBe(0);
    expect(levelOf(new Float32Array(128).fill(1))).toBe(1);
    const speech = Float32Array.from({ length: 480 }, (_, i) => 0.1 * Math.sin(i / 5)); // about −23 dBFS
    expect(levelOf(speech)).toBeGreaterThan(0.5);
    expect(levelOf(speech)).toBeLessThan(0.7);
    expect(levelOf(new Float32Array(128).fill(0.0001))).toBe(0); // −80 dB: below the scale
  });
});

describe('framing guide and camera bubble', () => {
  it('finds the centred 9:16 area of a landscape camera', () => {
    expect(guideRect(1920, 1080, 9 / 16)).toEqual({ x: (1920 - 607.5) / 2, y: 0, width: 607.5, height: 1080 });
    expect(guideRect(1080, 1920, 1)).toEqual({ x: 0, y: 420, width: 1080, height: 1080 });
    expect(guideRect(0, 1080, 1).width).toBe(0);
  });

  it('puts the bubble in the chosen corner with a margin, and crops the camera to a square', () => {
    expect(bubbleRect(1920, 1080, 'bottom-right')).toEqual({ x: 1920 - 43 - 259, y: 1080 - 43 - 259, width: 259, height: 259 });
    expect(bubbleRect(1920, 1080, 'top-left')).toEqual({ x: 43, y: 43, width: 259, height: 259 });
    expect(coverSquare(1280, 720)).toEqual({ x: 280, y: 0, width: 720, height: 720 });
  });
});

describe('teleprompter and clock', () => {
  it('scrolls faster as the speed goes up, within its range', () => {
    expect(prompterPxPerSec(1)).toBe(12);
    expect(prompterPxPerSec(10)).toBe(120);
    expect(prompterPxPerSec(0)).toBe(12);
    expect(prompterPxPerSec(5)).toBeGreaterThan(prompterPxPerSec(4));
  });

  it('counts whole seconds', () => {
    expect(formatElapsed(0)).toBe('00:00');
    expect(formatElapsed(2999)).toBe('00:02');
    expect(formatElapsed(65_000)).toBe('01:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });
});

describe('device errors', () => {
  it('tells a refusal from a missing or busy device', () => {
    const err = (name: string) => Object.assign(new Error('x'), { name });
    expect(mediaErrorKey(err('NotAllowedError'))).toBe('capture.error.denied');
    expect(mediaErrorKey(err('NotFoundError'))).toBe('capture.error.notFound');
    expect(mediaErrorKey(err('NotReadableError'))).toBe('capture.error.busy');
    expect(mediaErrorKey({ name: 'NotAllowedError' })).toBe('capture.error.denied');
    expect(mediaErrorKey(new Error('strange'))).toBe('capture.error.generic');
  });
});
