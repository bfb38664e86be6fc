import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import { ffprobeJson, makeVfrWebm, videoFrameTimes } from './__tests__/takes';
import { finalizeArgs, finalizeTake, TAKE_INPUT_OPTIONS } from './finalize';

describe('finalize arguments', () => {
  it('makes H.264 at a constant frame rate with AAC sound from a camera take', () => {
    const args = finalizeArgs({ hasVideo: true, hasAudio: true, fps: 30 });
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(after('-fps_mode')).toBe('cfr');
    expect(after('-r')).toBe('30');
    expect(after('-c:v')).toBe('libx264');
    expect(after('-pix_fmt')).toBe('yuv420p');
    expect(after('-c:a')).toBe('aac');
    expect(after('-g')).toBe('60');
    expect(after('-vf')).toContain('trunc(iw/2)*2');
    expect(args).toEqual(expect.arrayContaining(['-map', '0:v:0', '0:a:0', '+faststart']));
  });

  it('keeps a silent screen recording silent and a voiceover without picture', () => {
    const silent = finalizeArgs({ hasVideo: true, hasAudio: false, fps: 24 });
    expect(silent).toContain('-an');
    expect(silent).not.toContain('0:a:0');
    const voice = finalizeArgs({ hasVideo: false, hasAudio: true, fps: 30 });
    expect(voice).toContain('-vn');
    expect(voice).not.toContain('-fps_mode');
    expect(voice[voice.indexOf('-c:a') + 1]).toBe('aac');
  });

  it('reads a take that ends anywhere without giving up', () => {
    expect(TAKE_INPUT_OPTIONS).toEqual(['-fflags', '+genpts+discardcorrupt', '-err_detect', 'ignore_err']);
  });
});

describe('finalizing real takes', () => {
  let tmp: string;
  let tools: MediaTools;
  let take: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-finalize-'));
    tools = new MediaTools(resolveBinaries({ env: process.env }));
    take = path.join(tmp, 'take.webm');
    makeVfrWebm(take, { seconds: 3 });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('turns a variable frame rate WebM into a constant frame rate MP4 with both streams', async () => {
    expect(ffprobeJson(take).streams.find((s) => s.codec_type === 'video')?.codec_name).toBe('vp8');
    const out = path.join(tmp, 'whole.mp4');
    const progress: number[] = [];
    const r = await finalizeTake(tools, take, out, { fps: 30, expectedSec: 3, onProgress: (f) => progress.push(f) });
    expect(r).toEqual({ hasVideo: true, hasAudio: true, ext: 'mp4' });
    const probe = ffprobeJson(out);
    const video = probe.streams.find((s) => s.codec_type === 'video')!;
    expect(video.codec_name).toBe('h264');
    expect(video.r_frame_rate).toBe('30/1');
    expect(video.avg_frame_rate).toBe('30/1');
    expect(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    const times = videoFrameTimes(out);
    const steps = new Set(times.slice(1).map((t, i) => Math.round((t - times[i]!) * 30_000)));
    expect([...steps]).toEqual([1000]);
    expect(progress.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  it('recovers a take cut off mid-cluster (as after a crash) into a valid MP4', async () => {
    const cut = path.join(tmp, 'cut.webm');
    const whole = fs.readFileSync(take);
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.7) + 13));
    const out = path.join(tmp, 'cut.mp4');
    await finalizeTake(tools, cut, out, { fps: 30, expectedSec: 3 });
    const probe = ffprobeJson(out);
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(Number(probe.format.duration)).toBeGreaterThan(0);
  });

  it('makes an AAC audio file of a voiceover', async () => {
    const voice = path.join(tmp, 'voice.webm');
    makeVfrWebm(voice, { seconds: 2, audioOnly: true });
    const out = path.join(tmp, 'voice.m4a');
    expect(await finalizeTake(tools, voice, out, { fps: 30, expectedSec: 2 })).toEqual({ hasVideo: false, hasAudio: true, ext: 'm4a' });
    const probe = ffprobeJson(out);
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(['audio:aac']);
  });

  it('refuses a take with nothing in it yet, and leaves no output', async () => {
    const stub = path.join(tmp, 'stub.webm');
    fs.writeFileSync(stub, fs.readFileSync(take).subarray(0, 40));
    const out = path.join(tmp, 'stub.mp4');
    await expect(finalizeTake(tools, stub, out, { fps: 30, expectedSec: 1 })).rejects.toMatchObject({ code: 'unsupported_media' });
    expect(fs.existsSync(out)).toBe(false);
  });
});
