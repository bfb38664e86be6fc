import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import { ffprobeJson, makeVfrWebm, videoFrameTimes } from './__tests__/takes';
import { finalizeArgs, finalizeTake, padding, parseStreamEnds, TAKE_INPUT_OPTIONS } from './finalize';

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

  it('holds the last frame or fills silence so both streams end together', () => {
    expect(padding({ video: 3.2, audio: 4.5 }, 30)).toEqual({ video: expect.closeTo(1.3, 6), audioTo: null });
    expect(padding({ video: 4.5, audio: 4.0 }, 30)).toEqual({ video: null, audioTo: 4.5 });
    expect(padding({ video: 4.5, audio: 4.49 }, 30)).toEqual({ video: null, audioTo: null });
    expect(padding({ video: null, audio: 4 }, 30)).toEqual({ video: null, audioTo: null });
    const args = finalizeArgs({ hasVideo: true, hasAudio: true, fps: 30, ends: { video: 2, audio: 3 } });
    expect(args[args.indexOf('-vf') + 1]).toBe('scale=trunc(iw/2)*2:trunc(ih/2)*2,setsar=1,tpad=stop_mode=clone:stop_duration=1.000');
    const voice = finalizeArgs({ hasVideo: true, hasAudio: true, fps: 30, ends: { video: 3, audio: 2 } });
    expect(voice[voice.indexOf('-af') + 1]).toBe('aresample=async=1:first_pts=0,apad=whole_dur=3.000');
  });

  it('finds where each stream ends from the packet list', () => {
    const csv = '1,0.000000,0.020000\n0,0.000000,0.050000\n0,0.050000,0.050000\n1,2.980000,0.020000\n0,1.000000,N/A\n\n';
    expect(parseStreamEnds(csv, new Map([[0, 'video'], [1, 'audio']]))).toEqual({ video: 1, audio: 3 });
    expect(parseStreamEnds('', new Map([[0, 'audio']]))).toEqual({ video: null, audio: null });
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

  it('holds the picture to the end of the sound when the encoder dropped the last frames', async () => {
    const short = path.join(tmp, 'short-video.webm');
    execFileSync(process.env.POSTFRAME_FFMPEG ?? 'ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=20:duration=1.5', '-f', 'lavfi', '-i', 'sine=duration=3:sample_rate=48000',
      '-c:v', 'libvpx', '-deadline', 'realtime', '-c:a', 'libopus', '-live', '1', '-f', 'webm', short]);
    const out = path.join(tmp, 'short-video.mp4');
    await finalizeTake(tools, short, out, { fps: 30, expectedSec: 3 });
    const probe = ffprobeJson(out) as unknown as { streams: { codec_type: string; duration: string }[] };
    const [v, a] = ['video', 'audio'].map((k) => Number(probe.streams.find((s) => s.codec_type === k)!.duration));
    expect(Math.abs(v! - a!)).toBeLessThan(0.1);
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
