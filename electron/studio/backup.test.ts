import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyKitContent } from '../model/brand-kit';
import { type Job, backupResultOf, restoreResultOf } from '../model/job';
import { Studio } from '../studio';
import { TarWriter, tarEntries, tarHeader } from '../library/tar';
import { BACKUP_HEADER_NAME, BACKUP_MANIFEST_NAME } from '../model/backup-manifest';
import { importFixtures } from './__tests__/kit-fixtures';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';
import { ANY_PATH } from './path-gate';
import { restoreLibrary } from './backup';
import { tabulate, writeCube } from '../model/cube-lut';

const FONT = path.resolve('resources/fonts/DejaVuSansMono.ttf');

/** Every file under `root`'s `dirs` with its SHA-256, by path relative to root. */
function treeHashes(root: string, dirs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out;
}

function rows(dbPath: string, sql: string): unknown[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

/** Files left beside `folder` by a restore (its hidden working folder) or the folder itself. */
function leftovers(parent: string, name: string): string[] {
  return fs.readdirSync(parent).filter((n) => n === name || n.startsWith(`.${name}.`));
}

describe('library backup and restore through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;
  let ids: Record<string, string>;

  const finished = async (jobId: string): Promise<Job> => studio.waitForJob(jobId);
  const backupTo = async (dest?: string): Promise<Job> => finished((await studio.api['library.backup']({ actorId: 'owner', ...(dest ? { path: dest } : {}) })).jobId);
  const restoreTo = async (file: string, folder: string): Promise<Job> => finished((await studio.api['library.restore']({ actorId: 'owner', path: file, folder })).jobId);

  beforeEach(async () => {
    temp = await openTempStudio('pf-backup-');
    studio = temp.studio;
    ids = await importFixtures(studio, ['logo.png', 'red-clip.mp4', 'music-loop.mp3']);
  });
  afterEach(() => temp.close());

  it('restores a backup into a new folder with byte-identical files and the same rows, and audits both', async () => {
    const font = await studio.api['fonts.add']({ actorId: 'owner', path: FONT, licenceNote: 'Bitstream Vera licence' });
    await studio.api['assets.tag']({ ids: [ids['logo.png']!], add: ['brand'], remove: [] });
    await studio.api['kits.create']({ actorId: 'owner', content: { ...emptyKitContent('Acme'), logos: { light: ids['logo.png']!, dark: null }, intro: ids['red-clip.mp4']!, fontIds: [font.font.id] } });
    await studio.api['assets.trash']({ ids: [ids['music-loop.mp3']!] });
    const cube = path.join(temp.tmp, 'Teal.cube');
    fs.writeFileSync(cube, writeCube(tabulate(5, (r, g, b) => [r * 0.8, g, Math.min(1, b * 1.2)], 'Teal')));
    const { look } = await studio.api['looks.import']({ actorId: 'owner', path: cube });

    const job = await backupTo();
    expect(job).toMatchObject({ status: 'done', progress: 1 });
    const backup = backupResultOf(job)!;
    expect(backup).toMatchObject({ assets: 3, fonts: 1 });
    expect(path.dirname(backup.path)).toBe(path.join(temp.libraryPath, 'exports', 'backups'));
    expect(backup.fileName).toMatch(/^lib \d{4}-\d\d-\d\d \d{4}\.postframe-backup$/);
    expect(fs.statSync(backup.path).size).toBe(backup.sizeBytes);
    // A plain tar: the header first, the manifest last.
    const names: string[] = [];
    for await (const e of tarEntries(backup.path)) names.push(e.name);
    expect(names[0]).toBe(BACKUP_HEADER_NAME);
    expect(names.at(-1)).toBe(BACKUP_MANIFEST_NAME);
    expect(names).toContain('library.sqlite');

    const target = path.join(temp.tmp, 'restored');
    const restored = await restoreTo(backup.path, target);
    expect(restored.status).toBe('done');
    expect(restoreResultOf(restored)).toMatchObject({ path: target, assets: 3 });
    const kept = ['media', 'fonts', 'luts', 'cache/thumbs', 'cache/posters', 'cache/waveforms'];
    const before = treeHashes(temp.libraryPath, kept);
    expect(Object.keys(before).length).toBeGreaterThan(5);
    expect(treeHashes(target, kept)).toEqual(before);

    expect(Object.keys(before).filter((f) => f.startsWith('luts'))).toHaveLength(1);
    const same = ['SELECT * FROM assets ORDER BY id', 'SELECT * FROM asset_tags ORDER BY 1, 2', 'SELECT * FROM fonts ORDER BY id', 'SELECT * FROM looks ORDER BY id', 'SELECT * FROM brand_kits ORDER BY id', 'SELECT * FROM brand_kit_uses ORDER BY 1, 2, 3', 'SELECT * FROM drafts ORDER BY id'];
    const src = path.join(temp.libraryPath, 'library.sqlite');
    for (const sql of same) expect(rows(path.join(target, 'library.sqlite'), sql), sql).toEqual(rows(src, sql));

    const audit = studio.auditRepo.list().map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['library_backup', 'library_restore']));

    // The restored folder opens as a normal library: the kit, its font, the trashed asset are all there.
    const other = await Studio.open({ libraryPath: target, settingsDir: temp.settingsDir, shell: 'browser', pathAccess: ANY_PATH, visualBackfill: false });
    try {
      expect((await other.api['kits.list']({})).map((k) => k.name)).toEqual(['Acme']);
      expect((await other.api['fonts.list']({})).map((f) => f.id)).toEqual([font.font.id]);
      expect(await other.api['looks.list']({})).toEqual([look]);
      expect((await other.api['assets.list']({ query: '', kind: null, tag: null, sort: 'name', order: 'asc', trashed: true, offset: 0, limit: 10 })).items.map((a) => a.name)).toEqual(['music-loop.mp3']);
      expect(await other.resolveMedia(ids['logo.png']!, 'thumb')).not.toBeNull();
      // The backup job was running when the database was copied: in the copy it is over, never "running".
      expect((await other.api['jobs.list']({})).filter((j) => j.status === 'running' || j.status === 'queued')).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('stays consistent while writes go on during the backup: every audited change is whole, the chain verifies', async () => {
    const { jobId } = await studio.api['library.backup']({ actorId: 'owner' });
    let writesWhileRunning = 0;
    let n = 0;
    // Audited kit creations (kit row + uses + hash-chained audit entry in one transaction) and tag edits, as fast as
    // the event loop allows, until the backup is over.
    for (;;) {
      const job = studio.rooms.jobs.get(jobId)!;
      if (job.status !== 'queued' && job.status !== 'running') break;
      await studio.api['kits.create']({ actorId: 'owner', content: { ...emptyKitContent(`Kit ${n}`), logos: { light: ids['logo.png']!, dark: null } } });
      await studio.api['assets.tag']({ ids: [ids['red-clip.mp4']!], add: [`t${n}`], remove: [] });
      if (job.status === 'running') writesWhileRunning++;
      n++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(writesWhileRunning).toBeGreaterThan(0);
    const job = await finished(jobId);
    expect(job.status).toBe('done');

    const target = path.join(temp.tmp, 'snap');
    expect((await restoreTo(backupResultOf(job)!.path, target)).status).toBe('done');
    const other = await Studio.open({ libraryPath: target, settingsDir: temp.settingsDir, shell: 'browser', pathAccess: ANY_PATH, visualBackfill: false });
    try {
      expect(other.auditRepo.verify()).toMatchObject({ ok: true });
      const kits = await other.api['kits.list']({});
      const created = other.auditRepo.list().filter((e) => e.action === 'kit_edit' && e.detail.change === 'created');
      // Each kit with its audit entry, none without: the snapshot is one moment of the database.
      expect(created.map((e) => e.detail.kitId).sort()).toEqual(kits.map((k) => k.id).sort());
      expect(kits.length).toBeLessThanOrEqual(n);
      expect(other.database.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await other.close();
    }
  });

  it('an imported look whose .cube file is gone stops the backup, naming it (a restore would lose the look)', async () => {
    const cube = path.join(temp.tmp, 'Warm.cube');
    fs.writeFileSync(cube, writeCube(tabulate(3, (r, g, b) => [r, g, b * 0.9], 'Warm')));
    const { look } = await studio.api['looks.import']({ actorId: 'owner', path: cube });
    fs.rmSync(temp.studio.rooms.folder.lutPath(look.id));
    const job = await backupTo();
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^The look file “Warm\.cube” is missing from the library folder .*cannot be backed up whole/);
  });

  it('refuses a corrupted entry with a clear error and leaves no folder behind', async () => {
    const file = backupResultOf(await backupTo())!.path;
    let media: { dataStart: number; size: number } | null = null;
    for await (const e of tarEntries(file)) if (e.name.startsWith('media/') && e.size > 100) media = e;
    const fd = fs.openSync(file, 'r+');
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, media!.dataStart + 50);
    fs.writeSync(fd, Buffer.from([b[0]! ^ 0xff]), 0, 1, media!.dataStart + 50);
    fs.closeSync(fd);

    const job = await restoreTo(file, path.join(temp.tmp, 'broken'));
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^This backup cannot be restored: “media\/[0-9a-f]{2}\/[0-9a-f]{64}\.\w+” is damaged \(its SHA-256 does not match the manifest\)\. Nothing was restored\./);
    expect(leftovers(temp.tmp, 'broken')).toEqual([]);

    // Cut short: the manifest is missing.
    const cut = path.join(temp.tmp, 'cut.postframe-backup');
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 4096));
    const cutJob = await restoreTo(cut, path.join(temp.tmp, 'cut'));
    expect(cutJob.error).toMatch(/cannot be restored: .*cut short.*Nothing was restored/);
    expect(leftovers(temp.tmp, 'cut')).toEqual([]);

    // Not a backup at all.
    const notes = path.join(temp.tmp, 'notes.postframe-backup');
    fs.writeFileSync(notes, 'just some text, not a tar');
    expect((await restoreTo(notes, path.join(temp.tmp, 'notes'))).error).toMatch(/cannot be restored/);
    expect(leftovers(temp.tmp, 'notes')).toEqual([]);
  });

  it('refuses names that climb out (zip-slip), absolute names, links and unlisted files, before writing outside', async () => {
    const craft = async (name: string, entries: { name: string; data: Buffer; type?: string }[]) => {
      const file = path.join(temp.tmp, name);
      const w = new TarWriter(file);
      await w.addBuffer(BACKUP_HEADER_NAME, Buffer.from(JSON.stringify({ format: 'postframe-backup', version: 1, generator: 't', createdAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1, libraryName: 'x' })), 0);
      for (const e of entries) await w.addBuffer(e.name, e.data, 0);
      await w.finish();
      return file;
    };
    const cases: [string, RegExp][] = [
      ['../evil.txt', /climbs out of its folder/],
      ['media/../../evil.txt', /climbs out of its folder/],
      ['/etc/evil.txt', /is an absolute path/],
      ['media/ab/evil.txt', /is not where a library keeps its media files/],
      ['notes.txt', /is not a file a library holds/],
    ];
    for (const [name, why] of cases) {
      const file = await craft('slip.postframe-backup', [{ name, data: Buffer.from('x') }]);
      await expect(restoreLibrary(file, path.join(temp.tmp, 'slip')), name).rejects.toThrow(why);
      expect(fs.existsSync(path.join(temp.tmp, 'evil.txt'))).toBe(false);
      expect(leftovers(temp.tmp, 'slip')).toEqual([]);
      fs.rmSync(file);
    }
    // A symbolic link entry (typeflag 2) is refused by the reader whatever its name.
    const file = await craft('link.postframe-backup', []);
    const buf = fs.readFileSync(file);
    const link = tarHeader('library.sqlite', 0, 0);
    link.write('2', 156, 'ascii');
    let sum = 0;
    link.write('        ', 148, 'ascii');
    for (const x of link) sum += x;
    link.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    fs.writeFileSync(file, Buffer.concat([buf.subarray(0, 1024), link, Buffer.alloc(1024)]));
    await expect(restoreLibrary(file, path.join(temp.tmp, 'link'))).rejects.toThrow(/something other than plain files/);
    expect(leftovers(temp.tmp, 'link')).toEqual([]);
  });

  it('restores only into a new folder, refuses a creator, and a cancelled backup leaves no file', async () => {
    const file = backupResultOf(await backupTo())!.path;
    await expect(studio.api['library.restore']({ actorId: 'owner', path: file, folder: temp.libraryPath })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already exists and is not empty.*never over a library/) });

    const creator = await studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const dir = path.join(temp.tmp, 'by-creator');
    fs.mkdirSync(dir);
    await expect(studio.api['library.backup']({ actorId: creator.id, path: dir })).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/^Only an admin can back up or restore the library/) });
    await expect(studio.api['library.restore']({ actorId: creator.id, path: file, folder: path.join(temp.tmp, 'c') })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(studio.rooms.runner.list().filter((j) => j.kind === 'backup')).toHaveLength(1);

    const cancelDir = path.join(temp.tmp, 'cancelled');
    fs.mkdirSync(cancelDir);
    const { jobId } = await studio.api['library.backup']({ actorId: 'owner', path: cancelDir });
    await studio.api['jobs.cancel']({ id: jobId });
    expect((await finished(jobId)).status).toBe('cancelled');
    expect(fs.readdirSync(cancelDir)).toEqual([]);
    expect(studio.auditRepo.list().filter((e) => e.action === 'library_backup')).toHaveLength(1);
  });
});
