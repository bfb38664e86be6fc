import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LatePost } from '../model/delivery-status';
import { type Receiver, parseMultipart, startReceiver } from './__tests__/receiver';
import { type DeliveryWorld, approvedPost, eventsNamed, openDeliveryWorld } from './__tests__/studio-fixture';
import { readConnectorSettings } from './connectors';
import { DeliveriesRepo } from './deliveries-repo';
import { deliveryIdFor } from './delivery';

/**
 * The delivery engine through the Studio's API on a real library: variants rendered by the export engine,
 * the folder and a webhook on 127.0.0.1, the ledger, and a clock the test moves (no test waits on time).
 */
let w: DeliveryWorld;
let receiver: Receiver | null = null;
beforeEach(async () => {
  w = await openDeliveryWorld('pf-engine-');
});
afterEach(async () => {
  await w.close();
  await receiver?.close();
  receiver = null;
});

const api = () => w.studio.api;
const engine = () => w.studio.rooms.delivery;
const outbox = () => path.join(w.tmp, 'outbox');

function probeSize(file: string): string {
  return execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]).toString().trim();
}

async function exportNow(id: string) {
  const p = await api()['delivery.exportNow']({ id, actorId: 'owner' });
  expect(p.state).toBe('rendering');
  await engine().whenIdle();
  return api()['posts.get']({ id });
}

