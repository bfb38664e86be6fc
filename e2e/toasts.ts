import type { Page } from '@playwright/test';
import { expect } from './serve';

/**
 * Closes every toast (before a screenshot they would cover). In one go in the page: a loop of clicks could find
 * a toast that its timer removes before the click lands, and the click would then wait for it for ever.
 */
export async function dismissToasts(page: Page): Promise<void> {
  await page.getByTestId('toast').locator('.toast__close').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
  await expect(page.getByTestId('toast')).toHaveCount(0);
}
