import fs from 'node:fs/promises';
import path from 'node:path';
import type { CaptionBox, CaptionState } from '../model/caption-style';
import type { TextStyle } from '../model/draft';
import { loadSharp } from '../media/sharp';
import { type Anchor, type CanvasSize, alphaBounds, wordMeasure } from './text-draw';
import { findLine, lineMarkupAround, pangoFont } from './text-line';
import { alphaOf, outlineAlpha, paintOver, type Rgba, tint } from './text-pixels';
import { escapeXml, LINE_HEIGHT, sanitizeText, textBlock, type VerticalMetrics, words, wrapLines } from './text-svg';
import { writeAtomic } from '../media/write-atomic';

/**
 * Drawing the states of one caption cue (model/caption-style.ts) with the text rasteriser that draws titles:
 * the same measuring, wrapping, Pango lines, outline and box (text-draw.ts), so a caption looks like a title in
 * the same style, in the preview and in the export alike.
 *
 * Every state of a cue has the same layout (a word lit or hidden never moves the others), so the cue is laid out
 * once and each word is drawn once by Pango *in its place in its line*: the line's markup with every other word
 * at alpha 1/65536 (nothing after 8 bits, but laid out, the trick the struts of text-line.ts use), so each word's
 * pixels come back in the line's own coordinates, kerning and shaping included. A state is then composed from
 * those pieces in memory: words shown or not, lit (recoloured), scaled about their centre (pop-in), the outline
 * grown from what is shown, a box behind the whole cue (the style's) or behind the spoken line (line-box).
 * One request per cue, so the rasteriser's process draws each word once for all its states.
 */

/** Bump when caption drawing changes, so cached PNGs from an older Postframe are not reused. */
export const CAPTION_LAYER_VERSION = 1;

export type CaptionLook = {
  style: TextStyle;
  highlightColor: string;
  activeBox: CaptionBox;
  /** Wrap width, a fraction of the canvas width. */
  maxWidth: number;
};

/** One cue to draw: its text, its look, and the states wanted (each written to `<cacheDir>/<key>.png` + `.json`). */
export type CaptionDrawRequest = {
  text: string;
  look: CaptionLook;
  canvas: CanvasSize;
  cacheDir: string;
  metrics: VerticalMetrics;
  states: { key: string; state: CaptionState }[];
};

/** A drawn state: trimmed like a text layer (`centerX`/`centerY`: the block's centre in it) plus the block's height, for anchoring. */
export type CaptionAnchor = Anchor & { blockHeight: number };

type Piece = { image: Rgba; left: number; top: number };
type LineLayout = { words: number[]; pieces: (Piece | null)[]; left: number; top: number; width: number; height: number; baseline: number };

/** Which token of the cue each word of each wrapped line is (a token too long for a line spans several lines). */
export function tokenLines(tokens: readonly string[], lines: readonly string[]): number[][] {
  let t = 0;
  let used = 0;
  return lines.map((line) =>
    words(line).map((w) => {
      while (t < tokens.length && used >= tokens[t]!.length) {
        t++;
        used = 0;
      }
      const index = Math.min(t, tokens.length - 1);
      used += w.length;
      return index;
    }),
  );
}

