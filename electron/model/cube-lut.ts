import { AppError } from './errors';

/**
 * 3D LUTs in the Adobe/Resolve `.cube` text format (docs/looks.md "LUT format"): the shipped looks
 * (resources/luts, written by scripts/make-luts.ts), the table a clip's look is baked into for ffmpeg's `lut3d`,
 * and the same table sampled by the preview. Pure: text in, numbers out.
 *
 * Read: `TITLE`, `LUT_3D_SIZE n` (2..65), `DOMAIN_MIN`/`DOMAIN_MAX` (three numbers each; the input is mapped
 * from that range to 0..1), comments (`#`) and blank lines; then n³ lines of three numbers, red changing
 * fastest. 1D LUTs (`LUT_1D_SIZE`) and other keywords are refused with a message saying so.
 */

export type CubeLut = {
  size: number;
  /** n³ × 3 output values, red fastest: index ((b·n + g)·n + r)·3. */
  data: Float32Array;
  title: string | null;
};

export const CUBE_SIZE_MIN = 2;
export const CUBE_SIZE_MAX = 65;

const bad = (msg: string) => new AppError('invalid_input', `This is not a LUT Postframe can use: ${msg}. Export a 3D .cube LUT (LUT_3D_SIZE up to ${CUBE_SIZE_MAX}) from your grading app and import it again.`);

function numbers(parts: string[], count: number, line: number): number[] {
  if (parts.length !== count) throw bad(`line ${line} should have ${count} numbers`);
  return parts.map((p) => {
    const v = Number(p);
    if (!Number.isFinite(v) || p === '') throw bad(`line ${line} has "${p}", which is not a number`);
    return v;
  });
}

export function parseCube(text: string): CubeLut {
  let size = 0;
  let title: string | null = null;
  let min = [0, 0, 0];
  let max = [1, 1, 1];
  const values: number[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const [word, ...rest] = line.split(/\s+/);
    if (/^[A-Z_0-9]+$/.test(word!) && !/^[0-9]/.test(word!)) {
      if (values.length > 0) throw bad(`the keyword ${word} on line ${i + 1} comes after the table started`);
      if (word === 'TITLE') title = line.slice(5).trim().replace(/^"(.*)"$/, '$1');
      else if (word === 'LUT_3D_SIZE') {
        const [n] = numbers(rest, 1, i + 1);
        if (!Number.isInteger(n) || n! < CUBE_SIZE_MIN || n! > CUBE_SIZE_MAX) throw bad(`LUT_3D_SIZE ${rest[0]} is not a whole number from ${CUBE_SIZE_MIN} to ${CUBE_SIZE_MAX}`);
        size = n!;
      } else if (word === 'DOMAIN_MIN') min = numbers(rest, 3, i + 1);
      else if (word === 'DOMAIN_MAX') max = numbers(rest, 3, i + 1);
      else if (word === 'LUT_1D_SIZE') throw bad('it is a 1D LUT (only 3D LUTs are supported)');
      else if (word === 'LUT_3D_INPUT_RANGE') {
        const [lo, hi] = numbers(rest, 2, i + 1);
        min = [lo!, lo!, lo!];
        max = [hi!, hi!, hi!];
      } else throw bad(`line ${i + 1} has the unknown keyword ${word}`);
      continue;
    }
    values.push(...numbers(line.split(/\s+/), 3, i + 1));
  }
  if (size === 0) throw bad('it has no LUT_3D_SIZE line');
  if (min.some((m, c) => !(max[c]! > m))) throw bad('DOMAIN_MAX must be above DOMAIN_MIN');
  const want = size ** 3 * 3;
  if (values.length !== want) throw bad(`a ${size}³ LUT has ${size ** 3} rows, this one has ${values.length / 3}`);
  // Inputs in another domain are rescaled to 0..1 by resampling the table at the mapped points.
  const data = Float32Array.from(values);
  const lut: CubeLut = { size, data, title };
  if (min.every((m) => m === 0) && max.every((m) => m === 1)) return lut;
  return tabulate(size, (r, g, b) => sampleCube(lut, (r - min[0]!) / (max[0]! - min[0]!), (g - min[1]!) / (max[1]! - min[1]!), (b - min[2]!) / (max[2]! - min[2]!)), title);
}

