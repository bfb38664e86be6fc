import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClickTrack } from '../../scripts/click-track';
import { GOOD_DIR } from '../../scripts/fixtures';
import { startBeatsAfterImport } from './beats-api';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

/** Beat markers through a real Studio and ffmpeg: a generated 120 BPM click track, the 'beats' job, the stored result. */
describe('beats API (ffmpeg)', () => {
  let t: TempStudio;
  let clicks: number[];
  let song: string;
  const ids: Record<string, string> = {};
  const beatJobs = () => t.studio.rooms.runner.list().filter((j) => j.kind === 'beats');
  beforeAll(async () => {
    t = await openTempStudio('pf-beats-');
    song = path.join(t.tmp, 'click-120.mp3');
    clicks = makeClickTrack(song, { bpm: 120, seconds: 12, offsetSec: 0.25 });
    const png = path.join(t.tmp, 'still.png');
    fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
    // A video with a soundtrack too: it is not music, so importing it finds no beats.
    const job = await t.studio.waitForJob((await t.studio.api['imports.start']({ paths: [song, png, path.join(GOOD_DIR, 'blue-clip.mp4')], uploads: [] })).jobId);
    for (const id of job.result?.kind === 'import' ? job.result.assetIds : []) {
      const a = await t.studio.api['assets.get']({ id });
      ids[a.kind] = id;
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('importing music finds its beats in the background: a beat every 0.5 s (±30 ms) of a 120 BPM click track, kept with the asset', async () => {
    const api = t.studio.api;
    expect(Object.keys(ids).sort()).toEqual(['audio', 'image', 'video']);
    // One 'beats' job, started by the import, for the music only (not the photo, not the video with sound).
    const started = beatJobs();
    expect(started).toHaveLength(1);
    expect(started[0]!.title).toBe('Finding beats in click-120.mp3');
    const job = await t.studio.waitForJob(started[0]!.id);
    expect(job).toMatchObject({ status: 'done', kind: 'beats', result: { kind: 'beats', assetId: ids.audio, count: clicks.length } });
    expect(job.result?.kind === 'beats' ? job.result.bpm : null).toBeCloseTo(120, -1);
    expect(await api['beats.get']({ assetIds: [ids.image!, ids.video!] })).toEqual([]);
    const [stored] = await api['beats.get']({ assetIds: [ids.audio!] });
    expect(stored!.beats).toHaveLength(clicks.length);
    // The encoder's delay shifts every click alike; each is within 30 ms of its click and 0.5 s after the last.
    stored!.beats.forEach((b, i) => expect(Math.abs(b - clicks[i]!)).toBeLessThan(0.03));
    for (let i = 1; i < stored!.beats.length; i++) expect(Math.abs(stored!.beats[i]! - stored!.beats[i - 1]! - 0.5)).toBeLessThan(0.03);
    expect(t.events.some((e) => e.name === 'assets.changed' && (e.payload as { ids: string[] }).ids.includes(ids.audio!))).toBe(true);
    // Importing the same song again (a duplicate) finds nothing again, and music whose beats are known starts no job.
    const again = await t.studio.waitForJob((await api['imports.start']({ paths: [song], uploads: [] })).jobId);
    expect(again.result).toMatchObject({ kind: 'import', imported: 0, duplicates: 1 });
    expect(startBeatsAfterImport(t.studio.rooms, [ids.audio!, ids.image!, ids.video!], () => undefined)).toEqual([]);
    expect(beatJobs()).toHaveLength(1);
    // Kept in the library: a restart still has them.
    await t.restart();
    expect((await t.studio.api['beats.get']({ assetIds: ['nope', ids.audio!] })).map((b) => b.assetId)).toEqual([ids.audio]);
    await t.studio.api['beats.clear']({ assetId: ids.audio! });
    expect(await t.studio.api['beats.get']({ assetIds: [ids.audio!] })).toEqual([]);
  }, 120_000);

  it('after clearing (or in an older library) the button finds them again; it follows a job the import started', async () => {
    const api = t.studio.api;
    await api['beats.clear']({ assetId: ids.audio! });
    const { jobId } = await api['beats.find']({ assetId: ids.audio! });
    expect((await t.studio.waitForJob(jobId)).status).toBe('done');
    expect((await api['beats.get']({ assetIds: [ids.audio!] }))[0]!.beats).toHaveLength(clicks.length);
    // A job started as an import's is the one the button follows (the call runs before the job can finish).
    await api['beats.clear']({ assetId: ids.audio! });
    const [auto] = startBeatsAfterImport(t.studio.rooms, [ids.audio!], () => undefined);
    expect(auto).toBeDefined();
    expect((await api['beats.find']({ assetId: ids.audio! })).jobId).toBe(auto!.id);
    expect((await t.studio.waitForJob(auto!.id)).status).toBe('done');
  }, 120_000);

  it('music a creator imports gets its beats too (derived data, like a proxy)', async () => {
    const creator = await t.studio.api['users.create']({ actorId: 'owner', name: 'Remy', role: 'creator' });
    const started = await t.studio.route('imports.start', { paths: [path.join(GOOD_DIR, 'music-loop.mp3')], uploads: [] }, { user: creator, sessionId: null });
    expect(started).toMatchObject({ ok: true });
    const imported = await t.studio.waitForJob((started as { value: { jobId: string } }).value.jobId);
    const loopId = imported.result?.kind === 'import' ? imported.result.assetIds[0] : undefined;
    expect(loopId).toBeDefined();
    const job = beatJobs().find((j) => j.title === 'Finding beats in music-loop.mp3');
    expect(job).toBeDefined();
    expect(await t.studio.waitForJob(job!.id)).toMatchObject({ status: 'done', result: { kind: 'beats', assetId: loopId } });
    expect((await t.studio.api['beats.get']({ assetIds: [loopId!] })).map((b) => b.assetId)).toEqual([loopId]);
  }, 120_000);

  it('says why at once for a picture (no sound) and an unknown asset; every role may find beats', async () => {
    const route = (name: string, input: unknown) => t.studio.route(name, input, t.studio.ownerCaller());
    expect(await route('beats.find', { assetId: ids.image })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/has no sound to find beats in/) } });
    expect(await route('beats.find', { assetId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const creator = await t.studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const asCreator = (name: string, input: unknown) => t.studio.route(name, input, { user: creator, sessionId: null });
    const started = await asCreator('beats.find', { assetId: ids.audio });
    expect(started).toMatchObject({ ok: true });
    const jobId = (started as { value: { jobId: string } }).value.jobId;
    // Asked again while it runs (or just after): the same job, not a second one.
    const again = (await asCreator('beats.find', { assetId: ids.audio })) as { ok: boolean; value?: { jobId: string } };
    const job = await t.studio.waitForJob(jobId);
    if (job.status === 'done' && again.value?.jobId !== jobId) expect((await t.studio.waitForJob(again.value!.jobId)).status).toBe('done');
    expect(job.status).toBe('done');
  }, 120_000);

  it('a cancelled job saves nothing', async () => {
    const api = t.studio.api;
    await api['beats.clear']({ assetId: ids.audio! });
    const { jobId } = await api['beats.find']({ assetId: ids.audio! });
    await api['jobs.cancel']({ id: jobId });
    expect((await t.studio.waitForJob(jobId)).status).toBe('cancelled');
    expect(await api['beats.get']({ assetIds: [ids.audio!] })).toEqual([]);
  }, 60_000);
});
