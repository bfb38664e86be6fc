import type { Page } from '@playwright/test';
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

async function exportDraft(app: Page, name: string): Promise<void> {
  await app.getByTestId('view-drafts').click();
  await app.locator(`[data-testid="draft-row"][data-name="${name}"]`).getByTestId('draft-open').click();
  await expect(app.getByTestId('editor-screen')).toBeVisible();
  await app.getByTestId('export-button').click();
  await app.getByTestId('export-start').click();
}

test('a title-only draft (no main track) exports', async ({ app }) => {
  test.setTimeout(120_000);
  await draftWith(app, 'Title only', [trackOf('t', 'text', [title])]);
  await exportDraft(app, 'Title only');
  // Rendering 1 s at 320x180 is the work; the limit is generous for a loaded machine.
  await expect(app.getByTestId('export-job'), 'export of a 1 s title-only draft').toHaveAttribute('data-status', 'done', { timeout: 90_000 });
});

test('a draft the export cannot honour shows why in the Export dialog', async ({ app }) => {
  await draftWith(app, 'Two mains', [trackOf('a', 'main', []), trackOf('b', 'main', []), trackOf('t', 'text', [title])]);
  await exportDraft(app, 'Two mains');
  const job = app.getByTestId('export-job');
  await expect(job).toHaveAttribute('data-status', 'failed');
  await expect(job).toContainText('This draft has 2 main tracks; a draft has one. Move the clips of the others onto overlay tracks');
  await expect(job).not.toContainText('TypeError');
  await app.screenshot({ path: '/tmp/export-refused.png' });
});
