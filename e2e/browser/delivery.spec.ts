import { addPerson, callAs, openSignedIn } from '../accounts-kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type Receiver, startReceiver } from '../../electron/publish/__tests__/receiver';
import { GOOD_DIR } from '../../scripts/fixtures';
import { settlesWithin, slowness, testLimit, waitStep } from '../limits';
import { addUser, switchTo } from '../queue-kit';
import { callApi, expect, initLibrary, startServe, test, type Server } from '../serve';
import { dismissToasts } from '../toasts';
import { SHOTS } from '../screenshots';

/**
 * Delivery in the app: connectors set in Settings, Export now with each channel's outcome on the post, late
 * posts asked about in the Queue, and the done-when of issue 4: a kill -9 of `postframe serve` while its
 * scheduler's webhook request is held by the receiver, then a restart, and every post reaches the receiver once.
 */
type Post = { id: string; revision: number; state: string };


/** A 1-second 360x640 draft of the red clip (small, so variants render in a moment), made through the API. */
async function makeDraft(page: Page, name: string): Promise<string> {
  let [assetId] = await callApi<string[]>(page, 'assets.ids', {});
  if (!assetId) {
    const { jobId } = await callApi<{ jobId: string }>(page, 'imports.start', { paths: [path.join(GOOD_DIR, 'red-clip.mp4')], uploads: [] });
    await waitStep('red-clip.mp4 imported', { files: 1 }, (timeout) =>
      expect.poll(async () => (await callApi<{ id: string; status: string }[]>(page, 'jobs.list', {})).find((j) => j.id === jobId)?.status, { timeout }).toBe('done'),
    );
    [assetId] = await callApi<string[]>(page, 'assets.ids', {});
  }
  const draft = await callApi<{ id: string; revision: number; doc: { canvas: object; tracks: { kind: string; clips: unknown[] }[] } }>(page, 'drafts.create', { name });
  const doc = structuredClone(draft.doc);
  doc.canvas = { ...doc.canvas, width: 360, height: 640 };
  doc.tracks.find((t) => t.kind === 'main')!.clips.push({
    id: 'c1', type: 'media', assetId, start: 0, in: 0, out: 1, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transitionIn: null,
    transform: { reframe: 'fill', x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1 },
  });
  await callApi(page, 'drafts.save', { id: draft.id, baseRevision: draft.revision, doc });
  return draft.id;
}

/** An approved post (the owner writes it, an approver approves from their own session), scheduled `minutesAgo` ago, or unscheduled. */
async function approvedPost(page: Page, host: { url: string }, draftId: string, title: string, channels: string[], minutesAgo: number | null): Promise<Post> {
  const users = await callApi<{ id: string; role: string; login: string | null }[]>(page, 'users.list', {});
  const known = users.find((u) => u.role === 'approver' && u.login);
  const approver = known ? { login: known.login! } : await addPerson(page, host, { name: 'Abe', login: 'abe', role: 'approver' });
  const p = await callApi<Post>(page, 'posts.create', { draftId, title, targets: channels.map((channel) => ({ channel, overrides: {} })), timeZone: 'UTC' });
  await callApi(page, 'posts.update', { id: p.id, content: { caption: `${title}!`, hashtags: ['red'], mentions: [], firstComment: '', link: null } });
  await callApi(page, 'posts.transition', { id: p.id, event: 'submit' });
  const approved = await callAs<Post>(host, approver.login, 'posts.transition', { id: p.id, event: 'approve' });
  if (minutesAgo === null) return approved;
  return callApi<Post>(page, 'posts.transition', { id: p.id, event: 'schedule', at: new Date(Date.now() - minutesAgo * 60_000).toISOString() });
}

const stateOf = async (page: Page, id: string) => (await callApi<Post>(page, 'posts.get', { id })).state;

let receiver: Receiver | null = null;
test.afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