export async function drawCaptionStates(req: CaptionDrawRequest): Promise<CaptionAnchor[]> {
  const { look, canvas, metrics } = req;
  const style = look.style;
  const source = sanitizeText(req.text);
  const tokens = source.split(/\s+/).filter(Boolean);
  const inset = 2 * ((style.box?.padding ?? 0) + (style.stroke?.width ?? 0));
  const maxLine = Math.max(style.size, look.maxWidth * canvas.width - inset);
  const measure = await wordMeasure(source, style, maxLine);
  const wrapped = wrapLines(source, maxLine, measure);
  const owners = tokenLines(tokens, wrapped);

  const lines: LineLayout[] = [];
  for (let i = 0; i < wrapped.length; i++) lines.push(await drawLineWords(words(wrapped[i]!), owners[i]!, style));
  const block = textBlock(
    lines.map((l, i) => ({ text: wrapped[i]!, width: l.width })),
    style,
    metrics,
  );
  const sharp = await loadSharp();
  const rect = async (r: { x: number; y: number; width: number; height: number; radius: number }, box: CaptionBox): Promise<Rgba> => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${block.width}" height="${block.height}"><rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="${r.radius}" ry="${r.radius}" fill="${box.color}" fill-opacity="${box.opacity}"/></svg>`;
    const { data, info } = await sharp(Buffer.from(svg), { density: 72 }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  };
  const cueBox = block.box && style.box ? await rect(block.box, style.box) : null;
  // Where each line's pieces go in the block, as text-draw.ts places a line.
  const placed = block.lines.map((p, i) => {
    const l = lines[i]!;
    const left = Math.round(p.anchor === 'start' ? p.anchorX : p.anchor === 'end' ? p.anchorX - l.width : p.anchorX - l.width / 2);
    return { left, top: Math.round(p.baseline - l.baseline) };
  });
  const lineHeight = Math.round(style.size * LINE_HEIGHT);
  const lineBoxes = new Map<number, Rgba>();
  const lineBox = async (i: number): Promise<Rgba> => {
    const hit = lineBoxes.get(i);
    if (hit) return hit;
    const pad = look.activeBox.padding;
    const l = lines[i]!;
    const boxTop = placed[i]!.top + l.baseline - metrics.ascent * style.size;
    const r = { x: placed[i]!.left - pad, y: Math.round(boxTop - pad / 2), width: l.width + 2 * pad, height: Math.round((metrics.ascent + metrics.descent) * style.size + pad), radius: look.activeBox.radius };
    const img = await rect(r, look.activeBox);
    lineBoxes.set(i, img);
    return img;
  };

  const out: CaptionAnchor[] = [];
  for (const { key, state } of req.states) {
    const canvasImage: Rgba = cueBox ? { ...cueBox, data: cueBox.data.slice() } : { data: new Uint8Array(block.width * block.height * 4), width: block.width, height: block.height };
    if (state.boxWord !== null) {
      const i = lines.findIndex((l) => l.words.includes(state.boxWord!));
      if (i >= 0) paintOver(canvasImage, await lineBox(i), 0, 0);
    }
    lines.forEach((l, i) => {
      const composed = composeLine(l, state, style.color, look.highlightColor, style.size);
      if (!composed) return;
      const left = placed[i]!.left + composed.left;
      const top = placed[i]!.top + composed.top;
      if (style.stroke && style.stroke.width > 0) {
        const o = outlineAlpha(alphaOf(composed.image), composed.image.width, composed.image.height, style.stroke.width);
        paintOver(canvasImage, tint(o.alpha, o.width, o.height, style.stroke.color), left - o.pad, top - o.pad);
      }
      paintOver(canvasImage, composed.image, left, top);
    });
    const data = Buffer.from(canvasImage.data.buffer, canvasImage.data.byteOffset, canvasImage.data.length);
    const bounds = alphaBounds(data, canvasImage.width, canvasImage.height);
    const crop = bounds ?? { left: Math.floor(block.centerX), top: Math.floor(block.centerY), width: 1, height: 1 };
    const png = await sharp(data, { raw: { width: canvasImage.width, height: canvasImage.height, channels: 4 } }).extract(crop).png({ compressionLevel: 6 }).toBuffer();
    const anchor: CaptionAnchor = { width: crop.width, height: crop.height, centerX: block.centerX - crop.left, centerY: block.centerY - crop.top, blockHeight: lines.length * lineHeight + 2 * (style.box?.padding ?? 0) };
    await fs.mkdir(req.cacheDir, { recursive: true });
    await writeAtomic(path.join(req.cacheDir, `${key}.png`), png);
    await writeAtomic(path.join(req.cacheDir, `${key}.json`), JSON.stringify(anchor));
    out.push(anchor);
  }
  return out;
}

/**
 * Each word of one line drawn alone in its place (the others laid out but invisible), and the line's extent:
 * pieces are relative to the line's top-left, `baseline` in rows from its top.
 */
