import type { Page } from '@playwright/test';
import { expect, test } from '../serve';
import path from 'node:path';
import { testLimit } from '../limits';
import { SHOTS } from '../screenshots';

/**
 * Walk finding #26, everywhere: every segmented choice in the app is a WAI-ARIA radio group with ONE Tab stop
 * (the checked choice, else the first that can be chosen), and the arrows move the choice (ui/RadioGroup.tsx).
 */
async function tabStops(app: Page) {
  return app.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[role="radiogroup"]')]
      .filter((g) => g.offsetParent !== null)
      .map((g) => {
        const radios = [...g.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
        const enabled = radios.filter((r) => !r.disabled);
        const stops = radios.filter((r) => r.tabIndex === 0);
        const checked = enabled.find((r) => r.getAttribute('aria-checked') === 'true');
        return {
          group: g.getAttribute('aria-label') ?? g.getAttribute('aria-labelledby') ?? '?',
          stops: stops.length,
          expected: enabled.length > 0 ? 1 : 0,
          stopIsChecked: checked ? stops[0] === checked : true,
        };
      }),
  );
}

async function expectOneStopEach(app: Page, room: string, atLeast: number) {
  const groups = await tabStops(app);
  expect(groups.length, `radio groups seen in ${room}`).toBeGreaterThanOrEqual(atLeast);
  for (const g of groups) expect({ room, ...g }).toEqual({ room, group: g.group, stops: g.expected, expected: g.expected, stopIsChecked: true });
}

test('every segmented choice in every room is one Tab stop, and arrows move the choice', async ({ app }) => {
  test.setTimeout(testLimit({ files: 1 }));
  await app.getByTestId('library-nav').click();
  await expectOneStopEach(app, 'library', 1);

  // Arrows move the choice and the focus: the Library's Assets/Drafts switch.
  const assets = app.getByTestId('view-assets');
  await assets.focus();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByTestId('view-drafts')).toBeFocused();
  await expect(app.getByTestId('view-drafts')).toHaveAttribute('aria-checked', 'true');
  await expect(assets).toHaveAttribute('tabindex', '-1');
  await expect(app.getByTestId('view-drafts')).toHaveAttribute('tabindex', '0');
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'library-view-switch-focus.png') });
  await app.keyboard.press('ArrowLeft');
  await expect(assets).toHaveAttribute('aria-checked', 'true');

  await app.getByTestId('settings-nav').click();
  await expectOneStopEach(app, 'settings', 1);
  const dark = app.getByTestId('theme-dark');
  const light = app.getByTestId('theme-light');
  const startsDark = (await dark.getAttribute('aria-checked')) === 'true';
  await (startsDark ? dark : light).focus();
  await app.keyboard.press('ArrowRight');
  await expect(startsDark ? light : dark).toHaveAttribute('aria-checked', 'true');
  await expect(startsDark ? light : dark).toBeFocused();
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'settings-theme-radio-focus.png') });
  await app.keyboard.press('ArrowLeft');
  await expect(startsDark ? dark : light).toHaveAttribute('aria-checked', 'true');

  await app.getByTestId('queue-nav').click();
  await expectOneStopEach(app, 'queue', 1);
  await app.getByTestId('capture-nav').click();
  await expectOneStopEach(app, 'capture', 1);

  // The Brand room's kit editor holds the most groups (text styles, watermark corner).
  await app.getByTestId('brand-nav').click();
  await app.getByTestId('brand-empty').getByTestId('kit-create-first').click();
  await app.getByTestId('kit-new-name').fill('Radio');
  await app.getByTestId('kit-new-save').click();
  await expect(app.getByTestId('kit-name')).toHaveValue('Radio');
  await app.getByTestId('brand-text-styles').getByTestId('text-style-add-title').click();
  await expectOneStopEach(app, 'brand', 1);
});