test('Settings → Delivery, then Export now: each channel’s outcome on the post, and a person settles the unknown one', async ({ app, server }) => {
  // TikTok's receiver is busy at first (503, Retry-After); Facebook Reels' connection drops after the whole
  // post was sent (unknown outcome). Later attempts are answered 201. TikTok's 'retry' state lasts only as long as
  // the Retry-After, and the test must see it: the wait grows with the machine's slowness (8 s on a quiet one).
  const retryAfterSec = Math.ceil(8 * slowness());
  // One import, two 1 s variants rendered, and TikTok's Retry-After.
  test.setTimeout(testLimit({ files: 1, mediaSec: 2, realSec: retryAfterSec }));
  receiver = await startReceiver((r, res) => {
    const first = receiver!.bodies.get(r.key) === 1;
    if (first && r.key.includes(':tiktok:')) return void res.writeHead(503, { 'Retry-After': String(retryAfterSec) }).end('busy');
    if (first && r.key.includes(':facebook_reel:')) return void res.socket?.destroy();
    res.writeHead(201).end('{"ok":true}');
  });
  const outbox = fs.mkdtempSync(path.join(server.shared!, 'deliveries-'));

  await app.getByTestId('settings-nav').click();
  const settings = app.getByTestId('delivery-settings');
  await expect(settings.getByTestId('delivery-routes-summary')).toContainText('Set a folder or a webhook');
  // The engine's own words come back next to the field.
  await settings.getByTestId('delivery-folder-input').fill('deliveries');
  await settings.getByTestId('delivery-folder-save').click();
  await expect(settings.getByTestId('delivery-folder-form').getByRole('alert')).toContainText('is not a full path');
  await settings.getByTestId('delivery-folder-input').fill(outbox);
  await settings.getByTestId('delivery-folder-save').click();
  await expect(settings.getByTestId('delivery-routes-summary')).toHaveText('Every channel goes to the folder.');

  await settings.getByTestId('delivery-webhook-url').fill(receiver.url);
  await settings.getByTestId('delivery-webhook-header').fill('Authorization');
  await settings.getByTestId('delivery-webhook-secret').fill('Bearer e2e-secret');
  await settings.getByTestId('delivery-webhook-timeout').fill('30');
  await settings.getByTestId('delivery-webhook-save').click();
  await expect(settings.getByTestId('delivery-webhook-secret')).toHaveAttribute('placeholder', '••••••••');
  // Both set: LinkedIn goes to the folder, the rest to the webhook.
  const linkedin = settings.locator('[data-testid="delivery-route"][data-channel="linkedin"]');
  await linkedin.getByTestId('delivery-route-folder').click();
  await expect(linkedin.getByTestId('delivery-route-folder')).toHaveAttribute('aria-checked', 'true');
  if (SHOTS) {
    await dismissToasts(app);
    await app.setViewportSize({ width: 1440, height: 1160 });
    await settings.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await app.screenshot({ path: path.join(SHOTS, 'delivery-settings.png') });
    await app.setViewportSize({ width: 1440, height: 900 });
  }

  const draftId = await makeDraft(app, 'Red teaser');
  const post = await approvedPost(app, server, draftId, 'Red teaser', ['tiktok', 'linkedin', 'facebook_reel'], null);
  await app.getByTestId('queue-nav').click();
  await app.locator(`[data-testid="post-row"][data-post-id="${post.id}"]`).click();
  const block = app.getByTestId('delivery-block');
  const channel = (c: string) => block.locator(`[data-testid="delivery-channel"][data-channel="${c}"]`);
  await expect(channel('linkedin')).toContainText('Folder');
  await expect(channel('tiktok')).toHaveAttribute('data-state', 'none');
  await block.getByTestId('delivery-export-now').click();
  // Two variants render in one job (TikTok and LinkedIn share 360x640; Facebook Reels needs 540x960), then each
  // channel goes out: the folder has it, TikTok waits for its retry, Facebook Reels' outcome is unknown.
  await waitStep('two 1 s variants render and each channel gets its first outcome', { mediaSec: 2, files: 3 }, async (timeout) => {
    await expect(channel('linkedin')).toHaveAttribute('data-state', 'delivered', { timeout });
    await expect(channel('facebook_reel')).toHaveAttribute('data-state', 'unknown', { timeout });
    await expect(channel('tiktok')).toHaveAttribute('data-state', 'retry', { timeout });
  });
  await expect(channel('facebook_reel')).toContainText('may have arrived');
  await expect(channel('tiktok')).toContainText(/Trying again at \d\d:\d\d/);
  await expect(block).toHaveAttribute('data-state', 'ready');
  if (SHOTS) {
    await dismissToasts(app);
    await app.getByTestId('post-panel').screenshot({ path: path.join(SHOTS, 'delivery-status.png') });
  }

  // The person sends Facebook Reels again (same Idempotency-Key); the scheduler retries TikTok when its wait is over.
  await channel('facebook_reel').getByTestId('delivery-send-again').click();
  await expect(channel('facebook_reel')).toHaveAttribute('data-state', 'delivered');
  await waitStep(`the scheduler sends TikTok again after its Retry-After of ${retryAfterSec} s`, { realSec: retryAfterSec, files: 1 }, (timeout) =>
    expect(channel('tiktok')).toHaveAttribute('data-state', 'delivered', { timeout }),
  );
  await expect(block).toHaveAttribute('data-state', 'exported');
  await expect(app.locator(`[data-testid="post-row"][data-post-id="${post.id}"]`)).toHaveAttribute('data-state', 'exported');

  const keys = receiver.requests.map((r) => r.key);
  expect(keys.filter((k) => k.includes(':tiktok:'))).toHaveLength(2);
  expect(new Set(keys.filter((k) => k.includes(':facebook_reel:'))).size).toBe(1);
  expect(receiver.requests.every((r) => r.body.includes('"title":"Red teaser"'))).toBe(true);
  expect(fs.readdirSync(path.join(outbox, 'linkedin')).filter((n) => !n.startsWith('.'))).toHaveLength(1);
  const jobs = await callApi<{ kind: string; title: string }[]>(app, 'jobs.list', {});
  // Both variants came out of one ffmpeg process: one export job names every channel and size.
  expect(jobs.filter((j) => j.kind === 'export').map((j) => j.title)).toEqual(['Exporting “Red teaser” for TikTok, LinkedIn and Facebook Reels (360×640, 540×960)']);
  fs.rmSync(outbox, { recursive: true, force: true });
});

