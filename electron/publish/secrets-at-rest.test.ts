import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { machineKey, seal } from '../library/secret-crypto';
import { openTempStudio, type TempStudio } from '../studio/__tests__/temp-studio';
import { type Receiver, startReceiver } from './__tests__/receiver';
import { approvedPost, openDeliveryWorld } from './__tests__/studio-fixture';
import { WEBHOOK_KEY, WEBHOOK_SECRET_SLOT, readConnectorSettings, webhookSecretProblem } from './connectors';

/**
 * The webhook's secret header at rest (issue 13 §5): never in plain text in library.sqlite, its -wal or -shm, whether
 * set through Settings or left in plain text by an older Postframe; a library copied to another machine asks for it
 * again. The files are read as bytes, as someone with a copy of the library folder would.
 */
let t: TempStudio | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const secretText = () => `sk_live_${randomBytes(12).toString('hex')}`;

/** Which of the library's database files hold these bytes (each file that exists is read). */
function filesHolding(libraryPath: string, text: string): string[] {
  const base = path.join(libraryPath, 'library.sqlite');
  const files = [base, `${base}-wal`, `${base}-shm`].filter((f) => fs.existsSync(f));
  expect(files).toContain(base);
  return files.filter((f) => fs.readFileSync(f).includes(Buffer.from(text, 'utf8'))).map((f) => path.basename(f));
}

const hook = (url: string, headerValue?: string) => ({ url, headerName: 'Authorization', headerValue, timeoutSec: 30 });

describe('the webhook secret at rest', () => {
  it('is sealed when set: no copy in library.sqlite, -wal or -shm, while open and after closing', async () => {
    t = await openTempStudio('pf-secret-set-');
    const secret = secretText();
    await t.studio.api['connectors.set']({ actorId: 'owner', webhook: hook('https://hooks.example.com/in', `Bearer ${secret}`) });
    expect(filesHolding(t.libraryPath, secret)).toEqual([]);
    const stored = t.studio.postsRepo.setting(WEBHOOK_KEY) as { headerValue: string };
    expect(stored.headerValue).toMatch(/^pfs1\.[0-9a-f]{16}\./);
    // The engine still sends it.
    expect(readConnectorSettings(t.studio.postsRepo, t.studio.rooms.secrets).webhook?.headerValue).toBe(`Bearer ${secret}`);
    // Changing it leaves no copy of either value either.
    const next = secretText();
    await t.studio.api['connectors.set']({ actorId: 'owner', webhook: hook('https://hooks.example.com/in', next) });
    await t.restart();
    expect(filesHolding(t.libraryPath, secret)).toEqual([]);
    expect(filesHolding(t.libraryPath, next)).toEqual([]);
    expect(readConnectorSettings(t.studio.postsRepo, t.studio.rooms.secrets).webhook?.headerValue).toBe(next);
  });

  // A short secret (inside its table page) and a long one (a 5 kB token spills into overflow pages, which a
  // rewrite frees into the free list): neither may survive anywhere in the file.
  it.each([
    ['short', () => secretText()],
    ['long', () => `${secretText()}.${'eyJhbGciOi'.repeat(500)}.${secretText()}`],
  ])('left in plain text by an older Postframe (%s), is sealed on open and scrubbed from the free pages and the WAL', async (_kind, make) => {
    t = await openTempStudio('pf-secret-plain-');
    await t.studio.close();
    const secret = make();
    // An older library: the plain value written a few times (old versions of the row left behind in the file).
    const db = new Database(path.join(t.libraryPath, 'library.sqlite'));
    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    for (const n of [1, 2, 3]) put.run(WEBHOOK_KEY, JSON.stringify({ url: `https://hooks.example.com/${n}`, headerName: 'X-Api-Key', headerValue: secret, timeoutSec: 60 }));
    db.pragma('wal_checkpoint(PASSIVE)');
    db.close();
    // Long values are split across pages: look for their start, their end (an overflow page) and their middle.
    const pieces = [secret.slice(0, 40), secret.slice(-40), secret.slice(secret.length / 2 - 20, secret.length / 2 + 20)];
    const found = () => pieces.flatMap((p) => filesHolding(t!.libraryPath, p));
    expect(found().length).toBeGreaterThan(0); // the test can see it when it is there

    t.studio = await t.reopen();
    expect(found()).toEqual([]);
    expect((t.studio.postsRepo.setting(WEBHOOK_KEY) as { headerValue: string }).headerValue).toMatch(/^pfs1\./);
    const s = readConnectorSettings(t.studio.postsRepo, t.studio.rooms.secrets);
    expect([s.webhook?.url, s.webhook?.headerValue, s.secretUnreadable]).toEqual(['https://hooks.example.com/3', secret, null]);
    await t.restart();
    expect(found()).toEqual([]);
  });

  it('finishes a scrub at the next open when another reader kept the file busy', async () => {
    t = await openTempStudio('pf-secret-busy-');
    await t.studio.close();
    const secret = secretText();
    const file = path.join(t.libraryPath, 'library.sqlite');
    const db = new Database(file);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(WEBHOOK_KEY, JSON.stringify({ url: 'https://hooks.example.com/x', headerName: 'X-Api-Key', headerValue: secret, timeoutSec: 60 }));
    // Another process in the middle of reading: its snapshot keeps the write-ahead log from being emptied.
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT COUNT(*) FROM settings').get();
    t.studio = await t.reopen();
    expect(t.studio.postsRepo.setting('secrets.scrubPending')).toBe(true);
    reader.exec('COMMIT');
    reader.close();
    db.close();
    await t.restart();
    expect(t.studio.postsRepo.setting('secrets.scrubPending')).toBeUndefined();
    expect(filesHolding(t.libraryPath, secret)).toEqual([]);
    expect(readConnectorSettings(t.studio.postsRepo, t.studio.rooms.secrets).webhook?.headerValue).toBe(secret);
  });

  it('on another machine: Settings says to enter it again, delivery refuses, saving without it is refused; a new one works', async () => {
    t = await openTempStudio('pf-secret-moved-');
    const secret = secretText();
    await t.studio.api['connectors.set']({ actorId: 'owner', webhook: hook('https://hooks.example.com/in', secret) });
    await t.studio.close();
    // The same library folder, opened with another machine's key.
    t.studio = await t.reopen({ settingsDir: path.join(t.tmp, 'other-machine') });
    const view = await t.studio.api['connectors.get']({});
    expect(view.webhook).toMatchObject({ url: 'https://hooks.example.com/in', headerName: 'Authorization', hasHeaderValue: false, secretUnreadable: 'other_machine' });
    expect(JSON.stringify(view)).not.toContain(secret);
    const settings = readConnectorSettings(t.studio.postsRepo, t.studio.rooms.secrets);
    expect(settings.webhook?.headerValue).toBeNull();
    expect(webhookSecretProblem(settings)).toBe(
      "The webhook's Authorization secret was saved on another computer, so it cannot be read here. An admin enters it again in Settings → Delivery.",
    );
    await expect(t.studio.api['connectors.set']({ actorId: 'owner', webhook: hook('https://hooks.example.com/in') })).rejects.toThrow(
      /The Authorization secret was saved on another computer and cannot be read here\. Enter it again\./,
    );
    const again = await t.studio.api['connectors.set']({ actorId: 'owner', webhook: hook('https://hooks.example.com/in', 'Bearer new') });
    expect(again.webhook).toMatchObject({ hasHeaderValue: true, secretUnreadable: null });
    expect(webhookSecretProblem(readConnectorSettings(t.studio.postsRepo, t.studio.rooms.secrets))).toBeNull();
  });
});

