import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageExportInput } from '../model/image-export-job';
import type { Job } from '../model/job';
import { imageExportResultOf } from '../model/job';
import { imageDraft, shapeLayer } from '../render/test-images';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

/** images.export through a real Studio: numbered files in page order, quality to a limit, the PDF, cancel, history. */

let t: TempStudio;
beforeEach(async () => {
  t = await openTempStudio('pf-image-export-');
});
afterEach(async () => t.close());

/** The call's input with its defaults (the API takes the parsed shape). */
const opts = (i: Pick<ImageExportInput, 'draftId' | 'format'> & Partial<ImageExportInput>) => ImageExportInput.parse(i);

const COLOURS = ['#d01010', '#10a010', '#1010d0', '#d0d010', '#10d0d0'];

async function carousel(name: string, pages = COLOURS.length): Promise<string> {
  const doc = imageDraft(
    COLOURS.slice(0, pages).map((color, i) => ({ background: { type: 'colour' as const, color }, layers: [shapeLayer(`s${i}`, 'rect', { x: 0.1 + 0.1 * i, y: 0.1, w: 0.1, h: 0.1 }, { fill: '#ffffff' })] })),
    { name },
  );
  const created = await t.studio.api['drafts.create']({ kind: 'image', name });
  await t.studio.api['drafts.save']({ id: created.id, baseRevision: created.revision, doc });
  return created.id;
}

async function meanColour(file: string, region: { left: number; top: number; width: number; height: number }): Promise<number[]> {
  const s = await sharp(file).extract(region).stats();
  return s.channels.slice(0, 3).map((c) => Math.round(c.mean));
}
const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

describe('images.export', () => {
  it('writes the pages as numbered JPEGs in order at the preset width, under the limit, plus one PDF, and lists them', async () => {
    const id = await carousel('Tips: part/1');
    const { jobId } = await t.studio.api['images.export'](opts({ draftId: id, format: 'jpeg', channel: 'linkedin', width: 540, maxBytes: 200_000, pdf: true }));
    const job = await t.studio.waitForJob(jobId);
    expect(job.status, job.error ?? '').toBe('done');
    const r = imageExportResultOf(job)!;
    expect(r.files.map((f) => f.fileName)).toEqual(['Tips part 1-01.jpg', 'Tips part 1-02.jpg', 'Tips part 1-03.jpg', 'Tips part 1-04.jpg', 'Tips part 1-05.jpg']);
    expect(r.dir.startsWith(path.join(t.libraryPath, 'exports'))).toBe(true);
    for (const [i, f] of r.files.entries()) {
      expect([f.width, f.height]).toEqual([540, 675]);
      expect(f.fits).toBe(true);
      expect(f.sizeBytes).toBe(fs.statSync(f.outputPath).size);
      expect(f.sizeBytes).toBeLessThanOrEqual(200_000);
      const meta = await sharp(f.outputPath).metadata();
      expect([meta.width, meta.height, meta.hasProfile]).toEqual([540, 675, true]);
      // Each page is its own colour, in page order (a corner away from the shape).
      const mean = await meanColour(f.outputPath, { left: 500, top: 600, width: 30, height: 60 });
      mean.forEach((v, c) => expect(Math.abs(v - hex(COLOURS[i]!)[c]!), `page ${i + 1}`).toBeLessThan(12));
    }
    expect(r.pdf).toMatchObject({ fileName: 'Tips part 1.pdf', pages: 5 });
    const pdf = fs.readFileSync(r.pdf!.outputPath);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.toString('latin1')).toContain('/Count 5');
    let hasPoppler = true;
    try {
      execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    } catch {
      hasPoppler = false;
    }
    if (hasPoppler) expect(execFileSync('pdfinfo', [r.pdf!.outputPath], { encoding: 'utf8' })).toMatch(/Pages:\s+5/);

    // Progress was reported per page.
    const details = t.events.filter((e) => e.name === 'job.updated' && (e.payload as Job).id === jobId).map((e) => (e.payload as Job).detail);
    expect(details.some((d) => d !== null && /^Page \d of 5$/.test(d))).toBe(true);

    const history = await t.studio.api['images.exports']({ draftId: id, limit: 50 });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ jobId, format: 'jpeg', channel: 'linkedin', maxBytes: 200_000 });
    expect(history[0]!.files.every((f) => f.available)).toBe(true);
    fs.rmSync(r.files[0]!.outputPath);
    expect((await t.studio.api['images.exports']({ limit: 50 }))[0]!.files.map((f) => f.available)).toEqual([false, true, true, true, true]);
    // Video exports are a history of their own.
    expect(await t.studio.api['exports.list']({ limit: 100 })).toEqual([]);
  });

  it('reports a page that cannot get under the limit as not fitting, with the lowest quality tried', async () => {
    const id = await carousel('Tight', 1);
    const { jobId } = await t.studio.api['images.export'](opts({ draftId: id, format: 'webp', maxBytes: 1000 }));
    const r = imageExportResultOf(await t.studio.waitForJob(jobId))!;
    expect(r.files).toHaveLength(1);
    expect(r.files[0]!.fileName).toBe('Tight.webp');
    // The embedded sRGB profile alone is bigger than 1 kB: every step is tried, the smallest is kept and reported.
    expect(r.files[0]).toMatchObject({ quality: 38, fits: false });
    expect(fs.statSync(r.files[0]!.outputPath).size).toBe(r.files[0]!.sizeBytes);
  });

  it('refuses a PDF of non-JPEG pages, a video draft and a missing draft before any job starts', async () => {
    const id = await carousel('Doc', 2);
    await expect(t.studio.api['images.export'](opts({ draftId: id, format: 'png', pdf: true }))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Choose JPEG/) });
    const video = await t.studio.api['drafts.create']({ kind: 'video', name: 'Reel' });
    await expect(t.studio.api['images.export'](opts({ draftId: video.id, format: 'jpeg' }))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/video editor/) });
    await expect(t.studio.api['images.export'](opts({ draftId: 'nope', format: 'jpeg' }))).rejects.toMatchObject({ code: 'not_found' });
    expect((await t.studio.api['jobs.list']({})).filter((j) => j.kind === 'image-export')).toEqual([]);
  });

  it('stops between pages when cancelled and leaves no folder behind', async () => {
    const id = await carousel('Stop me');
    let jobId = '';
    // Cancel once page 2 is being drawn (an event, not a timer).
    const off = t.studio.onEvent((name, payload) => {
      const j = payload as Job;
      if (name === 'job.updated' && j.id === jobId && j.detail === 'Page 2 of 5') t.studio.api['jobs.cancel']({ id: jobId }).catch(() => undefined);
    });
    try {
      jobId = (await t.studio.api['images.export'](opts({ draftId: id, format: 'png' }))).jobId;
      const job = await t.studio.waitForJob(jobId);
      expect(job.status).toBe('cancelled');
    } finally {
      off();
    }
    const left = fs.readdirSync(path.join(t.libraryPath, 'exports')).filter((n) => n.startsWith('Stop me'));
    expect(left).toEqual([]);
  });
});