describe('connector settings', () => {
  it('checks every part, stores nothing when one is wrong, and never shows the secret', async () => {
    const set = (input: Omit<Parameters<ReturnType<typeof api>['connectors.set']>[0], 'actorId'>) => api()['connectors.set']({ actorId: 'owner', ...input });
    await expect(set({ folder: { root: 'relative/path' } })).rejects.toThrow(/not a full path/);
    await expect(set({ folder: { root: path.join(w.studio.folder.root, 'out') } })).rejects.toThrow(/inside the library folder/);
    const file = path.join(w.tmp, 'a-file');
    fs.writeFileSync(file, 'x');
    await expect(set({ folder: { root: file } })).rejects.toThrow(/cannot write to .*a file is in the way/);
    await expect(set({ folder: { root: outbox() }, webhook: { url: 'ftp://x', headerName: null, timeoutSec: 60 } })).rejects.toThrow(/http:\/\/ or https:\/\//);
    expect((await api()['connectors.get']({})).folder).toBeNull();
    await expect(set({ webhook: { url: 'https://hooks.example.com/x', headerName: 'Authorization', timeoutSec: 60 } })).rejects.toThrow(/Give the value of the Authorization header/);
    await expect(set({ webhook: { url: 'https://hooks.example.com/x', headerName: null, timeoutSec: 2 } })).rejects.toThrow(/from 5 to 600/);

    const v = await set({ folder: { root: outbox() }, webhook: { url: 'https://hooks.example.com/x', headerName: 'Authorization', headerValue: 'Bearer s3cret', timeoutSec: 30 }, routes: { linkedin: 'folder' } });
    expect(fs.statSync(outbox()).isDirectory()).toBe(true);
    expect(v).toMatchObject({ folder: { root: outbox() }, webhook: { url: 'https://hooks.example.com/x', headerName: 'Authorization', hasHeaderValue: true, timeoutSec: 30 } });
    expect(v.effective).toMatchObject({ linkedin: 'folder', tiktok: 'webhook' });
    expect(JSON.stringify(await api()['connectors.get']({}))).not.toContain('s3cret');
    // Saving the webhook again without a value keeps the secret; null removes header and secret.
    expect((await set({ webhook: { url: 'https://hooks.example.com/y', headerName: 'Authorization', timeoutSec: 30 } })).webhook).toMatchObject({ url: 'https://hooks.example.com/y', hasHeaderValue: true });
    expect((await set({ webhook: { url: 'https://hooks.example.com/y', headerName: null, headerValue: null, timeoutSec: 30 } })).webhook).toMatchObject({ headerName: null, hasHeaderValue: false });
    expect((await set({ webhook: null })).effective).toMatchObject({ linkedin: 'folder', tiktok: 'folder' });
  });
});

describe('connector settings are an admin’s, audited, and a secret stays with its host (issue 9 §6)', () => {
  const hook = (url: string, extra: { headerName?: string | null; headerValue?: string | null } = {}) => ({ url, headerName: 'Authorization', timeoutSec: 30, ...extra });
  const settingsAudit = () => w.studio.auditRepo.list(null).filter((e) => e.action === 'delivery_settings');

  it('refuses a creator and an approver, for every part, and stores, probes and audits nothing', async () => {
    const creator = await api()['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const before = w.studio.auditRepo.count();
    for (const actorId of [creator.id, w.approverId]) {
      for (const change of [{ folder: { root: outbox() } }, { webhook: hook('https://hooks.example.com/x', { headerValue: 'Bearer s3cret' }) }, { routes: { x: 'folder' as const } }, { folder: null, webhook: null }]) {
        await expect(api()['connectors.set']({ actorId, ...change })).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/Only an admin can change where posts are delivered.*Ask an admin to do it/) });
      }
    }
    expect(await api()['connectors.get']({})).toMatchObject({ folder: null, webhook: null, routes: {} });
    expect(fs.existsSync(outbox())).toBe(false);
    expect(w.studio.auditRepo.count()).toBe(before);
  });

  it('puts each admin change in the audit log: what changed, and whether a secret was set or cleared, never its value', async () => {
    const set = (input: Omit<Parameters<ReturnType<typeof api>['connectors.set']>[0], 'actorId'>) => api()['connectors.set']({ actorId: 'owner', ...input });
    await set({ folder: { root: outbox() }, webhook: hook('https://hooks.example.com/x', { headerValue: 'Bearer s3cret' }) });
    await set({ routes: { linkedin: 'folder' } });
    await set({ routes: { linkedin: 'folder' } }); // no change: nothing to record
    await set({ webhook: hook('https://hooks.example.com/y') }); // same origin: the secret is kept
    await set({ webhook: null });
    const entries = settingsAudit();
    expect(entries.map((e) => [e.actorId, e.postId])).toEqual(Array(4).fill(['owner', null]));
    expect(entries.map((e) => e.detail)).toEqual([
      {
        folder: { from: null, to: outbox() },
        webhook: { from: null, to: { url: 'https://hooks.example.com/x', headerName: 'Authorization', timeoutSec: 30 }, secret: 'set' },
      },
      { routes: { from: {}, to: { linkedin: 'folder' } } },
      { webhook: { from: { url: 'https://hooks.example.com/x', headerName: 'Authorization', timeoutSec: 30 }, to: { url: 'https://hooks.example.com/y', headerName: 'Authorization', timeoutSec: 30 }, secret: 'kept' } },
      { webhook: { from: { url: 'https://hooks.example.com/y', headerName: 'Authorization', timeoutSec: 30 }, to: null, secret: 'cleared' } },
    ]);
    expect(JSON.stringify(w.studio.auditRepo.list())).not.toContain('s3cret');
    expect(w.studio.auditRepo.verify()).toMatchObject({ ok: true });
  });

  it('forgets the secret header when the address moves to another origin (scheme, host or port), unless the change brings a new one', async () => {
    const set = (webhook: ReturnType<typeof hook>) => api()['connectors.set']({ actorId: 'owner', webhook });
    // The stored webhook with its secret opened (at rest the value is sealed: secrets-at-rest.test.ts).
    const stored = () => readConnectorSettings(w.studio.postsRepo, w.studio.rooms.secrets).webhook!;
    // Same origin (another path or query; case and the default port are the URL's own spelling): kept.
    await set(hook('https://hooks.example.com/a', { headerValue: 'Bearer s3cret' }));
    for (const url of ['https://hooks.example.com/b?team=1', 'https://HOOKS.example.com:443/c']) {
      expect((await set(hook(url))).webhook).toMatchObject({ headerName: 'Authorization', hasHeaderValue: true });
    }
    expect(stored().headerValue).toBe('Bearer s3cret');
    // Another host, port or scheme: the header and its secret are gone.
    for (const url of ['https://evil.example.net/a', 'https://hooks.example.com:8443/a', 'http://hooks.example.com/a', 'https://hooks.example.com.evil.net/a', 'https://127.0.0.1/a']) {
      await set(hook('https://hooks.example.com/a', { headerValue: 'Bearer s3cret' }));
      const v = await set(hook(url));
      expect(v.webhook, url).toMatchObject({ url, headerName: null, hasHeaderValue: false });
      expect(stored(), url).toMatchObject({ headerName: null, headerValue: null });
      expect(settingsAudit().at(-1)!.detail).toMatchObject({ webhook: { secret: 'cleared' } });
    }
    // A new secret given with the new address is the one kept.
    await set(hook('https://hooks.example.com/a', { headerValue: 'Bearer s3cret' }));
    expect((await set(hook('https://other.example.org/a', { headerValue: 'Bearer n3w' }))).webhook).toMatchObject({ hasHeaderValue: true });
    expect(stored().headerValue).toBe('Bearer n3w');
    expect(settingsAudit().at(-1)!.detail).toMatchObject({ webhook: { secret: 'set' } });
  });

  it('warns (and still saves) when the webhook points at this computer, a private network or a link-local address', async () => {
    const set = (url: string) => api()['connectors.set']({ actorId: 'owner', webhook: hook(url, { headerName: null }) });
    expect((await set('http://127.1:8080/hook')).webhook?.target).toBe('loopback');
    expect((await set('http://[fd00::5]/hook')).webhook?.target).toBe('private');
    expect((await set('http://169.254.169.254/latest')).webhook?.target).toBe('link_local');
    expect((await set('https://hooks.example.com/x')).webhook?.target).toBe('public');
    expect((await api()['connectors.get']({})).webhook?.target).toBe('public');
  });
});

