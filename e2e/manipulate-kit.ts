import type { Locator, Page } from '@playwright/test';
import type { VideoDraft } from '../electron/model/draft';
import { callApi, expect } from './serve';

/** Pointer steps the direct-manipulation specs share (the preview's handles), and the saved draft after a change. */

/** The draft as saved, once the editor says it has saved every change. */
export async function storedDoc(page: Page, id: string): Promise<VideoDraft> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return (await callApi<{ doc: VideoDraft }>(page, 'drafts.get', { id })).doc;
}

/** A press, a drag in small steps (as a hand moves) and, unless `hold`, the release. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, hold = false): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
  if (!hold) await page.mouse.up();
}

export async function centreOf(l: Locator): Promise<{ x: number; y: number }> {
  const b = (await l.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Turns the selected layer by `deg` clockwise with the round handle above it (the handle sits straight above its centre). */
export async function rotateBy(page: Page, deg: number): Promise<void> {
  const handle = await centreOf(page.getByTestId('dm-handle-rotate'));
  const middle = await centreOf(page.locator('.dm__box'));
  const radius = middle.y - handle.y;
  const tilt = (deg * Math.PI) / 180;
  await drag(page, handle, { x: middle.x + radius * Math.sin(tilt), y: middle.y - radius * Math.cos(tilt) });
}
