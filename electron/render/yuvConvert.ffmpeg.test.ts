import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { type PlaneLayout, YuvConverter } from '../model/yuvConvert';

// The held copy's conversion against ffmpeg's own (swscale: area scaling, then the matrix), on a textured frame
// ffmpeg makes: every channel must be close on average and bounded everywhere.

const bins = resolveBinaries({ env: process.env });
const FFMPEG_FMT: Record<'I420' | 'I444' | 'NV12' | 'I422', string> = { I420: 'yuv420p', I444: 'yuv444p', NV12: 'nv12', I422: 'yuv422p' };

function ffmpeg(args: string[], input?: Buffer): Buffer {
  return execFileSync(bins.ffmpeg, ['-v', 'error', ...args], { input, maxBuffer: 1 << 27 });
}

/** Packed planes as ffmpeg writes rawvideo, and their layout. */
function layoutOf(format: keyof typeof FFMPEG_FMT, w: number, h: number): PlaneLayout[] {
  const cw = format === 'I444' ? w : Math.ceil(w / 2);
  const ch = format === 'I420' || format === 'NV12' ? Math.ceil(h / 2) : h;
  if (format === 'NV12') return [{ offset: 0, stride: w }, { offset: w * h, stride: cw * 2 }];
  return [{ offset: 0, stride: w }, { offset: w * h, stride: cw }, { offset: w * h + cw * ch, stride: cw }];
}

/** I420 with each chroma sample copied to the 2x2 luma block it covers (fewer at odd edges): yuv444p. */
function replicatedChroma(yuv: Buffer, w: number, h: number): Buffer {
  const [, u, v] = layoutOf('I420', w, h) as [PlaneLayout, PlaneLayout, PlaneLayout];
  const out = Buffer.alloc(w * h * 3);
  yuv.copy(out, 0, 0, w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const c = (y >> 1) * u.stride + (x >> 1);
      out[w * h + y * w + x] = yuv[u.offset + c]!;
      out[2 * w * h + y * w + x] = yuv[v.offset + c]!;
    }
  }
  return out;
}

function compare(format: keyof typeof FFMPEG_FMT, w: number, h: number, outW: number, outH: number, matrix: 'bt709' | 'bt470bg', full: boolean, replicate = false) {
  const yuv = ffmpeg(['-f', 'lavfi', '-i', `testsrc2=s=${w + (w % 2)}x${h + (h % 2)},format=rgb24,crop=${w}:${h}:0:0`, '-frames:v', '1', '-pix_fmt', FFMPEG_FMT[format], '-f', 'rawvideo', '-']);
  const swsMatrix = matrix === 'bt709' ? 'bt709' : 'bt601';
  const ref = ffmpeg(
    ['-f', 'rawvideo', '-pix_fmt', replicate ? 'yuv444p' : FFMPEG_FMT[format], '-s', `${w}x${h}`, '-i', '-', '-vf', `scale=${outW}:${outH}:flags=area+accurate_rnd+full_chroma_int:in_color_matrix=${swsMatrix}:in_range=${full ? 'pc' : 'tv'}:out_range=pc`, '-pix_fmt', 'rgb24', '-f', 'rawvideo', '-'],
    replicate ? replicatedChroma(yuv, w, h) : yuv,
  );
  const out = new Uint8ClampedArray(outW * outH * 4);
  new YuvConverter().convert({ format, width: w, height: h, layout: layoutOf(format, w, h), data: new Uint8Array(yuv) }, { matrix, fullRange: full }, out, outW, outH);
  const sum = [0, 0, 0];
  let max = 0;
  for (let i = 0; i < outW * outH; i++) {
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(out[i * 4 + c]! - ref[i * 3 + c]!);
      sum[c] = sum[c]! + d;
      max = Math.max(max, d);
    }
  }
  return { mean: sum.map((s) => s / (outW * outH)), max };
}

describe('YuvConverter against ffmpeg', () => {
  // Shrinking (the held copy's case): within a code value of swscale's area scaler everywhere.
  it.each([
    ['I420', 540, 960, 252, 448, 'bt709', false],
    ['I420', 540, 960, 101, 180, 'bt709', false],
    ['I420', 540, 960, 252, 448, 'bt470bg', false],
    ['I420', 540, 960, 252, 448, 'bt709', true],
    ['NV12', 540, 960, 252, 448, 'bt709', false],
    ['I444', 360, 640, 168, 299, 'bt470bg', false],
    ['I422', 360, 640, 168, 299, 'bt709', true],
  ] as const)('%s %ix%i → %ix%i, %s, full range %s', (format, w, h, outW, outH, matrix, full) => {
    const { mean, max } = compare(format, w, h, outW, outH, matrix, full);
    for (const m of mean) expect(m).toBeLessThanOrEqual(0.1);
    expect(max).toBeLessThanOrEqual(2);
  });

  it('odd sizes: the last chroma sample covers the one column (row) left, as in libyuv', () => {
    // swscale spreads the 271 chroma samples of a 541-wide frame over all 541 columns instead; so the reference
    // is the frame with its chroma replicated to 4:4:4 by libyuv's rule (sample j covers luma 2j and 2j+1).
    const { mean, max } = compare('I420', 541, 959, 250, 443, 'bt709', false, true);
    for (const m of mean) expect(m).toBeLessThanOrEqual(0.1);
    expect(max).toBeLessThanOrEqual(2);
  });

  it('at full size differs only where chroma is upsampled across a hard edge', () => {
    // swscale interpolates chroma between left-sited samples; here (as in Chromium) a sample covers its 2x2 block.
    const { mean, max } = compare('I420', 540, 960, 540, 960, 'bt709', false);
    for (const m of mean) expect(m).toBeLessThanOrEqual(1);
    expect(max).toBeLessThanOrEqual(128);
  });
});
