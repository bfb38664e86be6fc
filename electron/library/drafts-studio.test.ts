import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../api/contract';
import { type Draft, type VideoDraft, defaultTransform } from '../model/draft';
import { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The same document with these assets one after another on the main track (3 s each). */
function withClips(doc: Draft, ...assetIds: string[]): VideoDraft {
  if (doc.kind !== 'video') throw new Error('video draft expected');
  const clips = assetIds.map((assetId, i) => ({
    id: `clip-${i}`, type: 'media' as const, assetId, start: i * 3, in: 0, out: 3, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
    transform: defaultTransform(), transitionIn: null, brand: null,
  }));
  return { ...doc, tracks: doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips } : t)) };
}

describe('drafts through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;
  let events: TempStudio['events'];
  const draftEvents = () => events.filter((e) => e.name === 'drafts.changed').map((e) => e.payload as EventPayload<'drafts.changed'>);

  beforeEach(async () => {
    temp = await openTempStudio('pf-drafts-');
    ({ studio, events } = temp);
  });
  afterEach(() => temp.close());

  it('implements every drafts call and announces each change', async () => {
    const d = await studio.api['drafts.create']({ kind: 'video', name: 'My reel' });
    const saved = await studio.api['drafts.save']({ id: d.id, baseRevision: d.revision, doc: { ...d.doc, name: 'My reel 2' } });
    expect(saved.revision).toBe(2);
    expect((await studio.api['drafts.get']({ id: d.id })).doc.name).toBe('My reel 2');
    const renamed = await studio.api['drafts.rename']({ id: d.id, name: 'Final cut' });
    expect(renamed).toMatchObject({ name: 'Final cut', revision: 3 });
    const copy = await studio.api['drafts.duplicate']({ id: d.id });
    expect(copy.doc.name).toBe('Final cut copy');
    expect(await studio.api['drafts.trash']({ ids: [copy.id, 'unknown'] })).toEqual({ count: 1 });
    expect((await studio.api['drafts.list']({ trashed: false })).map((s) => s.id)).toEqual([d.id]);
    expect((await studio.api['drafts.list']({ trashed: true })).map((s) => s.id)).toEqual([copy.id]);
    expect(await studio.api['drafts.restore']({ ids: [copy.id] })).toEqual({ count: 1 });
    expect(await studio.api['drafts.restore']({ ids: [copy.id] })).toEqual({ count: 0 });
    expect((await studio.api['drafts.revisions']({ id: d.id })).map((r) => [r.revision, r.name])).toEqual([[3, 'Final cut'], [2, 'My reel 2'], [1, 'My reel']]);
    const back = await studio.api['drafts.restoreRevision']({ id: d.id, revision: 1 });
    expect(back).toMatchObject({ revision: 4, doc: { name: 'My reel' } });

    expect(draftEvents()).toEqual([
      { reason: 'created', ids: [d.id] },
      { reason: 'saved', ids: [d.id] },
      { reason: 'renamed', ids: [d.id] },
      { reason: 'created', ids: [copy.id] },
      { reason: 'trashed', ids: [copy.id] },
      { reason: 'restored', ids: [copy.id] },
      // Restoring nothing announces nothing.
      { reason: 'saved', ids: [d.id] },
    ]);

    // A stale save is refused with a message that says what to do, and announces nothing.
    events.length = 0;
    await expect(studio.api['drafts.save']({ id: d.id, baseRevision: 2, doc: d.doc })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/changed in another window \(now at revision 4\)\. Reopen it to continue; your version is kept as revision 5/),
    });
    expect(draftEvents()).toEqual([]);
    await expect(studio.api['drafts.get']({ id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses to delete for good an asset a live draft uses, and names the draft', async () => {
    const photo = path.join(temp.tmp, 'sunset.png');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#ff8800' } }).png().toFile(photo);
    await studio.api['imports.start']({ paths: [photo], uploads: [] });
    await studio.whenIdle();
    const asset = (await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 10 })).items[0]!;
    const original = (await studio.resolveMedia(asset.id, 'original'))!.path;

    const d = await studio.api['drafts.create']({ kind: 'video', name: 'My reel' });
    await studio.api['drafts.save']({ id: d.id, baseRevision: 1, doc: withClips(d.doc, asset.id) });
    await studio.api['assets.trash']({ ids: [asset.id] });
    events.length = 0;

    await expect(studio.api['assets.purge']({ ids: [asset.id] })).rejects.toMatchObject({
      code: 'conflict',
      message: '“sunset.png” is used by the draft “My reel”. Remove it from “My reel” first, or move that draft to the Trash. Nothing was deleted.',
    });
    expect((await studio.api['assets.get']({ id: asset.id })).trashedAt).not.toBeNull();
    expect(fs.existsSync(original)).toBe(true);
    expect(events.filter((e) => e.name === 'assets.changed')).toEqual([]);

    // Once the draft no longer uses it (here: the draft is in the Trash), it can go.
    await studio.api['drafts.trash']({ ids: [d.id] });
    expect(await studio.api['assets.purge']({ ids: [asset.id] })).toEqual({ count: 1 });
    expect(fs.existsSync(original)).toBe(false);
    expect(events.filter((e) => e.name === 'assets.changed').map((e) => e.payload)).toEqual([{ reason: 'purged', ids: [asset.id] }]);
    // The trashed draft still opens; the editor shows the clip's source as missing.
    expect((await studio.api['drafts.get']({ id: d.id })).revision).toBe(2);
    expect(studio.database.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a second Studio on the same folder, opened while the first never shut down, sees the last save', async () => {
    const d = await studio.api['drafts.create']({ kind: 'image', name: 'Poster' });
    await studio.api['drafts.save']({ id: d.id, baseRevision: 1, doc: { ...d.doc, name: 'Poster v2' } });
    const other = await temp.reopen();
    try {
      expect(await other.api['drafts.get']({ id: d.id })).toMatchObject({ revision: 2, doc: { name: 'Poster v2' } });
      // And the two guard each other: the first window's stale base is refused after the second saves.
      await other.api['drafts.save']({ id: d.id, baseRevision: 2, doc: { ...d.doc, name: 'From the other window' } });
      await expect(studio.api['drafts.save']({ id: d.id, baseRevision: 2, doc: d.doc })).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      await other.close();
    }
  });
});

