import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { transitionKinds } from '../model/draft';
import { type Contribution, XFADE_TRANSITION, xfadePixel, xfadeProgress } from '../model/xfade';
import { resolveBinaries } from '../media/binaries';

// The preview's transition maths (model/xfade.ts) against the ffmpeg that exports: the real xfade filter runs on
// two patterned inputs, and every pixel of every frame of the transition must be what `xfadePixel` says it is made of.

const bins = resolveBinaries({ env: process.env });
const FPS = 10;
const OFFSET_FRAMES = 5;
const DURATION_FRAMES = 10;

/** Input patterns, as geq expressions (RGB, 8 bit) and the same in TypeScript. */
const patterns = {
  from: { r: (x: number) => (x * 4) % 256, g: (_x: number, y: number) => (y * 3) % 256, b: () => 40, geq: "r='mod(X*4,256)':g='mod(Y*3,256)':b=40" },
  to: { r: () => 30, g: (x: number, y: number) => (x + y * 2) % 256, b: (x: number) => 255 - ((x * 5) % 256), geq: "r=30:g='mod(X+Y*2,256)':b='255-mod(X*5,256)'" },
};

function renderTransition(kind: string, W: number, H: number): Buffer {
  const src = (geq: string) => `color=c=black:s=${W}x${H}:r=${FPS}:d=3,format=gbrp,geq=${geq}`;
  const graph = `${src(patterns.from.geq)}[a];${src(patterns.to.geq)}[b];[a][b]xfade=transition=${kind}:duration=${DURATION_FRAMES / FPS}:offset=${OFFSET_FRAMES / FPS},format=gbrp[v]`;
  return execFileSync(bins.ffmpeg, ['-v', 'error', '-filter_complex', graph, '-map', '[v]', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 26 });
}

function predict(cs: Contribution[], colour: number, channel: 'r' | 'g' | 'b', y: number): number {
  let v = 0;
  for (const c of cs) v += c.weight * (c.from === 'colour' ? colour : patterns[c.from][channel](c.x, y));
  return v;
}

describe('xfade as ffmpeg renders it', () => {
  const sizes = [{ width: 64, height: 36 }, { width: 45, height: 80 }];
  it.each(transitionKinds)('%s: every pixel of every frame', (kind) => {
    for (const { width: W, height: H } of sizes) {
      const raw = renderTransition(XFADE_TRANSITION[kind], W, H);
      const frameBytes = W * H * 3;
      const colour = kind === 'fadewhite' ? 255 : 0;
      let wrong = 0;
      let worst = '';
      for (let f = OFFSET_FRAMES; f <= OFFSET_FRAMES + DURATION_FRAMES; f++) {
        const P = xfadeProgress(f - OFFSET_FRAMES, DURATION_FRAMES);
        const frame = raw.subarray(f * frameBytes, (f + 1) * frameBytes);
        for (let y = 0; y < H; y++) {
          for (let x = 0; x < W; x++) {
            // ffmpeg 5.1's slideleft reads one pixel past the row at its very first frame (x = 0 where z + x = −W,
            // `zz = zx % W + W·(zx < 0)`); later versions wrap it to the row's own first pixel, as the maths does.
            if (kind === 'slideleft' && P === 1 && x === 0) continue;
            const cs = xfadePixel(kind, P, x, y, W, H);
            (['r', 'g', 'b'] as const).forEach((ch, i) => {
              const got = frame[(y * W + x) * 3 + i]!;
              const want = predict(cs, colour, ch, y);
              // xfade stores its float result in 8 bits by truncation: within one step, plus float noise.
              if (Math.abs(got - want) > 1.01) {
                wrong++;
                worst ||= `frame ${f} (P=${P}) pixel ${x},${y} ${ch}: ffmpeg ${got}, maths ${want.toFixed(2)}`;
              }
            });
          }
        }
      }
      const checked = (DURATION_FRAMES + 1) * W * H * 3;
      // The dissolve's noise uses sinf; a last-bit difference from Math.sin may flip a very rare pixel.
      const allowed = kind === 'dissolve' ? checked * 0.001 : 0;
      expect(wrong, `${kind} ${W}x${H}: ${wrong} of ${checked} values differ; first: ${worst}`).toBeLessThanOrEqual(allowed);
    }
  });
});
