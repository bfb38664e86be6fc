import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { groupPairs, nearPairs } from '../electron/model/near-dup';
import type { Hashed } from '../electron/model/near-dup';

/**
 * A seeded set of varied pictures, some with near copies (resized, re-encoded, lightly cropped), for the
 * near-duplicate accuracy test and `npm run bench -- library`. Built into a folder on demand, never committed.
 */

export type NearDupSet = {
  /** Every file, originals and copies. */
  files: string[];
  /** file → the original it was copied from (originals map to themselves). */
  familyOf: Map<string, string>;
  originals: number;
  copies: number;
};

export type NearDupOptions = { count?: number; copyFraction?: number; seed?: number; concurrency?: number };

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['SALE', 'Nordic', 'summer', 'Launch', 'Åbo', 'coffee', 'NEW', 'drop', 'Fika', 'studio', 'hello', 'brand', 'VIBES', 'night', 'Mökki', 'run'];

function colour(r: () => number): string {
  return `rgb(${Math.floor(r() * 256)},${Math.floor(r() * 256)},${Math.floor(r() * 256)})`;
}

/** An SVG picture: a gradient ground, 3–9 shapes, sometimes a word. */
function pictureSvg(r: () => number, w: number, h: number): string {
  const parts: string[] = [];
  const radial = r() < 0.4;
  const grad = radial
    ? `<radialGradient id="g" cx="${r()}" cy="${r()}" r="${0.4 + r()}"><stop offset="0" stop-color="${colour(r)}"/><stop offset="1" stop-color="${colour(r)}"/></radialGradient>`
    : `<linearGradient id="g" x1="${r()}" y1="${r()}" x2="${r()}" y2="${r()}"><stop offset="0" stop-color="${colour(r)}"/><stop offset="1" stop-color="${colour(r)}"/></linearGradient>`;
  parts.push(`<defs>${grad}</defs><rect width="${w}" height="${h}" fill="url(#g)"/>`);
  const shapes = 3 + Math.floor(r() * 7);
  for (let s = 0; s < shapes; s++) {
    const fill = colour(r);
    const op = (0.5 + r() * 0.5).toFixed(2);
    const x = r() * w;
    const y = r() * h;
    const size = (0.08 + r() * 0.4) * Math.min(w, h);
    const kind = Math.floor(r() * 4);
    if (kind === 0) parts.push(`<circle cx="${x}" cy="${y}" r="${size / 2}" fill="${fill}" opacity="${op}"/>`);
    else if (kind === 1) parts.push(`<rect x="${x - size / 2}" y="${y - size / 3}" width="${size}" height="${size * (0.3 + r())}" fill="${fill}" opacity="${op}" transform="rotate(${Math.floor(r() * 90)} ${x} ${y})"/>`);
    else if (kind === 2) {
      const pts = Array.from({ length: 3 + Math.floor(r() * 3) }, () => `${(x + (r() - 0.5) * size * 2).toFixed(1)},${(y + (r() - 0.5) * size * 2).toFixed(1)}`).join(' ');
      parts.push(`<polygon points="${pts}" fill="${fill}" opacity="${op}"/>`);
    } else parts.push(`<line x1="${x}" y1="${y}" x2="${r() * w}" y2="${r() * h}" stroke="${fill}" stroke-width="${2 + r() * 20}" opacity="${op}"/>`);
  }
  if (r() < 0.5) {
    const word = WORDS[Math.floor(r() * WORDS.length)]!;
    parts.push(`<text x="${(0.05 + r() * 0.3) * w}" y="${(0.3 + r() * 0.6) * h}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${Math.floor((0.08 + r() * 0.12) * w)}" fill="${colour(r)}">${word}</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`;
}

/** Grain over the picture, so the files are textured like photos rather than flat vector art. */
function noise(r: () => number, w: number, h: number, strength: number): Buffer {
  const buf = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const v = Math.floor(r() * 256);
    buf[i * 4] = v;
    buf[i * 4 + 1] = v;
    buf[i * 4 + 2] = v;
    buf[i * 4 + 3] = strength;
  }
  return buf;
}

/** Makes the set in `dir` (created): `count` files in all, of which about `copyFraction` are near copies. */
export async function buildNearDupSet(dir: string, opts: NearDupOptions = {}): Promise<NearDupSet> {
  const count = opts.count ?? 1000;
  const copies = Math.round(count * (opts.copyFraction ?? 0.2));
  const originals = count - copies;
  const r = seeded(opts.seed ?? 20261210);
  await fs.mkdir(dir, { recursive: true });
  type Plan = { file: string; make: () => Promise<void>; family: string };
  const plans: Plan[] = [];
  const originalFiles: { file: string; w: number; h: number }[] = [];
  for (let i = 0; i < originals; i++) {
    const w = 320 + Math.floor(r() * 400);
    const h = 320 + Math.floor(r() * 400);
    const jpeg = r() < 0.5;
    const file = path.join(dir, `img-${String(i).padStart(4, '0')}.${jpeg ? 'jpg' : 'png'}`);
    const svg = pictureSvg(r, w, h);
    const grain = noise(r, w, h, 10 + Math.floor(r() * 30));
    originalFiles.push({ file, w, h });
    plans.push({
      file,
      family: file,
      make: async () => {
        const img = sharp(Buffer.from(svg)).composite([{ input: grain, raw: { width: w, height: h, channels: 4 } }]);
        await (jpeg ? img.jpeg({ quality: 92 }) : img.png({ compressionLevel: 1 })).toFile(file);
      },
    });
  }
  // Copies: each of a distinct original, made after the originals exist.
  const copyPlans: Plan[] = [];
  const picked = new Set<number>();
  for (let c = 0; c < copies && picked.size < originals; c++) {
    let o = Math.floor(r() * originals);
    while (picked.has(o)) o = (o + 1) % originals;
    picked.add(o);
    const src = originalFiles[o]!;
    const crop = r() < 0.6 ? [r(), r(), r(), r()].map((f) => f * 0.05) : [0, 0, 0, 0];
    const scale = r() < 0.7 ? 0.4 + r() * 0.5 : 1;
    const toJpeg = src.file.endsWith('.png') || r() < 0.5;
    const quality = 60 + Math.floor(r() * 31);
    const file = path.join(dir, `copy-${String(c).padStart(4, '0')}.${toJpeg ? 'jpg' : 'png'}`);
    copyPlans.push({
      file,
      family: src.file,
      make: async () => {
        const [l, t, rt, b] = crop as [number, number, number, number];
        const left = Math.floor(src.w * l);
        const top = Math.floor(src.h * t);
        const width = src.w - left - Math.floor(src.w * rt);
        const height = src.h - top - Math.floor(src.h * b);
        let img = sharp(src.file).extract({ left, top, width, height });
        if (scale !== 1) img = img.resize(Math.max(16, Math.round(width * scale)));
        await (toJpeg ? img.jpeg({ quality }) : img.png()).toFile(file);
      },
    });
  }
  const run = async (list: Plan[]) => {
    let next = 0;
    await Promise.all(Array.from({ length: opts.concurrency ?? 2 }, async () => {
      while (next < list.length) await list[next++]!.make();
    }));
  };
  await run(plans);
  await run(copyPlans);
  const all = [...plans, ...copyPlans];
  return { files: all.map((p) => p.file), familyOf: new Map(all.map((p) => [p.file, p.family])), originals, copies: copyPlans.length };
}

/** Precision and recall of the grouping over the set's known families (pairs in one group count as found). */
export function nearDupAccuracy(set: NearDupSet, sigs: Hashed[]): { precision: number; recall: number; truePairs: number; foundPairs: number } {
  const groups = groupPairs(sigs.length, nearPairs(sigs));
  const found = new Set<string>();
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) found.add(`${g[i]}-${g[j]}`);
  const family = set.files.map((f) => set.familyOf.get(f)!);
  let truePairs = 0;
  let hits = 0;
  for (let i = 0; i < family.length; i++) {
    for (let j = i + 1; j < family.length; j++) {
      if (family[i] !== family[j]) continue;
      truePairs++;
      if (found.has(`${i}-${j}`)) hits++;
    }
  }
  const correct = [...found].filter((k) => {
    const [i, j] = k.split('-').map(Number) as [number, number];
    return family[i] === family[j];
  }).length;
  return { precision: found.size ? correct / found.size : 1, recall: truePairs ? hits / truePairs : 1, truePairs, foundPairs: found.size };
}