export type ColourFn = (r: number, g: number, b: number) => readonly [number, number, number];

/** A size³ table of `fn` at the grid points (0..1 on each axis). */
export function tabulate(size: number, fn: ColourFn, title: string | null = null): CubeLut {
  const data = new Float32Array(size ** 3 * 3);
  const step = 1 / (size - 1);
  let o = 0;
  for (let b = 0; b < size; b++) {
    for (let g = 0; g < size; g++) {
      for (let r = 0; r < size; r++) {
        const out = fn(r * step, g * step, b * step);
        data[o++] = out[0];
        data[o++] = out[1];
        data[o++] = out[2];
      }
    }
  }
  return { size, data, title };
}

/** Six decimals: far finer than an 8- or 10-bit step, and what ffmpeg reads back exactly enough. */
export function writeCube(lut: CubeLut): string {
  const rows: string[] = [];
  if (lut.title) rows.push(`TITLE "${lut.title.replace(/"/g, "'")}"`);
  rows.push(`LUT_3D_SIZE ${lut.size}`, 'DOMAIN_MIN 0 0 0', 'DOMAIN_MAX 1 1 1');
  const f = (v: number) => {
    const s = (Math.round(v * 1e6) / 1e6).toFixed(6);
    return s === '-0.000000' ? '0.000000' : s;
  };
  for (let i = 0; i < lut.data.length; i += 3) rows.push(`${f(lut.data[i]!)} ${f(lut.data[i + 1]!)} ${f(lut.data[i + 2]!)}`);
  return `${rows.join('\n')}\n`;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * The table at an input colour (0..1 each, clamped), by trilinear interpolation between the 8 grid points
 * around it: what ffmpeg's `lut3d=interp=trilinear` computes.
 */
export function sampleCube(lut: CubeLut, r: number, g: number, b: number): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  sampleInto(lut, r, g, b, out);
  return out;
}

/** sampleCube writing into `out` (no allocation: the preview calls it for every pixel). */
export function sampleInto(lut: CubeLut, r: number, g: number, b: number, out: [number, number, number] | Float32Array): void {
  const n = lut.size;
  const d = lut.data;
  const m = n - 1;
  const x = clamp01(r) * m;
  const y = clamp01(g) * m;
  const z = clamp01(b) * m;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const z0 = Math.floor(z);
  const x1 = x0 < m ? x0 + 1 : m;
  const y1 = y0 < m ? y0 + 1 : m;
  const z1 = z0 < m ? z0 + 1 : m;
  const fx = x - x0;
  const fy = y - y0;
  const fz = z - z0;
  const i000 = ((z0 * n + y0) * n + x0) * 3;
  const i100 = ((z0 * n + y0) * n + x1) * 3;
  const i010 = ((z0 * n + y1) * n + x0) * 3;
  const i110 = ((z0 * n + y1) * n + x1) * 3;
  const i001 = ((z1 * n + y0) * n + x0) * 3;
  const i101 = ((z1 * n + y0) * n + x1) * 3;
  const i011 = ((z1 * n + y1) * n + x0) * 3;
  const i111 = ((z1 * n + y1) * n + x1) * 3;
  for (let c = 0; c < 3; c++) {
    const c00 = d[i000 + c]! + (d[i100 + c]! - d[i000 + c]!) * fx;
    const c10 = d[i010 + c]! + (d[i110 + c]! - d[i010 + c]!) * fx;
    const c01 = d[i001 + c]! + (d[i101 + c]! - d[i001 + c]!) * fx;
    const c11 = d[i011 + c]! + (d[i111 + c]! - d[i011 + c]!) * fx;
    const c0 = c00 + (c10 - c00) * fy;
    const c1 = c01 + (c11 - c01) * fy;
    out[c] = c0 + (c1 - c0) * fz;
  }
}