test('Settings → Delivery: an admin’s; a new address drops the saved secret and says so; local targets are warned about', async ({ app, server }) => {
  await app.getByTestId('settings-nav').click();
  const settings = app.getByTestId('delivery-settings');
  const url = settings.getByTestId('delivery-webhook-url');
  await url.fill('https://hooks.example.com/postframe');
  await settings.getByTestId('delivery-webhook-header').fill('Authorization');
  await settings.getByTestId('delivery-webhook-secret').fill('Bearer e2e-secret');
  await settings.getByTestId('delivery-webhook-save').click();
  await expect(settings.getByTestId('delivery-webhook-secret')).toHaveAttribute('placeholder', '••••••••');
  await expect(settings.getByTestId('delivery-webhook-target')).toHaveCount(0);

  // Another path on the same host keeps the secret; another host is announced before saving, then saved without it.
  await url.fill('https://hooks.example.com/other');
  await expect(settings.getByTestId('delivery-webhook-secret-dropped')).toHaveCount(0);
  await url.fill('http://127.0.0.1:9/hook');
  await expect(settings.getByTestId('delivery-webhook-secret-dropped')).toHaveText('Changing the address removes the saved secret header; enter it again.');
  await expect(settings.getByTestId('delivery-webhook-target')).toHaveAttribute('data-kind', 'loopback');
  await expect(settings.getByTestId('delivery-webhook-target')).toContainText('127.0.0.1:9 is this computer');
  await settings.getByTestId('delivery-webhook-save').click();
  await expect(settings.getByTestId('delivery-webhook-header')).toHaveValue('');
  await expect(settings.getByTestId('delivery-webhook-secret')).not.toHaveAttribute('placeholder', '••••••••');
  // The saved settings carry the warning too (from the engine's status of the saved address).
  await expect(settings.getByTestId('delivery-webhook-target')).toHaveAttribute('data-kind', 'loopback');
  expect(await callApi(app, 'connectors.get', {})).toMatchObject({ webhook: { url: 'http://127.0.0.1:9/hook', hasHeaderValue: false, target: 'loopback' } });
  await url.fill('http://192.168.1.20/hook');
  await expect(settings.getByTestId('delivery-webhook-target')).toHaveAttribute('data-kind', 'private');

  // How an editable field and an enabled Save look, to tell the read-only ones apart below.
  const looks = (l: typeof url) =>
    l.evaluate((el) => {
      const box = el.closest('.input') ?? el;
      const s = getComputedStyle(box);
      return { background: s.backgroundColor, border: s.borderTopStyle, cursor: getComputedStyle(el).cursor };
    });
  const editableField = await looks(url);
  const enabledSave = await settings.getByTestId('delivery-webhook-save').evaluate((el) => getComputedStyle(el).backgroundColor);

  // A creator sees the settings read-only, and the engine refuses the call even when it is made directly.
  await app.getByTestId('queue-nav').click();
  await addUser(app, server, 'Cleo', 'creator');
  await switchTo(app, server, 'Cleo', 'creator');
  await app.getByTestId('settings-nav').click();
  await expect(settings.getByTestId('delivery-readonly')).toContainText('You are working as Cleo (Creator): only an admin can change where posts are delivered');
  await expect(settings.getByTestId('delivery-fieldset')).toHaveAttribute('disabled', '');
  await expect(url).toBeDisabled();
  await expect(url).toHaveValue('http://127.0.0.1:9/hook');
  await expect(settings.getByTestId('delivery-webhook-save')).toBeDisabled();
  // …and they look it: a read-only field is drawn unlike an editable one, a disabled Save is not the accent button.
  const readOnlyField = await looks(url);
  expect(readOnlyField, 'a read-only field looks like an editable one').not.toEqual(editableField);
  expect(readOnlyField.border).toBe('dashed');
  expect(readOnlyField.cursor).toBe('not-allowed');
  expect(await settings.getByTestId('delivery-webhook-save').evaluate((el) => getComputedStyle(el).backgroundColor), 'a disabled Save looks like an enabled one').not.toBe(enabledSave);
  if (SHOTS) await settings.screenshot({ path: path.join(SHOTS, 'delivery-read-only.png') });
  // The page is Cleo's: the call acts as her whatever it says.
  await expect(callApi(app, 'connectors.set', { webhook: null })).rejects.toThrow(/Only an admin can change where posts are delivered/);
  expect(await callApi(app, 'connectors.get', {})).toMatchObject({ webhook: { url: 'http://127.0.0.1:9/hook' } });
});

