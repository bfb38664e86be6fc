import type { Locator, Page } from '@playwright/test';
import { expect } from './serve';

/** Steps the Queue room's specs share: people and profiles, and filling in the composer. */

/** Adds a person with a role through the header's Add person dialog (the acting profile must be an admin). */
export async function addUser(page: Page, name: string, role: string): Promise<void> {
  await page.getByTestId('add-user').click();
  await page.getByTestId('add-user-name').fill(name);
  await page.getByTestId('add-user-role').selectOption(role);
  await page.getByTestId('add-user-save').click();
  await expect(page.getByTestId('profile-select').locator('option', { hasText: name })).toHaveCount(1);
}

/** Acts as another profile, and waits until the header shows its role. */
export async function switchTo(page: Page, name: string, role: string): Promise<void> {
  await page.getByTestId('profile-select').selectOption({ label: name });
  await expect(page.getByTestId('profile-role')).toHaveAttribute('data-role', role);
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
