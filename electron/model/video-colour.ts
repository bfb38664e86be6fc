/**
 * Which YUV matrix and range a video's pixels are coded with, and how the export brings them to the one scale
 * the rest of the graph assumes: limited-range BT.709 (docs/renderer.md "Colour"). The preview is Chromium,
 * which decodes each video with the matrix it is tagged with; the export must do the same, or saturated colours
 * shift between preview and export and a chroma key picked in the preview misses.
 */

/** The matrices handled: BT.709 (HD), BT.601 (SD: smpte170m, bt470bg) and BT.2020 (HDR and wide-gamut phone footage). */
export type ColourMatrix = 'bt709' | 'bt601' | 'bt2020';
/**
 * A video's transfer: SDR, or one of the two HDR curves phones record (HLG: iPhone and most Android phones; PQ:
 * HDR10 and Dolby Vision's base layer).
 */
export type DynamicRange = 'sdr' | 'hlg' | 'pq';
/** A video's coded colour, as the preview decodes it. `dynamicRange` absent: SDR. */
export type VideoColour = { matrix: ColourMatrix; fullRange: boolean; dynamicRange?: DynamicRange };

/**
 * What ffprobe says of a video stream: `color_space`, `color_range`, `color_transfer`, `color_primaries` and its
 * coded (stored) height. Transfer and primaries absent: not read (SDR).
 */
export type ProbedColour = { colorSpace: string | null; colorRange: string | null; codedHeight: number | null; colorTransfer?: string | null; colorPrimaries?: string | null };

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

/** The dynamic range of a transfer curve as ffprobe names it (`color_transfer`); anything else is SDR. */
export function dynamicRangeOf(transfer: string | null | undefined): DynamicRange {
  if (transfer === 'arib-std-b67') return 'hlg';
  if (transfer === 'smpte2084') return 'pq';
  return 'sdr';
}

/**
 * The colour a video is decoded with, from its probe. BT.2020 is named by its matrix (`bt2020nc`, `bt2020c`) or,
 * when a file tags only its primaries, by those; other rare matrices (fcc, smpte240m) are left as BT.709.
 */
export function videoColour(p: ProbedColour): VideoColour {
  const tagged = p.colorSpace !== null && p.colorSpace !== 'unknown' && p.colorSpace !== '';
  const matrix: ColourMatrix = tagged
    ? BT601_NAMES.has(p.colorSpace!) ? 'bt601' : p.colorSpace!.startsWith('bt2020') ? 'bt2020' : 'bt709'
    : p.colorPrimaries === 'bt2020' ? 'bt2020' : untaggedMatrix(p.codedHeight);
  const dynamicRange = dynamicRangeOf(p.colorTransfer);
  return { matrix, fullRange: p.colorRange === 'pc', ...(dynamicRange === 'sdr' ? {} : { dynamicRange }) };
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
  return {
    colorSpace: known('color_space'),
    colorRange: known('color_range'),
    codedHeight: Number.isInteger(h) && h > 0 ? h : null,
    colorTransfer: known('color_transfer'),
    colorPrimaries: known('color_primaries'),
  };
}

/** True when the video's pixels are not already limited-range BT.709 (the export converts them). */
export function needsConversion(c: VideoColour | undefined): c is VideoColour {
  return c !== undefined && (c.matrix !== 'bt709' || c.fullRange || needsToneMap(c));
}

/**
 * True when a video must be mapped to SDR BT.709 before anything can show it as the export will: HDR (its
 * highlights are brighter than SDR white) or BT.2020 (wider primaries). Chromium has no one mapping for these
 * that ffmpeg can repeat, so the preview plays a proxy made with the export's own filters (model/proxy.ts).
 */
export function needsToneMap(c: VideoColour | null | undefined): boolean {
  return c !== null && c !== undefined && ((c.dynamicRange ?? 'sdr') !== 'sdr' || c.matrix === 'bt2020');
}

/**
 * SDR reference white, in nits, for HDR footage (ITU-R BT.2408: HLG's 75 % signal level, PQ's 203 nits). It is
 * mapped to SDR's 100 %, so faces and paper look as they do in the phone's own SDR copy.
 */
export const HDR_REFERENCE_WHITE_NITS = 203;
/**
 * The brightest highlight expected, in nits: HLG's nominal display peak, and the mastering peak of phone HDR10.
 * Highlights from reference white up to it are rolled off into the top of SDR's range instead of clipped.
 */
export const HDR_PEAK_NITS = 1000;
/** Where the highlight roll-off starts, as a share of SDR white: below it the picture is mapped unchanged. */
export const TONE_MAP_KNEE = 0.8;

