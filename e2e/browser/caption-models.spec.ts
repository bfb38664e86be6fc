import { addPerson, openSignedIn } from '../accounts-kit';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { callApi, expect, test } from '../serve';
import { SHOTS } from '../screenshots';

/**
 * Settings → Captions models (docs/captions.md "Models") against a model server started here: a generated file
 * with the ggml magic, served slowly enough to watch, held halfway so Cancel stops it midway; the next download
 * must ask for the rest (a Range request) and finish. Checksums come from POSTFRAME_MODEL_SHA256 for the host.
 */

const MAGIC = Buffer.from([0x6c, 0x6d, 0x67, 0x67]);
const model = (bytes: number) => Buffer.concat([MAGIC, randomBytes(bytes - MAGIC.length)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The model server: base is whole and held at half on its first request; tiny's bytes do not match its checksum. */
function modelServer(base: Buffer, tiny: Buffer) {
  const ranges: (string | null)[] = [];
  let release: (() => void) | null = null;
  const held = new Promise<void>((r) => (release = r));
  let holding = true;
  const half = Math.floor(base.length / 2);
  const server = http.createServer((req, res) => {
    if (req.url === '/m/ggml-tiny.bin') return void res.writeHead(200, { 'Content-Length': tiny.length }).end(tiny);
    if (req.url !== '/m/ggml-base.bin') return void res.writeHead(404).end();
    const range = req.headers.range ?? null;
    ranges.push(range);
    const from = range ? Number(/^bytes=(\d+)-$/.exec(range)?.[1] ?? 0) : 0;
    if (from > 0) {
      res.writeHead(206, { 'Content-Length': base.length - from, 'Content-Range': `bytes ${from}-${base.length - 1}/${base.length}` }).end(base.subarray(from));
      return;
    }
    res.writeHead(200, { 'Content-Length': base.length });
    if (!holding) return void res.end(base);
    // The first half, then nothing until the client gives up (Cancel closes the connection). Its last byte comes
    // a second later, past the job runner's progress throttle, so the bar settles at exactly half.
    holding = false;
    res.write(base.subarray(0, half - 1));
    const last = setTimeout(() => res.write(base.subarray(half - 1, half)), 1000);
    res.on('close', () => {
      clearTimeout(last);
      release?.();
    });
  });
  return { server, ranges, half, cancelled: held };
}

async function settings(page: Page) {
  await page.getByTestId('settings-nav').click();
  const card = page.getByTestId('caption-models');
  await expect(card.getByTestId('models-list')).toBeVisible();
  return card;
}

test('Settings → Captions models: download with progress, cancel and resume, a checksum refused, use your own file, choose and remove; only an admin may', async ({ page, hosts }) => {
  const base = model(8 * 1024 * 1024);
  const tiny = model(64 * 1024);
  const ms = modelServer(base, tiny);
  await new Promise<void>((r) => ms.server.listen(0, '127.0.0.1', r));
  const { port } = ms.server.address() as AddressInfo;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    const { lib, home } = hosts.library();
    // tiny's checksum is of other bytes than the server sends: its download must be refused.
    const env = { POSTFRAME_MODEL_BASE_URL: `http://127.0.0.1:${port}/m/`, POSTFRAME_MODEL_SHA256: `base=${sha256(base)},tiny=${sha256(model(1024))}` };
    const server = await hosts.start(lib, home, { env });
    await openSignedIn(page, server);
    const card = await settings(page);
    await expect(card).toContainText('download one once, and from then on everything runs offline');
    await expect(card.getByTestId('model-base')).toContainText('English, Finnish and 97 more languages');
    await expect(card.getByTestId('model-small.en')).toContainText('English only');
    await expect(card.getByTestId('models-choose')).toBeDisabled(); // nothing installed to choose from

    // Download base: progress shows, held at half; Cancel stops it and says the next download resumes.
    await card.getByTestId('model-base-download').click();
    const progress = card.getByTestId('model-base-progress');
    await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');
    await expect(progress).toContainText('4 MB of 8 MB');
    await expect(progress).toContainText('resumes');
    if (SHOTS) await card.getByTestId('model-base').screenshot({ path: path.join(SHOTS, 'caption-models-download.png') });
    await progress.getByTestId('model-base-cancel').click();
    await ms.cancelled;
    await expect(card.getByTestId('model-base-cancelled')).toContainText('the next download carries on from there');
    await expect(card.getByTestId('model-base-download')).toHaveText('Resume download');
    await expect(card.getByTestId('model-base')).toHaveAttribute('data-state', 'partial');

    // Again: the server is asked for the rest only, and the model is installed, checked, and in use.
    await card.getByTestId('model-base-download').click();
    await expect(card.getByTestId('model-base-installed')).toHaveText('Installed · checked');
    expect(ms.ranges).toEqual([null, expect.stringMatching(/^bytes=\d+-$/)]);
    expect(Number(/\d+/.exec(ms.ranges[1]!)![0])).toBeGreaterThan(0);
    await expect(card.getByTestId('model-base-in-use')).toBeVisible();
    expect(fs.readFileSync(path.join(home, 'models', 'ggml-base.bin')).equals(base)).toBe(true);

    // tiny's bytes do not match: refused with the engine's words, nothing installed, no part kept.
    await card.getByTestId('model-tiny-download').click();
    await expect(card.getByTestId('model-tiny-error')).toContainText(/is not the expected model .*so it was deleted/);
    await expect(card.getByTestId('model-tiny')).toHaveAttribute('data-state', 'none');
    expect(fs.existsSync(path.join(home, 'models', 'ggml-tiny.bin'))).toBe(false);

    // Use a file I already have: a file that is not a model is refused; a ggml one is installed as "your own file".
    const own = path.join(hosts.dir, 'my-small.bin');
    fs.writeFileSync(own, 'PK this is a zip, not a model');
    await card.getByTestId('model-small-file-input').setInputFiles(own);
    await expect(card.getByTestId('model-small-call-error')).toContainText('ggml');
    const ownModel = model(96 * 1024);
    fs.writeFileSync(own, ownModel);
    await card.getByTestId('model-small-file-input').setInputFiles(own);
    await expect(card.getByTestId('model-small-installed')).toHaveText('Installed · your own file');
    await expect(card.getByTestId('model-small-note')).toHaveText('Your file is installed as small.');
    // Best installed is now small (better quality); choosing base puts base in use, Best installed gives it back.
    await expect(card.getByTestId('model-small-in-use')).toBeVisible();
    await expect(card.getByTestId('models-choose')).toHaveValue('');
    await expect(card.getByTestId('models-choose').locator('option').first()).toHaveText('The best installed model (now small)');
    await card.getByTestId('models-choose').selectOption('base');
    await expect(card.getByTestId('model-base-in-use')).toBeVisible();
    await expect(card.getByTestId('model-small-in-use')).toHaveCount(0);
    expect(await callApi(page, 'models.list', {})).toMatchObject({ chosen: 'base', active: 'base' });
    if (SHOTS) {
      // Tall enough for the whole card: Settings scrolls inside its own pane, which a card screenshot does not.
      const size = page.viewportSize();
      await page.setViewportSize({ width: 1280, height: 1500 });
      await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await card.screenshot({ path: path.join(SHOTS, 'caption-models.png') });
      if (size) await page.setViewportSize(size);
    }
    await card.getByTestId('models-choose').selectOption('');
    await expect(card.getByTestId('model-small-in-use')).toBeVisible();

    // Remove asks first; Cancel keeps it, Remove deletes the file.
    await card.getByTestId('model-small-remove').click();
    const dialog = page.getByTestId('model-small-remove-dialog');
    await expect(dialog).toContainText('you can download it again any time');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(card.getByTestId('model-small-installed')).toBeVisible();
    await card.getByTestId('model-small-remove').click();
    await dialog.getByTestId('model-small-remove-confirm').click();
    await expect(card.getByTestId('model-small')).toHaveAttribute('data-state', 'none');
    await expect(card.getByTestId('model-base-in-use')).toBeVisible();
    expect(fs.existsSync(path.join(home, 'models', 'ggml-small.bin'))).toBe(false);

    // A creator sees the card, with every button disabled and why; the engine refuses the call made directly.
    // Cleo really signs in (this page switches to her session): the host, not the page, says who is acting.
    await addPerson(page, server, { name: 'Cleo', login: 'cleo', role: 'creator' });
    await openSignedIn(page, server, 'cleo');
    const read = await settings(page);
    await expect(read.getByTestId('models-readonly')).toContainText('Cleo is not an admin: only an admin can download, add, remove or choose models');
    await expect(read.getByTestId('model-base-remove')).toBeDisabled();
    await expect(read.getByTestId('model-tiny-download')).toBeDisabled();
    await expect(read.getByTestId('model-tiny-use-file')).toBeDisabled();
    await expect(read.getByTestId('models-choose')).toBeDisabled();
    await expect(callApi(page, 'models.remove', { id: 'base' })).rejects.toThrow(/Only an admin can download, add, remove or choose speech-recognition models/);
    expect(fs.existsSync(path.join(home, 'models', 'ggml-base.bin'))).toBe(true);
    expect(errors, 'console errors').toEqual([]);
  } finally {
    ms.server.closeAllConnections();
    await new Promise<void>((r) => ms.server.close(() => r()));
  }
});
