import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cpuMark, cpuSince } from './cpu';

/** The bench's CPU split puts work on the thread that did it (Linux: /proc; elsewhere only the total is known). */
describe.runIf(process.platform === 'linux')('cpuSince', () => {
  it('charges JavaScript to the main thread and pixel work to libvips', async () => {
    const js = await cpuMark();
    let x = 0;
    for (let i = 0; i < 3e7; i++) x = (x + i * i) % 1_000_003;
    expect(x).toBeGreaterThanOrEqual(0);
    await new Promise((resolve) => setImmediate(resolve));
    const a = cpuSince(js);
    expect(a.main, JSON.stringify(a)).toBeGreaterThan(a.vips + a.libuv + a.other);

    const px = await cpuMark();
    for (let i = 0; i < 3; i++) {
      await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).blur(2).resize(300).webp().toBuffer();
    }
    await new Promise((resolve) => setImmediate(resolve));
    const b = cpuSince(px);
    expect(b.vips, JSON.stringify(b)).toBeGreaterThan(b.main);
    // The buckets never add up to more than the process used (getrusage counts every thread, ended ones too).
    expect(b.main + b.vips + b.libuv + b.other).toBeLessThanOrEqual(b.total * 1.05 + 5);
  });
});
