import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaTools } from '../media/ffmpeg';
import { PostsRepo } from '../library/posts-repo';
import { compileExport } from '../render/compiler';
import { audioFacts, draft, media, track, videoFacts } from '../render/test-drafts';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';
import { exportEncoder, readHardwareEncoding } from './export-settings';

/** Settings → Export: the hardware-encoding choice through a real Studio, who may change it, and what exports use. */
describe('export settings', () => {
  let t: TempStudio;
  beforeEach(async () => {
    t = await openTempStudio('pf-export-settings-');
  });
  afterEach(async () => {
    await t.close();
  });

  it('reads auto by default with what this machine offers; an admin turns it off (audited); a creator is refused by the server', async () => {
    const route = (name: string, input: unknown) => t.studio.route(name, input, t.studio.ownerCaller());
    const first = await t.studio.api['exportSettings.get']({});
    expect(first).toMatchObject({ hardwareEncoding: 'auto', ffmpeg: true });
    // This machine's ffmpeg lists hardware encoders but has no GPU: none passes its trial, exports use libx264.
    expect(first.used).toBe(first.detected ?? 'libx264');
    const creator = await t.studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const asCreator = (name: string, input: unknown) => t.studio.route(name, input, { user: creator, sessionId: null });
    expect(await asCreator('exportSettings.set', { hardwareEncoding: 'off' })).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^Only an admin can change how exports are encoded/) } });
    expect(await asCreator('exportSettings.get', {})).toMatchObject({ ok: true, value: { hardwareEncoding: 'auto' } });
    expect(await route('exportSettings.set', { hardwareEncoding: 'off', actorId: 'owner' })).toMatchObject({ ok: true, value: { hardwareEncoding: 'off', used: 'libx264' } });
    expect(readHardwareEncoding(new PostsRepo(t.studio.rooms.db))).toBe('off');
    const entries = t.studio.auditRepo.list();
    expect(entries.filter((e) => e.action === 'export_settings').map((e) => e.detail)).toEqual([{ hardwareEncoding: { from: 'auto', to: 'off' } }]);
    expect(entries.filter((e) => e.action === 'access_denied').map((e) => e.detail.call)).toEqual(['exportSettings.set']);
  });

  it('exports honour it: with off the compiled arguments use libx264 even when a hardware encoder works', async () => {
    // A fake ffmpeg that lists NVENC and passes its trial, as a machine with an NVIDIA card would.
    const script = path.join(t.tmp, 'ffmpeg');
    fs.writeFileSync(script, `#!/bin/sh\ncase "$*" in\n  *-encoders*) echo ' V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)'; exit 0;;\n  *) exit 0;;\nesac\n`);
    fs.chmodSync(script, 0o755);
    const tools = new MediaTools({ ffmpeg: script, ffprobe: script });
    const repo = new PostsRepo(t.studio.rooms.db);
    const d = draft([track('main', 'main', [media('c1', 'clip', 0, 0, 2)]), track('music', 'audio', [media('c2', 'song', 0, 0, 2)])]);
    const sources = new Map([['clip', videoFacts('/in/clip.mp4', 1920, 1080)], ['song', audioFacts('/in/song.mp3', 12)]]);
    const argsWith = async () => compileExport(d, sources, new Map(), { height: 'canvas', fps: 'canvas', quality: 'standard' }, '/out/x.mp4', null, [], await exportEncoder(tools, repo)).args.join(' ');
    expect(await argsWith()).toContain('-c:v h264_nvenc');
    await t.studio.api['exportSettings.set']({ hardwareEncoding: 'off', actorId: 'owner' });
    const off = await argsWith();
    expect(off).toContain('-c:v libx264');
    expect(off).not.toContain('nvenc');
  });
});
