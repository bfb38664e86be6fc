/**
 * SSIM (Wang et al. 2004) of two RGBA pictures of the same size, on luma (Rec. 601 weights, as ffmpeg's ssim
 * filter reads the Y plane), over 8×8 windows with a stride of 4, standard constants (K1 0.01, K2 0.03, L 255).
 * For tests that hold two ways of drawing the same thing together (the preview's bitmap and the export).
 */
export function ssim(a: Uint8Array, b: Uint8Array, width: number, height: number, channels = 4): number {
  if (a.length !== b.length || a.length !== width * height * channels) throw new RangeError('ssim: pictures differ in size');
  const luma = (p: Uint8Array) => {
    const out = new Float64Array(width * height);
    for (let i = 0; i < out.length; i++) out[i] = 0.299 * p[i * channels]! + 0.587 * p[i * channels + 1]! + 0.114 * p[i * channels + 2]!;
    return out;
  };
  const ya = luma(a);
  const yb = luma(b);
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  const win = Math.min(8, width, height);
  let sum = 0;
  let count = 0;
  for (let y0 = 0; y0 + win <= height; y0 += 4) {
    for (let x0 = 0; x0 + win <= width; x0 += 4) {
      let ma = 0;
      let mb = 0;
      for (let y = y0; y < y0 + win; y++) {
        for (let x = x0; x < x0 + win; x++) {
          ma += ya[y * width + x]!;
          mb += yb[y * width + x]!;
        }
      }
      const n = win * win;
      ma /= n;
      mb /= n;
      let va = 0;
      let vb = 0;
      let cov = 0;
      for (let y = y0; y < y0 + win; y++) {
        for (let x = x0; x < x0 + win; x++) {
          const da = ya[y * width + x]! - ma;
          const db = yb[y * width + x]! - mb;
          va += da * da;
          vb += db * db;
          cov += da * db;
        }
      }
      va /= n - 1;
      vb /= n - 1;
      cov /= n - 1;
      sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      count++;
    }
  }
  return count ? sum / count : 1;
}
