import fs from 'node:fs/promises';
import type { MediaTools } from './ffmpeg';
import { firstClusterOffset, lastClusterOffset, lastPacketEnd } from './matroska-tail';

/**
 * The duration of a file whose header does not say (a browser's MediaRecorder WebM, a live stream dump),
 * read from the timestamps of its last packets. Packets are read by demuxing only (no decoding). For
 * Matroska/WebM only the header and the last cluster are read: the two are joined into a small file that
 * ffprobe reads in a moment however long the recording is. Anything else (or a tail that cannot be found)
 * is scanned whole, still without decoding.
 */

/** How much of the end of a file is searched for its last cluster (a browser closes one every few seconds). */
export const TAIL_BYTES = 16 * 1024 * 1024;
const HEAD_BYTES = 1024 * 1024;

const PACKETS = ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0'];

export type DurationScan = { durationSec: number; method: 'tail' | 'scan' };

export async function durationFromTimestamps(
  tools: MediaTools,
  file: string,
  options: { startSec?: number; scratch: string; tailBytes?: number; signal?: AbortSignal },
): Promise<DurationScan | null> {
  const start = options.startSec ?? 0;
  const tail = await matroskaTailEnd(tools, file, options).catch(() => null);
  if (tail !== null) return { durationSec: Math.max(0, tail - start), method: 'tail' };
  const end = lastPacketEnd(await tools.probeRaw([...PACKETS, file], { signal: options.signal }));
  return end === null ? null : { durationSec: Math.max(0, end - start), method: 'scan' };
}

/** The end time of the last packet of a Matroska file, from its header plus its last cluster; null if not Matroska or not found. */
async function matroskaTailEnd(tools: MediaTools, file: string, options: { scratch: string; tailBytes?: number; signal?: AbortSignal }): Promise<number | null> {
  const fh = await fs.open(file, 'r');
  let joined: Buffer;
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await fh.read(head, 0, head.length, 0);
    const headerEnd = firstClusterOffset(head);
    if (headerEnd === null) return null;
    const tailStart = Math.max(headerEnd, size - (options.tailBytes ?? TAIL_BYTES));
    const tail = Buffer.alloc(size - tailStart);
    await fh.read(tail, 0, tail.length, tailStart);
    const last = lastClusterOffset(tail);
    if (last === null) return null;
    joined = Buffer.concat([head.subarray(0, headerEnd), tail.subarray(last)]);
  } finally {
    await fh.close();
  }
  await fs.writeFile(options.scratch, joined);
  try {
    return lastPacketEnd(await tools.probeRaw([...PACKETS, options.scratch], { signal: options.signal }));
  } finally {
    await fs.rm(options.scratch, { force: true });
  }
}
