import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { resolveBinaries } from './binaries';

describe.skipIf(process.platform === 'win32')('resolveBinaries', () => {
  let tmp: string;
  const file = (rel: string, mode = 0o755) => {
    const p = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, '#!/bin/sh\nexit 0\n');
    fs.chmodSync(p, mode);
    return p;
  };
  const failure = (fn: () => unknown): AppError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    }
    throw new Error('expected an error');
  };

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bin-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prefers POSTFRAME_FFMPEG / POSTFRAME_FFPROBE over resources and PATH', () => {
    const env = {
      POSTFRAME_FFMPEG: file('custom/my-ffmpeg'),
      POSTFRAME_FFPROBE: file('custom/my-ffprobe'),
      PATH: path.dirname(file('bin/ffmpeg')) + path.delimiter + path.dirname(file('bin/ffprobe')),
    };
    file('res/ffmpeg/linux-x64/ffmpeg');
    file('res/ffmpeg/linux-x64/ffprobe');
    expect(resolveBinaries({ env, resourcesPath: path.join(tmp, 'res'), platform: 'linux', arch: 'x64' })).toEqual({
      ffmpeg: env.POSTFRAME_FFMPEG,
      ffprobe: env.POSTFRAME_FFPROBE,
    });
  });

  it('refuses a bad env path with ffmpeg_missing naming the variable, instead of falling back', () => {
    file('bin/ffmpeg');
    file('bin/ffprobe');
    const PATH = path.join(tmp, 'bin');
    for (const bad of [path.join(tmp, 'nope'), file('not-exec', 0o644), tmp]) {
      const e = failure(() => resolveBinaries({ env: { POSTFRAME_FFMPEG: bad, PATH } }));
      expect(e.code).toBe('ffmpeg_missing');
      expect(e.message).toContain('POSTFRAME_FFMPEG');
      expect(e.message).toContain(bad);
    }
    const e = failure(() => resolveBinaries({ env: { POSTFRAME_FFPROBE: path.join(tmp, 'missing-probe'), PATH } }));
    expect(e.message).toContain('POSTFRAME_FFPROBE');
  });

  it('uses the packaged binaries under resources/ffmpeg/<platform>-<arch>', () => {
    const ffmpeg = file('res/ffmpeg/linux-arm64/ffmpeg');
    const ffprobe = file('res/ffmpeg/linux-arm64/ffprobe');
    file('bin/ffmpeg');
    file('bin/ffprobe');
    const r = resolveBinaries({ env: { PATH: path.join(tmp, 'bin') }, resourcesPath: path.join(tmp, 'res'), platform: 'linux', arch: 'arm64' });
    expect(r).toEqual({ ffmpeg, ffprobe });
    // Windows names carry .exe.
    const exe = { ffmpeg: file('res/ffmpeg/win32-x64/ffmpeg.exe'), ffprobe: file('res/ffmpeg/win32-x64/ffprobe.exe') };
    expect(resolveBinaries({ env: {}, resourcesPath: path.join(tmp, 'res'), platform: 'win32', arch: 'x64' })).toEqual(exe);
  });

  it('looks up PATH, skipping entries that are missing or not executable', () => {
    file('a/ffmpeg', 0o644);
    const ffmpeg = file('b/ffmpeg');
    const ffprobe = file('c/ffprobe');
    const PATH = ['', path.join(tmp, 'missing'), path.join(tmp, 'a'), path.join(tmp, 'b'), path.join(tmp, 'c')].join(path.delimiter);
    expect(resolveBinaries({ env: { PATH }, platform: 'linux' })).toEqual({ ffmpeg, ffprobe });
    // Packaged resources for another platform do not count.
    file('res/ffmpeg/darwin-arm64/ffmpeg');
    expect(resolveBinaries({ env: { PATH }, resourcesPath: path.join(tmp, 'res'), platform: 'linux', arch: 'x64' }).ffmpeg).toBe(ffmpeg);
  });

  it('says how to fix it when nothing is found', () => {
    const e = failure(() => resolveBinaries({ env: { PATH: path.join(tmp, 'empty') }, resourcesPath: path.join(tmp, 'res'), platform: 'linux', arch: 'x64' }));
    expect(e.code).toBe('ffmpeg_missing');
    expect(e.message).toMatch(/^ffmpeg was not found/);
    expect(e.message).toContain('apt-get install ffmpeg');
    expect(e.message).toContain('brew install ffmpeg');
    expect(e.message).toContain('POSTFRAME_FFMPEG');
    // ffmpeg present, ffprobe missing: the message names ffprobe and its variable.
    file('bin/ffmpeg');
    const probe = failure(() => resolveBinaries({ env: { PATH: path.join(tmp, 'bin') }, platform: 'linux' }));
    expect(probe.message).toMatch(/^ffprobe was not found.*POSTFRAME_FFPROBE/s);
  });
});
