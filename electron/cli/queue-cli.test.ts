import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultTransform } from '../model/draft';
import { isFinished } from '../model/job';
import { Studio } from '../studio';
import { ANY_PATH } from '../studio/path-gate';
import { EXIT } from './main';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLIP = path.join(REPO, '.fixtures', 'good', 'red-clip.mp4');

/** `postframe queue …` through main() with captured output, on a real library folder. */
describe('postframe queue', () => {
  const box = useCliSandbox('pf-queue-cli-');

  const cli = runCli;

  async function withStudio<T>(fn: (s: Studio) => Promise<T>): Promise<T> {
    const studio = await Studio.open({ libraryPath: box.libraryPath, settingsDir: box.settingsDir, shell: 'browser', pathAccess: ANY_PATH });
    try {
      return await fn(studio);
    } finally {
      await studio.close();
    }
  }

  it('imports a bulk CSV with per-row errors in the JSON (exit 3) and lists the queue', async () => {
    expect((await cli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const file = path.join(box.tmp, 'bulk.csv');
    fs.writeFileSync(file, 'Date,Message,Link\r\n12/24/2099 09:00,Merry Christmas,https://example.com\r\n12/24/2099 09:03,Not on a 5-minute boundary\r\n');
    const r = await cli('queue', 'import-csv', '--library', box.libraryPath, file, '--zone', 'Europe/Helsinki', '--json');
    expect(r.code).toBe(EXIT.partial);
    const out = JSON.parse(r.out) as { created: { title: string; scheduledAt: string }[]; errors: { row: number; problem: string }[] };
    expect(out.created.map((p) => [p.title, p.scheduledAt])).toEqual([['Merry Christmas', '2099-12-24T07:00:00.000Z']]);
    expect(out.errors.map((e) => e.row)).toEqual([3]);
    expect(out.errors[0]!.problem).toMatch(/5-minute|minute/);

    const list = await cli('queue', 'list', '--library', box.libraryPath, '--json');
    expect(list.code).toBe(EXIT.ok);
    expect((JSON.parse(list.out) as { title: string; state: string; draftId: string | null }[]).map((p) => [p.title, p.state, p.draftId])).toEqual([['Merry Christmas', 'draft', null]]);
    const text = await cli('queue', 'list', '--library', box.libraryPath);
    expect(text.out).toMatch(/2099-12-24T07:00:00.000Z\s+draft\s+tiktok\s+Merry Christmas\n1 post\n/);

    fs.writeFileSync(file, '12/25/2099 10:00,Boxing day\n');
    expect((await cli('queue', 'import-csv', '--library', box.libraryPath, file, '--zone', 'UTC')).code).toBe(EXIT.ok);
    expect((await cli('queue', 'import-csv', '--library', box.libraryPath)).code).toBe(EXIT.usage);
  });

  it('export-due needs a folder, delivers due posts once, and skips late ones unless --include-late', async () => {
    expect((await cli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const none = await cli('queue', 'export-due', '--library', box.libraryPath);
    expect(none.code).toBe(EXIT.error);
    expect(none.err).toMatch(/postframe queue folder --library DIR PATH/);

    const now = Date.now();
    const ids = await withStudio(async (s) => {
      const { jobId } = await s.api['imports.start']({ paths: [CLIP], uploads: [] });
      const job = await s.waitForJob(jobId);
      expect(isFinished(job.status) && job.result?.kind === 'import').toBe(true);
      const assetId = job.result?.kind === 'import' ? job.result.assetIds[0]! : '';
      const rec = await s.api['drafts.create']({ kind: 'video', name: 'Red' });
      if (rec.doc.kind !== 'video') throw new Error('video draft expected');
      const clip = { id: 'c1', type: 'media' as const, assetId, start: 0, in: 0, out: 1, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null };
      const doc = { ...rec.doc, tracks: rec.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t)) };
      await s.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc });
      const approver = await s.api['users.create']({ actorId: 'owner', name: 'Ari', role: 'approver' });
      const make = async (title: string, minutesAgo: number) => {
        const p = await s.api['posts.create']({ draftId: rec.id, actorId: 'owner', title, targets: [{ channel: 'tiktok', overrides: {} }, { channel: 'x', overrides: {} }], timeZone: 'UTC', campaignId: null });
        await s.api['posts.update']({ id: p.id, actorId: 'owner', content: { caption: `${title} caption`, hashtags: [], mentions: [], firstComment: '', link: null } });
        await s.api['posts.transition']({ id: p.id, event: 'submit', actorId: 'owner' });
        await s.api['posts.transition']({ id: p.id, event: 'approve', actorId: approver.id });
        await s.api['posts.transition']({ id: p.id, event: 'schedule', actorId: 'owner', at: new Date(now - minutesAgo * 60_000).toISOString() });
        return p.id;
      };
      return { onTime: await make('On time', 5), late: await make('Late one', 120) };
    });
    const root = path.join(box.tmp, 'outbox');
    expect((await cli('queue', 'folder', '--library', box.libraryPath, root)).code).toBe(EXIT.ok);

    const first = await cli('queue', 'export-due', '--library', box.libraryPath, '--json');
    expect(first.err).toBe('');
    expect(first.code).toBe(EXIT.ok);
    const outcomes = JSON.parse(first.out) as { postId: string; status: string; deliveries: { channel: string; state: string }[] }[];
    expect(outcomes.map((o) => [o.postId, o.status])).toEqual([[ids.late, 'skipped_late'], [ids.onTime, 'delivered']]);
    expect(outcomes[1]!.deliveries.map((d) => [d.channel, d.state])).toEqual([['tiktok', 'delivered'], ['x', 'delivered']]);
    const folders = (ch: string) => fs.readdirSync(path.join(root, ch)).filter((n) => !n.startsWith('.'));
    expect(folders('tiktok')).toEqual([expect.stringMatching(/-on-time$/)]);
    const landed = path.join(root, 'tiktok', folders('tiktok')[0]!);
    expect(fs.readdirSync(landed).sort()).toEqual(expect.arrayContaining(['caption.txt', 'cover.jpg', 'post.json']));
    expect(fs.readFileSync(path.join(landed, 'caption.txt'), 'utf8')).toBe('On time caption\n');

    // Nothing is due twice: the delivered post is exported; the late one still waits for a person.
    const again = await cli('queue', 'export-due', '--library', box.libraryPath);
    expect(again.out).toMatch(/Late one: 1\d\d minutes late/);
    expect(again.out).toMatch(/0 of 1 due post delivered/);

    const late = await cli('queue', 'export-due', '--library', box.libraryPath, '--include-late');
    expect(late.code).toBe(EXIT.ok);
    expect(late.out).toMatch(/✓ Late one: Delivered to tiktok, x\./);
    expect(folders('tiktok')).toHaveLength(2);
    expect(folders('x')).toHaveLength(2);

    await withStudio(async (s) => {
      expect((await s.api['posts.get']({ id: ids.onTime })).state).toBe('exported');
      expect(s.auditRepo.list(ids.onTime).map((e) => e.action).slice(-2)).toEqual(['render', 'export']);
      expect(s.auditRepo.verify().ok).toBe(true);
    });
  }, 180_000);
});
