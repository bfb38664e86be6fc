import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderConnector, sweepFolderConnector, writeDeliveryFolder } from './folder-connector';
import { FIXTURE_COVER, FIXTURE_MEDIA, testDelivery } from './__tests__/deliveries';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-folder-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const channelDir = () => path.join(root, 'instagram_reel');

describe('folder connector', () => {
  it('writes media, cover, caption and post.json into <channel>/<local date>-<slug>/', async () => {
    const d = testDelivery('p1');
    const out = await folderConnector({ root }).send(d);
    expect(out.state).toBe('delivered');
    // 06:00 UTC is 09:00 in Helsinki on the same day.
    expect(list(channelDir())).toEqual(['2026-06-01-kesan-jaatelo-uusi-maku']);
    const dir = path.join(channelDir(), '2026-06-01-kesan-jaatelo-uusi-maku');
    expect(list(dir)).toEqual(['caption.txt', 'cover.jpg', 'media.mp4', 'post.json']);
    expect(fs.readFileSync(path.join(dir, 'media.mp4')).equals(fs.readFileSync(FIXTURE_MEDIA))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'cover.jpg')).equals(fs.readFileSync(FIXTURE_COVER))).toBe(true);
    // As the channel's composer has it: the caption, then its hashtags and @mentions (#kesä is typed in already).
    expect(fs.readFileSync(path.join(dir, 'caption.txt'), 'utf8')).toBe('Uusi maku on täällä #kesä\n\n#jäätelö @postframe\n');
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'post.json'), 'utf8'));
    expect(meta).toMatchObject({ deliveryId: 'p1:instagram_reel:1', postId: 'p1', channel: 'instagram_reel', title: d.post.title, files: { media: 'media.mp4', cover: 'cover.jpg' } });
  });

  it('is a no-op when the same delivery is sent again', async () => {
    const c = folderConnector({ root });
    await c.send(testDelivery('p1'));
    const dir = path.join(channelDir(), list(channelDir())[0]!);
    const before = fs.statSync(path.join(dir, 'post.json')).mtimeMs;
    const again = await c.send(testDelivery('p1'));
    expect(again).toMatchObject({ state: 'delivered', message: expect.stringMatching(/^Already in/) });
    expect(list(channelDir())).toHaveLength(1);
    expect(fs.statSync(path.join(dir, 'post.json')).mtimeMs).toBe(before);
  });

  it('gives a different post (or a new revision) with the same slug -2, -3', async () => {
    const c = folderConnector({ root });
    await c.send(testDelivery('p1'));
    await c.send(testDelivery('p2'));
    await c.send(testDelivery('p1', {}, 2));
    await c.send(testDelivery('p2'));
    expect(list(channelDir())).toEqual(['2026-06-01-kesan-jaatelo-uusi-maku', '2026-06-01-kesan-jaatelo-uusi-maku-2', '2026-06-01-kesan-jaatelo-uusi-maku-3']);
    const ids = list(channelDir()).map((n) => JSON.parse(fs.readFileSync(path.join(channelDir(), n, 'post.json'), 'utf8')).deliveryId);
    expect(ids).toEqual(['p1:instagram_reel:1', 'p2:instagram_reel:1', 'p1:instagram_reel:2']);
  });

  it('does not take over an empty folder someone else made with the same name', async () => {
    fs.mkdirSync(path.join(channelDir(), '2026-06-01-kesan-jaatelo-uusi-maku'), { recursive: true });
    await folderConnector({ root }).send(testDelivery('p1'));
    expect(list(path.join(channelDir(), '2026-06-01-kesan-jaatelo-uusi-maku'))).toEqual([]);
    expect(list(path.join(channelDir(), '2026-06-01-kesan-jaatelo-uusi-maku-2'))).toContain('post.json');
  });

  for (const crashAt of ['media', 'cover', 'caption', 'post.json', 'synced']) {
    it(`leaves no visible folder when writing stops after '${crashAt}'`, async () => {
      const out = await writeDeliveryFolder(
        {
          root,
          onStep: (s) => {
            if (s === crashAt) throw new Error(`simulated crash after ${s}`);
          },
        },
        testDelivery('p1'),
      );
      expect(out).toMatchObject({ state: 'failed', error: expect.stringContaining(`simulated crash after ${crashAt}`) });
      expect(list(channelDir())).toEqual([]);
      // The next try writes the whole folder.
      expect((await folderConnector({ root }).send(testDelivery('p1'))).state).toBe('delivered');
      expect(list(path.join(channelDir(), list(channelDir())[0]!))).toHaveLength(4);
    });
  }

  it('names a missing media file and leaves nothing behind', async () => {
    const out = await folderConnector({ root }).send({ ...testDelivery('p1'), mediaPath: path.join(root, 'gone.mp4') });
    expect(out).toMatchObject({ state: 'failed', error: expect.stringMatching(/missing.*gone\.mp4/) });
    expect(list(channelDir())).toEqual([]);
  });

  it('sweeps hidden temp folders a crash left, and nothing else', async () => {
    await folderConnector({ root }).send(testDelivery('p1'));
    const leftover = path.join(channelDir(), '.2026-06-01-x.tmp-abc123');
    fs.mkdirSync(leftover);
    fs.writeFileSync(path.join(leftover, 'media.mp4'), 'partial');
    fs.mkdirSync(path.join(root, 'x', '.keep-me'), { recursive: true });
    // A fresh one may be another app's live export: left alone until it is an hour old.
    expect(await sweepFolderConnector(root)).toEqual([]);
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(leftover, twoHoursAgo, twoHoursAgo);
    expect(await sweepFolderConnector(root)).toEqual([leftover]);
    expect(list(channelDir())).toEqual(['2026-06-01-kesan-jaatelo-uusi-maku']);
    expect(list(path.join(root, 'x'))).toEqual(['.keep-me']);
    expect(await sweepFolderConnector(path.join(root, 'missing'))).toEqual([]);
  });
});
