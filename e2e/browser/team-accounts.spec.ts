import path from 'node:path';
import type { PostRecordShape } from '../../electron/model/post-record';
import { passwordOf } from '../accounts-kit';
import { saveDraft } from '../preview-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

/**
 * Issue 13's "Done when", in two real browsers at once: the owner (an admin and approver) invites a creator from
 * Settings → Team; the creator accepts the link in a second browser context and is signed in as herself; her
 * submitted post reaches the owner's bell live; the owner approves and the creator sees the decision live; the
 * owner disables her and her page says the session ended. Nobody names an actor: each page acts as its session.
 */
test('two people signed in at once: invite, accept, submit, approve live, disable ends the session', async ({ app, server, browser }) => {
  // The owner makes a creator's invite link in Settings → Team.
  await app.getByTestId('settings-nav').click();
  const team = app.getByTestId('team-section');
  await team.getByTestId('team-invite').click();
  await app.getByTestId('team-role').selectOption('creator');
  await app.getByTestId('team-role-save').click();
  const link = await app.getByTestId('team-link').inputValue();
  expect(link).toMatch(/\/#invite=[A-Za-z0-9_-]{16,}$/);
  await app.getByRole('button', { name: 'Done' }).click();

  // A second browser (its own cookies): the sign-in card first, then the invite's own screen.
  const ctx = await browser.newContext();
  const cleo = await ctx.newPage();
  const errors: string[] = [];
  cleo.on('pageerror', (e) => errors.push(String(e)));
  await cleo.goto(server.url);
  await expect(cleo.getByTestId('auth-screen')).toHaveAttribute('data-route', 'sign-in');
  if (SHOTS) await cleo.screenshot({ path: path.join(SHOTS, 'sign-in.png') });
  await cleo.goto(link);
  await cleo.reload();
  await expect(cleo.getByTestId('auth-screen')).toHaveAttribute('data-route', 'invite');
  await cleo.getByTestId('auth-name').fill('Cleo');
  await cleo.getByTestId('auth-login').fill('cleo');
  await cleo.getByTestId('auth-password').fill(passwordOf('cleo'));
  await cleo.getByTestId('auth-confirm').fill(passwordOf('cleo'));
  await cleo.getByTestId('auth-submit').click();
  await expect(cleo.getByTestId('library-nav')).toBeVisible();
  await cleo.getByTestId('account-button').click();
  await expect(cleo.getByTestId('account-role')).toHaveAttribute('data-role', 'creator');
  await cleo.keyboard.press('Escape');

  // Both look at the Queue; the owner's bell is empty.
  await app.getByTestId('queue-nav').click();
  const bell = app.getByTestId('notify-bell');
  await expect(bell).toHaveAttribute('data-count', '0');
  await cleo.getByTestId('queue-nav').click();
  const cleoBell = cleo.getByTestId('notify-bell');

  // Cleo's session makes and submits a post: no actorId anywhere, the host knows who she is.
  const draftId = await saveDraft(cleo, 'Harbour walk', () => undefined);
  let post = await callApi<PostRecordShape>(cleo, 'posts.create', { draftId, title: 'Harbour walk', targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
  post = await callApi<PostRecordShape>(cleo, 'posts.update', { id: post.id, content: { caption: 'A walk by the harbour', hashtags: ['harbour'], mentions: [], firstComment: '', link: null } });
  await callApi(cleo, 'posts.transition', { id: post.id, event: 'submit' });
  // The owner's page sees it waiting, live: no reload.
  await expect(bell).toHaveAttribute('data-count', '1');
  await expect(app.locator('[data-testid="post-row"][data-title="Harbour walk"]')).toHaveAttribute('data-state', 'in_review');
  await bell.click();
  await expect(app.getByTestId('notify-item')).toHaveAttribute('data-kind', 'waiting');
  await app.getByTestId('notify-item').click();
  const review = app.getByTestId('review-view');
  await expect(review).toBeVisible();
  await review.getByTestId('review-approve').click();
  await expect(app.locator('[data-testid="post-row"][data-title="Harbour walk"]')).toHaveAttribute('data-state', 'approved');

  // Cleo sees the decision live, in her bell and her queue.
  await expect(cleo.locator('[data-testid="post-row"][data-title="Harbour walk"]')).toHaveAttribute('data-state', 'approved');
  await expect(cleoBell).toHaveAttribute('data-count', '1');
  await cleoBell.click();
  await expect(cleo.getByTestId('notify-item').first()).toHaveAttribute('data-kind', 'approved');
  await cleo.keyboard.press('Escape');

  // The owner disables Cleo: her open page says her session ended and shows the sign-in card.
  await app.getByTestId('settings-nav').click();
  const row = app.locator('[data-testid="team-row"][data-login="cleo"]');
  await expect(row).toHaveAttribute('data-role', 'creator');
  await row.getByTestId('team-disable').click();
  await app.getByTestId('team-disable-confirm').click();
  await expect(row).toHaveAttribute('data-disabled', 'true');
  await expect(cleo.getByTestId('auth-screen')).toHaveAttribute('data-route', 'sign-in');
  await expect(cleo.getByTestId('auth-screen')).toContainText('your session ended');
  await expect(cleo.getByTestId('library-nav')).toHaveCount(0);
  expect(errors).toEqual([]);
  await ctx.close();
});
