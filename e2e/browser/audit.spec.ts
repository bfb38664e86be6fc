import { openSignedIn } from '../accounts-kit';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

/**
 * Settings → Audit log → Verify (docs/audit.md) and the webhook secret at rest (docs/security.md), in browser mode
 * over the real `postframe serve`: the library file is changed behind the app's back with another SQLite
 * connection, as someone with a copy of the folder would.
 */
test('Verify says the log is intact, then names what someone changed in the file', async ({ app, server }) => {
  // Something to audit: a post made through the app's own API.
  const draft = await callApi<{ id: string }>(app, 'drafts.create', { kind: 'video', name: 'Launch teaser' });
  await callApi(app, 'posts.create', { draftId: draft.id, actorId: 'owner', targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });

  // Signing up and in are audited too (issue 13): the count is read from the file, the newest entry is the post's.
  const read = new Database(path.join(server.libraryPath, 'library.sqlite'), { readonly: true });
  const { n, last } = read.prepare('SELECT COUNT(*) AS n, MAX(seq) AS last FROM audit_log').get() as { n: number; last: number };
  read.close();
  expect(n).toBeGreaterThanOrEqual(2);
  await app.getByTestId('settings-nav').click();
  const card = app.getByTestId('audit-settings');
  await expect(card.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await card.getByTestId('audit-verify').click();
  const result = card.getByTestId('audit-result');
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(result).toContainText(`The log is intact: all ${n} entries are complete and unchanged.`);
  await expect(result).toContainText(/Checked .* with this computer’s key [0-9a-f]{16}\./);
  await card.scrollIntoViewIfNeeded();
  if (SHOTS) await card.screenshot({ path: path.join(SHOTS, 'audit-verify-ok.png') });

  // Another tool removes the guard and the newest entry.
  const db = new Database(path.join(server.libraryPath, 'library.sqlite'));
  db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = ${last}`);
  db.close();
  await card.getByTestId('audit-verify').click();
  await expect(result).toHaveAttribute('data-ok', 'false');
  await expect(result).toContainText('The log cannot be trusted as it is:');
  await expect(card.getByTestId('audit-problems').getByRole('listitem')).toHaveText([
    /^the append-only guard is missing now \(audit_log_no_delete dropped\)/,
    `the log ends at entry ${last - 1} but its signed head is entry ${last}: entry ${last} was deleted`,
  ]);
  if (SHOTS) await card.screenshot({ path: path.join(SHOTS, 'audit-verify-failed.png') });
});

test('a library opened on another machine asks for the webhook secret again and never shows it', async ({ page, hosts }) => {
  const { lib, home } = hosts.library('Team');
  const first = await hosts.start(lib, home);
  await openSignedIn(page, first);
  await callApi(page, 'connectors.set', { actorId: 'owner', webhook: { url: 'https://hooks.example.com/postframe', headerName: 'Authorization', headerValue: 'Bearer pf-e2e-secret', timeoutSec: 30 } });
  await first.stop();

  // The same folder served with another machine's key (another POSTFRAME_HOME).
  const second = await hosts.start(lib, path.join(hosts.dir, 'other-machine-home'));
  await openSignedIn(page, second);
  await page.getByTestId('settings-nav').click();
  const warning = page.getByTestId('delivery-webhook-secret-unreadable');
  await expect(warning).toHaveText('This secret was saved on another computer and cannot be read here: enter it again. Until then, nothing is sent to the webhook.');
  await expect(page.getByTestId('delivery-webhook-secret')).toHaveValue('');
  expect(await page.content()).not.toContain('pf-e2e-secret');
  await warning.scrollIntoViewIfNeeded();
  if (SHOTS) await page.getByTestId('delivery-webhook-form').screenshot({ path: path.join(SHOTS, 'delivery-secret-other-machine.png') });

  // Entering it again clears the warning.
  await page.getByTestId('delivery-webhook-secret').fill('Bearer new-secret');
  await page.getByTestId('delivery-webhook-form').getByRole('button', { name: /save/i }).click();
  await expect(warning).toHaveCount(0);
});
