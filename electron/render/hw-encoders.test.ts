import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import { detectHardwareEncoders, encoderFor, trialArgs } from './hw-encoders';

// Detection against a fake ffmpeg (a shell script: a listing with two hardware encoders, of which only NVENC passes
// its trial encode) and against the real one on this machine, which lists hardware encoders but has no GPU.

let dir = '';
let fake: MediaTools;
const LISTING = `Encoders:
 V..... = Video
 ------
 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
 V....D h264_vaapi           H.264/AVC (VAAPI) (codec h264)
 A....D aac                  AAC (Advanced Audio Coding)`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-hwenc-'));
  const script = path.join(dir, 'ffmpeg');
  // Records every call; `-encoders` prints the listing; a trial succeeds only for h264_nvenc.
  fs.writeFileSync(script, `#!/bin/sh
echo "$*" >> "${dir}/calls.txt"
case "$*" in
  *-encoders*) cat <<'LIST'
${LISTING}
LIST
  exit 0;;
  *h264_nvenc*) exit 0;;
  *) echo "Failed to initialise VAAPI connection: -1 (unknown libva error)." >&2; exit 1;;
esac
`);
  fs.chmodSync(script, 0o755);
  fake = new MediaTools({ ffmpeg: script, ffprobe: script });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hardware encoder detection', () => {
  it('tries the listed candidates in order with a one-frame trial and takes the first that works', async () => {
    const d = await detectHardwareEncoders(fake);
    expect(d.listed).toEqual(['h264_vaapi', 'h264_nvenc']);
    expect(d.encoder).toBe('h264_nvenc');
    expect(d.refused).toEqual([{ encoder: 'h264_vaapi', reason: expect.stringMatching(/VAAPI/) as string }]);
    const calls = fs.readFileSync(path.join(dir, 'calls.txt'), 'utf8').trim().split('\n');
    expect(calls[0]).toContain('-encoders');
    // VAAPI's trial opens its device and uploads the frame, as its export would.
    expect(calls[1]).toContain('-vaapi_device /dev/dri/renderD128');
    expect(calls[1]).toContain('format=yuv420p,format=nv12,hwupload');
    expect(calls[2]).toContain('-frames:v 1');
    expect(calls).toHaveLength(3);
  });

  it('the setting decides: off is always libx264, auto the detected encoder', async () => {
    expect(await encoderFor(fake, 'off')).toBe('libx264');
    expect(await encoderFor(fake, 'auto')).toBe('h264_nvenc');
  });

  it('a broken ffmpeg means software', async () => {
    const broken = new MediaTools({ ffmpeg: path.join(dir, 'missing'), ffprobe: path.join(dir, 'missing') });
    expect(await detectHardwareEncoders(broken)).toEqual({ encoder: null, listed: [], refused: [] });
    expect(await encoderFor(broken, 'auto')).toBe('libx264');
  });

  it('on this machine (no GPU) every listed hardware encoder fails its trial and exports use libx264', async () => {
    const real = new MediaTools(resolveBinaries({ env: process.env }));
    const d = await detectHardwareEncoders(real);
    expect(d.encoder).toBeNull();
    expect(d.refused.map((r) => r.encoder)).toEqual(d.listed);
    expect(await encoderFor(real, 'auto')).toBe('libx264');
  }, 60_000);

  it('the trial encodes one frame to nowhere', () => {
    const args = trialArgs('libx264');
    expect(args.slice(-3)).toEqual(['-f', 'null', '-']);
    expect(args.join(' ')).toContain('-c:v libx264 -preset veryfast -crf 20');
  });
});
