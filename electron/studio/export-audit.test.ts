import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';

/** A file exported by hand leaves the library as surely as a delivery: the audit log says who and what. */
describe('manual exports are audited', () => {
  let temp: TempStudio;
  let studio: Studio;
  beforeEach(async () => {
    temp = await openTempStudio('pf-export-audit-');
    ({ studio } = temp);
  });
  afterEach(() => temp.close());

  it('records the caller, the draft and the job of a video export and of an image export', async () => {
    const cleo = await studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const as = { user: cleo, sessionId: null };
    const video = await studio.api['drafts.create']({ kind: 'video', name: 'Teaser' });
    const image = await studio.api['drafts.create']({ kind: 'image', name: 'Poster' });
    const v = await studio.route('exports.start', { draftId: video.id, preset: {} }, as);
    const i = await studio.route('images.export', { draftId: image.id, format: 'png' }, as);
    const exports = studio.auditRepo.list(null).filter((e) => e.action === 'export');
    const started = [v, i].filter((r) => r.ok).map((r) => (r as { value: { jobId: string } }).value.jobId);
    expect(started.length, JSON.stringify([v, i])).toBe(2);
    expect(exports.map((e) => [e.actorId, e.detail.kind, e.detail.jobId, e.detail.manual])).toEqual([
      [cleo.id, 'video', started[0], true],
      [cleo.id, 'image', started[1], true],
    ]);
  });
});
