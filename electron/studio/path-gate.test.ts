import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANY_PATH, PathGate, isWithin, realTarget } from './path-gate';

describe('isWithin', () => {
  it('is the folder itself or under it, never a sibling that shares a prefix', () => {
    expect(isWithin('/data/allowed', '/data/allowed')).toBe(true);
    expect(isWithin('/data/allowed', '/data/allowed/a/b.mp4')).toBe(true);
    expect(isWithin('/data/allowed', '/data/allowed-not/b.mp4')).toBe(false);
    expect(isWithin('/data/allowed', '/data')).toBe(false);
    expect(isWithin('/data/allowed', '/data/allowed/../x')).toBe(false);
    expect(isWithin('/data/allowed', '/data/allowed/..x/y')).toBe(true); // a folder named "..x"
    expect(isWithin('/', '/anything')).toBe(true);
  });
});

describe('realTarget and PathGate', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pf-gate-')));
    fs.mkdirSync(path.join(tmp, 'allowed'));
    fs.mkdirSync(path.join(tmp, 'outside'));
    fs.symlinkSync(path.join(tmp, 'outside'), path.join(tmp, 'allowed', 'link'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('follows links above a path that does not exist yet', async () => {
    expect(await realTarget(path.join(tmp, 'allowed', 'link', 'new', 'lib'))).toBe(path.join(tmp, 'outside', 'new', 'lib'));
    expect(await realTarget(path.join(tmp, 'allowed', 'x', '..', 'y'))).toBe(path.join(tmp, 'allowed', 'y'));
  });

  it('confined: accepts real paths inside, refuses the rest with how to allow a folder', async () => {
    const gate = await PathGate.create({ kind: 'confined', folders: [path.join(tmp, 'allowed')] }, path.join(tmp, 'lib'));
    expect(await gate.check(path.join(tmp, 'allowed', 'a.mp4'), 'import')).toBe(path.join(tmp, 'allowed', 'a.mp4'));
    await expect(gate.check(path.join(tmp, 'allowed', 'link', 'a.mp4'), 'import')).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/--allow-folder FOLDER/) });
    expect(await gate.check(path.join(tmp, 'lib'), 'library')).toBe(path.join(tmp, 'lib'));
    expect(await gate.mayUse(path.join(tmp, 'lib'), 'delivery')).toBe(false);
    expect(await gate.admits(path.join(tmp, 'allowed', 'link'))).toBeNull();
    expect(gate.allowedFolders).toEqual([path.join(tmp, 'allowed')]);
  });

  it('refuses to start with an allowed folder that does not exist', async () => {
    await expect(PathGate.create({ kind: 'confined', folders: [path.join(tmp, 'nope')] }, tmp)).rejects.toThrow(/does not exist/);
  });

  it('any: every path goes on as given', async () => {
    const gate = await PathGate.create(ANY_PATH, tmp);
    expect(await gate.check('relative/x', 'delivery')).toBe('relative/x');
    expect(await gate.admits('/etc/hostname')).toBe('/etc/hostname');
    expect(gate.allowedFolders).toBeNull();
  });
});
