/**
 * Which YUV matrix and range a video's pixels are coded with, and how the export brings them to the one scale
 * the rest of the graph assumes: limited-range BT.709 (docs/renderer.md "Colour"). The preview is Chromium,
 * which decodes each video with the matrix it is tagged with; the export must do the same, or saturated colours
 * shift between preview and export and a chroma key picked in the preview misses.
 */

/** The matrices handled: BT.709 (HD) and BT.601 (SD: smpte170m, bt470bg). */
export type ColourMatrix = 'bt709' | 'bt601';
/** A video's coded colour, as the preview decodes it. */
export type VideoColour = { matrix: ColourMatrix; fullRange: boolean };

/** What ffprobe says of a video stream: `color_space`, `color_range`, and its coded (stored) height. */
export type ProbedColour = { colorSpace: string | null; colorRange: string | null; codedHeight: number | null };

/**
 * Chromium's guess for a video tagged with no matrix: BT.709 from a coded height of 720 up, else BT.601 (checked
 * with untagged H.264 in Chromium, 2026-12-06: 960x540, 720x576 and 640x480 decode as smpte170m; 540x960,
 * 700x1000, 1080x720, 1280x720 and 1920x1080 as bt709). The stored height counts, before any rotation.
 */
export const HD_CODED_HEIGHT = 720;

const BT601_NAMES = new Set(['smpte170m', 'bt470bg']);

/** The matrix Chromium decodes an untagged video with (HD_CODED_HEIGHT); unknown height: BT.709, as before. */
export function untaggedMatrix(codedHeight: number | null): ColourMatrix {
  return codedHeight !== null && codedHeight < HD_CODED_HEIGHT ? 'bt601' : 'bt709';
}

/**
 * The colour a video is decoded with, from its probe. A matrix other than BT.709 or BT.601 (BT.2020, which
 * brings HDR transfer curves this export does not map, fcc, smpte240m) is left as BT.709, as before.
 */
export function videoColour(p: ProbedColour): VideoColour {
  const tagged = p.colorSpace !== null && p.colorSpace !== 'unknown' && p.colorSpace !== '';
  const matrix: ColourMatrix = tagged
    ? (BT601_NAMES.has(p.colorSpace!) ? 'bt601' : 'bt709')
    : untaggedMatrix(p.codedHeight);
  return { matrix, fullRange: p.colorRange === 'pc' };
}

/** ffprobe `-show_entries stream=height,color_space,color_range -of default=nw=1` → ProbedColour. */
export function parseProbedColour(text: string): ProbedColour {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    // The first stream's values only (one stream is asked for; a key seen again is not replaced).
    if (eq > 0 && !values.has(line.slice(0, eq).trim())) values.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  const known = (k: string) => {
    const v = values.get(k);
    return v === undefined || v === '' || v === 'unknown' || v === 'N/A' ? null : v;
  };
  const h = Number(known('height'));
  return { colorSpace: known('color_space'), colorRange: known('color_range'), codedHeight: Number.isInteger(h) && h > 0 ? h : null };
}

/** True when the video's pixels are not already limited-range BT.709 (the export converts them). */
export function needsConversion(c: VideoColour | undefined): c is VideoColour {
  return c !== undefined && (c.matrix !== 'bt709' || c.fullRange);
}

/**
 * Filters that bring a video's pixels to limited-range BT.709, first in its chain (before look, key, crop and
 * placement). Empty when they already are (or nothing is known of them), so those graphs stay as they were.
 * The matrix is changed by `colorspace` with `fast=1` (the matrix alone: Chromium shows BT.601 footage with its
 * matrix but does not map its primaries either); swscale's 4:2:0 → 4:2:0 matrix change was 3 code values off on
 * saturated red. Full range is first brought to limited range by swscale, which `colorspace` then reads.
 */
export function toBt709Filters(c: VideoColour | undefined): string[] {
  if (!needsConversion(c)) return [];
  const range = c.fullRange ? ['scale=in_range=pc:out_range=tv', 'format=yuv420p'] : [];
  if (c.matrix === 'bt709') return range;
  const ispace = 'bt470bg';
  return [
    ...range,
    // Every input property spelled out: the frames' own tags are not trusted (untagged SD has none), and equal
    // primaries and transfer on both sides keep the conversion to the matrix.
    `colorspace=ispace=${ispace}:space=bt709:iprimaries=bt709:primaries=bt709:itrc=bt709:trc=bt709:irange=tv:range=tv:fast=1`,
  ];
}

/**
 * Output options that tag a file's matrix (with primaries and transfer of the same standard, as cameras write
 * them), so a player or Chromium decodes it with that matrix rather than guessing from its size.
 */
export function matrixTags(matrix: ColourMatrix): string[] {
  const name = matrix === 'bt601' ? 'smpte170m' : 'bt709';
  return ['-colorspace', name, '-color_primaries', name, '-color_trc', name];
}

/** Output options that tag an export's video as limited-range BT.709, what its pixels are. */
export const BT709_OUTPUT_TAGS: readonly string[] = [...matrixTags('bt709'), '-color_range', 'tv'];
