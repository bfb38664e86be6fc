import type { Locator, Page } from '@playwright/test';
import type { Role } from '../electron/model/post';
import { OWNER_LOGIN, addPerson, openSignedIn } from './accounts-kit';
import { expect } from './serve';

/** Steps the Queue room's specs share: people (real accounts, e2e/accounts-kit.ts) and filling in the composer. */

type Host = { url: string };

/** A person's login in these specs: their name, lower-cased (the owner's is 'owner'). */
export const loginOf = (name: string) => (name === 'Owner' ? OWNER_LOGIN : name.toLowerCase());

/** Adds a person with a role through an invite (the page must be signed in as an admin); returns their id and login. */
export async function addUser(page: Page, host: Host, name: string, role: Role): Promise<{ id: string; login: string }> {
  return addPerson(page, host, { name, login: loginOf(name), role });
}

/** Shows who the page is signed in as: the account menu at the rail's foot names them and their role. */
export async function expectSignedInAs(page: Page, name: string, role: Role): Promise<void> {
  const button = page.getByTestId('account-button');
  await expect(button).toHaveAttribute('title', name);
  await button.click();
  await expect(page.getByTestId('account-name')).toHaveText(name);
  await expect(page.getByTestId('account-role')).toHaveAttribute('data-role', role);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('account-menu')).toHaveCount(0);
}

/** Signs the page in as another person, opens the Queue, and waits until the account menu shows them. */
export async function switchTo(page: Page, host: Host, name: string, role: Role): Promise<void> {
  await openSignedIn(page, host, loginOf(name));
  await expectSignedInAs(page, name, role);
  await page.getByTestId('queue-nav').click();
  await expect(page.getByTestId('queue-screen')).toBeVisible();
}

export type PostFields = { draft?: string; title?: string; caption?: string; hashtags?: string; date?: string; time?: string; campaign?: string };

/** Fills the open composer's shared fields (those given) and returns it. */
export async function fillComposer(page: Page, f: PostFields): Promise<Locator> {
  const composer = page.getByTestId('composer');
  if (f.draft) await composer.getByTestId('composer-draft').selectOption({ label: f.draft });
  if (f.title) await composer.getByTestId('composer-title').fill(f.title);
  if (f.caption) await composer.getByTestId('composer-caption').fill(f.caption);
  if (f.hashtags) await composer.getByTestId('composer-hashtags').fill(f.hashtags);
  if (f.date) await composer.getByTestId('composer-date').fill(f.date);
  if (f.time) await composer.getByTestId('composer-time').fill(f.time);
  if (f.campaign) await composer.getByTestId('composer-campaign').selectOption({ label: f.campaign });
  return composer;
}