describe('delivery with a secret from another machine', () => {
  let receiver: Receiver | null = null;
  afterEach(async () => {
    await receiver?.close();
    receiver = null;
  });

  it('renders, then refuses to send to the webhook without its secret, saying what to do', async () => {
    const w = await openDeliveryWorld('pf-secret-deliver-');
    try {
      receiver = await startReceiver((_req, res) => res.writeHead(201).end('{}'));
      await w.studio.api['connectors.set']({ actorId: 'owner', webhook: hook(receiver.url, 'Bearer here') });
      // The stored value as another machine's key sealed it (a library folder copied here).
      const elsewhere = machineKey(randomBytes(32));
      const stored = w.studio.postsRepo.setting(WEBHOOK_KEY) as Record<string, unknown>;
      w.studio.postsRepo.setSetting(WEBHOOK_KEY, { ...stored, headerValue: seal(elsewhere, 'Bearer there', `${w.studio.auditRepo.libraryId()}/${WEBHOOK_SECRET_SLOT}`) });

      const post = await approvedPost(w, 'Moved', ['tiktok']);
      await w.studio.api['delivery.exportNow']({ id: post.id, actorId: 'owner' });
      await w.studio.rooms.delivery.whenIdle();
      const status = await w.studio.api['delivery.status']({ postId: post.id });
      expect(status.problem).toBe("TikTok: The webhook's Authorization secret was saved on another computer, so it cannot be read here. An admin enters it again in Settings → Delivery.");
      expect(receiver.requests).toHaveLength(0);
    } finally {
      await w.close();
    }
  });
});
