import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toOrientation } from '../model/orientation';
import { PICTURE, UPRIGHT, cornersOf, storedPixels } from '../render/test-pictures';
import { turnUpright } from './renditions';

// A HEIC whose EXIF orientation libheif did not apply (no irot/imir boxes) is turned by turnUpright before its
// rendition is written; the rendition is then upright pixels that nothing turns again.
describe('turnUpright', () => {
  it('brings the pixels of every EXIF orientation upright, mirrors included', async () => {
    const seen: string[] = [];
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8].map(toOrientation)) {
      const { data, width, height } = storedPixels(o);
      const { data: out, info } = await turnUpright(sharp(data, { raw: { width, height, channels: 3 } }), o).raw().toBuffer({ resolveWithObject: true });
      seen.push(`${o}: ${info.width}x${info.height} ${cornersOf(out, info.width, { x: 0, y: 0, width: info.width, height: info.height }, info.channels)}`);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((o) => `${o}: ${PICTURE.width}x${PICTURE.height} ${UPRIGHT}`));
  });
});
