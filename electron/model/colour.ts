/**
 * Colour maths for colour search (docs/library-search.md): sRGB ⇄ CIELAB (D65) and ΔE. Pure, no I/O.
 *
 * Distances are CIE76 ΔE (Euclidean in Lab). It is what a box index can answer exactly (a sphere inside a
 * box), which keeps colour search fast at tens of thousands of assets; the tolerance slider absorbs its
 * known unevenness (saturated colours read a little "far" next to CIEDE2000).
 */

export type Lab = { l: number; a: number; b: number };
export type Rgb = { r: number; g: number; b: number };

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** '#e4002b', 'e4002b' or '#e02' → RGB 0–255; null when it is not a hex colour. */
export function parseHex(input: string): Rgb | null {
  const m = HEX.exec(input.trim());
  if (!m) return null;
  let h = m[1]!;
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const n = Number.parseInt(h, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export function toHex(c: Rgb): string {
  const part = (v: number) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
  return `#${part(c.r)}${part(c.g)}${part(c.b)}`;
}

/** sRGB transfer function, as a table: 256 entries instead of a pow() per pixel. */
const LINEAR = Float64Array.from({ length: 256 }, (_, i) => {
  const v = i / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
});

// D65 reference white.
const XN = 0.95047;
const YN = 1.0;
const ZN = 1.08883;
const EPS = 216 / 24389;
const KAPPA = 24389 / 27;

function f(t: number): number {
  return t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

function finv(t: number): number {
  const t3 = t * t * t;
  return t3 > EPS ? t3 : (116 * t - 16) / KAPPA;
}

function linearOf(v: number): number {
  const i = Math.max(0, Math.min(255, v));
  if (Number.isInteger(i)) return LINEAR[i]!;
  const x = i / 255;
  return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
}

/** sRGB (0–255 per channel; fractions allowed, e.g. averages) → CIELAB. */
export function rgbToLab(c: Rgb): Lab {
  const r = linearOf(c.r);
  const g = linearOf(c.g);
  const b = linearOf(c.b);
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN;
  const y = (0.2126729 * r + 0.7151522 * g + 0.072175 * b) / YN;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / ZN;
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** CIELAB → sRGB 0–255, clipped to the gamut (for showing a dominant colour as a swatch). */
export function labToRgb(c: Lab): Rgb {
  const fy = (c.l + 16) / 116;
  const fx = fy + c.a / 500;
  const fz = fy - c.b / 200;
  const x = finv(fx) * XN;
  const y = finv(fy) * YN;
  const z = finv(fz) * ZN;
  const lin = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
  const [r, g, b] = lin.map((v) => {
    const cl = Math.max(0, Math.min(1, v));
    return 255 * (cl <= 0.0031308 ? 12.92 * cl : 1.055 * cl ** (1 / 2.4) - 0.055);
  }) as [number, number, number];
  return { r, g, b };
}

export function hexToLab(hex: string): Lab | null {
  const rgb = parseHex(hex);
  return rgb ? rgbToLab(rgb) : null;
}

/** CIE76 colour difference. About 2.3 is "just noticeable"; 10 is clearly another shade; 30+ another colour. */
export function deltaE(p: Lab, q: Lab): number {
  const dl = p.l - q.l;
  const da = p.a - q.a;
  const db = p.b - q.b;
  return Math.sqrt(dl * dl + da * da + db * db);
}
