import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTextStyle, type TextStyle } from '../model/draft';
import { textLayerPath } from '../render/text';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';
import { bundledFontsDir } from './text-fonts';

// Colour emoji and Nordic letters in text layers, through a real Studio and its text rasteriser process, which
// sees the bundled fonts (resources/fonts: DejaVu, Twemoji Mozilla). White text without outline or box, so every
// coloured pixel in the layer is an emoji's.

const canvas = { width: 1080, height: 1920 };
const style: TextStyle = { ...defaultTextStyle, font: 'DejaVu Sans', size: 120, color: '#ffffff', bold: true, italic: false, stroke: null, box: null, align: 'center' };
const layer = (words: string) => ({ text: words, style, x: 0.5, y: 0.5, maxWidth: 0.95 });

let t: TempStudio;
beforeAll(async () => {
  t = await openTempStudio('pf-emoji-');
});
afterAll(() => t.close());

type Px = { r: number; g: number; b: number; a: number };
async function pixels(file: string) {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number): Px => {
    const i = (y * info.width + x) * 4;
    return { r: data[i]!, g: data[i + 1]!, b: data[i + 2]!, a: data[i + 3]! };
  };
  return { width: info.width, height: info.height, at };
}
/** HSV saturation: 0 for white/grey, 1 for a pure hue. */
const saturation = (p: Px) => {
  const max = Math.max(p.r, p.g, p.b);
  return max === 0 ? 0 : (max - Math.min(p.r, p.g, p.b)) / max;
};

describe('colour emoji and Nordic letters in text layers', () => {
  it('ships the fonts it draws with (npm install runs scripts/bundle-fonts.mjs)', () => {
    const dir = bundledFontsDir();
    expect(dir, 'resources/fonts is missing: run npm install').not.toBeNull();
    expect(fs.existsSync(path.join(dir!, 'TwemojiMozilla.ttf')), 'TwemojiMozilla.ttf is missing from resources/fonts: run npm install').toBe(true);
    expect(fs.existsSync(path.join(dir!, 'LICENSE-Twemoji.txt'))).toBe(true);
  });

  it('draws “Hej ✨🎉 Åsa ø” with the emoji in colour between white words', async () => {
    const r = await t.studio.api['text.render']({ text: layer('Hej ✨🎉 Åsa ø'), canvas });
    const img = await pixels(textLayerPath(t.studio.rooms.folder.textCacheDir, r.key));
    let coloured = 0;
    let minX = img.width;
    let maxX = -1;
    const hues = new Set<string>();
    const whiteCols = new Set<number>();
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const p = img.at(x, y);
        if (p.a < 250) continue;
        if (saturation(p) > 0.5) {
          coloured++;
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          // ✨ is yellow-orange, 🎉 has red: both emoji are drawn, in their own colours.
          if (p.r > 200 && p.g > 140 && p.b < 110) hues.add('yellow');
          if (p.r > 170 && p.g < 90 && p.b < 110) hues.add('red');
        } else if (p.r > 240 && p.g > 240 && p.b > 240) whiteCols.add(x);
      }
    }
    // Two emoji at 120 px cover thousands of pixels; the old renderer (librsvg) drew none in colour.
    expect(coloured).toBeGreaterThan(3000);
    expect([...hues].sort()).toEqual(['red', 'yellow']);
    // The emoji sit between "Hej" and "Åsa ø": white ink on both sides of the coloured columns.
    const white = [...whiteCols];
    expect(white.some((x) => x < minX)).toBe(true);
    expect(white.some((x) => x > maxX)).toBe(true);
    // Nothing cut off: the layer is about as wide as its words (the emoji are about 1.2 em each).
    expect(r.width).toBeGreaterThan(700);
  });

  it('draws Å and ø with the bundled DejaVu Sans Bold, glyph for glyph the font file', async () => {
    const words = 'Åsa Øre ø';
    const r = await t.studio.api['text.render']({ text: layer(words), canvas });
    const drawn = await sharp(textLayerPath(t.studio.rooms.folder.textCacheDir, r.key)).ensureAlpha().extractChannel(3).png().toBuffer();
    const font = path.join(bundledFontsDir()!, 'DejaVuSans-Bold.ttf');
    const ref = await sharp({ text: { text: words, font: 'DejaVu Sans Bold 120px', fontfile: font, dpi: 72, rgba: true } }).ensureAlpha().extractChannel(3).png().toBuffer();
    const size = { width: 400, height: 100 };
    const a = await mask(drawn, size);
    const b = await mask(ref, size);
    expect(iou(a, b)).toBeGreaterThan(0.9);
    // And not the letters without their marks: "Asa Ore o" differs.
    const plain = await t.studio.api['text.render']({ text: layer('Asa Ore o'), canvas });
    const c = await mask(await sharp(textLayerPath(t.studio.rooms.folder.textCacheDir, plain.key)).ensureAlpha().extractChannel(3).png().toBuffer(), size);
    expect(iou(c, b)).toBeLessThan(iou(a, b) - 0.05);
  });
});

async function mask(img: Buffer, size: { width: number; height: number }): Promise<Uint8Array> {
  const { data } = await sharp(img).trim({ background: '#000000', threshold: 10 }).resize(size.width, size.height, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  return Uint8Array.from(data, (v) => (v > 127 ? 1 : 0));
}

function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    both += a[i]! & b[i]!;
    either += a[i]! | b[i]!;
  }
  return both / either;
}
