import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageExportChannels, imageExportSettings } from './image-export-settings';
import { ImageExportInput } from './image-export-job';
import { imageFormats } from './image-format';
import { channelIds } from './post';

const portrait = { width: 1080, height: 1350 };

describe('imageExportSettings', () => {
  it('lists the channels that take images', () => {
    expect(imageExportChannels).toEqual(['tiktok', 'instagram_feed', 'x', 'linkedin']);
  });

  it('Instagram: 1080 wide, 8 MB, JPEG only; a PNG choice becomes JPEG', () => {
    const s = imageExportSettings(portrait, 1, { channel: 'instagram_feed', format: 'png', pdf: false });
    expect(s).toMatchObject({ formats: ['jpeg'], format: 'jpeg', width: 1080, height: 1350, maxBytes: 8_000_000, pdfOffered: false, tooManyPages: null, aspectOutside: null });
    expect(s.input).toEqual({ format: 'jpeg', channel: 'instagram_feed', width: null, maxBytes: 8_000_000, pdf: false });
  });

  it('scales a larger canvas down to the channel width, keeping its shape', () => {
    const s = imageExportSettings({ width: 2160, height: 2700 }, 1, { channel: 'instagram_feed', format: 'jpeg', pdf: false });
    expect([s.width, s.height, s.input.width]).toEqual([1080, 1350, 1080]);
  });

  it('no channel: the canvas size, every format (AVIF too), no limit', () => {
    const s = imageExportSettings({ width: 1584, height: 396 }, 1, { channel: null, format: 'avif', pdf: true });
    expect(s).toMatchObject({ formats: [...imageFormats], format: 'avif', width: 1584, height: 396, maxBytes: null, pdfOffered: false, pdf: false });
  });

  it('AVIF is never offered for a channel', () => {
    for (const c of imageExportChannels) expect(imageExportSettings(portrait, 1, { channel: c, format: 'avif', pdf: false }).format).not.toBe('avif');
  });

  it('a LinkedIn carousel may be one PDF of JPEG pages; one page or another channel may not', () => {
    const s = imageExportSettings(portrait, 5, { channel: 'linkedin', format: 'png', pdf: true });
    expect(s).toMatchObject({ pdfOffered: true, pdf: true, format: 'jpeg' });
    expect(imageExportSettings(portrait, 1, { channel: 'linkedin', format: 'jpeg', pdf: true }).pdf).toBe(false);
    expect(imageExportSettings(portrait, 5, { channel: 'instagram_feed', format: 'jpeg', pdf: true }).pdfOffered).toBe(false);
  });

  it('warns about more pages than a channel takes, and a shape it does not show', () => {
    expect(imageExportSettings(portrait, 5, { channel: 'x', format: 'jpeg', pdf: false }).tooManyPages).toBe(4);
    expect(imageExportSettings(portrait, 25, { channel: 'linkedin', format: 'jpeg', pdf: true }).tooManyPages).toBeNull();
    expect(imageExportSettings({ width: 1080, height: 1920 }, 1, { channel: 'instagram_feed', format: 'jpeg', pdf: false }).aspectOutside).toEqual({ min: 0.8, max: 1.91 });
  });

  it('property: every choice gives a valid call input whose format the channel takes', () => {
    fc.assert(
      fc.property(
        fc.record({ width: fc.integer({ min: 16, max: 4096 }), height: fc.integer({ min: 16, max: 4096 }) }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(null, ...channelIds),
        fc.constantFrom(...imageFormats),
        fc.boolean(),
        (canvas, pages, channel, format, pdf) => {
          const s = imageExportSettings(canvas, pages, { channel, format, pdf });
          expect(ImageExportInput.safeParse({ draftId: 'd', ...s.input }).success).toBe(true);
          expect(s.formats).toContain(s.format);
          if (s.pdf) expect(s.format).toBe('jpeg');
          // The canvas's shape, to the nearest pixel.
          expect(s.height).toBeGreaterThanOrEqual(1);
          expect(Math.abs(s.height - (canvas.height * s.width) / canvas.width)).toBeLessThanOrEqual(0.5);
          if (channel === null) expect([s.width, s.height, s.maxBytes]).toEqual([canvas.width, canvas.height, null]);
        },
      ),
    );
  });
});
