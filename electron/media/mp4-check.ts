import fs from 'node:fs/promises';
import { AppError } from '../model/errors';
import { indexedMediaEnd, readBoxHeader } from './mp4-index';

/** An index larger than this is not read into memory (a day of 60 fps video has an index of a few tens of MB). */
const MAX_MOOV_BYTES = 256 * 1024 * 1024;

/**
 * Refuses an MP4/MOV/M4A whose media data stops before its index says it should (a copy or download that was
 * cut off): the top-level boxes must fit in the file, and every sample the index lists must lie inside it.
 * Reads box headers and the index only, never the media: instant on any size.
 */
export async function assertMp4Complete(file: string): Promise<void> {
  const fh = await fs.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const header = Buffer.alloc(16);
    let at = 0;
    let moov: { start: number; size: number } | null = null;
    while (at + 8 <= size) {
      const { bytesRead } = await fh.read(header, 0, 16, at);
      const h = readBoxHeader(header.subarray(0, bytesRead), 0);
      if (!h) return; // not boxes from here on: ffprobe has judged the file already
      const boxSize = h.size ?? size - at;
      if (at + boxSize > size) throw cutOff(h.type === 'mdat' ? 'its media data' : `its "${h.type}" box`, at + boxSize, size);
      if (h.type === 'moov') moov = { start: at, size: boxSize };
      at += boxSize;
    }
    if (!moov || moov.size > MAX_MOOV_BYTES) return;
    const bytes = Buffer.alloc(moov.size);
    await fh.read(bytes, 0, moov.size, moov.start);
    const end = indexedMediaEnd(bytes);
    if (end !== null && end > size) throw cutOff('the media its index lists', end, size);
  } finally {
    await fh.close();
  }
}

function cutOff(what: string, needed: number, size: number): AppError {
  const missing = Math.max(1, Math.round(((needed - size) / needed) * 100));
  return new AppError(
    'unsupported_media',
    `The file is cut off: ${what} should run to byte ${needed.toLocaleString('en-US')}, but the file ends at ${size.toLocaleString('en-US')} (about ${missing}% missing). It was probably copied or downloaded only in part; copy it again from its source.`,
  );
}
