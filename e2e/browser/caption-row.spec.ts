import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Asset } from '../../electron/model/asset';
import type { CaptionCue } from '../../electron/model/caption-track';
import type { DraftRecord } from '../../electron/model/draft-record';
import type { MediaClip, VideoDraft } from '../../electron/model/draft';
import { newMediaClip } from '../../electron/model/timeline';
import { makeSpeech, speechFixtureUnavailable, type SpeechFixture } from '../../scripts/speech-fixture';
import { PX_PER_SEC } from '../editor-kit';
import { testLimit } from '../limits';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

/**
 * The caption row (issue 12 §2, docs/captions.md "Timeline row"): a caption track over espeak-ng speech; a cue
 * dragged, trimmed, every cue shifted (typed and by Shift+drag), snapped to the speech, nudged by keys; each step
 * checked in the draft the editor autosaves, and undone and redone.
 */

const why = speechFixtureUnavailable();
const FPS = 30;
const frame = (t: number) => Math.round(t * FPS) / FPS;
const SENTENCES = ['Captions help people who watch without sound.', 'Every creator needs them.', 'Snap each one to the voice.'];

type Cues = Record<string, { startSec: number; endSec: number }>;

async function savedCues(page: Page, draftId: string): Promise<Cues> {
  const rec = await callApi<DraftRecord>(page, 'drafts.get', { id: draftId });
  const doc = rec.doc as VideoDraft;
  return Object.fromEntries((doc.captions?.[0]?.cues ?? []).map((c) => [c.id, { startSec: c.startSec, endSec: c.endSec }]));
}

/** Waits until the autosaved draft holds `want` (times to the millisecond). */
async function expectSaved(page: Page, draftId: string, want: Cues, what: string): Promise<void> {
  const round = (c: Cues) => Object.fromEntries(Object.entries(c).map(([id, v]) => [id, [v.startSec.toFixed(3), v.endSec.toFixed(3)]]));
  await expect.poll(async () => round(await savedCues(page, draftId)), { message: `saved after ${what}` }).toEqual(round(want));
}

async function expectShown(cue: Locator, startSec: number, endSec: number): Promise<void> {
  await expect(cue).toHaveAttribute('data-start', startSec.toFixed(3));
  await expect(cue).toHaveAttribute('data-end', endSec.toFixed(3));
}

/** A real pointer drag of `dx` pixels from the middle of `target` (or at `at` px from its left edge), modifiers held. */
async function drag(page: Page, target: Locator, dx: number, mods: ('Alt' | 'Shift')[] = [], at?: number): Promise<void> {
  const box = (await target.boundingBox())!;
  const x = box.x + (at ?? box.width / 2);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  for (const m of mods) await page.keyboard.down(m);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y, { steps: 3 });
  await page.mouse.move(x + dx, y, { steps: 3 });
  await page.mouse.up();
  for (const m of mods) await page.keyboard.up(m);
}

