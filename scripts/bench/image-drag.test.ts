import { describe, expect, it } from 'vitest';
import { dragBench } from './image-drag';
import { formatImageBench, type ImageBenchResult } from './image';

describe('drag bench without Chromium', () => {
  it('says so and reports no number', async () => {
    const logs: string[] = [];
    const r = await dragBench({ log: (m) => logs.push(m), chromium: '/nonexistent/chromium', page10: { draft: null as never, files: {} } });
    expect(r).toEqual({ measured: false, reason: expect.stringContaining('/nonexistent/chromium') });
  });

  it('leaves drag_frame_p95_ms out of the result and prints the reason', () => {
    const r: ImageBenchResult = {
      image_render_ratio: 1.1,
      postframe_ms: 110,
      direct_ms: 100,
      adjust_ms_1080x1350: 50,
      agreement_ssim: 0.96,
      rounds: [{ postframe_ms: 110, direct_ms: 100 }],
      layers: 10,
      drag: { measured: false, reason: 'Chromium is not at /x' },
      goals: { image_render_ratio: { target: 1.2, met: true } },
    };
    expect('drag_frame_p95_ms' in r).toBe(false);
    expect(formatImageBench(r)).toContain('drag frame time: not measured (Chromium is not at /x)');
  });
});
