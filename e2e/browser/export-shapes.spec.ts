import type { Page } from '@playwright/test';
import { exportInDialog } from '../editor-kit';
import { testLimit, waitStep } from '../limits';
import { callApi, expect, test } from '../serve';

// Issue 9, item 3: drafts the schema accepts but the editor never makes. One without a main track exports; one
// the export cannot honour shows the compiler's reason in the Export dialog (never a TypeError).

const style = { font: 'DejaVu Sans', size: 40, color: '#ffffff', bold: true, italic: false, align: 'center', stroke: null, box: null };
const title = { id: 'x1', type: 'text', start: 0, duration: 1, text: 'Only a title', style, x: 0.5, y: 0.5, maxWidth: 0.8, fadeIn: 0, fadeOut: 0 };
const trackOf = (id: string, kind: string, clips: unknown[]) => ({ id, kind, name: id, muted: false, hidden: false, role: null, ducking: null, clips });

async function draftWith(app: Page, name: string, tracks: unknown[]): Promise<void> {
  const rec = await callApi<{ id: string; revision: number; doc: Record<string, unknown> }>(app, 'drafts.create', { name });
  const doc = { ...rec.doc, name, canvas: { preset: '16:9', width: 320, height: 180, fps: 30, background: '#203040' }, tracks };
  await callApi(app, 'drafts.save', { id: rec.id, baseRevision: rec.revision, doc });
}

async function openExportDialog(app: Page, name: string): Promise<void> {
  await app.getByTestId('view-drafts').click();
  await app.locator(`[data-testid="draft-row"][data-name="${name}"]`).getByTestId('draft-open').click();
  await expect(app.getByTestId('editor-screen')).toBeVisible();
  await app.getByTestId('export-button').click();
}

test('a title-only draft (no main track) exports', async ({ app }) => {
  // Rendering 1 s (at 320x180, less than the 1080x1920 a limit's second of media is made for).
  test.setTimeout(testLimit({ mediaSec: 1 }));
  await draftWith(app, 'Title only', [trackOf('t', 'text', [title])]);
  await openExportDialog(app, 'Title only');
  await exportInDialog(app, 1, 'the 1 s title-only export');
  // Something was exported: the button offers to do it again.
  await expect(app.getByTestId('export-start')).toHaveText('Export again');
});

test('a draft the export cannot honour shows why in the Export dialog', async ({ app }) => {
  await draftWith(app, 'Two mains', [trackOf('a', 'main', []), trackOf('b', 'main', []), trackOf('t', 'text', [title])]);
  await openExportDialog(app, 'Two mains');
  await app.getByTestId('export-start').click();
  const job = app.getByTestId('export-job');
  // Refused by the compiler before ffmpeg starts: the end state is waited for, then it must be 'failed'.
  await waitStep('the export is refused', {}, (timeout) => expect(job).toHaveAttribute('data-status', /^(done|failed|cancelled)$/, { timeout }));
  expect(await job.getAttribute('data-status'), (await job.textContent()) ?? '').toBe('failed');
  await expect(job).toContainText('This draft has 2 main tracks; a draft has one. Move the clips of the others onto overlay tracks');
  await expect(job).not.toContainText('TypeError');
  // Nothing was exported, so the button is the plain Export (not "Export again"), and the refusal reads as an error.
  await expect(app.getByTestId('export-start')).toHaveText('Export');
  await expect(job.getByRole('alert')).toContainText('This draft has 2 main tracks');
  await app.screenshot({ path: '/tmp/export-refused.png' });
});
