import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingManifest, RECORDING_STALE_MS } from '../model/recording';
import { type NewRecording, RecordingStore } from './recordings';

const camera: NewRecording = { kind: 'camera', name: 'Camera take', mimeType: 'video/webm;codecs=vp8,opus', container: 'webm', fps: 30, timesliceMs: 1000, voiceover: null };
const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe('RecordingStore', () => {
  let dir: string;
  let now: number;
  let store: RecordingStore;
  const clock = () => new Date(now);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-rec-'));
    now = Date.parse('2026-01-02T03:04:05Z');
    store = new RecordingStore(dir, clock);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const manifestOnDisk = (id: string) => RecordingManifest.parse(JSON.parse(fs.readFileSync(path.join(dir, id, 'manifest.json'), 'utf8')));

  it('appends chunks in order and keeps the manifest in step with the file', async () => {
    const m = await store.create(camera);
    expect(await store.append(m.id, 0, bytes(3, 1))).toEqual({ status: 'taken', nextSeq: 1 });
    expect(await store.append(m.id, 1, bytes(2, 2))).toEqual({ status: 'taken', nextSeq: 2 });
    expect([...fs.readFileSync(store.takePath(m))]).toEqual([1, 1, 1, 2, 2]);
    expect(manifestOnDisk(m.id)).toMatchObject({ nextSeq: 2, bytes: 5, state: 'recording' });
  });

  it('is idempotent on retry and refuses gaps with the chunk it expects', async () => {
    const m = await store.create(camera);
    await store.append(m.id, 0, bytes(3, 1));
    expect(await store.append(m.id, 0, bytes(3, 1))).toEqual({ status: 'duplicate', nextSeq: 1 });
    expect(await store.append(m.id, 2, bytes(3, 3))).toEqual({ status: 'gap', expected: 1 });
    expect(fs.statSync(store.takePath(m)).size).toBe(3);
  });

  it('takes chunks sent at once one after another, in arrival order', async () => {
    const m = await store.create(camera);
    const acks = await Promise.all([0, 1, 2, 3].map((seq) => store.append(m.id, seq, bytes(4, seq))));
    expect(acks.map((a) => a.status)).toEqual(['taken', 'taken', 'taken', 'taken']);
    expect([...fs.readFileSync(store.takePath(m))]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });

  it('rewrites a chunk whose manifest write a crash prevented, leaving no stale bytes', async () => {
    const m = await store.create(camera);
    await store.append(m.id, 0, bytes(3, 1));
    // A crash after writing chunk 1 (5 bytes) but before its manifest: the file is longer than the manifest says.
    fs.appendFileSync(store.takePath(m), Buffer.from(bytes(5, 9)));
    const reopened = new RecordingStore(dir, clock);
    expect(await reopened.append(m.id, 1, bytes(2, 2))).toEqual({ status: 'taken', nextSeq: 2 });
    expect([...fs.readFileSync(store.takePath(m))]).toEqual([1, 1, 1, 2, 2]);
  });

  it('refuses to stop while chunks are still on the way, and removes an empty take', async () => {
    const m = await store.create(camera);
    await store.append(m.id, 0, bytes(3, 1));
    await expect(store.stop(m.id, { chunks: 2, durationMs: 2000 })).rejects.toMatchObject({ code: 'conflict' });
    await store.append(m.id, 1, bytes(3, 1));
    expect(await store.stop(m.id, { chunks: 2, durationMs: 2000 })).toMatchObject({ state: 'stopped', durationMs: 2000 });
    await expect(store.append(m.id, 2, bytes(1, 1))).rejects.toMatchObject({ code: 'conflict' });

    const empty = await store.create(camera);
    await expect(store.stop(empty.id, { chunks: 0, durationMs: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(fs.existsSync(path.join(dir, empty.id))).toBe(false);
  });

  it('after a restart offers the takes nobody records, cut to what the manifest saw, and cleans up the rest', async () => {
    const live = await store.create(camera);
    await store.append(live.id, 0, bytes(3, 1));
    fs.appendFileSync(store.takePath(live), Buffer.from(bytes(4, 9))); // a chunk the manifest never saw
    const empty = await store.create(camera);
    const imported = await store.create({ ...camera, name: 'Imported' });
    await store.append(imported.id, 0, bytes(3, 1));
    const done = manifestOnDisk(imported.id);
    fs.writeFileSync(path.join(dir, imported.id, 'manifest.json'), JSON.stringify({ ...done, state: 'done', assetId: 'asset-1' }));
    fs.mkdirSync(path.join(dir, 'not-a-take')); // no manifest: left alone

    // The same process still hears from the recorder: nothing is interrupted yet.
    expect(await store.interrupted()).toEqual([]);

    // Restarted a little later: an empty take that was only just started might belong to another process.
    const restarted = new RecordingStore(dir, clock);
    expect((await restarted.interrupted()).map((m) => m.id)).toEqual([live.id]);
    expect(fs.existsSync(path.join(dir, empty.id))).toBe(true);
    now += RECORDING_STALE_MS + 1;
    const found = await restarted.interrupted();
    expect(found.map((m) => m.id)).toEqual([live.id]);
    expect(fs.existsSync(path.join(dir, empty.id))).toBe(false);
    expect(fs.existsSync(path.join(dir, imported.id))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'not-a-take'))).toBe(true);

    const closed = await restarted.close(live.id);
    expect(closed).toMatchObject({ state: 'stopped', bytes: 3 });
    expect(fs.statSync(restarted.takePath(live)).size).toBe(3);
  });

  it('offers a take whose recorder went quiet, and never one being saved', async () => {
    const m = await store.create(camera);
    await store.append(m.id, 0, bytes(3, 1));
    now += RECORDING_STALE_MS + 1;
    expect((await store.interrupted()).map((x) => x.id)).toEqual([m.id]);
    store.setFinalizing(m.id, true);
    expect(await store.interrupted()).toEqual([]);
  });

  it('records the asset before removing a finished take', async () => {
    const m = await store.create(camera);
    await store.append(m.id, 0, bytes(3, 1));
    await store.stop(m.id, { chunks: 1, durationMs: 900 });
    await store.markDone(m.id, 'asset-1');
    expect(fs.existsSync(path.join(dir, m.id))).toBe(false);
    await expect(store.append(m.id, 1, bytes(1, 1))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('never turns an id into a path outside its folder', async () => {
    await expect(store.append('../x', 0, bytes(1, 1))).rejects.toMatchObject({ code: 'not_found' });
    expect(() => store.dirOf('a/b')).toThrow();
  });
});