const ZIMG_MATRIX: Record<ColourMatrix, string> = { bt709: '709', bt601: '470bg', bt2020: '2020_ncl' };
const ZIMG_PRIMARIES: Record<ColourMatrix, string> = { bt709: '709', bt601: '170m', bt2020: '2020' };
const ZIMG_TRANSFER: Record<DynamicRange, string> = { sdr: '709', hlg: 'arib-std-b67', pq: 'smpte2084' };

/**
 * Filters that map HDR or BT.2020 footage to limited-range 8-bit SDR BT.709 (nothing for other footage): to
 * linear light with reference white at 1.0, to BT.709 primaries, highlights rolled off above TONE_MAP_KNEE
 * (`tonemap=mobius`; its highlight desaturation left at ffmpeg's default), then BT.709's curve and matrix. Every
 * input property is spelled out from the probe (frames' own tags are not trusted). Used alike by the export,
 * proxies, reversed copies and posters, so the preview shows what the export makes.
 */
export function toneMapFilters(c: VideoColour | null | undefined): string[] {
  if (!c || !needsToneMap(c)) return [];
  const range = c.dynamicRange ?? 'sdr';
  const input = `tin=${ZIMG_TRANSFER[range]}:min=${ZIMG_MATRIX[c.matrix]}:pin=${ZIMG_PRIMARIES[c.matrix]}:rin=${c.fullRange ? 'full' : 'limited'}`;
  if (range === 'sdr') return [`zscale=${input}:t=709:m=709:p=709:r=limited`, 'format=yuv420p'];
  const peak = (HDR_PEAK_NITS / HDR_REFERENCE_WHITE_NITS).toFixed(4);
  return [
    `zscale=${input}:t=linear:npl=${HDR_REFERENCE_WHITE_NITS}`,
    'format=gbrpf32le',
    'zscale=p=709',
    `tonemap=mobius:param=${TONE_MAP_KNEE}:peak=${peak}`,
    'zscale=t=709:m=709:r=limited',
    'format=yuv420p',
  ];
}

/** The matrix a file made from this video keeps: BT.709 once it was tone-mapped, else the video's own. */
export function copyMatrix(c: VideoColour): Exclude<ColourMatrix, 'bt2020'> {
  return c.matrix === 'bt2020' || needsToneMap(c) ? 'bt709' : c.matrix;
}

/**
 * The colour of a copy made from this video (a proxy, a reversed copy): limited-range SDR BT.709 once tone-mapped;
 * else the video's own, whose YUV the copy keeps.
 */
export function copyColour(c: VideoColour): VideoColour {
  return needsToneMap(c) ? { matrix: 'bt709', fullRange: false } : c;
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
  if (needsToneMap(c)) return toneMapFilters(c);
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
export function matrixTags(matrix: Exclude<ColourMatrix, 'bt2020'>): string[] {
  const name = matrix === 'bt601' ? 'smpte170m' : 'bt709';
  return ['-colorspace', name, '-color_primaries', name, '-color_trc', name];
}

/** Output options that tag an export's video as limited-range BT.709, what its pixels are. */
export const BT709_OUTPUT_TAGS: readonly string[] = [...matrixTags('bt709'), '-color_range', 'tv'];

/**
 * The filters of a video's poster (a JPEG at most 1280 px wide, the grid's pictures are made from it): HDR footage
 * tone-mapped as its proxy and export are, then the video's own matrix converted to JPEG's (full-range BT.601).
 * Left to ffmpeg, BT.709 footage was read as BT.601 (red 220,30,30 became 200,8,30 in the poster and the grid).
 * `c` null (unknown): ffmpeg's own guess.
 */
export function posterFilters(c: VideoColour | null): string[] {
  const size = "scale='min(1280,iw)':-2";
  if (!c) return [size];
  return [...toneMapFilters(c), `${size}:${sdrInput(c)}:out_color_matrix=bt601:out_range=pc`, 'format=yuvj420p'];
}

/**
 * The filters of a freeze frame's still (a full-size RGB PNG, docs/reverse-freeze.md): HDR footage tone-mapped as
 * its proxy and export are, then the video's own matrix and range read into full-range RGB, so the still shows the
 * colours the preview showed for that frame. Left to ffmpeg, untagged HD footage was read as BT.601 (a frame's
 * green 15 levels up, next to the same frame as video). `c` null (unknown): ffmpeg's own guess.
 */
export function stillFilters(c: VideoColour | null): string[] {
  if (!c) return [];
  return [...toneMapFilters(c), `scale=${sdrInput(c)}:out_range=pc`, 'format=rgb24'];
}

/** swscale's reading of a video's pixels once tone-mapped (toneMapFilters): its SDR matrix and range. */
function sdrInput(c: VideoColour): string {
  return `in_color_matrix=${copyMatrix(c)}:in_range=${copyColour(c).fullRange ? 'pc' : 'tv'}`;
}
