import path from 'node:path';
import { callAs, OWNER_LOGIN } from '../accounts-kit';
import { expect, test } from '../serve';
import { SHOTS } from '../screenshots';

/**
 * The account screens on a running host: a browser without a session gets the sign-in card (nothing of the app,
 * no API socket), a link's #invite= opens its own screen, the owner (admin) sees Settings → Team with the invite
 * link dialog and the account menu. The two-browser flow over real sign-in is team-accounts.spec.ts.
 */
test('a browser without a session sees the sign-in card, focused and checked before it is sent', async ({ browser, server }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  const screen = page.getByTestId('auth-screen');
  await expect(screen).toHaveAttribute('data-route', 'sign-in');
  await expect(page.getByTestId('auth-login')).toBeFocused();
  await expect(page.getByTestId('auth-submit')).toBeDisabled();
  await expect(page.getByTestId('library-nav')).toHaveCount(0); // the app did not start
  await page.getByTestId('auth-login').fill('ana');
  await page.getByTestId('auth-password').fill('not the password');
  await expect(page.getByTestId('auth-submit')).toBeEnabled();
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'sign-in.png') });
  // A link nobody made is checked as the page opens: one line, no form to fill in for nothing.
  await page.goto(`${server.url}#invite=abcdefghijklmnop`);
  await page.reload();
  await expect(screen).toHaveAttribute('data-route', 'invite');
  await expect(page.getByTestId('invite-state')).toBeVisible();
  await expect(page.getByTestId('auth-name')).toHaveCount(0);
  // A real invite (the owner's) opens the form, focused on the name.
  const { token } = await callAs<{ token: string }>(server, OWNER_LOGIN, 'users.invite', { role: 'creator', approverChannels: null });
  await page.goto(`${server.url}#invite=${token}`);
  await page.reload();
  await expect(screen).toHaveAttribute('data-route', 'invite');
  await expect(page.getByTestId('auth-name')).toBeFocused();
  await page.getByTestId('auth-submit').click(); // nothing filled: each field says what it needs, nothing is sent
  await expect(page.getByText('Write your name as teammates know you.')).toBeVisible();
  await page.getByTestId('auth-name').fill('Ana');
  await page.getByTestId('auth-login').fill('ana');
  await page.getByTestId('auth-password').fill('ana-password-1');
  await page.getByTestId('auth-confirm').fill('ana-password-1');
  await page.getByTestId('auth-submit').click();
  await expect(page.getByText('That password is easy to guess')).toBeVisible();
  expect(errors).toEqual([]);
  await ctx.close();
});

test('the admin sees Settings → Team, makes an invite link and reads who is signed in', async ({ app }) => {
  await app.getByTestId('settings-nav').click();
  const team = app.getByTestId('team-section');
  await expect(team.getByTestId('team-row')).toHaveCount(1);
  await expect(team.getByTestId('team-empty')).toBeVisible();
  await team.getByTestId('team-invite').click();
  await app.getByTestId('team-role').selectOption('approver');
  await app.getByTestId('team-channel-tiktok').check();
  await app.getByTestId('team-role-save').click();
  const link = app.getByTestId('team-link');
  await expect(link).toHaveValue(/\/#invite=[A-Za-z0-9_-]{16,}$/);
  await expect(app.getByTestId('team-link-dialog')).toContainText('It works once');
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'team-invite.png') });
  await app.getByRole('button', { name: 'Done' }).click();
  if (SHOTS) await team.screenshot({ path: path.join(SHOTS, 'team-settings.png') });
  await app.getByTestId('account-button').click();
  await expect(app.getByTestId('account-role')).toHaveAttribute('data-role', 'admin');
  await expect(app.getByTestId('account-sign-out')).toBeVisible();
});