test('with no delivery set up, an admin is sent to Settings → Delivery; a creator is told to ask an admin', async ({ app, server }) => {
  test.setTimeout(testLimit({ files: 1, mediaSec: 1 }));
  const draftId = await makeDraft(app, 'Nowhere to go');
  const post = await approvedPost(app, server, draftId, 'Nowhere to go', ['tiktok'], null);
  await app.getByTestId('queue-nav').click();
  await app.locator(`[data-testid="post-row"][data-post-id="${post.id}"]`).click();
  const block = app.getByTestId('delivery-block');
  const cause = 'No delivery folder or webhook is set up yet, so Postframe cannot deliver this post to TikTok.';
  await expect(block.getByTestId('delivery-problem')).toHaveText(`${cause} Set one up in Settings → Delivery.`);
  await expect(block.getByTestId('delivery-open-settings')).toBeVisible();

  await addUser(app, server, 'Cleo', 'creator');
  await switchTo(app, server, 'Cleo', 'creator');
  await app.locator(`[data-testid="post-row"][data-post-id="${post.id}"]`).click();
  await expect(block.getByTestId('delivery-problem')).toHaveText(`${cause} Ask an admin to set up delivery in Settings → Delivery.`);
  await expect(block.getByTestId('delivery-open-settings')).toHaveCount(0);
  if (SHOTS) await block.screenshot({ path: path.join(SHOTS, 'delivery-ask-admin.png') });
});