describe('export now', () => {
  it('renders one variant per distinct plan, all in one export job, sends each channel where the settings route it, and marks the post exported', async () => {
    receiver = await startReceiver((_r, res) => res.writeHead(201).end('{"ok":true}'));
    await api()['connectors.set']({ actorId: 'owner', folder: { root: outbox() }, webhook: { url: receiver.url, headerName: 'Authorization', headerValue: 'Bearer t0k', timeoutSec: 30 }, routes: { x: 'folder' } });
    // TikTok and X take the 360x640 draft as it is (one shared file); Facebook Reels needs at least 540x960.
    const post = await approvedPost(w, 'Red launch', ['tiktok', 'x', 'facebook_reel']);
    const done = await exportNow(post.id);
    expect(done.state).toBe('exported');

    const jobs = (await api()['jobs.list']({})).filter((j) => j.kind === 'export');
    // One job, one ffmpeg process for both files (the draft decoded and composited once).
    expect(jobs.map((j) => [j.title, j.status])).toEqual([['Exporting “Red launch” for TikTok, X and Facebook Reels (360×640, 540×960)', 'done']]);

    // X went to the folder with the shared 360x640 file…
    const xDir = path.join(outbox(), 'x');
    const [folder] = fs.readdirSync(xDir);
    expect(probeSize(path.join(xDir, folder!, 'media.mp4'))).toBe('360,640');
    // …TikTok and Facebook Reels to the webhook, each with its own variant and the secret header.
    expect(receiver.requests.map((r) => r.key).sort()).toEqual([deliveryIdFor(post.id, 'facebook_reel', post.revision), deliveryIdFor(post.id, 'tiktok', post.revision)].sort());
    const reel = receiver.requests.find((r) => r.key.includes(':facebook_reel:'))!;
    const media = parseMultipart(reel.body, reel.contentType).get('media')!.data;
    const file = path.join(w.tmp, 'reel.mp4');
    fs.writeFileSync(file, media);
    expect(probeSize(file)).toBe('540,960');

    const status = await api()['delivery.status']({ postId: post.id });
    expect(status.channels.map((c) => [c.channel, c.connector, c.state])).toEqual([['tiktok', 'webhook', 'delivered'], ['x', 'folder', 'delivered'], ['facebook_reel', 'webhook', 'delivered']]);
    expect(status).toMatchObject({ busy: false, problem: null, minutesLate: null });
    expect(w.studio.auditRepo.list(post.id).map((e) => e.action).slice(-2)).toEqual(['render', 'export']);
    // Exporting again is refused: the post is history.
    await expect(api()['delivery.exportNow']({ id: post.id, actorId: 'owner' })).rejects.toThrow(/Only an approved post can be exported/);
  }, 60_000);

  it('refuses, saying what to do, when there is nowhere to deliver or the post is not approved', async () => {
    const post = await approvedPost(w, 'Nowhere', ['tiktok']);
    // The post says so before anyone tries (the button is disabled), and the engine refuses if asked anyway.
    // What happened and what to do, in a sentence a person would write.
    expect(await api()['delivery.status']({ postId: post.id })).toMatchObject({
      canExport: false,
      problem: 'No delivery folder or webhook is set up yet, so Postframe cannot deliver this post to TikTok. Set one up in Settings → Delivery.',
    });
    await expect(api()['delivery.exportNow']({ id: post.id, actorId: 'owner' })).rejects.toThrow(/No delivery folder or webhook is set.*Settings → Delivery/);
    expect((await api()['posts.get']({ id: post.id })).state).toBe('approved');
    await api()['connectors.set']({ actorId: 'owner', folder: { root: outbox() } });
    expect(await api()['delivery.status']({ postId: post.id })).toMatchObject({ canExport: true, problem: null });
    const draft = await api()['posts.create']({ draftId: w.draftId, actorId: 'owner', targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
    await expect(api()['delivery.exportNow']({ id: draft.id, actorId: 'owner' })).rejects.toThrow(/Get it approved first/);
    const image = await approvedPost(w, 'Feed', ['instagram_feed']);
    await expect(api()['delivery.exportNow']({ id: image.id, actorId: 'owner' })).rejects.toThrow(/does not take videos/);
  });
});

describe('the scheduler’s pass', () => {
  it('exports due scheduled posts, lists those more than an hour late instead, and says why a post waits', async () => {
    const due = await approvedPost(w, 'Due now', ['tiktok'], 5);
    const late = await approvedPost(w, 'Two hours late', ['tiktok'], 120);
    const future = await approvedPost(w, 'Tomorrow', ['tiktok'], -24 * 60);
    // A time set before approval is a plan: the post is approved, not scheduled, and waits for a person.
    const planned = await api()['posts.create']({ draftId: w.draftId, actorId: 'owner', title: 'Planned only', targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
    await api()['posts.update']({ id: planned.id, actorId: 'owner', scheduledAt: new Date(w.clock.now.getTime() - 5 * 60_000).toISOString() });
    await api()['posts.transition']({ id: planned.id, event: 'submit', actorId: 'owner' });
    expect((await api()['posts.transition']({ id: planned.id, event: 'approve', actorId: w.approverId })).state).toBe('approved');
    await w.studio.startScheduler({ timers: { set: () => null, clear: () => undefined } });
    // No connector yet: nothing is exported, and the post says why.
    expect((await api()['posts.get']({ id: due.id })).state).toBe('scheduled');
    expect((await api()['delivery.status']({ postId: due.id })).problem).toMatch(/No delivery folder or webhook is set/);
    const lateEvents = eventsNamed<{ posts: LatePost[] }>(w, 'delivery.late');
    expect(lateEvents.at(-1)!.posts.map((p) => [p.title, p.minutesLate])).toEqual([['Two hours late', 120]]);
    expect((await api()['delivery.status']({ postId: late.id })).minutesLate).toBe(120);

    await api()['connectors.set']({ actorId: 'owner', folder: { root: outbox() } });
    await w.studio.schedulerPass();
    await engine().whenIdle();
    expect((await api()['posts.get']({ id: due.id })).state).toBe('exported');
    expect((await api()['posts.get']({ id: late.id })).state).toBe('scheduled');
    expect((await api()['posts.get']({ id: future.id })).state).toBe('scheduled');
    expect((await api()['posts.get']({ id: planned.id })).state).toBe('approved');
    expect((await api()['delivery.late']({})).map((p) => p.postId)).toEqual([late.id]);
    expect(engine().nextWakeAt(w.clock.now)?.toISOString()).toBe(future.scheduledAt);

    // The person answers the question: Export now for the late one; the list empties and says so.
    await exportNow(late.id);
    expect((await api()['posts.get']({ id: late.id })).state).toBe('exported');
    await w.studio.schedulerPass();
    expect(await api()['delivery.late']({})).toEqual([]);
    expect(eventsNamed<{ posts: LatePost[] }>(w, 'delivery.late').at(-1)!.posts).toEqual([]);

    // Time passes: tomorrow's post goes out on the pass at its time.
    w.clock.now = new Date(Date.parse(future.scheduledAt!) + 30_000);
    await w.studio.schedulerPass();
    await engine().whenIdle();
    expect((await api()['posts.get']({ id: future.id })).state).toBe('exported');
    expect(fs.readdirSync(path.join(outbox(), 'tiktok'))).toHaveLength(3);
  }, 60_000);

  it('retries a webhook after its backoff (only when its time comes) and keeps the post ready meanwhile', async () => {
    receiver = await startReceiver((_r, res, n) => (n === 1 ? res.writeHead(503).end('busy') : res.writeHead(201).end()));
    await api()['connectors.set']({ actorId: 'owner', webhook: { url: receiver.url, headerName: null, timeoutSec: 30 } });
    const post = await approvedPost(w, 'Busy receiver', ['tiktok'], 1);
    await w.studio.startScheduler({ timers: { set: () => null, clear: () => undefined } });
    await engine().whenIdle();
    const waiting = await api()['delivery.status']({ postId: post.id });
    expect(waiting.state).toBe('ready');
    expect(waiting.channels[0]).toMatchObject({ state: 'retry', attempts: 1, error: expect.stringMatching(/503.*try again/) });
    const retryAt = waiting.channels[0]!.nextAttemptAt!;
    expect(engine().nextWakeAt(w.clock.now)?.toISOString()).toBe(retryAt);

    await w.studio.schedulerPass();
    expect(receiver.requests).toHaveLength(1);
    w.clock.now = new Date(Date.parse(retryAt) + 1);
    await w.studio.schedulerPass();
    expect((await api()['posts.get']({ id: post.id })).state).toBe('exported');
    const key = deliveryIdFor(post.id, 'tiktok', post.revision);
    expect(receiver.requests.map((r) => r.key)).toEqual([key, key]);
  }, 60_000);

  it('an unknown outcome waits for a person: never resent by a pass; Send again reuses the key, Mark as delivered settles', async () => {
    let drop = true;
    receiver = await startReceiver((_r, res) => (drop ? res.socket?.destroy() : res.writeHead(200).end()));
    await api()['connectors.set']({ actorId: 'owner', webhook: { url: receiver.url, headerName: null, timeoutSec: 30 } });
    const a = await approvedPost(w, 'Maybe sent A', ['tiktok']);
    const b = await approvedPost(w, 'Maybe sent B', ['tiktok']);
    await exportNow(a.id);
    await exportNow(b.id);
    for (const p of [a, b]) {
      const s = await api()['delivery.status']({ postId: p.id });
      expect([s.state, s.channels[0]!.state]).toEqual(['ready', 'unknown']);
      expect(s.channels[0]!.error).toMatch(/may have arrived/);
    }
    await w.studio.startScheduler({ timers: { set: () => null, clear: () => undefined } });
    await w.studio.schedulerPass();
    expect(receiver.requests).toHaveLength(2);

    drop = false;
    await api()['delivery.sendAgain']({ postId: a.id, channel: 'tiktok', actorId: 'owner' });
    await engine().whenIdle();
    expect((await api()['posts.get']({ id: a.id })).state).toBe('exported');
    expect(receiver.requests.filter((r) => r.key === deliveryIdFor(a.id, 'tiktok', a.revision))).toHaveLength(2);

    const marked = await api()['delivery.markDelivered']({ postId: b.id, channel: 'tiktok', actorId: w.approverId });
    expect(marked).toMatchObject({ state: 'exported', channels: [{ state: 'delivered' }] });
    expect(receiver.requests.filter((r) => r.key === deliveryIdFor(b.id, 'tiktok', b.revision))).toHaveLength(1);
    expect(w.studio.auditRepo.list(b.id).map((e) => `${e.actorName}:${e.action}`).slice(-2)).toEqual(['Ari:mark_delivered', 'Owner:export']);
    await expect(api()['delivery.markDelivered']({ postId: b.id, channel: 'tiktok', actorId: 'owner' })).rejects.toThrow(/is delivered: there is nothing to decide/);
  }, 60_000);

  it('a refusal fails the post with the receiver’s words; Export again sends only the channel that did not get it', async () => {
    let refuse = true;
    receiver = await startReceiver((r, res) => (refuse && r.key.includes(':x:') ? res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"caption too long"}') : res.writeHead(201).end()));
    await api()['connectors.set']({ actorId: 'owner', webhook: { url: receiver.url, headerName: null, timeoutSec: 30 } });
    const post = await approvedPost(w, 'Half refused', ['tiktok', 'x']);
    const failed = await exportNow(post.id);
    expect(failed.state).toBe('failed');
    const s = await api()['delivery.status']({ postId: post.id });
    expect(s.channels.map((c) => c.state)).toEqual(['delivered', 'failed']);
    // Said once, where it happened: X's row has the receiver's words; the post's problem does not repeat them.
    expect(s.channels[1]!.error).toMatch(/refused the post \(422\): “caption too long”/);
    expect(s.problem).toBeNull();
    // The post's history keeps the reason with the channel's name (the CLI and the audit log read it there).
    expect(w.studio.auditRepo.list(post.id).filter((e) => e.action === 'fail').at(-1)?.detail).toMatchObject({ reason: expect.stringMatching(/^X: .*caption too long/) });

    refuse = false;
    expect((await exportNow(post.id)).state).toBe('exported');
    const keys = receiver.requests.map((r) => r.key.split(':')[1]);
    expect(keys.sort()).toEqual(['tiktok', 'x', 'x']);
  }, 60_000);
});

describe('after a crash', () => {
  it('the first pass turns a webhook send in flight into an unknown outcome, and renders again a post left rendering', async () => {
    receiver = await startReceiver((_r, res) => res.writeHead(201).end());
    await api()['connectors.set']({ actorId: 'owner', webhook: { url: receiver.url, headerName: null, timeoutSec: 30 } });
    // What a kill -9 leaves: one post rendering (its job failed by the job runner's own recovery), and one
    // rendered post whose webhook row says 'sending'.
    const rendering = await approvedPost(w, 'Was rendering', ['tiktok']);
    // The engine's own steps (a client may not take them: the contract offers only a person's steps).
    w.studio.postService.transition({ id: rendering.id, event: 'start_render', actorId: 'owner' });
    const sending = await approvedPost(w, 'Was sending', ['tiktok']);
    w.studio.postService.transition({ id: sending.id, event: 'start_render', actorId: 'owner' });
    w.studio.postService.transition({ id: sending.id, event: 'render_done', actorId: 'owner' });
    const ledger = new DeliveriesRepo(w.studio.database, () => w.clock.now);
    const id = deliveryIdFor(sending.id, 'tiktok', sending.revision);
    ledger.ensure({ deliveryId: id, postId: sending.id, channel: 'tiktok' }, 'webhook');
    ledger.claim(id, ['pending']);

    await w.studio.startScheduler({ timers: { set: () => null, clear: () => undefined } });
    await engine().whenIdle();
    expect((await api()['posts.get']({ id: rendering.id })).state).toBe('exported');
    const s = await api()['delivery.status']({ postId: sending.id });
    expect([s.state, s.channels[0]!.state]).toEqual(['ready', 'unknown']);
    expect(s.channels[0]!.error).toMatch(/stopped while sending/);
    // Only the re-rendered post reached the receiver; the one that may have arrived waits for a person.
    expect(receiver.requests.map((r) => r.key)).toEqual([deliveryIdFor(rendering.id, 'tiktok', rendering.revision)]);
  }, 60_000);
});
