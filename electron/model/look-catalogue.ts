import { type ColourFn, type CubeLut, tabulate } from './cube-lut';

/**
 * The looks Postframe ships (docs/looks.md): each a colour function on encoded 0..1 RGB, written by
 * scripts/make-luts.ts to resources/luts/<id>.cube at SHIPPED_LUT_SIZE³ (a test holds the files to these
 * functions). Preview and export use the same tables (shippedLut), so a look cannot differ between them.
 */

export const SHIPPED_LUT_SIZE = 17;

const LR = 0.2126;
const LG = 0.7152;
const LB = 0.0722;
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
const luma = (r: number, g: number, b: number) => LR * r + LG * g + LB * b;
const sat = (r: number, g: number, b: number, k: number): [number, number, number] => {
  const y = luma(r, g, b);
  return [y + (r - y) * k, y + (g - y) * k, y + (b - y) * k];
};
/** A smooth S-curve about mid-grey: slope 1 + k in the middle, 1 − k at black and white, ends fixed. */
const smooth = (v: number, k: number) => clamp01(v - (k * Math.sin(2 * Math.PI * v)) / (2 * Math.PI));

const rgb = (r: number, g: number, b: number): [number, number, number] => [clamp01(r), clamp01(g), clamp01(b)];

export const shippedLooks = [
  {
    id: 'warm',
    /** Golden-hour: reds up, blues down, a touch of lift in the shadows. */
    fn: ((r, g, b) => rgb(r * 1.06 + 0.02, g * 1.01 + 0.01, b * 0.86)) as ColourFn,
  },
  {
    id: 'cool',
    /** Crisp daylight blue: blues up, reds down. */
    fn: ((r, g, b) => rgb(r * 0.9, g * 0.99 + 0.01, b * 1.06 + 0.03)) as ColourFn,
  },
  {
    id: 'fade',
    /** Matte film print: blacks lifted, whites softened, a little less colour. */
    fn: ((r, g, b) => {
      const [sr, sg, sb] = sat(r, g, b, 0.8);
      return rgb(0.08 + 0.86 * sr, 0.07 + 0.86 * sg, 0.09 + 0.84 * sb);
    }) as ColourFn,
  },
  {
    id: 'mono',
    /** Black and white with a soft contrast curve. */
    fn: ((r, g, b) => {
      const y = smooth(luma(r, g, b), 0.6);
      return rgb(y, y, y);
    }) as ColourFn,
  },
  {
    id: 'punch',
    /** More colour and contrast, highlights kept. */
    fn: ((r, g, b) => {
      const [sr, sg, sb] = sat(r, g, b, 1.35);
      return rgb(smooth(sr, 0.5), smooth(sg, 0.5), smooth(sb, 0.5));
    }) as ColourFn,
  },
  {
    id: 'teal-orange',
    /** Blockbuster: shadows toward teal, skin and highlights toward orange. */
    fn: ((r, g, b) => {
      const y = luma(r, g, b);
      const w = clamp01((y - 0.2) / 0.6);
      const [sr, sg, sb] = sat(r, g, b, 1.1);
      return rgb(sr + (w - 0.5) * 0.12, sg + 0.01, sb - (w - 0.5) * 0.16);
    }) as ColourFn,
  },
] as const;

export type ShippedLookId = (typeof shippedLooks)[number]['id'];
export const shippedLookIds: readonly ShippedLookId[] = shippedLooks.map((l) => l.id);

export function isShippedLook(id: string): id is ShippedLookId {
  return (shippedLookIds as readonly string[]).includes(id);
}

const tables = new Map<string, CubeLut>();
/** The shipped look's table as resources/luts/<id>.cube holds it; null for an id that is not shipped. */
export function shippedLut(id: string): CubeLut | null {
  const look = shippedLooks.find((l) => l.id === id);
  if (!look) return null;
  let t = tables.get(id);
  if (!t) tables.set(id, (t = tabulate(SHIPPED_LUT_SIZE, look.fn, look.id)));
  return t;
}
