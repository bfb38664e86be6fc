import fs from 'node:fs';
import path from 'node:path';
import { GOOD_DIR } from '../../scripts/fixtures';
import { limitFor, testLimit } from '../limits';
import { expect, test } from '../serve';

/**
 * Settings → Backup and restore (docs/backup.md): an admin backs the library up into an allowed folder, restores that
 * file (uploaded, as a browser does) into a new folder, and opens it: the same asset is there.
 */
test('backs up the library, restores the backup into a new folder and opens it', async ({ app, server }) => {
  test.setTimeout(testLimit({ files: 3, megabytes: 1 }));
  // One picture in the library, uploaded like any import.
  await app.getByTestId('import-file-input').setInputFiles(path.join(GOOD_DIR, 'logo.png'));
  await expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout: limitFor({ files: 1 }) });

  await app.getByTestId('settings-nav').click();
  const section = app.getByTestId('backup-settings');
  await expect(section.getByRole('heading', { name: 'Backup and restore' })).toBeVisible();
  await app.getByTestId('backup-folder-input').fill(server.shared!);
  await app.getByTestId('backup-start').click();
  const done = app.getByTestId('backup-done');
  await expect(done).toHaveText(/^Backed up 1 asset to .*\.postframe-backup \(.+\)\.$/, { timeout: limitFor({ files: 1, megabytes: 1 }) });
  const backups = fs.readdirSync(server.shared!).filter((n) => n.endsWith('.postframe-backup'));
  expect(backups).toHaveLength(1);
  const file = path.join(server.shared!, backups[0]!);

  // Refused into a folder that is not empty: the library itself.
  await app.getByTestId('restore-file-input').setInputFiles(file);
  await app.getByTestId('restore-folder-input').fill(server.libraryPath);
  await app.getByTestId('restore-start').click();
  await expect(section.getByRole('alert')).toContainText('already exists and is not empty');

  const target = path.join(server.shared!, 'Restored');
  await app.getByTestId('restore-folder-input').fill(target);
  await app.getByTestId('restore-start').click();
  await expect(app.getByTestId('restore-done')).toHaveText(`Restored 1 asset into ${target}.`, { timeout: limitFor({ files: 1, megabytes: 1 }) });
  await section.screenshot({ path: '/tmp/backup-settings.png' });

  await app.getByTestId('restore-open').click();
  await expect(app.getByTestId('library-path')).toHaveText(target);
  await expect(app.getByTestId('asset-count')).toHaveText('1 item');
});