describe('drafts after a crash', () => {
  let tmp: string;
  let child: ChildProcess | null = null;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Reads the child's stdout until it prints one line. */
  function firstLine(p: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      p.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const nl = out.indexOf('\n');
        if (nl >= 0) resolve(out.slice(0, nl));
      });
      p.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      p.on('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before reporting: ${err}`)));
    });
  }

  it('a process killed with SIGKILL after saving reopens at its last saved revision', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-drafts-crash-'));
    const libraryPath = path.join(tmp, 'lib');
    const settingsDir = path.join(tmp, 'settings');
    // The child is a real engine process: it saves, reports, and then is killed without any shutdown.
    const script = path.join(tmp, 'child.mts');
    fs.writeFileSync(
      script,
      `const { Studio } = await import(${JSON.stringify(pathToFileURL(path.join(REPO, 'electron', 'studio.ts')).href)});
const studio = await Studio.open({ libraryPath: ${JSON.stringify(libraryPath)}, settingsDir: ${JSON.stringify(settingsDir)}, shell: 'browser', createLibrary: true });
const d = await studio.api['drafts.create']({ kind: 'video', name: 'Before the crash' });
let revision = d.revision;
for (let i = 1; i <= 5; i++) {
  revision = (await studio.api['drafts.save']({ id: d.id, baseRevision: revision, doc: { ...d.doc, name: 'Edit ' + i } })).revision;
}
process.stdout.write(JSON.stringify({ id: d.id, revision }) + '\\n');
setInterval(() => {}, 60_000);
`,
    );
    child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const reported = JSON.parse(await firstLine(child)) as { id: string; revision: number };
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const studio = await Studio.open({ libraryPath, settingsDir, shell: 'browser' });
    try {
      expect(reported.revision).toBe(6);
      const d = await studio.api['drafts.get']({ id: reported.id });
      expect(d).toMatchObject({ revision: 6, doc: { name: 'Edit 5' } });
      expect((await studio.api['drafts.revisions']({ id: reported.id })).map((r) => r.revision)).toEqual([6, 5, 4, 3, 2, 1]);
      expect(studio.database.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await studio.close();
    }
  });
});
