import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { execStep, postframe } from './exec';
import { waitStep } from './limits';
import { callApi, expect } from './serve';

/**
 * An export that is still running when a test acts on its host (kill -9, a planted fault): a 40 s source, so
 * the export has tens of seconds of work left once its ffmpeg is seen writing the part file.
 */
export const LONG_SEC = 40;

/**
 * Makes the long source and imports it with the CLI (before a host opens the library). 40 s of 1280×720 made
 * with the ultrafast preset is about a quarter of the work per second of a 1080×1920 export: 10 s of media.
 */
export async function importLongClip(dir: string, lib: string, home: string): Promise<void> {
  const long = path.join(dir, 'long-clip.mp4');
  await execStep(`make a ${LONG_SEC} s source`, { mediaSec: LONG_SEC / 4 }, 'ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${LONG_SEC}`, '-f', 'lavfi', '-i', `sine=duration=${LONG_SEC}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', long,
  ]);
  await postframe('postframe import of the long source', { files: 1 }, home, ['import', '--library', lib, long]);
}

/** A draft of the whole long source, its export started over the API; resolves once ffmpeg writes the part file. */
export async function startLongExport(page: Page, lib: string): Promise<{ jobId: string; exportsDir: string }> {
  const [assetId] = await callApi<string[]>(page, 'assets.ids', {});
  const draft = await callApi<{ id: string; revision: number; doc: { tracks: { kind: string; clips: unknown[] }[] } }>(page, 'drafts.create', { name: 'Long export' });
  const doc = structuredClone(draft.doc);
  doc.tracks.find((t) => t.kind === 'main')!.clips.push({
    id: 'c1', type: 'media', assetId, start: 0, in: 0, out: LONG_SEC, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transitionIn: null,
    transform: { reframe: 'fill', x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1 },
  });
  await callApi(page, 'drafts.save', { id: draft.id, baseRevision: draft.revision, doc });
  const { jobId } = await callApi<{ jobId: string }>(page, 'exports.start', { draftId: draft.id });
  const exportsDir = path.join(lib, 'exports');
  // Starting the export is the work (compile, spawn ffmpeg, open the source): one file's.
  await waitStep('the export writes its part file', { files: 1 }, (timeout) =>
    expect.poll(() => fs.existsSync(exportsDir) && fs.readdirSync(exportsDir).some((f) => f.endsWith('.part.mp4')), { timeout }).toBe(true),
  );
  return { jobId, exportsDir };
}
