import { readImageInfo } from '../media/images';
import type { SourceFacts } from './compiler';

/**
 * What the compiler needs to know of a photo, read from the file itself: its upright size and the EXIF
 * orientation that turns its stored pixels upright (readImageInfo: the same rule as the facts shown in the
 * library, the thumbnail and the preview). Read at export rather than taken from the library's record, which
 * keeps no mirror and may date from an older rule; a header read, no pixels decoded.
 */
export async function photoSourceFacts(file: string): Promise<SourceFacts> {
  // The file was accepted at import; the export does not hold it to the import's size limit again.
  const { facts, orientation } = await readImageInfo(file, Number.POSITIVE_INFINITY);
  return { path: file, kind: 'image', width: facts.width, height: facts.height, rotation: 0, orientation, durationSec: null, hasAudio: false, fps: null };
}

/**
 * A rendition (media/renditions.ts: the PNG of an SVG, the JPEG of a HEIC) is made upright and without EXIF:
 * nothing may turn it again.
 */
export function renditionSourceFacts(file: string, width: number | null, height: number | null): SourceFacts {
  return { path: file, kind: 'image', width, height, rotation: 0, orientation: 1, durationSec: null, hasAudio: false, fps: null };
}
