import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTextStyle, type TextStyle } from '../model/draft';
import { alphaBounds, isTextLayerKey, rasterizeText, textLayerKey, type TextLayerInput } from './text';

// Real sharp + librsvg + fontconfig with the Debian fonts .ci/run installs (fonts-dejavu-core, fonts-liberation2).

const canvas = { width: 1080, height: 1920 };
const plain: TextStyle = { ...defaultTextStyle, size: 100, color: '#ffffff', bold: true, stroke: null, box: null };
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-text-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const layer = (o: Partial<TextLayerInput>): TextLayerInput => ({ text: 'Hello', style: plain, x: 0.5, y: 0.5, maxWidth: 0.9, ...o });

async function pixels(file: string) {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * 4;
    return { r: data[i]!, g: data[i + 1]!, b: data[i + 2]!, a: data[i + 3]! };
  };
  return { info, at, data };
}

const near = (p: { r: number; g: number; b: number }, hex: string, tol = 12) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return Math.abs(p.r - r!) <= tol && Math.abs(p.g - g!) <= tol && Math.abs(p.b - b!) <= tol;
};

describe('rasterizeText', () => {
  it('writes a trimmed PNG of plausible size whose block centre lands at (x·W, y·H)', async () => {
    const r = await rasterizeText(layer({ x: 0.25, y: 0.75 }), canvas, dir);
    expect(isTextLayerKey(r.key)).toBe(true);
    expect(r.path).toBe(path.join(dir, `${r.key}.png`));
    const meta = await sharp(r.path).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([r.width, r.height]);
    // "Hello" in DejaVu Sans Bold at 100 px: about 3 em wide, cap height to baseline about 0.73 em.
    expect(r.width).toBeGreaterThan(200);
    expect(r.width).toBeLessThan(400);
    expect(r.height).toBeGreaterThan(60);
    expect(r.height).toBeLessThan(130);
    // Trimmed: every edge row and column holds ink.
    const { data, info } = await sharp(r.path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(alphaBounds(data, info.width, info.height)).toEqual({ left: 0, top: 0, width: r.width, height: r.height });
    // The ink of "Hello" is horizontally symmetric about the block centre within a few pixels.
    expect(Math.abs(r.left + r.width / 2 - 0.25 * canvas.width)).toBeLessThan(6);
    expect(Math.abs(r.top + r.height / 2 - 0.75 * canvas.height)).toBeLessThan(20);
  });

  it('fills the glyphs with the text colour', async () => {
    const r = await rasterizeText(layer({ text: 'I', style: { ...plain, size: 200, color: '#ff8800' } }), canvas, dir);
    const { at, info } = await pixels(r.path);
    const c = at(Math.floor(info.width / 2), Math.floor(info.height / 2));
    expect(c.a).toBe(255);
    expect(near(c, '#ff8800')).toBe(true);
  });

  it('puts the box colour at the block centre, and the box is exactly the trimmed image', async () => {
    const style: TextStyle = { ...plain, size: 60, box: { color: '#2040c0', opacity: 1, padding: 40, radius: 0 } };
    // A space in the middle: the very centre of the block is box, not glyph.
    const r = await rasterizeText(layer({ text: 'ab cd', style, x: 0.5, y: 0.4 }), canvas, dir);
    const { at } = await pixels(r.path);
    const cx = Math.round(0.5 * canvas.width) - r.left;
    const cy = Math.round(0.4 * canvas.height) - r.top;
    expect(near(at(cx, cy), '#2040c0')).toBe(true);
    // Square corners: the top-left pixel is box; the box (not the glyphs) defines the image.
    expect(near(at(0, 0), '#2040c0')).toBe(true);
    expect(at(0, 0).a).toBe(255);
    expect(Math.abs(r.left + r.width / 2 - 540)).toBeLessThanOrEqual(1);
    expect(Math.abs(r.top + r.height / 2 - 768)).toBeLessThanOrEqual(1);
  });

  it('draws a translucent box at its opacity', async () => {
    const style: TextStyle = { ...plain, size: 60, box: { color: '#000000', opacity: 0.5, padding: 30, radius: 0 } };
    const r = await rasterizeText(layer({ text: 'x', style }), canvas, dir);
    const { at } = await pixels(r.path);
    expect(Math.abs(at(1, 1).a - 128)).toBeLessThanOrEqual(2);
  });

  it('outlines glyphs with the stroke colour at their edges while the fill stays inside', async () => {
    const style: TextStyle = { ...plain, size: 200, color: '#ffffff', stroke: { color: '#ff0000', width: 10 } };
    const r = await rasterizeText(layer({ text: 'I', style }), canvas, dir);
    const { at, info } = await pixels(r.path);
    const y = Math.floor(info.height / 2);
    const row = Array.from({ length: info.width }, (_, x) => at(x, y));
    const opaque = row.map((p, x) => ({ p, x })).filter(({ p }) => p.a === 255);
    const first = opaque[0]!;
    const last = opaque[opaque.length - 1]!;
    // Left and right edges are red (the outline), the middle is white (the fill).
    expect(near(first.p, '#ff0000', 40)).toBe(true);
    expect(near(last.p, '#ff0000', 40)).toBe(true);
    expect(near(row[Math.floor(info.width / 2)]!, '#ffffff')).toBe(true);
    // The outline is about `width` pixels thick on each side of the glyph.
    const redRun = opaque.findIndex(({ p }) => !near(p, '#ff0000', 60));
    expect(redRun).toBeGreaterThanOrEqual(7);
    expect(redRun).toBeLessThanOrEqual(13);
  });

  it('wraps at maxWidth of the canvas, and the whole block stays within it', async () => {
    const text = 'The quick brown fox jumps over the lazy dog again and again';
    const r = await rasterizeText(layer({ text, maxWidth: 0.5 }), canvas, dir);
    expect(r.width).toBeLessThanOrEqual(0.5 * canvas.width + 4);
    expect(r.height).toBeGreaterThan(3 * 100);
    const one = await rasterizeText(layer({ text, maxWidth: 1, style: { ...plain, size: 20 } }), canvas, dir);
    expect(one.height).toBeLessThan(40); // one line at 20 px
  });

  it('aligns lines left or right inside the block', async () => {
    const inkStart = async (align: TextStyle['align']) => {
      const r = await rasterizeText(layer({ text: 'WWWWWW\nI', style: { ...plain, align } }), canvas, dir);
      const { at, info } = await pixels(r.path);
      const y = info.height - Math.round(0.35 * 100); // inside the "I" of the second line
      const xs = Array.from({ length: info.width }, (_, x) => x).filter((x) => at(x, y).a > 128);
      return { first: xs[0]!, last: xs[xs.length - 1]!, width: info.width };
    };
    const left = await inkStart('left');
    const right = await inkStart('right');
    const center = await inkStart('center');
    expect(left.first).toBeLessThan(30);
    expect(right.last).toBeGreaterThan(right.width - 30);
    expect(Math.abs((center.first + center.last) / 2 - center.width / 2)).toBeLessThan(10);
  });

  it('draws emoji and XML specials without failing', async () => {
    const r = await rasterizeText(layer({ text: `<b>"Tom" & 'Jerry'</b> 😀👍🏽` }), canvas, dir);
    expect(r.width).toBeGreaterThan(500);
  });

  it('leaves text where it is put, even off the canvas', async () => {
    const r = await rasterizeText(layer({ x: 1.5, y: -0.5 }), canvas, dir);
    expect(r.left).toBeGreaterThan(canvas.width);
    expect(r.top + r.height).toBeLessThan(0);
  });

  it('gives spaces-only text a 1×1 transparent image at the centre', async () => {
    const r = await rasterizeText(layer({ text: '   ' }), canvas, dir);
    expect([r.width, r.height, r.left, r.top]).toEqual([1, 1, 540, 960]);
    const { at } = await pixels(r.path);
    expect(at(0, 0).a).toBe(0);
  });

  it('reuses the cached PNG (same key, file not rewritten) and moves it for a new position', async () => {
    const input = layer({ text: 'Cache me' });
    const first = await rasterizeText(input, canvas, dir);
    const before = fs.statSync(first.path);
    const again = await rasterizeText(input, canvas, dir);
    const moved = await rasterizeText({ ...input, x: 0.1 }, canvas, dir);
    const after = fs.statSync(first.path);
    expect(again).toEqual(first);
    expect(moved.key).toBe(first.key);
    expect(moved.left).toBe(first.left - Math.round(0.4 * canvas.width));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('keys by content: canvas size, text, style and maxWidth change the key', () => {
    const base = layer({});
    const k = textLayerKey(base, canvas);
    expect(textLayerKey(base, { width: 1080, height: 1080 })).not.toBe(k);
    expect(textLayerKey({ ...base, text: 'Hello!' }, canvas)).not.toBe(k);
    expect(textLayerKey({ ...base, style: { ...plain, italic: true } }, canvas)).not.toBe(k);
    expect(textLayerKey({ ...base, style: { ...plain, box: { color: '#000000', opacity: 0.5, padding: 10, radius: 0 } } }, canvas)).not.toBe(k);
    expect(textLayerKey({ ...base, maxWidth: 0.5 }, canvas)).not.toBe(k);
    const placed = { ...base, x: 0.1, y: 0.9 }; // position is not part of the image
    expect(textLayerKey(placed, canvas)).toBe(k);
  });

  it('renders a different image for a different canvas size', async () => {
    const a = await rasterizeText(layer({ text: 'Size' }), canvas, dir);
    const b = await rasterizeText(layer({ text: 'Size' }), { width: 1080, height: 1080 }, dir);
    expect(b.key).not.toBe(a.key);
    expect(fs.existsSync(b.path)).toBe(true);
  });

  it('renders once for concurrent identical requests and leaves no temporary files', async () => {
    const input = layer({ text: 'Concurrent' });
    const results = await Promise.all([1, 2, 3].map(() => rasterizeText(input, canvas, dir)));
    expect(new Set(results.map((r) => r.key)).size).toBe(1);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('re-renders when the sidecar is missing (a crash between the two writes)', async () => {
    const input = layer({ text: 'Half written' });
    const first = await rasterizeText(input, canvas, dir);
    fs.rmSync(path.join(dir, `${first.key}.json`));
    const again = await rasterizeText(input, canvas, dir);
    expect(again).toEqual(first);
    expect(fs.existsSync(path.join(dir, `${first.key}.json`))).toBe(true);
  });

  it('measures each font as drawn: a monospace line is wider than a proportional one of narrow letters', async () => {
    const mono = await rasterizeText(layer({ text: 'iiiiiiii', style: { ...plain, font: 'DejaVu Sans Mono' } }), canvas, dir);
    const sans = await rasterizeText(layer({ text: 'iiiiiiii', style: { ...plain, font: 'Liberation Sans' } }), canvas, dir);
    expect(mono.width).toBeGreaterThan(sans.width * 1.5);
  });

  it('refuses text too large to draw with a message that says what to do', async () => {
    const text = Array.from({ length: 200 }, () => 'word').join('\n');
    await expect(rasterizeText(layer({ text, style: { ...plain, size: 400 } }), canvas, dir)).rejects.toThrow(/Shorten it or make the font smaller/);
  });
});
