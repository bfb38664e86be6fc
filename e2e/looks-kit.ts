import type { Locator, Page } from '@playwright/test';
import type { ClipLook } from '../electron/model/clip-look';
import type { MediaClip, VideoDraft } from '../electron/model/draft';
import { importFootage, mediaClip, openDraft, saveDraft } from './preview-kit';
import { callApi, expect } from './serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * The looks specs' start: phone footage (pan) imported, a draft of one `duration`-second clip of it opened, the clip
 * selected and the Inspector's Look section showing. `saved()` reads the clip's look as the library stored it.
 */
export async function openOneClipDraft(app: Page, name: string, duration: number): Promise<{ clip: MediaClip; draftId: string; saved: () => Promise<ClipLook | null>; section: Locator }> {
  const assets = await importFootage(app, ['pan']);
  const clip = mediaClip(assets.pan, 0, 1, 1 + duration);
  const draftId = await saveDraft(app, name, ({ main }) => main.clips.push(clip));
  const saved = async () => ((await callApi<DraftRecord>(app, 'drafts.get', { id: draftId })).doc.tracks[0]!.clips[0] as MediaClip).look ?? null;
  await openDraft(app, name, 1);
  await app.locator(`[data-clip-id="${clip.id}"]`).click();
  const section = app.getByTestId('look-section');
  await expect(section).toBeVisible();
  return { clip, draftId, saved, section };
}
