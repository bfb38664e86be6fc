/**
 * A test picture whose corners say how it is turned, for orientation tests of the export (orientation.ffmpeg.test.ts)
 * and of the preview (e2e/browser/orientation.spec.ts): grey, with a red block in the top-left corner, green in
 * the top-right and blue in the bottom-left. Any turn or mirror moves at least one of them.
 */

/** The upright picture is landscape, so a quarter turn shows in its size too. */
export const PICTURE = { width: 96, height: 64 } as const;
const BLOCK = 24;
export type Rgb = [number, number, number];

function upright(x: number, y: number): Rgb {
  const { width: W, height: H } = PICTURE;
  if (x < BLOCK && y < BLOCK) return [255, 0, 0];
  if (x >= W - BLOCK && y < BLOCK) return [0, 255, 0];
  if (x < BLOCK && y >= H - BLOCK) return [0, 0, 255];
  return [128, 128, 128];
}

/** The corners of the upright picture, as cornersOf() reads them. */
export const UPRIGHT = 'RGB';

/**
 * The RGB pixels a camera stores for the upright picture under EXIF orientation `o`, written from the EXIF
 * definition of each tag (which stored row is the picture's top, which stored column its left), not from the
 * code under test.
 */
export function storedPixels(o: number): { data: Buffer; width: number; height: number } {
  const { width: W, height: H } = PICTURE;
  const quarter = o >= 5;
  const sw = quarter ? H : W;
  const sh = quarter ? W : H;
  const data = Buffer.alloc(sw * sh * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // Where upright (x, y) is stored.
      const at: Record<number, [number, number]> = {
        1: [x, y], // row 0 top, column 0 left
        2: [W - 1 - x, y], // row 0 top, column 0 right
        3: [W - 1 - x, H - 1 - y], // row 0 bottom, column 0 right
        4: [x, H - 1 - y], // row 0 bottom, column 0 left
        5: [y, x], // row 0 left, column 0 top
        6: [y, W - 1 - x], // row 0 right, column 0 top
        7: [H - 1 - y, W - 1 - x], // row 0 right, column 0 bottom
        8: [H - 1 - y, x], // row 0 left, column 0 bottom
      };
      const [sx, sy] = at[o]!;
      data.set(upright(x, y), (sy * sw + sx) * 3);
    }
  }
  return { data, width: sw, height: sh };
}

/** A lavfi source of the upright picture (for videos), `seconds` long at 30 fps. */
export function pictureSource(seconds: number): string {
  const { width: W, height: H } = PICTURE;
  return `color=c=gray:s=${W}x${H}:r=30:d=${seconds},drawbox=x=0:y=0:w=${BLOCK}:h=${BLOCK}:c=red:t=fill,drawbox=x=${W - BLOCK}:y=0:w=${BLOCK}:h=${BLOCK}:c=lime:t=fill,drawbox=x=0:y=${H - BLOCK}:w=${BLOCK}:h=${BLOCK}:c=blue:t=fill`;
}

/** A rectangle of an image, in its pixels. */
export type Box = { x: number; y: number; width: number; height: number };

/**
 * What the picture shown in `box` of an image (`w` pixels wide, `channels` per pixel) has in its top-left,
 * top-right and bottom-left corners: R, G, B, or . for neither. It looks where the blocks' centres are (an
 * eighth of the width and three sixteenths of the height in), which lies inside a corner block whether the
 * picture is shown landscape or turned portrait, and away from edges that scaling and encoding blur.
 */
export function cornersOf(pixels: Uint8Array, w: number, box: Box, channels = 3): string {
  const at = (fx: number, fy: number) => {
    const x = Math.floor(box.x + fx * box.width);
    const y = Math.floor(box.y + fy * box.height);
    const i = (y * w + x) * channels;
    const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
    if (r > 180 && g < 90 && b < 90) return 'R';
    if (g > 180 && r < 90 && b < 90) return 'G';
    if (b > 180 && r < 90 && g < 90) return 'B';
    return '.';
  };
  return `${at(1 / 8, 3 / 16)}${at(7 / 8, 3 / 16)}${at(1 / 8, 13 / 16)}`;
}
