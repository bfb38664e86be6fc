import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase } from '../library/db';
import { testDelivery } from './__tests__/deliveries';
import { type Receiver, startReceiver } from './__tests__/receiver';
import { DeliveriesRepo, deliver, recoverDeliveries } from './deliveries-repo';
import { folderConnector, sweepFolderConnector } from './folder-connector';
import { webhookConnector } from './webhook-connector';

/**
 * kill -9 in the middle of a delivery, then a restart: the ledger (marked 'sending' before anything left) tells
 * recovery what to do, and nothing reaches a receiver twice unless a person asks.
 */
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), '__tests__', 'crash-child.ts');

let dir: string;
let receiver: Receiver | null = null;
let child: ChildProcess | null = null;
let db: Db | null = null;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-crash-'));
  const first = openDatabase(path.join(dir, 'library.sqlite'));
  migrate(first);
  first.close();
});
afterEach(async () => {
  if (child && child.exitCode == null && child.signalCode == null) child.kill('SIGKILL');
  child = null;
  db?.close();
  db = null;
  await receiver?.close();
  receiver = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: object): { exited: Promise<NodeJS.Signals | number | null>; hung: Promise<void> } {
  const c = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify({ dbPath: path.join(dir, 'library.sqlite'), ...args })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = c;
  let out = '';
  let err = '';
  c.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => c.on('exit', (code, signal) => resolve(signal ?? code)));
  const hung = new Promise<void>((resolve, reject) => {
    c.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('HUNG')) resolve();
    });
    void exited.then((code) => reject(new Error(`child exited (${code}) before stopping: ${out} ${err}`)));
  });
  // The webhook test never waits for HUNG (the receiver tells it when to kill): keep that rejection observed.
  hung.catch(() => undefined);
  return { exited, hung };
}

async function killNow(p: { exited: Promise<unknown> }): Promise<void> {
  child!.kill('SIGKILL');
  expect(await p.exited).toBe('SIGKILL');
}

function restart(): DeliveriesRepo {
  db = openDatabase(path.join(dir, 'library.sqlite'));
  migrate(db);
  return new DeliveriesRepo(db);
}

describe('crash mid-delivery', () => {
  it('webhook: killed after the receiver got the body → unknown after restart, never re-sent automatically', async () => {
    let answer = false;
    receiver = await startReceiver((_r, res) => {
      if (answer) res.writeHead(200).end('ok');
    });
    const d = testDelivery('p1');
    const got = receiver.nextBody();
    const p = run({ delivery: d, webhookUrl: receiver.url });
    expect((await got).key).toBe(d.deliveryId);
    await killNow(p);

    const ledger = restart();
    expect(ledger.get(d.deliveryId)).toMatchObject({ state: 'sending', attempts: 1 });
    expect(recoverDeliveries(ledger).map((r) => r.state)).toEqual(['unknown']);
    expect(ledger.get(d.deliveryId)!.lastError).toMatch(/may have it/);
    answer = true;
    const hook = webhookConnector({ url: receiver.url, version: 'test', timeoutMs: 30_000 });
    for (let i = 0; i < 3; i++) expect((await deliver(ledger, hook, d)).sent).toBe(false);
    expect(ledger.due()).toEqual([]);
    expect(receiver.bodies.get(d.deliveryId)).toBe(1);

    // The person decides to send it again: same key, and once delivered it stays delivered.
    expect((await deliver(ledger, hook, d, { resend: true })).record.state).toBe('delivered');
    expect((await deliver(ledger, hook, d, { resend: true })).sent).toBe(false);
    expect(receiver.requests.map((r) => r.key)).toEqual([d.deliveryId, d.deliveryId]);
    expect(receiver.accepted.get(d.deliveryId)).toBe(1);
  });

  it('folder: killed after the folder was renamed into place → exactly one folder after recovery', async () => {
    const root = path.join(dir, 'exports');
    const d = testDelivery('p1');
    const p = run({ delivery: d, folderRoot: root, hangAt: 'after-send' });
    await p.hung;
    await killNow(p);

    const ledger = restart();
    expect(ledger.get(d.deliveryId)!.state).toBe('sending');
    expect(recoverDeliveries(ledger).map((r) => r.state)).toEqual(['pending']);
    await sweepFolderConnector(root, { minAgeMs: 0 });
    expect((await deliver(ledger, folderConnector({ root }), d)).record.state).toBe('delivered');
    expect(fs.readdirSync(path.join(root, 'instagram_reel'))).toEqual(['2026-06-01-kesan-jaatelo-uusi-maku']);
  });

  it('folder: killed mid-write → no visible folder, the leftover is swept, and the retry writes one folder', async () => {
    const root = path.join(dir, 'exports');
    const d = testDelivery('p1');
    const p = run({ delivery: d, folderRoot: root, hangAt: 'cover' });
    await p.hung;
    await killNow(p);
    const channelDir = path.join(root, 'instagram_reel');
    const left = fs.readdirSync(channelDir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.2026-06-01-kesan-jaatelo-uusi-maku\.tmp-[0-9a-f]+$/);

    const ledger = restart();
    recoverDeliveries(ledger);
    expect(await sweepFolderConnector(root, { minAgeMs: 0 })).toEqual([path.join(channelDir, left[0]!)]);
    expect((await deliver(ledger, folderConnector({ root }), d)).record.state).toBe('delivered');
    expect(fs.readdirSync(channelDir)).toEqual(['2026-06-01-kesan-jaatelo-uusi-maku']);
    expect(fs.readdirSync(path.join(channelDir, '2026-06-01-kesan-jaatelo-uusi-maku')).sort()).toEqual(['caption.txt', 'cover.jpg', 'media.mp4', 'post.json']);
  });
});
