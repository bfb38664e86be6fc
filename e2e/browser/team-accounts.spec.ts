import path from 'node:path';
import type { PostRecordShape } from '../../electron/model/post-record';
import { openSignedIn, passwordOf } from '../accounts-kit';
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
  await expect(cleo.getByTestId('auth-note')).toHaveText('You were signed out: an admin disabled your account. Ask an admin to enable it.');
  await expect(cleo.getByTestId('library-nav')).toHaveCount(0);
  expect(errors).toEqual([]);
  await ctx.close();
});

/**
 * Invites from a new user's walk: the admin's link dialog says which role the link makes; the invite page says it
 * too (and the library) before anything is typed; pending invites are listed in Settings → Team, live on another
 * admin page, and cancelling one makes its link refuse at once; a spent link shows one clear line, not a form.
 */
test('invites say their role, are listed while pending, can be cancelled, and a spent link says so at once', async ({ app, server, browser }) => {
  await app.getByTestId('settings-nav').click();
  const team = app.getByTestId('team-section');
  // A second page signed in as the owner (another admin's screen): its pending list follows live.
  const otherCtx = await browser.newContext();
  const other = await otherCtx.newPage();
  await openSignedIn(other, server);
  await other.getByTestId('settings-nav').click();
  await expect(other.getByTestId('team-section')).toBeVisible();
  await expect(other.getByTestId('team-pending')).toHaveCount(0);

  await team.getByTestId('team-invite').click();
  await app.getByTestId('team-role').selectOption('approver');
  await app.getByTestId('team-channel-tiktok').check();
  await app.getByTestId('team-channel-instagram_reel').check();
  await app.getByTestId('team-role-save').click();
  await expect(app.getByTestId('team-link-makes')).toHaveText('This link makes an Approver for TikTok and Instagram Reels.');
  if (SHOTS) await app.getByTestId('team-link-dialog').screenshot({ path: path.join(SHOTS, 'team-invite-role.png') });
  const approverLink = await app.getByTestId('team-link').inputValue();
  await app.getByRole('button', { name: 'Done' }).click();

  await team.getByTestId('team-invite').click();
  await app.getByTestId('team-role').selectOption('creator');
  await app.getByTestId('team-role-save').click();
  await expect(app.getByTestId('team-link-makes')).toHaveText('This link makes a Creator.');
  const creatorLink = await app.getByTestId('team-link').inputValue();
  await app.getByRole('button', { name: 'Done' }).click();

  // Both are pending, newest first, with who made them and how long they work; the other admin's list too.
  const rows = team.getByTestId('team-pending-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('data-role', 'creator');
  await expect(rows.nth(1)).toContainText('an Approver for TikTok and Instagram Reels');
  await expect(rows.nth(1)).toContainText('in 7 days');
  await expect(other.getByTestId('team-pending-row')).toHaveCount(2);
  if (SHOTS) await team.screenshot({ path: path.join(SHOTS, 'team-pending.png') });

  // The invite page says the role and the library before anything is typed.
  const ctx = await browser.newContext();
  const ava = await ctx.newPage();
  await ava.goto(approverLink);
  await expect(ava.getByTestId('auth-screen')).toHaveAttribute('data-route', 'invite');
  await expect(ava.getByTestId('auth-screen')).toContainText(/You’re invited to .+ as an Approver for TikTok and Instagram Reels\./);
  if (SHOTS) await ava.screenshot({ path: path.join(SHOTS, 'team-invite-page.png') });
  await ava.getByTestId('auth-name').fill('Ava');
  await ava.getByTestId('auth-login').fill('ava');
  await ava.getByTestId('auth-password').fill(passwordOf('ava'));
  await ava.getByTestId('auth-confirm').fill(passwordOf('ava'));
  await ava.getByTestId('auth-submit').click();
  await expect(ava.getByTestId('library-nav')).toBeVisible();
  // Accepted: it leaves both admins' pending lists.
  await expect(rows).toHaveCount(1);
  await expect(other.getByTestId('team-pending-row')).toHaveCount(1);

  // The spent link, opened again in a fresh browser: one line, no form.
  const ctx2 = await browser.newContext();
  const late = await ctx2.newPage();
  await late.goto(approverLink);
  await expect(late.getByTestId('invite-refused')).toHaveAttribute('data-why', 'used');
  await expect(late.getByTestId('invite-state')).toHaveText('This invite was already used — ask your admin for a new one.');
  await expect(late.getByTestId('invite-form')).toHaveCount(0);
  if (SHOTS) await late.screenshot({ path: path.join(SHOTS, 'team-invite-used.png') });

  // The other admin cancels the creator's invite: gone from both lists, and its link refuses at once.
  await other.getByTestId('team-pending-cancel').click();
  // Asked first, naming whose link it is; "Keep it" keeps it.
  const ask = other.getByTestId('team-pending-confirm');
  await expect(ask).toContainText('made by');
  await ask.getByRole('button', { name: 'Keep it' }).click();
  await expect(other.getByTestId('team-pending-row')).toHaveCount(1);
  await other.getByTestId('team-pending-cancel').click();
  await ask.getByTestId('team-pending-confirm-go').click();
  await expect(other.getByTestId('team-pending')).toHaveCount(0);
  await expect(team.getByTestId('team-pending')).toHaveCount(0);
  await late.goto('about:blank');
  await late.goto(creatorLink);
  await expect(late.getByTestId('invite-refused')).toHaveAttribute('data-why', 'unknown');
  await expect(late.getByTestId('invite-state')).toContainText('Ask your admin for a new one.');
  await late.getByTestId('invite-sign-in').click();
  await expect(late.getByTestId('auth-screen')).toHaveAttribute('data-route', 'sign-in');
  await Promise.all([ctx.close(), ctx2.close(), otherCtx.close()]);
});
