import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Asset } from '../electron/model/asset';
import type { VideoDraft } from '../electron/model/draft';
import { makeSpeech, speechFixtureUnavailable, type SpeechFixture } from '../scripts/speech-fixture';
import { waitStep } from './limits';
import { mediaClip } from './preview-kit';
import { callApi, expect } from './serve';

/**
 * Steps the caption specs share: espeak-ng speech with known sentence starts, imported as a user would (the
 * Import button), put on a draft's voiceover track, the draft opened, and the Sync to script dialog driven.
 */

/** Four sentences with different pauses before each (the first is a lead-in). */
export const SPOKEN = [
  'Most short videos are watched without sound.',
  'Captions are the first thing creators ask for after cutting.',
  'The words light up as they are spoken.',
  'This is the end of the test recording.',
];
export const PAUSES = [0.6, 1.2, 0.9, 1.4];

/** Why the speech specs cannot run here (espeak-ng, ffmpeg or pocketsphinx missing), or null. */
export function speechSpecsUnavailable(): string | null {
  const fixture = speechFixtureUnavailable();
  if (fixture) return fixture;
  try {
    execFileSync(process.env.POSTFRAME_POCKETSPHINX ?? 'pocketsphinx_continuous', ['-help', 'no'], { stdio: 'ignore' });
  } catch (e) {
    // pocketsphinx_continuous exits non-zero for -help; only a missing binary (ENOENT) means it is not there.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'pocketsphinx is not installed (apt-get install pocketsphinx pocketsphinx-en-us)';
  }
  return null;
}

export type SpeechDraft = { draftId: string; asset: Asset; speech: SpeechFixture; clipStart: number; name: string };

/**
 * Speech imported through the Import button and put on a new draft's voiceover track at `clipStart` seconds
 * (so cue times are checked on the timeline, not in the file), saved through the API.
 */
export async function speechDraft(page: Page, dir: string, name: string, clipStart = 0.5): Promise<SpeechDraft> {
  const speech = makeSpeech(path.join(dir, 'speech.wav'), SPOKEN, PAUSES);
  await page.getByTestId('import-file-input').setInputFiles(speech.file);
  await waitStep('the speech recording imported', { files: 1 }, (timeout) => expect(page.getByTestId('asset-cell')).toHaveCount(1, { timeout }));
  const { items } = await callApi<{ items: Asset[] }>(page, 'assets.list', {});
  const asset = items.find((a) => a.name === 'speech.wav')!;
  expect(asset, 'the imported speech').toBeTruthy();
  const draft = await callApi<{ id: string; revision: number; doc: VideoDraft }>(page, 'drafts.create', { name, preset: '9:16', fps: 30 });
  const doc = structuredClone(draft.doc);
  const voice = doc.tracks.find((t) => t.kind === 'audio' && t.role === 'voiceover')!;
  voice.clips.push(mediaClip(asset, clipStart, 0, asset.durationSec ?? speech.durationSec));
  await callApi(page, 'drafts.save', { id: draft.id, baseRevision: draft.revision, doc });
  return { draftId: draft.id, asset, speech, clipStart, name };
}

/** The open one of a dialog (the header menu and the captions panel each mount their own copy). */
export function openDialog(page: Page, testId: string): Locator {
  return page.locator(`dialog[data-testid="${testId}"][open]`);
}

/** Opens a draft from the Library's Drafts view (it has no picture to wait for: only the editor). */
export async function openInEditor(page: Page, name: string): Promise<void> {
  await page.getByTestId('library-nav').click();
  await page.getByTestId('view-drafts').click();
  await page.locator(`[data-testid="draft-row"][data-name="${name}"]`).getByTestId('draft-open').click();
  await expect(page.getByTestId('editor-screen')).toBeVisible();
}

/**
 * Captions ▾ → Sync to script…, the script typed in, Start; returns once the result is shown (the progress bar
 * was seen on the way, or the job had already finished: `sawProgress` says which).
 */
export async function syncInDialog(page: Page, script: string, speechSec: number): Promise<{ sawProgress: boolean }> {
  await page.getByTestId('captions-menu-button').click();
  await page.getByTestId('captions-menu-sync').click();
  const dialog = openDialog(page, 'sync-script-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('sync-script').fill(script);
  await dialog.getByTestId('sync-start').click();
  const progress = dialog.getByTestId('caption-job-progress');
  const result = dialog.getByTestId('caption-job-result');
  // The first state after Start: the bar (the job runs) or, on a fast machine, already the result.
  await expect(progress.or(result)).toBeVisible();
  const sawProgress = await progress.isVisible();
  // pocketsphinx decodes well under real time; the limit is generous (a second of media per second of speech).
  await waitStep('Sync to script finished', { mediaSec: speechSec }, (timeout) => expect(result.or(dialog.getByTestId('caption-job-error'))).toBeVisible({ timeout }));
  await expect(dialog.getByTestId('caption-job-error')).toHaveCount(0);
  return { sawProgress };
}

/** The saved draft once the editor's autosave has written everything. */
export async function savedDraft(page: Page, draftId: string): Promise<VideoDraft> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return (await callApi<{ doc: VideoDraft }>(page, 'drafts.get', { id: draftId })).doc;
}
