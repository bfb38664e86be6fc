import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ffprobeJson, makeVfrWebm } from '../capture/__tests__/takes';
import { recordingResultOf } from '../model/job';
import { Studio } from '../studio';

/** A take's bytes in `n` slices cut at arbitrary places, as MediaRecorder's timeslice chunks are. */
function slices(file: string, n: number): Buffer[] {
  const all = fs.readFileSync(file);
  const size = Math.ceil(all.length / n);
  return Array.from({ length: n }, (_, i) => all.subarray(i * size, (i + 1) * size));
}

describe('recordings through the Studio', () => {
  let media: string;
  let take: string;
  let voice: string;
  let tmp: string;
  let libraryPath: string;
  let studio: Studio;
  const open = () => Studio.open({ libraryPath, settingsDir: path.join(tmp, 'settings'), shell: 'browser', createLibrary: true });
  const recordingsDir = () => path.join(libraryPath, 'recordings');

  beforeAll(() => {
    media = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-capture-media-'));
    take = path.join(media, 'take.webm');
    voice = path.join(media, 'voice.webm');
    makeVfrWebm(take, { seconds: 3 });
    makeVfrWebm(voice, { seconds: 2, audioOnly: true });
  });
  afterAll(() => fs.rmSync(media, { recursive: true, force: true }));

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-capture-'));
    libraryPath = path.join(tmp, 'lib');
    studio = await open();
  });
  afterEach(async () => {
    await studio.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('streams a take in, finalizes it to a constant frame rate MP4 and imports it tagged as a recording', async () => {
    const { id } = await studio.api['recordings.start']({ kind: 'camera', mimeType: 'video/webm;codecs=vp8,opus', fps: 30, timesliceMs: 1000, name: 'Hello take', voiceover: null });
    const parts = slices(take, 4);
    for (const [seq, part] of parts.entries()) expect(await studio.appendRecordingChunk(id, seq, part)).toEqual({ status: 'taken', nextSeq: seq + 1 });
    // A retry of the last chunk (its answer was lost) changes nothing.
    expect(await studio.appendRecordingChunk(id, 3, parts[3]!)).toEqual({ status: 'duplicate', nextSeq: 4 });

    const { jobId } = await studio.api['recordings.stop']({ id, chunks: 4, durationMs: 3000 });
    const job = await studio.waitForJob(jobId);
    expect(job.status, job.error ?? '').toBe('done');
    const result = recordingResultOf(job)!;
    expect(result).toMatchObject({ take: 'camera', voiceover: null });
    const asset = await studio.api['assets.get']({ id: result.assetId });
    expect(asset.name).toBe('Hello take.mp4');
    expect(asset.tags).toEqual(expect.arrayContaining(['recording', 'camera']));
    expect(asset.kind).toBe('video');
    expect(asset.facts.fps).toBe(30);
    expect(asset.facts.hasAudio).toBe(true);
    expect(fs.readdirSync(recordingsDir())).toEqual([]);
    expect(await studio.api['recordings.interrupted']({})).toEqual([]);
  });

  it('after a crash mid-take, offers the take on start and recovers it as a valid MP4', async () => {
    const { id } = await studio.api['recordings.start']({ kind: 'screen', mimeType: 'video/webm;codecs=vp8,opus', fps: 30, timesliceMs: 1000, voiceover: null });
    const parts = slices(take, 4);
    for (const seq of [0, 1, 2]) await studio.appendRecordingChunk(id, seq, parts[seq]!);
    // The process dies while writing chunk 3: half of it is on disk, its manifest update never happened.
    fs.appendFileSync(path.join(recordingsDir(), id, 'take.webm'), parts[3]!.subarray(0, 100));
    await studio.close();

    studio = await open();
    const found = await studio.api['recordings.interrupted']({});
    expect(found).toMatchObject([{ id, kind: 'screen', seconds: 3 }]);
    const { jobId } = await studio.api['recordings.recover']({ id });
    const job = await studio.waitForJob(jobId);
    expect(job.status, job.error ?? '').toBe('done');
    const asset = await studio.api['assets.get']({ id: recordingResultOf(job)!.assetId });
    expect(asset.tags).toContain('recording');
    const file = studio.folder.originalPath(asset.sha256, asset.ext);
    const probe = ffprobeJson(file);
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    const video = probe.streams.find((s) => s.codec_type === 'video')!;
    expect(video.r_frame_rate).toBe(video.avg_frame_rate);
    expect(await studio.api['recordings.interrupted']({})).toEqual([]);
  });

  it('carries a voiceover’s place on the timeline to the finished job, as an audio asset', async () => {
    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'With narration' });
    await expect(
      studio.api['recordings.start']({ kind: 'voiceover', mimeType: 'audio/webm;codecs=opus', fps: 30, timesliceMs: 1000, voiceover: { draftId: 'gone', at: 1 } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const { id } = await studio.api['recordings.start']({ kind: 'voiceover', mimeType: 'audio/webm;codecs=opus', fps: 30, timesliceMs: 1000, voiceover: { draftId: draft.id, at: 1.5 } });
    const parts = slices(voice, 2);
    for (const [seq, part] of parts.entries()) await studio.appendRecordingChunk(id, seq, part);
    const job = await studio.waitForJob((await studio.api['recordings.stop']({ id, chunks: 2, durationMs: 2000 })).jobId);
    expect(job.status, job.error ?? '').toBe('done');
    const result = recordingResultOf(job)!;
    expect(result.voiceover).toEqual({ draftId: draft.id, at: 1.5 });
    const asset = await studio.api['assets.get']({ id: result.assetId });
    expect(asset.kind).toBe('audio');
    expect(asset.ext).toBe('m4a');
    expect(asset.tags).toEqual(expect.arrayContaining(['recording', 'voiceover']));
  });

  it('discards an interrupted take, and refuses formats it cannot finalize', async () => {
    await expect(studio.api['recordings.start']({ kind: 'camera', mimeType: 'video/x-msvideo', fps: 30, timesliceMs: 1000, voiceover: null })).rejects.toMatchObject({ code: 'invalid_input' });
    const { id } = await studio.api['recordings.start']({ kind: 'camera', mimeType: 'video/webm', fps: 30, timesliceMs: 1000, voiceover: null });
    await studio.appendRecordingChunk(id, 0, slices(take, 4)[0]!);
    await studio.close();
    studio = await open();
    expect((await studio.api['recordings.interrupted']({})).map((r) => r.id)).toEqual([id]);
    expect(await studio.api['recordings.discard']({ id })).toEqual({ count: 1 });
    expect(await studio.api['recordings.interrupted']({})).toEqual([]);
    expect(fs.readdirSync(recordingsDir())).toEqual([]);
  });
});