test.describe('caption row', () => {
  test.skip(why !== null, `needs espeak-ng and ffmpeg: ${why}`);
  let tmp: string;
  let speech: SpeechFixture;
  test.beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-caprow-'));
    speech = makeSpeech(path.join(tmp, 'voiceover.wav'), SENTENCES, [0.8, 1.2, 1.2]);
  });
  test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('drag, trim, shift all, snap to speech and nudge captions on their row; saved, undone and redone', async ({ app }) => {
    test.setTimeout(testLimit({ files: 1, baseMs: 90_000 }));
    await app.getByTestId('import-file-input').setInputFiles(speech.file);
    await expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout: 30_000 });
    const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
    const asset = items[0]!;

    // The captions sit a quarter second inside each sentence: near enough for Snap to speech (0.5 s).
    const cues: CaptionCue[] = speech.sentences.map((s, i) => ({ id: `c${i}`, text: s.text, startSec: frame(s.startSec + 0.25), endSec: frame(s.endSec - 0.25) }));
    const draft = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Caption row', preset: '9:16', fps: FPS });
    const doc = structuredClone(draft.doc) as VideoDraft;
    const voice: MediaClip = newMediaClip({ id: asset.id, kind: 'audio', durationSec: asset.durationSec }, 0, () => 'voice-1');
    doc.tracks = doc.tracks.map((t) => (t.kind === 'audio' && t.role === 'voiceover' ? { ...t, clips: [voice] } : t));
    doc.captions = [{ id: 'en', language: 'en', name: 'English', cues }];
    await callApi(app, 'drafts.save', { id: draft.id, baseRevision: draft.revision, doc });
    const spans = (await callApi<{ spans: { startSec: number; endSec: number }[] }>(app, 'captions.speech', { draftId: draft.id })).spans;
    expect(spans).toHaveLength(3);

    await app.getByTestId('library-nav').click();
    await app.getByTestId('view-drafts').click();
    await app.locator('[data-testid="draft-row"][data-name="Caption row"]').getByTestId('draft-open').click();
    const row = app.getByTestId('caption-row');
    await expect(row).toBeVisible();
    await expect(row.getByTestId('speech-span')).toHaveCount(3);
    const cue = (id: string) => row.locator(`[data-cue-id="${id}"]`);
    const want: Cues = Object.fromEntries(cues.map((c) => [c.id, { startSec: c.startSec, endSec: c.endSec }]));
    await expectShown(cue('c0'), want.c0!.startSec, want.c0!.endSec);
    const undo = app.getByTestId('undo');
    const redo = app.getByTestId('redo');

    // Drag c0 0.3 s (9 frames) later (Alt: no snapping), as one undo step.
    await drag(app, cue('c0'), 0.3 * PX_PER_SEC, ['Alt']);
    want.c0 = { startSec: frame(want.c0!.startSec + 0.3), endSec: frame(want.c0!.endSec + 0.3) };
    await expectShown(cue('c0'), want.c0.startSec, want.c0.endSec);
    await expectSaved(app, draft.id, want, 'the drag');
    await undo.click();
    await expectShown(cue('c0'), cues[0]!.startSec, cues[0]!.endSec);
    await redo.click();
    await expectShown(cue('c0'), want.c0.startSec, want.c0.endSec);

    // Trim its start back by 0.3 s (its end stays).
    await drag(app, cue('c0').getByTestId('cue-trim-start'), -0.3 * PX_PER_SEC, ['Alt'], 3);
    want.c0 = { startSec: frame(want.c0.startSec - 0.3), endSec: want.c0.endSec };
    await expectShown(cue('c0'), want.c0.startSec, want.c0.endSec);
    await expectSaved(app, draft.id, want, 'the trim');

    // Shift all, typed: every cue half a second later; undone and redone as one step.
    await row.getByTestId('caption-shift').click();
    await app.getByTestId('caption-shift-seconds').fill('0.5');
    await app.getByTestId('caption-shift-apply').click();
    const shifted = (by: number): Cues => Object.fromEntries(Object.entries(want).map(([id, c]) => [id, { startSec: c.startSec + by, endSec: c.endSec + by }]));
    await expectShown(cue('c2'), want.c2!.startSec + 0.5, want.c2!.endSec + 0.5);
    await expectSaved(app, draft.id, shifted(0.5), 'shift all');
    await undo.click();
    await expectShown(cue('c2'), want.c2!.startSec, want.c2!.endSec);
    await expectSaved(app, draft.id, want, 'undoing shift all');
    await redo.click();
    await expectShown(cue('c2'), want.c2!.startSec + 0.5, want.c2!.endSec + 0.5);
    // Too far earlier is refused with how far it may go, and changes nothing.
    await row.getByTestId('caption-shift').click();
    await app.getByTestId('caption-shift-seconds').fill('-30');
    await app.getByTestId('caption-shift-apply').click();
    await expect(app.getByTestId('caption-shift-dialog')).toContainText('can move at most');
    await app.keyboard.press('Escape');
    // …and back by Shift+drag of any cue: the whole track follows.
    await drag(app, cue('c1'), -0.5 * PX_PER_SEC, ['Alt', 'Shift']);
    for (const id of ['c0', 'c1', 'c2']) await expectShown(cue(id), frame(want[id]!.startSec), frame(want[id]!.endSec));
    await expectSaved(app, draft.id, want, 'the Shift+drag');

    // Snap to speech: the chosen cue's edges go to the speech's start and end.
    await cue('c2').click();
    await expect(cue('c2')).toHaveAttribute('aria-selected', 'true');
    await row.getByTestId('caption-snap-cue').click();
    want.c2 = { startSec: spans[2]!.startSec, endSec: spans[2]!.endSec };
    await expectShown(cue('c2'), want.c2.startSec, want.c2.endSec);
    await expectSaved(app, draft.id, want, 'snap to speech');
    // And all of them.
    await row.getByTestId('caption-snap-all').click();
    want.c0 = { ...spans[0]! };
    want.c1 = { ...spans[1]! };
    await expectShown(cue('c0'), spans[0]!.startSec, spans[0]!.endSec);
    await expectShown(cue('c1'), spans[1]!.startSec, spans[1]!.endSec);
    await expectSaved(app, draft.id, want, 'snap all to speech');
    await undo.click();
    await expectShown(cue('c2'), spans[2]!.startSec, spans[2]!.endSec);
    await expect(cue('c1')).not.toHaveAttribute('data-start', spans[1]!.startSec.toFixed(3));
    await redo.click();
    await expectShown(cue('c1'), spans[1]!.startSec, spans[1]!.endSec);

    // Keys on the row: ↑ chooses the previous cue, → nudges it a frame, Shift+→ ten frames.
    await row.getByTestId('caption-lane').focus();
    await app.keyboard.press('ArrowUp');
    await expect(cue('c1')).toHaveAttribute('aria-selected', 'true');
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('Shift+ArrowRight');
    await expectShown(cue('c1'), spans[1]!.startSec + 11 / FPS, spans[1]!.endSec + 11 / FPS);
    await expectSaved(app, draft.id, { ...want, c1: { startSec: spans[1]!.startSec + 11 / FPS, endSec: spans[1]!.endSec + 11 / FPS } }, 'the nudges');

    if (SHOTS) {
      await cue('c0').click();
      await app.getByTestId('timeline').screenshot({ path: path.join(SHOTS, 'caption-row.png') });
    }
  });
});
