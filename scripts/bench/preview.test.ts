import { describe, expect, it } from 'vitest';
import { formatPreviewBench, previewBench } from './preview';

describe('preview bench without Chromium', () => {
  it('says so and reports no number', async () => {
    const r = await previewBench({ log: () => {}, chromium: '/nonexistent/chromium' });
    expect(r).toEqual({ measured: false, reason: expect.stringContaining('/nonexistent/chromium') });
    expect(formatPreviewBench(r)).toContain('preview: not measured');
  });
});