test('a post more than an hour late waits in the Queue until a person exports it', async ({ app, server }) => {
  test.setTimeout(testLimit({ files: 1, mediaSec: 1 }));
  const outbox = fs.mkdtempSync(path.join(server.shared!, 'deliveries-'));
  await callApi(app, 'connectors.set', { folder: { root: outbox } });
  const draftId = await makeDraft(app, 'Old news');
  const post = await approvedPost(app, server, draftId, 'Old news', ['tiktok'], 125);
  await app.getByTestId('queue-nav').click();
  const late = app.locator(`[data-testid="late-post"][data-post-id="${post.id}"]`);
  await expect(late).toContainText('2 h 5 min late');
  expect(await stateOf(app, post.id)).toBe('scheduled');
  await late.getByTestId('late-open').click();
  const block = app.getByTestId('delivery-block');
  await expect(block.getByTestId('delivery-late')).toContainText('not exported automatically');
  await expect(block.getByTestId('delivery-reschedule')).toBeVisible();
  await late.getByTestId('late-export-now').click();
  // An end state, however long the render takes; then it must be the right one (a failure shows its reason at once).
  await waitStep('Export now renders the 1 s post and delivers it to the folder', { mediaSec: 1, files: 1 }, (timeout) =>
    expect(block).toHaveAttribute('data-state', /^(exported|failed)$/, { timeout }),
  );
  expect(await block.getAttribute('data-state'), await block.innerText()).toBe('exported');
  await expect(app.getByTestId('late-posts')).toHaveCount(0);
  expect(fs.readdirSync(path.join(outbox, 'tiktok')).filter((n) => !n.startsWith('.'))).toHaveLength(1);
  fs.rmSync(outbox, { recursive: true, force: true });
});

test('a channel export says what it made: each file’s channels, frame size, length and size, with its download', async ({ app, server }) => {
  // One import, two 1 s variants (360×640 for TikTok, 540×960 for Facebook Reels) in one export job.
  test.setTimeout(testLimit({ files: 1, mediaSec: 2 }));
  const outbox = fs.mkdtempSync(path.join(server.shared!, 'deliveries-'));
  await callApi(app, 'connectors.set', { folder: { root: outbox } });
  const draftId = await makeDraft(app, 'Channel files');
  const post = await approvedPost(app, server, draftId, 'Channel files', ['tiktok', 'facebook_reel'], null);
  await app.getByTestId('queue-nav').click();
  await app.locator(`[data-testid="post-row"][data-post-id="${post.id}"]`).click();
  const block = app.getByTestId('delivery-block');
  await block.getByTestId('delivery-export-now').click();
  await waitStep('Export now renders two 1 s variants and delivers them to the folder', { mediaSec: 2, files: 2 }, (timeout) =>
    expect(block).toHaveAttribute('data-state', /^(exported|failed)$/, { timeout }),
  );
  expect(await block.getAttribute('data-state'), await block.innerText()).toBe('exported');

  await dismissToasts(app);
  await app.getByTestId('jobs-button').click();
  const row = app.getByTestId('jobs-drawer').getByTestId('job-row').filter({ hasText: 'Channel files' });
  await expect(row).toHaveAttribute('data-status', 'done');
  // Named by what was done (walk #72), and listing what it made (walk #73): not only "Done".
  await expect(row.getByTestId('job-title')).toHaveText('Exported “Channel files” for TikTok and Facebook Reels (360×640, 540×960)');
  const files = row.getByTestId('export-file');
  await expect(files).toHaveCount(2);
  await expect(files.nth(0)).toContainText('TikTok');
  await expect(files.nth(0).getByTestId('export-file-facts')).toHaveText(/^360×640 · 0:01 · \d+(\.\d)? KB$/);
  await expect(files.nth(1)).toContainText('Facebook Reels');
  await expect(files.nth(1).getByTestId('export-file-facts')).toHaveText(/^540×960 · 0:01 · \d+(\.\d)? KB$/);
  // Each file downloads from the browser (the files are on the server): the second one is the 540×960 file.
  const href = await files.nth(1).getByTestId('export-file-download').getAttribute('href');
  expect(href).toMatch(/\/output-1(\?|$)/);
  if (SHOTS) await app.getByTestId('jobs-drawer').screenshot({ path: path.join(SHOTS, 'jobs-channel-export.png') });
  fs.rmSync(outbox, { recursive: true, force: true });
});

