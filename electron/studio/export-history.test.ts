import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportPreset } from '../model/draft-record';
import { exportResultOf } from '../model/job';
import { draft, media, track } from '../render/test-drafts';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';

// The export history (exports.list): finished exports are library jobs, newest first, and say when a file is gone.

const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'small' };

describe('export history', () => {
  let temp: TempStudio;
  let studio: Studio;
  let still = '';

  beforeEach(async () => {
    temp = await openTempStudio('pf-exports-');
    studio = temp.studio;
    const png = path.join(temp.tmp, 'still.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3366cc' } }).png().toFile(png);
    const { jobId } = await studio.api['imports.start']({ paths: [png], uploads: [] });
    const job = await studio.waitForJob(jobId);
    still = job.result?.kind === 'import' ? job.result.assetIds[0]! : '';
    expect(still).not.toBe('');
  });
  afterEach(() => temp.close());

  /** A 1 s draft of one picture on a tiny canvas (a quick export). */
  async function newDraft(name: string): Promise<string> {
    const rec = await studio.api['drafts.create']({ kind: 'video', name });
    const doc = { ...draft([track('main', 'main', [media('a', still, 0, 0, 1)])], { preset: '16:9', width: 160, height: 96 }), name };
    await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc });
    return rec.id;
  }

  async function exportDraft(draftId: string): Promise<string> {
    const { jobId } = await studio.api['exports.start']({ draftId, preset });
    const done = await studio.waitForJob(jobId);
    expect(done.status, done.error ?? '').toBe('done');
    return jobId;
  }

  it('lists a draft\'s finished exports newest first, survives a restart, and shows a deleted file as gone', async () => {
    const d1 = await newDraft('Trip');
    const d2 = await newDraft('Other');
    const first = await exportDraft(d1);
    const second = await exportDraft(d1);
    await exportDraft(d2);

    const list = await studio.api['exports.list']({ draftId: d1, limit: 100 });
    expect(list.map((e) => e.jobId)).toEqual([second, first]);
    const job = (await studio.api['jobs.list']({})).find((j) => j.id === first)!;
    const r = exportResultOf(job)!;
    expect(list[1]).toEqual({
      jobId: first, draftId: d1, fileName: r.fileName, outputPath: r.outputPath, sizeBytes: r.sizeBytes, durationSec: r.durationSec,
      method: r.method, finishedAt: job.updatedAt, available: true, inLibrary: true,
    });
    expect(await studio.api['exports.list']({ limit: 100 })).toHaveLength(3);
    expect(await studio.api['exports.list']({ draftId: 'no-such-draft', limit: 100 })).toEqual([]);
    expect(await studio.api['exports.list']({ draftId: d1, limit: 1 })).toHaveLength(1);

    // The file is deleted behind Postframe's back: still listed, as gone; the host no longer serves it.
    fs.rmSync(r.outputPath);
    const after = await studio.api['exports.list']({ draftId: d1, limit: 100 });
    expect(after.find((e) => e.jobId === first)?.available).toBe(false);
    expect(after.find((e) => e.jobId === second)?.available).toBe(true);
    expect(await studio.resolveExport(first)).toBeNull();
    expect(await studio.locateExport(first)).toBeNull();
    expect(await studio.locateExport(second)).toBe(exportResultOf((await studio.api['jobs.list']({})).find((j) => j.id === second)!)!.outputPath);

    // They are jobs of the library: a restart lists the same history.
    studio = await temp.restart();
    expect((await studio.api['exports.list']({ draftId: d1, limit: 100 })).map((e) => [e.jobId, e.available])).toEqual([
      [second, true],
      [first, false],
    ]);
  });

  it('leaves out exports that did not finish', async () => {
    const rec = await studio.api['drafts.create']({ kind: 'video', name: 'Broken' });
    // A clip whose asset is not in the library: the export fails, naming the clip.
    const doc = { ...draft([track('main', 'main', [media('a', 'no-such-asset', 0, 0, 1)])], { preset: '16:9', width: 160, height: 96 }), name: 'Broken' };
    await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc });
    const { jobId } = await studio.api['exports.start']({ draftId: rec.id, preset });
    expect((await studio.waitForJob(jobId)).status).toBe('failed');
    expect(await studio.api['exports.list']({ draftId: rec.id, limit: 100 })).toEqual([]);
    expect(await studio.locateExport(jobId)).toBeNull();
  });
});
