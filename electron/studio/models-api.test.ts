import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

/** Settings → Captions models and captions.transcribe through a real Studio, against a local model server. */
const MODEL = Buffer.concat([Buffer.from([0x6c, 0x6d, 0x67, 0x67]), randomBytes(300_000)]);
const SHA256 = createHash('sha256').update(MODEL).digest('hex');

describe('models API', () => {
  let t: TempStudio;
  let server: http.Server;
  beforeEach(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/m/ggml-base.bin') res.writeHead(200, { 'Content-Length': MODEL.length }).end(MODEL);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    t = await openTempStudio('pf-models-api-', { env: { ...process.env, POSTFRAME_MODEL_BASE_URL: `http://127.0.0.1:${port}/m`, POSTFRAME_MODEL_SHA256: `base=${SHA256}` } });
  });
  afterEach(async () => {
    await t.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('lists the catalogue, downloads a model as a job into the user data folder, and removes it', async () => {
    const before = await t.studio.api['models.list']({});
    expect(before.folder).toBe(path.join(t.settingsDir, 'models'));
    expect(before.models.map((m) => m.id)).toEqual(['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en']);
    expect(before.active).toBeNull();
    const { jobId } = await t.studio.api['models.download']({ id: 'base', actorId: 'owner' });
    const job = await t.studio.waitForJob(jobId);
    expect(job).toMatchObject({ status: 'done', result: { kind: 'model-download', modelId: 'base', sizeBytes: MODEL.length, sha256: SHA256 } });
    const after = await t.studio.api['models.list']({});
    expect(after.active).toBe('base');
    expect(fs.readFileSync(path.join(t.settingsDir, 'models', 'ggml-base.bin')).equals(MODEL)).toBe(true);
    expect(fs.existsSync(path.join(t.libraryPath, 'models'))).toBe(false); // not inside the library
    await t.studio.api['models.remove']({ id: 'base', actorId: 'owner' });
    expect((await t.studio.api['models.list']({})).active).toBeNull();
  });

  it('a download the server does not have fails its job with the reason, and nothing is installed', async () => {
    const { jobId } = await t.studio.api['models.download']({ id: 'base.en', actorId: 'owner' }); // not served: 404
    expect(await t.studio.waitForJob(jobId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/answered 404/) });
    const { jobId: tiny } = await t.studio.api['models.download']({ id: 'tiny', actorId: 'owner' }); // served nowhere either
    expect((await t.studio.waitForJob(tiny)).status).toBe('failed');
    expect((await t.studio.api['models.list']({})).models.every((m) => !m.installed)).toBe(true);
  });

  it('captions.transcribe without a model says to download one in Settings → Captions models; a user file must be a ggml model', async () => {
    const d = await t.studio.api['drafts.create']({ kind: 'video', name: 'Talk' });
    const route = (name: string, input: unknown) => t.studio.route(name, input, t.studio.ownerCaller());
    expect(await route('captions.transcribe', { draftId: d.id, language: 'fi' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/Settings → Captions models/) } });
    const own = path.join(t.tmp, 'mine.bin');
    fs.writeFileSync(own, 'not a model at all');
    expect(await route('models.add', { id: 'small', actorId: 'owner', path: own })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/ggml header/) } });
    fs.writeFileSync(own, MODEL);
    expect(await route('models.add', { id: 'small', actorId: 'owner', path: own })).toMatchObject({ ok: true, value: { id: 'small', installed: true, source: 'file' } });
    // With a model, the draft is looked at: this one has nothing to caption.
    expect(await route('captions.transcribe', { draftId: d.id, language: 'fi' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/no voiceover or video with sound/) } });
    expect(await route('captions.transcribe', { assetId: 'nope', language: 'fi' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('only an admin may download, add, remove or choose a model: a creator is refused through the API, and nothing changes', async () => {
    const route = (name: string, input: unknown) => t.studio.route(name, input, t.studio.ownerCaller());
    const creator = await t.studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const asCreator = (name: string, input: unknown) => t.studio.route(name, input, { user: creator, sessionId: null });
    const refused = { ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^Only an admin can download, add, remove or choose speech-recognition models/) } };
    const own = path.join(t.tmp, 'mine.bin');
    fs.writeFileSync(own, MODEL);
    expect(await asCreator('models.download', { id: 'base' })).toMatchObject(refused);
    expect(await asCreator('models.add', { id: 'small', path: own })).toMatchObject(refused);
    expect(await asCreator('models.choose', { id: 'small' })).toMatchObject(refused);
    expect((await t.studio.api['jobs.list']({})).filter((j) => j.kind === 'model-download')).toEqual([]);
    expect((await t.studio.api['models.list']({})).models.every((m) => !m.installed)).toBe(true);
    // An admin installs one; the creator can neither remove it nor change which one is used, but can read the list.
    expect(await route('models.add', { id: 'small', actorId: 'owner', path: own })).toMatchObject({ ok: true });
    expect(await asCreator('models.remove', { id: 'small' })).toMatchObject(refused);
    expect(await asCreator('models.choose', { id: null })).toMatchObject(refused);
    expect(await route('models.list', {})).toMatchObject({ ok: true, value: { active: 'small', chosen: null, models: expect.arrayContaining([expect.objectContaining({ id: 'small', installed: true })]) } });
    // The admin's choice is what the list says; null is "Best installed" again.
    expect(await route('models.choose', { id: 'small', actorId: 'owner' })).toMatchObject({ ok: true, value: { active: 'small' } });
    expect((await t.studio.api['models.list']({})).chosen).toBe('small');
    // Each admin change is in the audit log, and so is each refusal of the creator (nothing changed).
    const edits = t.studio.auditRepo.list().filter((e) => e.action === 'model_edit');
    expect(t.studio.auditRepo.list().filter((e) => e.action === 'access_denied').map((e) => [e.actorId, e.detail.call, e.detail.needs])).toEqual([
      [creator.id, 'models.download', 'models.manage'],
      [creator.id, 'models.add', 'models.manage'],
      [creator.id, 'models.choose', 'models.manage'],
      [creator.id, 'models.remove', 'models.manage'],
      [creator.id, 'models.choose', 'models.manage'],
    ]);
    expect(edits.map((e) => [e.actorId, e.detail])).toEqual([
      ['owner', expect.objectContaining({ change: 'add', model: 'small', from: own, source: 'file' })],
      ['owner', { change: 'choose', model: 'small' }],
    ]);
    // Naming the admin as the actor does not make the creator one.
    expect(await asCreator('models.remove', { id: 'small', actorId: 'owner' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await t.studio.api['models.list']({})).models.find((m) => m.id === 'small')?.installed).toBe(true);
  });
});
