import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClickTrack } from '../../scripts/click-track';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

/** Beat markers through a real Studio and ffmpeg: a generated 120 BPM click track, the 'beats' job, the stored result. */
describe('beats API (ffmpeg)', () => {
  let t: TempStudio;
  let clicks: number[];
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await openTempStudio('pf-beats-');
    const song = path.join(t.tmp, 'click-120.mp3');
    clicks = makeClickTrack(song, { bpm: 120, seconds: 12, offsetSec: 0.25 });
    const png = path.join(t.tmp, 'still.png');
    fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
    const job = await t.studio.waitForJob((await t.studio.api['imports.start']({ paths: [song, png], uploads: [] })).jobId);
    for (const id of job.result?.kind === 'import' ? job.result.assetIds : []) {
      const a = await t.studio.api['assets.get']({ id });
      ids[a.kind] = id;
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('finds a beat every 0.5 s (±30 ms) in a 120 BPM click track, as a job, and keeps them with the asset', async () => {
    const api = t.studio.api;
    expect(await api['beats.get']({ assetIds: [ids.audio!] })).toEqual([]);
    const { jobId } = await api['beats.find']({ assetId: ids.audio! });
    const job = await t.studio.waitForJob(jobId);
    expect(job).toMatchObject({ status: 'done', kind: 'beats', result: { kind: 'beats', assetId: ids.audio, count: clicks.length } });
    expect(job.result?.kind === 'beats' ? job.result.bpm : null).toBeCloseTo(120, -1);
    const [stored] = await api['beats.get']({ assetIds: [ids.audio!] });
    expect(stored!.beats).toHaveLength(clicks.length);
    // The encoder's delay shifts every click alike; each is within 30 ms of its click and 0.5 s after the last.
    stored!.beats.forEach((b, i) => expect(Math.abs(b - clicks[i]!)).toBeLessThan(0.03));
    for (let i = 1; i < stored!.beats.length; i++) expect(Math.abs(stored!.beats[i]! - stored!.beats[i - 1]! - 0.5)).toBeLessThan(0.03);
    expect(t.events.some((e) => e.name === 'assets.changed' && (e.payload as { ids: string[] }).ids.includes(ids.audio!))).toBe(true);
    // Kept in the library: a restart still has them.
    await t.restart();
    expect((await t.studio.api['beats.get']({ assetIds: ['nope', ids.audio!] })).map((b) => b.assetId)).toEqual([ids.audio]);
    await t.studio.api['beats.clear']({ assetId: ids.audio! });
    expect(await t.studio.api['beats.get']({ assetIds: [ids.audio!] })).toEqual([]);
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