test.describe('kill -9 during a webhook delivery', () => {
  let tmp: string;
  let server: Server | null = null;
  test.afterEach(async () => {
    await server?.stop();
    server = null;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('after a restart every post reaches the receiver exactly once', async ({ page }) => {
    // One import, two 1 s posts rendered, and a second start of the host.
    test.setTimeout(testLimit({ files: 1, mediaSec: 2, baseMs: 30_000 }));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-kill-'));
    const lib = path.join(tmp, 'Library');
    const home = path.join(tmp, 'home');
    initLibrary(lib, home);

    // The receiver holds the first request open (it has the whole body but never answers): the host is killed then.
    let held = true;
    receiver = await startReceiver((_r, res) => {
      if (held) return void (held = false);
      res.writeHead(201).end();
    });
    const first = receiver.nextBody();

    server = await startServe(lib, home, ['--allow-folder', GOOD_DIR]);
    await openSignedIn(page, server);
    await callApi(page, 'connectors.set', { webhook: { url: receiver.url, headerName: null, timeoutSec: 120 } });
    const draftId = await makeDraft(page, 'Crash course');
    // Both due a minute ago: the serve host's scheduler takes them out one after the other.
    const a = await approvedPost(page, server, draftId, 'Crash course A', ['tiktok'], 1);
    const b = await approvedPost(page, server, draftId, 'Crash course B', ['tiktok'], 1);
    const keyOf = (p: Post) => `${p.id}:tiktok:${p.revision}`;

    const inFlight = await waitStep('the scheduler renders a due post and sends it', { mediaSec: 1, files: 1 }, (timeout) =>
      settlesWithin(first, timeout, 'the receiver to get the first request'),
    );
    const [sent, waiting] = inFlight.key === keyOf(a) ? [a, b] : [b, a];
    expect(inFlight.key).toBe(keyOf(sent));
    await server.stop('SIGKILL');
    server = null;

    // Restart: the scheduler's first pass finds the webhook row left 'sending' (it may have arrived: unknown, not
    // sent again) and delivers the post that had not gone out yet.
    server = await startServe(lib, home, ['--allow-folder', GOOD_DIR]);
    await openSignedIn(page, server);
    await waitStep('after the restart the other post is rendered and delivered', { mediaSec: 1, files: 1 }, (timeout) =>
      expect.poll(() => stateOf(page, waiting.id), { timeout }).toMatch(/^(exported|failed)$/),
    );
    expect(await stateOf(page, waiting.id)).toBe('exported');
    expect(await stateOf(page, sent.id)).toBe('ready');
    expect(receiver.requests.filter((r) => r.key === keyOf(sent))).toHaveLength(1);

    // The post shows the unknown outcome; the person checks the receiver and marks it delivered.
    await page.getByTestId('queue-nav').click();
    await page.locator(`[data-testid="post-row"][data-post-id="${sent.id}"]`).click();
    const channel = page.getByTestId('delivery-block').locator('[data-testid="delivery-channel"][data-channel="tiktok"]');
    await expect(channel).toHaveAttribute('data-state', 'unknown');
    await expect(channel).toContainText('Outcome unknown');
    await expect(channel.getByTestId('delivery-send-again')).toBeVisible();
    await channel.getByTestId('delivery-mark-delivered').click();
    await expect(page.getByTestId('delivery-block')).toHaveAttribute('data-state', 'exported');

    // Exactly once each: one complete request per post, none repeated by the restart or by the scheduler.
    expect(Object.fromEntries(receiver.bodies)).toEqual({ [keyOf(a)]: 1, [keyOf(b)]: 1 });
  });
});
