import { describe, expect, it } from 'vitest';
import type { MediaFacts } from './asset';
import { needsProxy, proxyGop, proxyIsStale, proxyPlan } from './proxy';

const video = (o: Partial<MediaFacts> = {}): MediaFacts => ({
  durationSec: 10,
  width: 1920,
  height: 1080,
  rotation: 0,
  fps: 30,
  videoCodec: 'h264',
  audioCodec: 'aac',
  hasAudio: true,
  createdAt: null,
  format: 'mov,mp4,m4a,3gp,3g2,mj2',
  ...o,
});

describe('needsProxy', () => {
  it('leaves browser-decodable video up to 1280 px (720p) and 60 fps alone', () => {
    const hd = video({ width: 1280, height: 720 });
    expect(needsProxy(hd)).toBe(false);
    expect(needsProxy(video({ width: 720, height: 1280 }))).toBe(false);
    expect(needsProxy({ ...hd, fps: 60 })).toBe(false);
    for (const c of ['h264', 'vp8', 'vp9', 'av1', 'H264']) expect(needsProxy({ ...hd, videoCodec: c })).toBe(false);
  });

  it('wants a proxy for 1080p and up on the longest side, in either orientation (phone footage included)', () => {
    expect(needsProxy(video({ width: 1080, height: 1920 }))).toBe(true);
    expect(needsProxy(video({ width: 1920, height: 1080 }))).toBe(true);
    expect(needsProxy(video({ width: 1281, height: 720 }))).toBe(true);
    expect(needsProxy(video({ width: 2560, height: 1440 }))).toBe(true);
    expect(needsProxy(video({ width: 2160, height: 3840 }))).toBe(true);
  });

  it('a 1080x1920 proxy is 540x960: a quarter of the pixels to decode', () => {
    expect(proxyPlan({ width: 1080, height: 1920, fps: 30 })).toEqual({ width: 540, height: 960, fps: null });
  });

  it('wants a proxy for codecs Chromium cannot decode, whatever the size', () => {
    for (const c of ['hevc', 'prores', 'mpeg2video', 'mpeg4', 'dnxhd']) expect(needsProxy(video({ videoCodec: c, width: 640, height: 360 }))).toBe(true);
  });

  it('wants a proxy above 60 fps', () => {
    expect(needsProxy(video({ width: 1280, height: 720, fps: 120 }))).toBe(true);
    expect(needsProxy(video({ width: 1280, height: 720, fps: 60.5 }))).toBe(true);
  });

  it('never for audio, cover art or unknown sizes', () => {
    expect(needsProxy(video({ videoCodec: null, width: null, height: null, fps: null }))).toBe(false);
    expect(needsProxy(video({ videoCodec: 'hevc', width: null, height: null }))).toBe(false);
  });
});

describe('proxyPlan', () => {
  it('scales the longest side to 960 with even dimensions and the aspect kept', () => {
    expect(proxyPlan({ width: 2560, height: 1440, fps: 30 })).toEqual({ width: 960, height: 540, fps: null });
    expect(proxyPlan({ width: 2160, height: 3840, fps: 30 })).toEqual({ width: 540, height: 960, fps: null });
    // 4096x2160 → 960x506.25: rounded to the nearest even height.
    expect(proxyPlan({ width: 4096, height: 2160, fps: 24 })).toEqual({ width: 960, height: 506, fps: null });
  });

  it('never enlarges a small (codec-only) source, but still makes it even', () => {
    expect(proxyPlan({ width: 640, height: 360, fps: 30 })).toEqual({ width: 640, height: 360, fps: null });
    expect(proxyPlan({ width: 641, height: 359, fps: 30 })).toEqual({ width: 642, height: 360, fps: null });
  });

  it('caps the rate at 60 fps and keeps lower rates', () => {
    expect(proxyPlan({ width: 1920, height: 1080, fps: 120 }).fps).toBe(60);
    expect(proxyPlan({ width: 1920, height: 1080, fps: 59.94 }).fps).toBeNull();
  });
});

describe('proxyGop', () => {
  it('puts a keyframe every half second, at the proxy rate', () => {
    expect(proxyGop(30)).toBe(15);
    expect(proxyGop(24)).toBe(12);
    expect(proxyGop(120)).toBe(30);
    expect(proxyGop(null)).toBe(15);
    expect(proxyGop(1)).toBe(1);
  });
});

describe('HDR footage and old proxies', () => {
  it('wants a proxy for HDR footage whatever its size or codec (the preview plays it tone-mapped)', () => {
    expect(needsProxy(video({ width: 1280, height: 720, dynamicRange: 'hlg' }))).toBe(true);
    expect(needsProxy(video({ width: 640, height: 360, dynamicRange: 'pq' }))).toBe(true);
    expect(needsProxy(video({ width: 1280, height: 720, dynamicRange: 'sdr' }))).toBe(false);
    expect(needsProxy(video({ width: 1280, height: 720 }))).toBe(false);
  });
  it('a proxy is stale when it is decoded otherwise than the export makes its original', () => {
    const hd = { matrix: 'bt709' as const, fullRange: false };
    // An untagged 960x540 proxy of HD footage: Chromium decodes it as BT.601.
    expect(proxyIsStale(hd, { matrix: 'bt601', fullRange: false })).toBe(true);
    expect(proxyIsStale(hd, hd)).toBe(false);
    expect(proxyIsStale({ matrix: 'bt601', fullRange: false }, { matrix: 'bt601', fullRange: false })).toBe(false);
    // HDR footage's proxy made before tone mapping kept its BT.2020 HLG tags.
    const hlg = { matrix: 'bt2020' as const, fullRange: false, dynamicRange: 'hlg' as const };
    expect(proxyIsStale(hlg, hlg)).toBe(true);
    expect(proxyIsStale(hlg, hd)).toBe(false);
  });
});
