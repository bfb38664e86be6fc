import path from 'node:path';
import { addPerson, openSignedIn } from '../accounts-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

/**
 * Settings → Export (docs/export.md "Hardware encoders"): the admin sees what this computer offers (here: no working
 * hardware encoder) and turns hardware encoding off; it stays off after a reload and in the engine. A creator sees
 * it read-only with the reason, and the engine refuses the creator's call made directly.
 */
test('an admin turns hardware encoding off in Settings → Export; a creator can read it but not change it', async ({ app, server }) => {
  await app.getByTestId('settings-nav').click();
  const card = app.getByTestId('export-settings');
  await expect(card.getByTestId('hardware-encoding-auto')).toBeChecked();
  // This machine's ffmpeg lists hardware encoders but has no GPU: none passes its trial.
  await expect(card.getByTestId('hardware-detected')).toContainText('None found: exports use the software encoder.');
  await expect(card.getByTestId('hardware-used')).toHaveText('Exports now use: Software (libx264)');
  await expect(card.getByTestId('export-settings-readonly')).toHaveCount(0);

  // By keyboard: focus Auto, arrow to Off (a radio group selects as it moves).
  await card.getByTestId('hardware-encoding-auto').focus();
  await app.keyboard.press('ArrowDown');
  await expect(card.getByTestId('hardware-encoding-off')).toBeChecked();
  await expect.poll(async () => (await callApi<{ hardwareEncoding: string }>(app, 'exportSettings.get', {})).hardwareEncoding, { message: 'off is stored' }).toBe('off');
  if (SHOTS) await card.screenshot({ path: path.join(SHOTS, 'settings-export.png') });
  await app.reload();
  await app.getByTestId('settings-nav').click();
  await expect(app.getByTestId('export-settings').getByTestId('hardware-encoding-off')).toBeChecked();

  // A creator: read-only with the reason, and the engine refuses the call itself.
  await addPerson(app, server, { name: 'Cleo', login: 'cleo', role: 'creator' });
  await openSignedIn(app, server, 'cleo');
  await app.getByTestId('settings-nav').click();
  const read = app.getByTestId('export-settings');
  await expect(read.getByTestId('export-settings-readonly')).toContainText('Cleo is not an admin: only an admin can change how exports are encoded');
  await expect(read.getByTestId('hardware-encoding-auto')).toBeDisabled();
  await expect(read.getByTestId('hardware-encoding-off')).toBeChecked();
  await expect(callApi(app, 'exportSettings.set', { hardwareEncoding: 'auto' })).rejects.toThrow(/Only an admin can change how exports are encoded/);
  expect((await callApi<{ hardwareEncoding: string }>(app, 'exportSettings.get', {})).hardwareEncoding).toBe('off');
});