async function drawLineWords(lineWords: readonly string[], owners: readonly number[], style: TextStyle): Promise<LineLayout> {
  const sharp = await loadSharp();
  const drawn: ({ image: Rgba; left: number; top: number; baseline: number } | null)[] = [];
  for (let j = 0; j < lineWords.length; j++) {
    const inner = lineWords
      .map((w, k) => `<span foreground="${escapeXml(style.color)}"${k === j ? '' : ' fgalpha="1"'}>${escapeXml(w)}</span>`)
      .join(' ');
    const { data, info } = await sharp({ text: { text: lineMarkupAround(inner, style.size), font: pangoFont(style), dpi: 72, rgba: true } })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const rgba = new Uint8Array(data.buffer, data.byteOffset, data.length);
    const region = findLine(rgba, info.width, info.height);
    if (!region) {
      drawn.push(null);
      continue;
    }
    const { left, top, width, height } = region.crop;
    const img = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) img.set(rgba.subarray(((top + y) * info.width + left) * 4, ((top + y) * info.width + left + width) * 4), y * width * 4);
    drawn.push({ image: { data: img, width, height }, left, top, baseline: region.baseline + top });
  }
  const shown = drawn.filter((d) => d !== null);
  if (shown.length === 0) return { words: [...owners], pieces: drawn.map(() => null), left: 0, top: 0, width: 0, height: 0, baseline: 0 };
  const left = Math.min(...shown.map((d) => d.left));
  const top = Math.min(...shown.map((d) => d.top));
  const right = Math.max(...shown.map((d) => d.left + d.image.width));
  const bottom = Math.max(...shown.map((d) => d.top + d.image.height));
  return {
    words: [...owners],
    pieces: drawn.map((d) => (d ? { image: d.image, left: d.left - left, top: d.top - top } : null)),
    left,
    top,
    width: right - left,
    height: bottom - top,
    // Every piece was drawn with the same marker: any one's baseline is the line's.
    baseline: shown[0]!.baseline - top,
  };
}

/** One line of one state: its shown words, lit or scaled, on a canvas with room for a word scaled past the line. */
function composeLine(l: LineLayout, state: CaptionState, base: string, highlight: string, size: number): Piece | null {
  const shown = l.pieces.map((p, j) => (p && state.words[l.words[j]!]?.shown ? j : -1)).filter((j) => j >= 0);
  if (shown.length === 0) return null;
  const room = Math.ceil(size * 0.3);
  const out: Rgba = { data: new Uint8Array((l.width + 2 * room) * (l.height + 2 * room) * 4), width: l.width + 2 * room, height: l.height + 2 * room };
  for (const j of shown) {
    const p = l.pieces[j]!;
    const look = state.words[l.words[j]!]!;
    let img = look.highlighted ? recolour(p.image, base, highlight) : p.image;
    let x = p.left;
    let y = p.top;
    if (look.scale !== 1) {
      const scaled = scaleRgba(img, look.scale);
      x += Math.round((img.width - scaled.width) / 2);
      y += Math.round((img.height - scaled.height) / 2);
      img = scaled;
    }
    paintOver(out, img, x + room, y + room);
  }
  return { image: out, left: -room, top: -room };
}

/**
 * The word in the highlight colour: pixels of the text colour (within what anti-aliasing and 8-bit alpha leave
 * of it) take the new colour; others (a colour emoji's) keep theirs.
 */
export function recolour(img: Rgba, from: string, to: string): Rgba {
  const f = [1, 3, 5].map((i) => parseInt(from.slice(i, i + 2), 16));
  const t = [1, 3, 5].map((i) => parseInt(to.slice(i, i + 2), 16));
  const data = img.data.slice();
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!;
    if (a === 0) continue;
    const near = a < 96 || (Math.abs(data[i]! - f[0]!) <= 40 && Math.abs(data[i + 1]! - f[1]!) <= 40 && Math.abs(data[i + 2]! - f[2]!) <= 40);
    if (!near) continue;
    data[i] = t[0]!;
    data[i + 1] = t[1]!;
    data[i + 2] = t[2]!;
  }
  return { data, width: img.width, height: img.height };
}

/** Bilinear scaling of a straight-alpha image (colours weighted by alpha, so edges do not darken). */
export function scaleRgba(img: Rgba, k: number): Rgba {
  const width = Math.max(1, Math.round(img.width * k));
  const height = Math.max(1, Math.round(img.height * k));
  const data = new Uint8Array(width * height * 4);
  const at = (x: number, y: number, c: number) => img.data[(Math.min(img.height - 1, Math.max(0, y)) * img.width + Math.min(img.width - 1, Math.max(0, x))) * 4 + c]!;
  for (let y = 0; y < height; y++) {
    const sy = (y + 0.5) / k - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = (x + 0.5) / k - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const w = [(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy];
      const pts: [number, number][] = [[x0, y0], [x0 + 1, y0], [x0, y0 + 1], [x0 + 1, y0 + 1]];
      let a = 0;
      const rgb = [0, 0, 0];
      pts.forEach(([px, py], n) => {
        const pa = at(px, py, 3) * w[n]!;
        a += pa;
        for (let c = 0; c < 3; c++) rgb[c]! += at(px, py, c) * pa;
      });
      const o = (y * width + x) * 4;
      if (a > 0) for (let c = 0; c < 3; c++) data[o + c] = Math.round(rgb[c]! / a);
      data[o + 3] = Math.round(a);
    }
  }
  return { data, width, height };
}

