import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandPaths } from './walk';

describe.skipIf(process.platform === 'win32')('expandPaths', () => {
  let tmp: string;
  const touch = (rel: string) => {
    const p = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, rel);
    return p;
  };
  const rel = (r: { files: { path: string }[] }) => r.files.map((f) => path.relative(tmp, f.path));

  beforeEach(() => {
    // realpath: on macOS os.tmpdir() is itself behind a symlink.
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pf-walk-')));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('walks folders recursively, depth first, in a stable name order', async () => {
    for (const f of ['lib/b.mp4', 'lib/a.jpg', 'lib/sub/c.wav', 'lib/sub/B.png', 'lib/sub/deeper/d.mp3', 'lib/z.mov', 'lib/Alpha.gif']) touch(f);
    const r = await expandPaths([path.join(tmp, 'lib')]);
    expect(r.failed).toEqual([]);
    expect(rel(r)).toEqual(['lib/a.jpg', 'lib/Alpha.gif', 'lib/b.mp4', 'lib/sub/B.png', 'lib/sub/c.wav', 'lib/sub/deeper/d.mp3', 'lib/z.mov']);
    expect(r.files[0]).toEqual({ path: path.join(tmp, 'lib', 'a.jpg'), name: 'a.jpg', fsPath: path.join(tmp, 'lib', 'a.jpg') });
    // Inputs keep the order they were given in.
    const two = await expandPaths([path.join(tmp, 'lib/z.mov'), path.join(tmp, 'lib/a.jpg')]);
    expect(rel(two)).toEqual(['lib/z.mov', 'lib/a.jpg']);
  });

  it('skips hidden files and folders and OS clutter inside folders', async () => {
    for (const f of ['lib/clip.mp4', 'lib/.DS_Store', 'lib/.git/objects/x.jpg', 'lib/Thumbs.db', 'lib/desktop.ini', 'lib/sub/.clip.mp4.swp', 'lib/sub/keep.png']) touch(f);
    const r = await expandPaths([path.join(tmp, 'lib')]);
    expect(rel(r)).toEqual(['lib/clip.mp4', 'lib/sub/keep.png']);
    // A hidden file the user names explicitly is theirs to import.
    expect(rel(await expandPaths([path.join(tmp, 'lib/.DS_Store')]))).toEqual(['lib/.DS_Store']);
  });

  it('reports a missing path as a failure and carries on', async () => {
    const ok = touch('a.jpg');
    const missing = path.join(tmp, 'gone', 'b.jpg');
    const r = await expandPaths([missing, ok]);
    expect(r.files.map((f) => f.path)).toEqual([ok]);
    expect(r.failed).toEqual([{ path: missing, reason: expect.stringMatching(/^Not found/) }]);
  });

  it('does not follow symlinked folders inside a walk, but includes symlinked files', async () => {
    touch('outside/secret.mp4');
    touch('lib/real.jpg');
    fs.symlinkSync(path.join(tmp, 'outside'), path.join(tmp, 'lib', 'linked-dir'));
    fs.symlinkSync(path.join(tmp, 'outside', 'secret.mp4'), path.join(tmp, 'lib', 'linked-file.mp4'));
    fs.symlinkSync(path.join(tmp, 'nowhere.mp4'), path.join(tmp, 'lib', 'dangling.mp4'));
    fs.symlinkSync(path.join(tmp, 'lib'), path.join(tmp, 'lib', 'loop'));
    const r = await expandPaths([path.join(tmp, 'lib')]);
    expect(rel(r)).toEqual(['lib/linked-file.mp4', 'lib/real.jpg']);
    expect(r.failed).toEqual([]);
  });

  it('follows a symlinked folder the user chose explicitly', async () => {
    touch('outside/clip.mp4');
    fs.symlinkSync(path.join(tmp, 'outside'), path.join(tmp, 'shortcut'));
    expect(rel(await expandPaths([path.join(tmp, 'shortcut')]))).toEqual(['shortcut/clip.mp4']);
  });

  it('lists the same file once however it is reached', async () => {
    const a = touch('lib/a.jpg');
    touch('lib/b.jpg');
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      const r = await expandPaths([a, path.join(tmp, 'lib'), 'lib/a.jpg', `${tmp}/lib/../lib/a.jpg`, path.join(tmp, 'lib')]);
      expect(rel(r)).toEqual(['lib/a.jpg', 'lib/b.jpg']);
    } finally {
      process.chdir(cwd);
    }
  });

  /** A real Postframe library's layout, as a running one leaves it (database with WAL files, run records, media, exports). */
  function makeLibrary(dir: string): void {
    for (const f of ['library.sqlite', 'library.sqlite-wal', 'library.sqlite-shm', 'run/owners/4242.json', 'run/children/4243.json', 'media/ab/abcd.jpg', 'cache/thumbs/ab/abcd.webp', 'exports/Trip.mp4', 'exports/.Trip-2.part.mp4', 'recordings/r1/take.webm']) touch(path.join(dir, f));
  }

  it('does not walk into a Postframe library inside a folder (its database, run records, media and exports are not new media)', async () => {
    touch('shared/clip.mp4');
    makeLibrary('shared/Library');
    makeLibrary('shared/deeper/Old library');
    touch('shared/deeper/photo.jpg');
    const r = await expandPaths([path.join(tmp, 'shared')]);
    expect(rel(r)).toEqual(['shared/clip.mp4', 'shared/deeper/photo.jpg']);
    expect(r.failed).toEqual([]);
  });

  it('refuses a library folder, or a folder inside one, named explicitly, saying what to do; a file inside one may still be named', async () => {
    makeLibrary('Library');
    for (const dir of ['Library', 'Library/exports', 'Library/media/ab']) {
      const r = await expandPaths([path.join(tmp, dir)]);
      expect(r.files, dir).toEqual([]);
      expect(r.failed, dir).toEqual([{ path: path.join(tmp, dir), reason: expect.stringMatching(/Postframe library.*import the files themselves/i) }]);
    }
    expect(rel(await expandPaths([path.join(tmp, 'Library/exports/Trip.mp4')]))).toEqual(['Library/exports/Trip.mp4']);
  });

  it('skips Postframe delivery folders (post.json of a delivery) and files still being written (.part)', async () => {
    touch('shared/keep.mp4');
    for (const f of ['media.mp4', 'cover.jpg', 'caption.txt']) touch(`shared/Deliveries/tiktok/2026-06-01-launch/${f}`);
    fs.writeFileSync(path.join(tmp, 'shared/Deliveries/tiktok/2026-06-01-launch/post.json'), JSON.stringify({ schema: 'postframe.delivery/1', deliveryId: 'p1:tiktok:1' }));
    // Someone else's post.json is not a delivery folder.
    touch('shared/blog/hero.jpg');
    fs.writeFileSync(path.join(tmp, 'shared/blog/post.json'), JSON.stringify({ title: 'A blog post' }));
    touch('shared/render.png.1234.part');
    touch('shared/download.mp4.part');
    touch('shared/clip.part.mp4');
    touch('shared/movie.mp4.crdownload');
    touch('shared/partial-cut.mp4');
    const r = await expandPaths([path.join(tmp, 'shared')]);
    expect(rel(r)).toEqual(['shared/blog/hero.jpg', 'shared/blog/post.json', 'shared/keep.mp4', 'shared/partial-cut.mp4']);
    expect(r.failed).toEqual([]);
  });

  it('stops when the signal is aborted', async () => {
    touch('lib/a.jpg');
    const ctl = new AbortController();
    ctl.abort();
    expect(await expandPaths([path.join(tmp, 'lib')], ctl.signal)).toEqual({ files: [], failed: [] });
  });
});
