import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Test media, generated (never committed): tiny clips with known colours and tones, photos with EXIF
 * orientation, and every kind of broken file the importer must refuse cleanly.
 */
export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.fixtures');
export const GOOD_DIR = path.join(FIXTURES_DIR, 'good');
export const BROKEN_DIR = path.join(FIXTURES_DIR, 'broken');
/** Phone-like footage for the preview tests (big files, so made once and kept apart from the small fixtures). */
export const FOOTAGE_DIR = path.join(FIXTURES_DIR, 'footage');
const VERSION = '3';
const FOOTAGE_VERSION = '1';

function ffmpeg(args: string[]): void {
  execFileSync(process.env.POSTFRAME_FFMPEG ?? 'ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid PNG header declaring width×height with almost no pixel data: a decompression bomb's shape. */
export function hugePngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function makeFixtures(force = false): Promise<void> {
  await makeSmallFixtures(force);
  makeFootage(force);
}

async function makeSmallFixtures(force: boolean): Promise<void> {
  const stamp = path.join(FIXTURES_DIR, `.version-${VERSION}`);
  if (!force && fs.existsSync(stamp)) return;
  for (const entry of fs.existsSync(FIXTURES_DIR) ? fs.readdirSync(FIXTURES_DIR) : []) {
    if (entry !== 'footage') fs.rmSync(path.join(FIXTURES_DIR, entry), { recursive: true, force: true });
  }
  fs.mkdirSync(GOOD_DIR, { recursive: true });
  fs.mkdirSync(path.join(GOOD_DIR, 'nested', 'deeper'), { recursive: true });
  fs.mkdirSync(BROKEN_DIR, { recursive: true });
  const g = (name: string) => path.join(GOOD_DIR, name);
  const b = (name: string) => path.join(BROKEN_DIR, name);

  // Video: solid colours with a tone, so tests can read pixels and hear audio.
  for (const [name, color, freq] of [['red-clip.mp4', 'red', 440], ['blue-clip.mp4', 'blue', 660]] as const) {
    ffmpeg(['-f', 'lavfi', '-i', `color=c=${color}:size=320x240:rate=30:duration=2`, '-f', 'lavfi', '-i', `sine=frequency=${freq}:duration=2`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', g(name)]);
  }
  // A phone-style portrait clip: landscape pixels plus a rotation flag.
  // (ffmpeg 5.1 turns the rotate tag into a display matrix only when stream-copying, hence two steps.)
  const landscape = path.join(FIXTURES_DIR, 'landscape.tmp.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', landscape]);
  ffmpeg(['-i', landscape, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', '-metadata', 'creation_time=2024-06-01T10:20:30Z', g('nested/phone-portrait.mp4')]);
  fs.rmSync(landscape);
  // Audio.
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=220:duration=1.5', g('nested/deeper/voice-note.wav')]);
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=330:duration=2', '-c:a', 'libmp3lame', '-q:a', '6', g('music-loop.mp3')]);
  // Images: a photo with EXIF orientation 6 (stored landscape, shown portrait) and a PNG.
  await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 30, g: 160, b: 90 } } })
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .toFile(g('beach-sunset.jpg'));
  await sharp({ create: { width: 300, height: 300, channels: 4, background: { r: 240, g: 200, b: 20, alpha: 1 } } }).png().toFile(g('logo.png'));
  // The same photo twice under another name: a duplicate.
  fs.copyFileSync(g('beach-sunset.jpg'), g('nested/beach-copy.jpg'));
  fs.writeFileSync(g('.DS_Store'), 'hidden files are skipped');

  // Broken files, each refused with its own reason.
  fs.writeFileSync(b('empty.mp4'), '');
  fs.writeFileSync(b('notes-not-a-photo.jpg'), 'This is a text file pretending to be a JPEG.\n');
  const jpg = fs.readFileSync(g('beach-sunset.jpg'));
  fs.writeFileSync(b('truncated.jpg'), jpg.subarray(0, Math.floor(jpg.length / 2)));
  const mp4 = fs.readFileSync(g('red-clip.mp4'));
  fs.writeFileSync(b('truncated.mp4'), mp4.subarray(0, Math.floor(mp4.length / 3)));
  fs.writeFileSync(b('random-bytes.mov'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
  fs.writeFileSync(b('huge-dimensions.png'), hugePngHeader(30_000, 30_000));

  fs.writeFileSync(stamp, new Date().toISOString());
}

/** Seconds of each footage clip. */
export const FOOTAGE_SEC = 10;

/**
 * Footage as phones record it, for the preview's playback and look tests: 1080x1920 H.264 (high profile) at
 * 30 fps, a keyframe every 2 s, ~12 Mbit/s, AAC stereo. Textured and moving over the whole frame (a pan over a
 * fractal, a colony of cells, a test card with grain), never flat colours, and never near black, so a black
 * frame in the preview is the preview's fault.
 */
function makeFootage(force: boolean): void {
  const stamp = path.join(FOOTAGE_DIR, `.version-${FOOTAGE_VERSION}`);
  if (!force && fs.existsSync(stamp)) return;
  fs.rmSync(FOOTAGE_DIR, { recursive: true, force: true });
  fs.mkdirSync(FOOTAGE_DIR, { recursive: true });
  const f = (name: string) => path.join(FOOTAGE_DIR, name);
  const d = String(FOOTAGE_SEC);
  // The picture's input and filters, then a tone, then what a phone's encoder writes.
  const record = (input: string[], vf: string, tone: number, out: string) =>
    ffmpeg([...input, '-f', 'lavfi', '-i', `sine=frequency=${tone}:sample_rate=48000:duration=${d}`,
      '-map', '0:v', '-map', '1:a', '-t', d, '-vf', vf,
      '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p',
      '-b:v', '12M', '-maxrate', '16M', '-bufsize', '16M', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0',
      '-c:a', 'aac', '-ac', '2', '-b:a', '128k', '-movflags', '+faststart', f(out)]);
  // A slow diagonal pan over a fractal still (a hand-held camera moving over a detailed scene).
  const still = f('fractal.tmp.png');
  ffmpeg(['-f', 'lavfi', '-i', 'mandelbrot=s=1600x2800:inner=mincol:start_scale=0.6:start_x=-0.743643887037151:start_y=0.13182590420533:maxiter=400',
    '-frames:v', '1', still]);
  const [vx, vy] = [Math.floor(500 / FOOTAGE_SEC), Math.floor(860 / FOOTAGE_SEC)];
  record(['-loop', '1', '-framerate', '30', '-i', still], `crop=1080:1920:x='t*${vx}':y='t*${vy}',noise=alls=4:allf=t`, 440, 'pan.mp4');
  fs.rmSync(still);
  // Cells living and dying everywhere at once, in colour (no black background).
  record(['-f', 'lavfi', '-i', 'life=s=540x960:mold=10:r=30:ratio=0.12:seed=7:death_color=#1a4a7a:life_color=#ffd070:mold_color=#3c8c3c'],
    'scale=1080:1920:flags=bicubic,noise=alls=6:allf=t', 550, 'life.mp4');
  // A test card with moving parts and sensor grain.
  record(['-f', 'lavfi', '-i', 'testsrc2=size=1080x1920:rate=30'], 'noise=alls=6:allf=t', 660, 'card.mp4');
  fs.writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await makeFixtures(process.argv.includes('--force'));
  console.log(`fixtures ready in ${FIXTURES_DIR}`);
}
